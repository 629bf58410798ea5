"""The manager's self-check: the result as data (the `--format json` contract) and as a screen.

Scored per key condition (rules/sleutelvoorwaarden.yaml) from the same evaluation as every advice:
an unknown answer leaves a condition `onbekend`, an open question, never a pass.
"""

from __future__ import annotations

import textwrap
from typing import Any, Literal

from pydantic import BaseModel

from advies.case.model import Casus
from advies.case.session import CasusSessie
from advies.engine.advice import Advies
from advies.knowledge.conditions import Alle, Conditie, EenVan, FeitVoorwaarde, geldt
from advies.knowledge.model import Bron, Kennisbank
from advies.questionnaires.answers import antwoord_tekst
from advies.questionnaires.flow import Beantwoorder, doorloop
from advies.questionnaires.model import Vragenlijst
from advies.questionnaires.state import Stand
from advies.report.text import BREEDTE, bronnen_tekst

Status = Literal["vervuld", "voorwaarde", "te_regelen", "onbekend", "niet_vervuld"]
MAX_EERST = 3
# in a manager's words, readable without colour
TEKEN: dict[Status, str] = {
    "vervuld": "●",
    "voorwaarde": "!",
    "te_regelen": "◐",
    "onbekend": "○",
    "niet_vervuld": "✗",
}
WOORD: dict[Status, str] = {
    "vervuld": "in orde",
    "voorwaarde": "eerst regelen",
    "te_regelen": "bij de start",
    "onbekend": "onbekend",
    "niet_vervuld": "staat in de weg",
}
# the headings and notes of the result, shared by every face (terminal, browser)
KOP_VOORWAARDEN = "Sleutelvoorwaarden"
KOP_EERST = "Regel dit eerst"
KOP_COACH = "Bespreek met een coach"
ALLES_IN_ORDE = "Alle sleutelvoorwaarden zijn in orde."
GEEN_ONDERWERPEN = "Hoe de groep start: welke werkvorm, welke begeleiding, welke afspraken."
EERST_UITLEG: dict[str, str] = {
    "blokkade": "staat een start in de weg",
    "onbekend": "nog onbekend: zoek dit eerst uit",
    "te_regelen": "regel dit bij de start",
}
COACH_KOPPEN: dict[str, str] = {
    "bezwaar": "Waarom intervisie hier niet past",
    "voorwaarde": "Voorwaarden waar een coach op zal staan",
    "open_vraag": "Open vragen",
}
# what to arrange first: what stands in the way, then what a coach will ask, then what is unknown
_VOLGORDE = {"niet_vervuld": 0, "voorwaarde": 1, "onbekend": 2, "te_regelen": 3}
SECTIE = "zelfcheck"


class GegevenAntwoord(BaseModel):
    feit: str
    vraag: str
    antwoord: str


class Voorwaarde(BaseModel):
    code: str
    naam: str
    status: Status
    uitleg: str
    te_regelen: str
    prioriteit: int
    uw_antwoord: list[GegevenAntwoord]  # for `niet_vervuld`: the answers that stand in the way
    nog_te_weten: list[str]  # for `onbekend`: the self-check's questions still unanswered
    bronnen: list[Bron]


class Actie(BaseModel):
    voorwaarde: str  # the key condition's code, or the blocking finding's
    naam: str
    status: Status | Literal["blokkade"]
    tekst: str
    uw_antwoord: list[GegevenAntwoord]
    bronnen: list[Bron]


class Gespreksonderwerp(BaseModel):
    soort: Literal["bezwaar", "voorwaarde", "open_vraag"]
    titel: str
    tekst: str


class Zelfcheck(BaseModel):
    kennisbank_versie: str
    verdict: str
    verdict_label: str
    verdict_zin: str
    telling: dict[Status, int]
    voorwaarden: list[Voorwaarde]
    eerst_regelen: list[Actie]
    met_coach: list[Gespreksonderwerp]
    alternatief: list[str]
    antwoorden: dict[str, Any]


def beoordeel_zelfcheck(kb: Kennisbank, vl: Vragenlijst, antwoorden: dict[str, Any]) -> Zelfcheck:
    from advies.engine.evaluation import evalueer

    advies = evalueer(Casus(antwoorden=antwoorden), kb, wat_als=False)
    return zelfcheck_uit_advies(kb, vl, advies, antwoorden)


