"""The advice of a case in the browser, and its downloads.

The page shows the coach's version of the written advice: the same document model that every
format renders (verdict, conditions, findings with sources, proposal, what would change the
verdict, the reason tree), laid out by the web's own template. The downloads are the report in
each format, for the client or the coach, and the §9 JSON.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from advies.case.files import bestandsstam, lees_casus
from advies.case.model import Casus
from advies.engine.advice import Advies
from advies.engine.evaluation import evalueer
from advies.errors import NietGevonden
from advies.questionnaires.case_folder import casus_in_map
from advies.questionnaires.intake import SECTIE, casusmap
from advies.web.context import casus_url, instellingen, kennisbank
from advies.web.rendering import pagina

FORMATEN = {
    # format: (label, extension, media type)
    "pdf": ("PDF", "pdf", "application/pdf"),
    "docx": (
        "Word",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "html": ("HTML", "html", "text/html; charset=utf-8"),
    "md": ("Markdown", "md", "text/markdown; charset=utf-8"),
}
PUBLIEK = {"klant": "Voor de opdrachtgever", "coach": "Werkversie voor de coach"}


def _lees(request: Request) -> tuple[str, Casus, Advies]:
    kb = kennisbank(request)
    naam = request.path_params["naam"]
    pad = casus_in_map(casusmap(instellingen(request).map), naam)
    casus = lees_casus(kb, pad)
    return pad.stem, casus, evalueer(casus, kb)


def _bestandsnaam(naam: str, voor: str, extensie: str) -> str:
    """An ASCII file name for the download (a header cannot carry every character)."""
    return f"advies-{bestandsstam(naam)}-{voor}.{extensie}"


async def advies(request: Request) -> Response:
    # the report's modules load with the first advice shown, not with the server
    from advies.report.sections import bouw_document

    kb = kennisbank(request)
    naam, casus, uitkomst = _lees(request)
    doc = bouw_document(casus, uitkomst, kb, voor="coach")
    boek = casus.meta.model_dump().get(SECTIE)
    downloads = [
        {
            "kop": PUBLIEK[voor],
            "links": [
                {
                    "label": label,
                    "beschrijving": f"{label}, {PUBLIEK[voor].lower()}",
                    "url": casus_url("advies", naam, "download", f"{formaat}?voor={voor}"),
                }
                for formaat, (label, _, _) in FORMATEN.items()
            ],
        }
        for voor in PUBLIEK
    ]
    return pagina(
        request,
        "advies.html",
        f"Advies · {doc.ondertitel or naam}",
        doc=doc,
        downloads=downloads,
        json_url=casus_url("advies", naam, "download", "json"),
        intake_klaar=isinstance(boek, dict) and bool(boek.get("klaar")),
        overzicht_url=casus_url("intake", naam, "overzicht"),
        gesprek_url=casus_url("gesprek", naam),
        gesprek_tekst="Het adviesgesprek bekijken of wijzigen"
        if casus.gesprek is not None
        else "Na het adviesgesprek: leg vast wat is besloten",
    )


async def download(request: Request) -> Response:
    from advies.report.render import render_report

    kb = kennisbank(request)
    formaat = request.path_params["formaat"]
    voor = request.query_params.get("voor", "klant")
    if (formaat not in FORMATEN and formaat != "json") or voor not in PUBLIEK:
        raise NietGevonden(
            f"onbekende download '{formaat[:20]}' voor '{voor[:20]}'; kies uit "
            f"{', '.join([*FORMATEN, 'json'])}, voor klant of coach"
        )
    naam, casus, uitkomst = _lees(request)
    if formaat == "json":
        inhoud: str | bytes = uitkomst.model_dump_json(indent=2)
        soort, extensie = "application/json", "json"
    else:
        inhoud = render_report(casus, uitkomst, kb, formaat, voor)  # type: ignore[arg-type]
        _, extensie, soort = FORMATEN[formaat]
    return Response(
        inhoud,
        media_type=soort,
        headers={
            "content-disposition": f'attachment; filename="{_bestandsnaam(naam, voor, extensie)}"'
        },
    )
