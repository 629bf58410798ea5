"""The manager's self-check in the browser, made for a phone.

Nothing is stored: the answers travel in the page's address (question id = the chosen answer),
and every page replays them through the same flow as the terminal (`flow.speel_na`). So a reload,
the back button and a bookmark all work without JavaScript and without a server-side session,
and the manager decides whether the answers leave the page: as a case file to give a coach.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from advies.case.files import casus_als_yaml
from advies.case.model import Casus, Meta
from advies.questionnaires.answering import casus_uit_stand
from advies.questionnaires.answers import antwoord_tekst
from advies.questionnaires.flow import Naspel, overzicht, speel_na
from advies.questionnaires.selfcheck import (
    ALLES_IN_ORDE,
    EERST_UITLEG,
    GEEN_ONDERWERPEN,
    KOP_COACH,
    KOP_EERST,
    KOP_VOORWAARDEN,
    SECTIE,
    TEKEN,
    WOORD,
    beoordeel_zelfcheck,
    met_coach_per_soort,
)
from advies.report.text import bronnen_tekst
from advies.web.context import kennisbank, vragenlijst
from advies.web.questions import vraagveld
from advies.web.rendering import pagina

ONGELDIG = 422


def _naspel(request: Request) -> Naspel:
    vl = vragenlijst(request, "zelfcheck")
    ids = {v.id for v in vl.vragen}
    invoer = {k: v for k, v in request.query_params.items() if k in ids}
    return speel_na(vl, kennisbank(request), invoer)


async def zelfcheck(request: Request) -> Response:
    kb = kennisbank(request)
    vl = vragenlijst(request, "zelfcheck")
    naspel = _naspel(request)
    wijzig = request.query_params.get("wijzig")
    if wijzig in naspel.gebruikt:
        vraag = vl.vraag(wijzig)
        verborgen = {k: v for k, v in naspel.gebruikt.items() if k != wijzig}
        veld = vraagveld(kb, vl, vraag, naspel.stand, voortgang=None, verborgen=verborgen)
        return _vraag(request, veld, 200, True)
    if naspel.volgende is not None:
        vraag = naspel.volgende
        gestuurd = request.query_params.get("vraag") == vraag.id
        fout = naspel.melding
        if gestuurd and fout is None:  # the form was sent without choosing
            fout = "Kies een van de antwoorden om verder te gaan."
        veld = vraagveld(
            kb,
            vl,
            vraag,
            naspel.stand,
            voortgang=naspel.voortgang,
            fout=fout,
            invoer=request.query_params.get(vraag.id),
            verborgen=naspel.gebruikt,
        )
        return _vraag(request, veld, ONGELDIG if fout else 200, False)
    return _uitslag(request, naspel)


def _vraag(request: Request, veld: object, status: int, wijzig: bool) -> Response:
    vl = vragenlijst(request, "zelfcheck")
    return pagina(
        request,
        "vraag.html",
        f"{getattr(veld, 'tekst', '')} · Zelfcheck",
        status=status,
        casustitel=vl.titel,
        veld=veld,
        actie="/zelfcheck",
        methode="get",
        wijzig=wijzig,
        paneel=None,
        overzicht_url=None,
        inleiding=vl.inleiding if getattr(veld, "nummer", None) == 1 else None,
        knop="Opslaan" if wijzig else "Volgende",
    )


def _uitslag(request: Request, naspel: Naspel) -> Response:
    kb = kennisbank(request)
    vl = vragenlijst(request, "zelfcheck")
    z = beoordeel_zelfcheck(kb, vl, naspel.stand.antwoorden)
    query = urlencode(naspel.gebruikt)
    antwoorden = [
        {
            "vraag": v.tekst,
            "antwoord": antwoord_tekst(v, naspel.stand, kb),
            "url": "/zelfcheck?" + urlencode({**naspel.gebruikt, "wijzig": v.id}),
        }
        for v in overzicht(vl, naspel.stand)
    ]
    return pagina(
        request,
        "zelfcheck_uitslag.html",
        "Uitslag · Zelfcheck",
        z=z,
        kop_voorwaarden=KOP_VOORWAARDEN,
        kop_eerst=KOP_EERST,
        kop_coach=KOP_COACH,
        alles_in_orde=ALLES_IN_ORDE,
        geen_onderwerpen=GEEN_ONDERWERPEN,
        voorwaarden=[
            {"teken": TEKEN[v.status], "woord": WOORD[v.status], "naam": v.naam, **_status(v)}
            for v in z.voorwaarden
        ],
        telling=[
            {"aantal": z.telling[s], "woord": WOORD[s], "status": s}
            for s in WOORD
            if z.telling[s] or s == "vervuld"
        ],
        eerst=[
            {
                "naam": a.naam,
                "uitleg": EERST_UITLEG.get(a.status, ""),
                "tekst": a.tekst,
                "uw_antwoord": a.uw_antwoord,
                "bron": bronnen_tekst(a.bronnen[:2]),
            }
            for a in z.eerst_regelen
        ],
        met_coach=met_coach_per_soort(z),
        antwoorden=antwoorden,
        download_url="/zelfcheck/antwoorden.yaml?" + query,
        opnieuw_url="/zelfcheck",
    )


def _status(v: object) -> dict[str, str]:
    return {"status": str(getattr(v, "status", ""))}


async def antwoorden_als_casus(request: Request) -> Response:
    """The answers as a case file, for the coach to continue with (`advies intake`)."""
    naspel = _naspel(request)
    casus = casus_uit_stand(Casus(meta=Meta(datum=date.today().isoformat())), naspel.stand, SECTIE)
    return Response(
        casus_als_yaml(casus),
        media_type="application/yaml; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="zelfcheck-antwoorden.yaml"'},
    )