def _blokkade_tekst(kb: Kennisbank, code: str, advies: Advies) -> str:
    """What a block asks of a manager: intervision waits, and what fits first."""
    regel = kb.bevinding(code)
    if advies.verdict == "no_go" and advies.alternatief:
        namen = ", ".join(a.naam.lower() for a in advies.alternatief)
        return f"Intervisie past nu niet. Wat eerst past: {namen}. {advies.alternatief[0].vervolg}"
    return " ".join(regel.uitleg.split())


def _vraagtekst(kb: Kennisbank, vl: Vragenlijst, feit: str) -> str:
    """The question in the manager's words where the self-check has one."""
    vragen = vl.vragen_voor(feit)
    return vragen[0].tekst if vragen else str(kb.feiten[feit]["vraag"])


def _onware_feiten(conditie: Conditie | None, antwoorden: dict[str, Any]) -> list[str]:
    """The facts whose answer makes a condition false: the parts that fail."""
    if conditie is None or geldt(conditie, antwoorden) is not False:
        return []
    if isinstance(conditie, FeitVoorwaarde):
        return [conditie.feit]
    assert isinstance(conditie, (Alle, EenVan))
    return list(dict.fromkeys(f for d in conditie.delen for f in _onware_feiten(d, antwoorden)))


def _uw_antwoord(
    kb: Kennisbank, vl: Vragenlijst, code: str, antwoorden: dict[str, Any]
) -> list[GegevenAntwoord]:
    regel = next(s for s in kb.sleutelvoorwaarden if s.code == code)
    stand = Stand(antwoorden=antwoorden)
    gegeven: dict[str, GegevenAntwoord] = {}
    for feit in _onware_feiten(regel.conditie, antwoorden):
        vragen = vl.vragen_voor(feit)
        if vragen and vragen[0].id not in gegeven:
            tekst = antwoord_tekst(vragen[0], stand, kb)
            gegeven[vragen[0].id] = GegevenAntwoord(
                feit=feit, vraag=vragen[0].tekst, antwoord=tekst
            )
    return list(gegeven.values())


def zelfcheck_uit_advies(
    kb: Kennisbank, vl: Vragenlijst, advies: Advies, antwoorden: dict[str, Any]
) -> Zelfcheck:
    prioriteit = {s.code: s.prioriteit for s in kb.sleutelvoorwaarden}
    voorwaarden = [
        Voorwaarde(
            code=s.code,
            naam=s.naam,
            status=s.status,
            uitleg=s.uitleg,
            te_regelen=s.te_regelen,
            prioriteit=prioriteit.get(s.code, 99),
            uw_antwoord=_uw_antwoord(kb, vl, s.code, antwoorden)
            if s.status in ("niet_vervuld", "voorwaarde", "te_regelen")
            else [],
            nog_te_weten=list(dict.fromkeys(_vraagtekst(kb, vl, f) for f in s.ontbrekende_feiten)),
            bronnen=s.bronnen,
        )
        for s in advies.sleutelvoorwaarden
    ]
    open_ = sorted(
        (v for v in voorwaarden if v.status != "vervuld"),
        key=lambda v: (_VOLGORDE[v.status], v.prioriteit),
    )
    # a block comes first, in what it asks instead of intervision
    blokkades = [
        Actie(
            voorwaarde=b.code,
            naam=b.titel,
            status="blokkade",
            tekst=_blokkade_tekst(kb, b.code, advies),
            uw_antwoord=[],
            bronnen=list(b.bronnen),
        )
        for b in advies.blokkades
    ]
    # at a no go the rest is moot: nothing else to arrange for a group that does not start
    eerst = [
        *blokkades,
        *(
            Actie(
                voorwaarde=v.code,
                naam=v.naam,
                status=v.status,
                tekst=v.te_regelen,
                uw_antwoord=v.uw_antwoord,
                bronnen=v.bronnen,
            )
            for v in ([] if blokkades else open_)
        ),
    ][: max(MAX_EERST, len(blokkades))]
    coach: list[Gespreksonderwerp] = []
    for b in advies.blokkades:
        coach.append(Gespreksonderwerp(soort="bezwaar", titel=b.titel, tekst=b.uitleg))
    for b in advies.voorwaarden:
        coach.append(
            Gespreksonderwerp(
                soort="voorwaarde", titel=b.toezegging or b.titel, tekst=b.voorwaarde or b.uitleg
            )
        )
    vragen: dict[str, list[str]] = {}
    for ov in advies.open_vragen:
        if ov.beslissend:
            vragen.setdefault(_vraagtekst(kb, vl, ov.feit), []).append(ov.waarom)
    for vraag, redenen in vragen.items():
        coach.append(
            Gespreksonderwerp(
                soort="open_vraag", titel=vraag, tekst=" ".join(dict.fromkeys(redenen))
            )
        )
    telling: dict[Status, int] = dict.fromkeys(WOORD, 0)
    for v in voorwaarden:
        telling[v.status] += 1
    return Zelfcheck(
        kennisbank_versie=advies.kennisbank_versie,
        verdict=advies.verdict,
        verdict_label=advies.verdict_label,
        verdict_zin=advies.verdict_zin,
        telling=telling,
        voorwaarden=voorwaarden,
        eerst_regelen=eerst,
        met_coach=coach,
        alternatief=[a.naam for a in advies.alternatief],
        antwoorden=dict(antwoorden),
    )


