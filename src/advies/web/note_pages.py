"""The coach's note on an answer of the intake, as the terminal's review offers it: written,
changed or removed, for the coach's version of the advice and, when ticked, the client's letter.
Saved in the case file (`notities`) at once."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from advies.questionnaires.answers import NOTITIE_MAX, antwoord_tekst, notitie_uit_invoer
from advies.questionnaires.intake import Intake
from advies.web.context import casus_url, formulier
from advies.web.intake_pages import ONGELDIG, intake_run
from advies.web.questions import formulierwaarde
from advies.web.rendering import pagina


def _pagina(
    request: Request, run: Intake, vraag_id: str, tekst: str, voor_klant: bool, fout: str | None
) -> Response:
    vraag = run.vraag(vraag_id)
    naam = run.pad.stem if run.pad is not None else ""
    titel = str(run.stand.meta.get("naam") or naam)
    return pagina(
        request,
        "notitie.html",
        f"Notitie · {titel}",
        status=ONGELDIG if fout else 200,
        casustitel=titel,
        label=run.label(vraag),
        antwoord=antwoord_tekst(vraag, run.stand, run.kb),
        actie=casus_url("intake", naam, "notitie", vraag.id),
        overzicht_url=casus_url("intake", naam, "overzicht"),
        tekst=tekst,
        voor_klant=voor_klant,
        max_lengte=NOTITIE_MAX,
        fout=fout,
    )


async def notitie(request: Request) -> Response:
    """The note on one answered question, ready to change."""
    run = intake_run(request, request.path_params["naam"])
    huidig = run.notities.get(request.path_params["vraag"])
    tekst, voor_klant = (huidig.tekst, huidig.voor_klant) if huidig else ("", False)
    return _pagina(request, run, request.path_params["vraag"], tekst, voor_klant, None)


async def bewaar_notitie(request: Request) -> Response:
    """Save the note (an empty one removes it), then back to the review."""
    gegevens = await formulier(request)
    run = intake_run(request, request.path_params["naam"])
    vraag = run.vraag(request.path_params["vraag"])
    tekst = formulierwaarde(gegevens, "tekst") or ""
    voor_klant = formulierwaarde(gegevens, "voor_klant") == "1"
    uitkomst = notitie_uit_invoer(tekst, voor_klant)
    if isinstance(uitkomst, str):
        return _pagina(request, run, vraag.id, tekst, voor_klant, uitkomst)
    run.zet_notitie(vraag, uitkomst)
    return RedirectResponse(casus_url("intake", run.pad.stem if run.pad else "", "overzicht"), 303)
