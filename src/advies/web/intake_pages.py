"""The intake in the browser: one question per page, saved to the case file after every answer
(the file is the only state, as at the terminal, so a closed tab or a reload loses nothing), a
review where any answer can be changed, and the verdict so far beside every question.

Answers that contradict each other (the questionnaire's `controles`) are said on every page of the
case until the coach changes one of them or confirms them, as the terminal asks before its review;
finishing waits for that. "Vorige vraag" goes back as the terminal's "terug" does.

Every form is a plain POST followed by a redirect (post/redirect/get); htmx only swaps the page's
content instead of loading it whole.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from advies.engine.evaluation import evalueer
from advies.questionnaires.answers import antwoord_tekst, antwoord_uit_invoer
from advies.questionnaires.case_folder import casus_in_map
from advies.questionnaires.flow import vorige_vraag
from advies.questionnaires.intake import Intake, casusmap, oordeel_kort
from advies.questionnaires.model import Vraag
from advies.web.context import (
    casus_url,
    formulier,
    instellingen,
    kennisbank,
    stil,
    vragenlijst,
)
from advies.web.questions import formulierwaarde, vraagveld
from advies.web.rendering import pagina

ONGELDIG = 422  # the form arrived, but its answer cannot be used: shown again with the message


def intake_run(request: Request, naam: str | None) -> Intake:
    """The intake of a case in the folder (None: a new one), from its file: the only state."""
    kb = kennisbank(request)
    map_ = casusmap(instellingen(request).map)
    pad = casus_in_map(map_, naam) if naam is not None else None
    return Intake(kb, vragenlijst(request, "intake"), pad, map_, stil, houd_ctrl_c=False)


def _naam(run: Intake) -> str | None:
    return run.pad.stem if run.pad is not None else None


def _paneel(run: Intake) -> object:
    return oordeel_kort(evalueer(run.casus(), run.kb, wat_als=False), run.kb)


def tegenspraak(run: Intake, na: str) -> list[dict[str, object]]:
    """The contradicting answers not yet confirmed, as the notice lays them out; `na`: where the
    coach returns after confirming (the review, or the intake where it stands)."""
    naam = _naam(run) or ""
    return [
        {
            "id": controle.id,
            "tekst": controle.tekst,
            "na": na,
            "bevestig_url": casus_url("intake", naam, "bevestig"),
            "vragen": [
                {
                    "label": run.label(v),
                    "antwoord": antwoord_tekst(v, run.stand, run.kb),
                    "url": casus_url("intake", naam, "vraag", v.id),
                }
                for v in vragen
            ],
        }
        for controle, vragen in run.tegenstrijdig()
    ]


def _vraagpagina(
    request: Request,
    run: Intake,
    vraag: Vraag,
    voortgang: tuple[int, int] | None,
    *,
    wijzig: bool = False,
    terug: bool = False,
    fout: str | None = None,
    invoer: str | None = None,
) -> Response:
    """`wijzig`: an answered question asked again, from the review (back there after saving) or,
    `terug`, from "Vorige vraag" (then on with the intake where it stands)."""
    naam = _naam(run)
    actie = casus_url("intake", naam, "antwoord") if naam else "/intake/nieuw"
    titel = str(run.stand.meta.get("naam") or "Nieuwe intake")
    vorige = vorige_vraag(run.vl, run.stand, vraag) if naam else None
    return pagina(
        request,
        "vraag.html",
        f"{vraag.tekst} · {titel}",
        status=ONGELDIG if fout else 200,
        casustitel=titel,
        veld=vraagveld(
            run.kb, run.vl, vraag, run.stand, voortgang=voortgang, fout=fout, invoer=invoer
        ),
        actie=actie,
        methode="post",
        wijzig=wijzig,
        verborgen_na="intake" if terug else None,
        paneel=_paneel(run) if naam else None,
        overzicht_url=casus_url("intake", naam, "overzicht") if naam else None,
        vorige_url=(
            casus_url("intake", naam, "vraag", vorige.id) + "?terug=1"
            if naam and vorige and (terug or not wijzig)
            else None
        ),
        tegenspraak=tegenspraak(run, "intake") if naam else [],
        inleiding=run.vl.inleiding if naam is None else None,
        knop="Opslaan en terug naar het overzicht" if wijzig and not terug else "Volgende",
    )


async def nieuw(request: Request) -> Response:
    """A new intake starts with the question the case file is named after."""
    run = intake_run(request, None)
    volgende = run.volgende()
    assert volgende is not None  # an empty case always has questions
    return _vraagpagina(request, run, *volgende)


async def volgende_vraag(request: Request) -> Response:
    """Go on where the intake stands: the first open question, or the review when all is asked."""
    run = intake_run(request, request.path_params["naam"])
    volgende = run.volgende()
    if volgende is None:
        return RedirectResponse(casus_url("intake", _naam(run) or "", "overzicht"), 303)
    return _vraagpagina(request, run, *volgende)


async def wijzig_vraag(request: Request) -> Response:
    """An earlier answer, asked again with what was answered chosen; `?terug=1`: reached through
    "Vorige vraag", so saving goes on with the intake instead of to the review."""
    run = intake_run(request, request.path_params["naam"])
    vraag = run.vraag(request.path_params["vraag"])
    terug = request.query_params.get("terug") == "1"
    return _vraagpagina(request, run, vraag, None, wijzig=True, terug=terug)


async def beantwoord(request: Request) -> Response:
    """Record one answer (new intake: it creates the case file), then show what comes next."""
    gegevens = await formulier(request)
    naam = request.path_params.get("naam")
    run = intake_run(request, naam)
    wijzig = formulierwaarde(gegevens, "wijzig") == "1"
    terug = wijzig and formulierwaarde(gegevens, "na") == "intake"
    vraag = run.vraag(formulierwaarde(gegevens, "vraag") or "")
    invoer = formulierwaarde(gegevens, "antwoord")
    antwoord = antwoord_uit_invoer(vraag, invoer)
    if isinstance(antwoord, str):
        volgende = None if wijzig else run.volgende()
        voortgang = volgende[1] if volgende and volgende[0].id == vraag.id else None
        return _vraagpagina(
            request, run, vraag, voortgang, wijzig=wijzig, terug=terug, fout=antwoord, invoer=invoer
        )
    run.beantwoord(vraag, antwoord, wijzig=wijzig)
    if run.pad is None:
        return _vraagpagina(
            request, run, vraag, None, fout="Geef de casus eerst een naam.", invoer=invoer
        )
    # a changed answer goes back to the review, as its button says (it shows what is still open)
    return RedirectResponse(
        casus_url("intake", run.pad.stem, *(["overzicht"] if wijzig and not terug else [])), 303
    )


async def bevestig(request: Request) -> Response:
    """The coach keeps contradicting answers as they are; back to the review or the intake."""
    gegevens = await formulier(request)
    run = intake_run(request, request.path_params["naam"])
    run.bevestig(formulierwaarde(gegevens, "controle") or "")
    na = "overzicht" if formulierwaarde(gegevens, "na") == "overzicht" else None
    return RedirectResponse(casus_url("intake", _naam(run) or "", *([na] if na else [])), 303)


async def overzicht(request: Request) -> Response:
    """The review: every answer, each with a link to change it; finish when nothing is open."""
    run = intake_run(request, request.path_params["naam"])
    naam = _naam(run) or ""
    volgende = run.volgende()
    rijen = [
        {
            "label": label,
            "antwoord": tekst,
            "url": casus_url("intake", naam, "vraag", v.id),
            "notitie_url": casus_url("intake", naam, "notitie", v.id),
            "notitie": run.notities[v.id].tekst if v.id in run.notities else "",
            "notitie_voor_klant": v.id in run.notities and run.notities[v.id].voor_klant,
        }
        for v, label, tekst in run.rijen()
    ]
    tegen = tegenspraak(run, "overzicht")
    titel = str(run.stand.meta.get("naam") or naam)
    return pagina(
        request,
        "overzicht.html",
        f"Overzicht · {titel}",
        kop="Overzicht: klopt alles?",
        klaar_knop="Klaar: toon het advies",
        verder_tekst="Verder met de intake",
        casustitel=titel,
        rijen=rijen,
        open_vragen=open_tekst(volgende[1][1] - volgende[1][0] + 1 if volgende else 0),
        verder_url=casus_url("intake", naam),
        klaar_url=casus_url("intake", naam, "klaar"),
        advies_url=casus_url("advies", naam),
        klaar=run.klaar,
        paneel=_paneel(run),
        tegenspraak=tegen,
        wacht_op=(
            "Eerst nog: kies bij de melding bovenaan of u een antwoord wijzigt, of dat het klopt zo."
            if tegen and not volgende
            else ""
        ),
    )


def open_tekst(aantal: int) -> str:
    if not aantal:
        return ""
    return "Er staat nog 1 vraag open." if aantal == 1 else f"Er staan nog {aantal} vragen open."


async def rond_af(request: Request) -> Response:
    """Done: the intake is marked finished in the case file, and the advice is shown."""
    await formulier(request)
    run = intake_run(request, request.path_params["naam"])
    naam = _naam(run) or ""
    if run.volgende() is not None:
        return RedirectResponse(casus_url("intake", naam), 303)
    if run.tegenstrijdig():  # the review says which answers, and what to do
        return RedirectResponse(casus_url("intake", naam, "overzicht"), 303)
    run.rond_af()
    return RedirectResponse(casus_url("advies", naam), 303)