# --- the screen ---------------------------------------------------------------------------------


def _wrap(tekst: str, inspringen: str, vervolg: str | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(tekst.split()),
        BREEDTE,
        initial_indent=inspringen,
        subsequent_indent=inspringen if vervolg is None else vervolg,
        break_on_hyphens=False,
    )


def met_coach_per_soort(z: Zelfcheck) -> list[tuple[str, list[Gespreksonderwerp]]]:
    """What to discuss with a coach under its headings, leaving out empty ones."""
    groepen = [
        (kop, [o for o in z.met_coach if o.soort == soort]) for soort, kop in COACH_KOPPEN.items()
    ]
    return [(kop, onderwerpen) for kop, onderwerpen in groepen if onderwerpen]


def balk(z: Zelfcheck) -> str:
    """A bar readable without colour: ● met, ○ unknown, ✗ not met."""
    return "[" + "".join(TEKEN[s] * z.telling[s] for s in WOORD) + "]"


def als_tekst(z: Zelfcheck) -> str:
    t = z.telling
    regels = [f"Dit wijst op: {z.verdict_label.upper()}", *_wrap(z.verdict_zin, "  ")]
    if z.alternatief:
        regels.append("  Wat beter past: " + ", ".join(z.alternatief))
    telling = ", ".join(f"{t[s]} {WOORD[s]}" for s in WOORD if t[s] or s == "vervuld")
    regels += ["", f"{KOP_VOORWAARDEN}  {balk(z)}  {telling}"]
    breedte = max(len(w) for w in WOORD.values())
    for v in z.voorwaarden:
        regels.append(f"  {TEKEN[v.status]} {WOORD[v.status]:<{breedte}}  {v.naam}")
    regels += ["", KOP_EERST]
    if not z.eerst_regelen:
        regels.append(f"  {ALLES_IN_ORDE}")
    for i, a in enumerate(z.eerst_regelen, start=1):
        extra = f" ({EERST_UITLEG[a.status]})" if a.status in EERST_UITLEG else ""
        regels.append(f"  {i}. {a.naam}{extra}")
        regels += _wrap(a.tekst, "     ")
        for antwoord in a.uw_antwoord:
            regels += _wrap(
                f'U antwoordde "{antwoord.antwoord}" op: {antwoord.vraag}', "     ", "       "
            )
        regels += _wrap("Bron: " + bronnen_tekst(a.bronnen[:2]), "     ", "       ")
    regels += ["", KOP_COACH]
    for kop, onderwerpen in met_coach_per_soort(z):
        regels.append(f"  {kop}:")
        for o in onderwerpen:
            if o.soort == "open_vraag":
                regels += _wrap(o.titel, "  - ", "    ")
            else:
                regels += _wrap(f"{o.titel}. {o.tekst}", "  - ", "    ")
    if not z.met_coach:
        regels.append(f"  {GEEN_ONDERWERPEN}")
    regels += ["", f"advies, regels {z.kennisbank_versie}", ""]
    return "\n".join(regels)


# --- running it ---------------------------------------------------------------------------------


def voer_zelfcheck_uit(
    kb: Kennisbank,
    vl: Vragenlijst,
    basis: Casus,
    stand: Stand,
    beantwoord: Beantwoorder,
    sessie: CasusSessie | None,
    *,
    tussendoor: bool,
) -> Zelfcheck:
    """Ask what is left and score it. With a `sessie` (its file locked) the answers are kept as
    a case file a coach can continue with `advies intake`; `tussendoor` saves after every answer
    (at a terminal)."""
    from advies.questionnaires.answering import casus_uit_stand, ononderbroken

    def bewaar(_: Stand) -> None:
        if sessie is not None:
            with ononderbroken():
                sessie.bewaar(casus_uit_stand(basis, stand, SECTIE))

    doorloop(vl, kb, stand, beantwoord, bewaar if tussendoor else lambda _: None)
    bewaar(stand)
    return beoordeel_zelfcheck(kb, vl, stand.antwoorden)
