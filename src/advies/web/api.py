"""The HTTP API for other tools: `POST /api/beoordeel` takes a case (the YAML or JSON of a case
file) and returns the advice as the §9 JSON, exactly as `advies beoordeel --format json`.

Errors are the command line's Dutch messages, as `{"fout": …, "status": …}` with a 4xx status.
A tool authenticates with `Authorization: Bearer <token>` (the token in the printed address).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from advies.case.files import lees_casus_json, lees_casus_tekst
from advies.engine.evaluation import evalueer
from advies.errors import InvoerFout
from advies.web.context import kennisbank

BRON = "verzoek"  # how messages name the request body, where a file would be named


async def beoordeel(request: Request) -> Response:
    kb = kennisbank(request)
    ruw = await request.body()
    if not ruw.strip():
        raise InvoerFout("het verzoek is leeg; stuur een casus als YAML of JSON", bestand=BRON)
    try:
        tekst = ruw.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        raise InvoerFout(
            f"het verzoek is geen UTF-8-tekst (onleesbare byte op positie {fout.start})",
            bestand=BRON,
        ) from None
    if "\x00" in tekst:
        raise InvoerFout("het verzoek is geen tekst (binaire inhoud)", bestand=BRON)
    soort = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if soort == "application/json" or (soort != "application/yaml" and tekst.lstrip()[:1] in "{["):
        casus = lees_casus_json(kb, tekst, BRON)
    else:
        casus = lees_casus_tekst(kb, tekst, BRON)
    wat_als = request.query_params.get("wat_als", "ja").lower() not in ("nee", "false", "0")
    advies = evalueer(casus, kb, wat_als=wat_als)
    return Response(advies.model_dump_json(), media_type="application/json")
