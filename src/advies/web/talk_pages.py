"""After the advisory talk, in the browser: `advies gesprek` one question per page. Per condition
of the advice what was decided (with a note), the coach's own verdict and the agreements, saved to
the case file after every answer; a review; then the talk is recorded and the downloads of the
advice page become the confirmation letter."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from advies.engine.evaluation import evalueer
from advies.errors import InvoerFout
from advies.questionnaires.answers import antwoord_uit_invoer
from advies.questionnaires.case_folder import casus_in_map
from advies.questionnaires.flow import overzicht, te_stellen, volgende, zet_antwoord
from advies.questionnaires.intake import casusmap, oordeel_kort
from advies.questionnaires.model import Vraag
from advies.questionnaires.talk import Gespreksronde, casus_met_gesprek
from advies.web.context import casus_url, formulier, instellingen, kennisbank
from advies.web.intake_pages import ONGELDIG, open_tekst
from advies.web.questions import formulierwaarde, vraagveld
from advies.web.rendering import pagina


def _ronde(request: Request) -> tuple[str, Gespreksronde]:
    pad = casus_in_map(casusmap(instellingen(request).map), request.path_params["naam"])
    return pad.stem, Gespreksronde(kennisbank(request), pad, houd_ctrl_c=False)


def _vraag(ronde: Gespreksronde, vraag_id: str) -> Vraag:
    """The next question, or one answered before; anything else is refused."""
    for v in [*te_stellen(ronde.vl, ronde.kb, ronde.stand)[:1], *overzicht(ronde.vl, ronde.stand)]:
        if v.id == vraag_id:
            return v
    raise InvoerFout(f"de vraag '{vraag_id[:40]}' is nu niet aan de orde", bestand=str(ronde.pad))


def _paneel(ronde: Gespreksronde) -> object:
    casus = casus_met_gesprek(ronde.basis, ronde.stand)
    return oordeel_kort(evalueer(casus, ronde.kb, wat_als=False), ronde.kb)


def _vraagpagina(
    request: Request,
    naam: str,
    ronde: Gespreksronde,
    vraag: Vraag,
    voortgang: tuple[int, int] | None,
    *,
    wijzig: bool = False,
    fout: str | None = None,
    invoer: str | None = None,
) -> Response:
    titel = ronde.basis.meta.naam or naam
    vraag = ronde.zoals_gesteld(vraag)
    return pagina(
        request,
        "vraag.html",
        f"{vraag.tekst} · Adviesgesprek · {titel}",
        status=ONGELDIG if fout else 200,
        casustitel=f"Na het adviesgesprek · {titel}",
        veld=vraagveld(
            ronde.kb, ronde.vl, vraag, ronde.stand, voortgang=voortgang, fout=fout, invoer=invoer
        ),
        actie=casus_url("gesprek", naam, "antwoord"),
        methode="post",
        wijzig=wijzig,
        paneel=_paneel(ronde),
        overzicht_url=casus_url("gesprek", naam, "overzicht"),
        inleiding=ronde.vl.inleiding if voortgang and voortgang[0] == 1 else None,
        knop="Opslaan en terug naar het overzicht" if wijzig else "Volgende",
    )


async def volgende_vraag(request: Request) -> Response:
    naam, ronde = _ronde(request)
    stap = volgende(ronde.vl, ronde.kb, ronde.stand)
    if stap is None:
        return RedirectResponse(casus_url("gesprek", naam, "overzicht"), 303)
    return _vraagpagina(request, naam, ronde, *stap)


async def wijzig_vraag(request: Request) -> Response:
    naam, ronde = _ronde(request)
    vraag = _vraag(ronde, request.path_params["vraag"])
    return _vraagpagina(request, naam, ronde, vraag, None, wijzig=True)


async def beantwoord(request: Request) -> Response:
    gegevens = await formulier(request)
    naam, ronde = _ronde(request)
    wijzig = formulierwaarde(gegevens, "wijzig") == "1"
    vraag = _vraag(ronde, formulierwaarde(gegevens, "vraag") or "")
    invoer = formulierwaarde(gegevens, "antwoord")
    antwoord = antwoord_uit_invoer(vraag, invoer)
    if isinstance(antwoord, str):
        stap = None if wijzig else volgende(ronde.vl, ronde.kb, ronde.stand)
        voortgang = stap[1] if stap and stap[0].id == vraag.id else None
        return _vraagpagina(
            request, naam, ronde, vraag, voortgang, wijzig=wijzig, fout=antwoord, invoer=invoer
        )
    zet_antwoord(ronde.stand, vraag, antwoord, wis=wijzig)
    ronde.bewaar()
    return RedirectResponse(casus_url("gesprek", naam, *(["overzicht"] if wijzig else [])), 303)


async def overzicht_pagina(request: Request) -> Response:
    naam, ronde = _ronde(request)
    open_nu = len(te_stellen(ronde.vl, ronde.kb, ronde.stand))  # a follow-up may come: not counted
    rijen = [
        {"label": label, "antwoord": antwoord, "url": casus_url("gesprek", naam, "vraag", v.id)}
        for v, label, antwoord in ronde.rijen()
    ]
    titel = ronde.basis.meta.naam or naam
    return pagina(
        request,
        "overzicht.html",
        f"Adviesgesprek · {titel}",
        kop="Het adviesgesprek: klopt alles?",
        klaar_knop="Klaar: leg het gesprek vast",
        verder_tekst="Verder met het gesprek",
        casustitel=titel,
        rijen=rijen,
        open_vragen=open_tekst(open_nu),
        verder_url=casus_url("gesprek", naam),
        klaar_url=casus_url("gesprek", naam, "klaar"),
        advies_url=casus_url("advies", naam),
        klaar=ronde.basis.gesprek is not None,
        paneel=_paneel(ronde),
    )


async def leg_vast(request: Request) -> Response:
    """The talk is recorded (with the advice it now gives); the advice page shows the result."""
    await formulier(request)
    naam, ronde = _ronde(request)
    if volgende(ronde.vl, ronde.kb, ronde.stand) is not None:
        return RedirectResponse(casus_url("gesprek", naam), 303)
    ronde.leg_vast()
    return RedirectResponse(casus_url("advies", naam), 303)
