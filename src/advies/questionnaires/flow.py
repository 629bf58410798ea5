"""The flow of a questionnaire: which question comes next, and what an answer does to the case.

Pure logic, shared by the terminal and its non-interactive twin: `when` conditions on earlier
answers, goal-driven skipping (a fact the rules no longer need is not asked), validation of typed
input, and the state that is saved after every answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from advies.knowledge.conditions import geldt
from advies.knowledge.model import BESLISSEND, Kennisbank
from advies.questionnaires.answers import antwoord_uit_invoer, huidige_keuze
from advies.questionnaires.model import Controle, Vraag, Vragenlijst
from advies.questionnaires.state import Antwoord, Stand

WAAROM = "?"  # typed at a text or number question: show "Waarom vragen we dit?"
TERUG_TEKEN = "<"  # typed at a text or number question: back to the previous question


def is_beantwoord(vraag: Vraag, stand: Stand) -> bool:
    if vraag.sleutel in stand.onbekend:
        return True
    plek = stand.omschrijving(vraag)
    if plek is not None:
        return plek[0].get(plek[1]) not in (None, "")
    return all(f in stand.antwoorden for f in vraag.vult)


def pas_standaarden_toe(vl: Vragenlijst, stand: Stand) -> None:
    """Give a question its `standaard` while its `when` is false; take it back when that changes."""
    for v in vl.vragen:
        if v.standaard is None or v.conditie is None or v.feit is None:
            continue
        if geldt(v.conditie, stand.antwoorden) is False:
            if v.feit not in stand.antwoorden:
                stand.antwoorden[v.feit] = v.standaard
                stand.afgeleid.add(v.feit)
                stand.onbekend.discard(v.feit)
        elif v.feit in stand.afgeleid:
            del stand.antwoorden[v.feit]
            stand.afgeleid.discard(v.feit)


def nodige_feiten(kb: Kennisbank, antwoorden: dict[str, Any]) -> dict[str, list[str]]:
    """Unknown facts that can still change the advice, each with the rules that need it."""
    if not antwoorden:
        # nothing known: every rule is undecided, so this needs no engine (and no time to load it)
        nodig: dict[str, list[str]] = {}
        for r in kb.regels():
            for f in r.feiten:
                nodig.setdefault(f, []).append(r.id)
        return nodig
    from advies.engine.evaluation import nog_nodig

    return nog_nodig(kb, antwoorden)


def te_stellen(vl: Vragenlijst, kb: Kennisbank, stand: Stand) -> list[Vraag]:
    """The questions still to ask, in order, given what is known now."""
    pas_standaarden_toe(vl, stand)
    nodig = nodige_feiten(kb, stand.antwoorden)
    gezien: set[str] = set()
    rest = []
    for v in vl.vragen:
        if v.sleutel in gezien or is_beantwoord(v, stand):
            continue
        if v.conditie is not None and geldt(v.conditie, stand.antwoorden) is False:
            continue
        if _buiten_oordeel(v, stand):
            continue
        if v.zodra is not None and not _heeft_waarde(vl.vraag(v.zodra), stand):
            continue
        if v.vult and not any(f in nodig for f in v.vult if f not in stand.antwoorden):
            continue  # cannot change the advice any more
        gezien.add(v.sleutel)
        rest.append(v)
    return rest


def _heeft_waarde(vraag: Vraag, stand: Stand) -> bool:
    return is_beantwoord(vraag, stand) and vraag.sleutel not in stand.onbekend


def _buiten_oordeel(vraag: Vraag, stand: Stand) -> bool:
    """A question about the talk that its verdict now makes moot (a start date under a no go)."""
    return stand.oordeel is not None and stand.oordeel in vraag.tenzij_oordeel


def voortgang(vl: Vragenlijst, stand: Stand, rest: list[Vraag]) -> tuple[int, int]:
    """Where the next question stands: [3/17]. The total counts a follow-up (`zodra`) of a
    question still to come as coming too, so it does not grow while one goes on; it shrinks when
    an answer makes questions moot."""
    klaar = beantwoord_aantal(vl, stand)
    komend = {v.id for v in rest}
    volgt = {
        v.sleutel
        for v in vl.vragen
        if v.zodra in komend and not is_beantwoord(v, stand) and not _buiten_oordeel(v, stand)
    }
    return klaar + 1, klaar + len(rest) + len(volgt - {v.sleutel for v in rest})


def beantwoord_aantal(vl: Vragenlijst, stand: Stand) -> int:
    beantwoord = {
        v.sleutel for v in vl.vragen if is_beantwoord(v, stand) and not _buiten_oordeel(v, stand)
    }
    return len(beantwoord - stand.afgeleid)


@dataclass
class Naspel:
    """A questionnaire replayed from what a form carries: how far the answers reach."""

    stand: Stand
    volgende: Vraag | None  # the question to ask now; None: all asked
    voortgang: tuple[int, int] | None
    melding: str | None  # why `volgende` is asked again: what was sent for it is no answer
    gebruikt: dict[str, str]  # the inputs that were used, in the order asked


def speel_na(vl: Vragenlijst, kb: Kennisbank, invoer: Mapping[str, str]) -> Naspel:
    """Replay the answers a stateless face carries (question id -> what the form sent) through
    the same flow as the terminal: skip logic, defaults and validation alike. It stops at the
    first question without a usable answer; answers to questions no longer asked are dropped."""
    stand = Stand()
    gebruikt: dict[str, str] = {}
    while True:
        rest = te_stellen(vl, kb, stand)
        if not rest:
            return Naspel(stand, None, None, None, gebruikt)
        vraag = rest[0]
        waar = voortgang(vl, stand, rest)
        if vraag.id not in invoer or vraag.id in gebruikt:  # never ask one question twice
            return Naspel(stand, vraag, waar, None, gebruikt)
        antwoord = antwoord_uit_invoer(vraag, invoer[vraag.id])
        if isinstance(antwoord, str):
            return Naspel(stand, vraag, waar, antwoord, gebruikt)
        zet_antwoord(stand, vraag, antwoord)
        gebruikt[vraag.id] = invoer[vraag.id]


def volgende(vl: Vragenlijst, kb: Kennisbank, stand: Stand) -> tuple[Vraag, tuple[int, int]] | None:
    """The next question and where it stands ([3/17]), or None when nothing is left to ask."""
    rest = te_stellen(vl, kb, stand)
    if not rest:
        return None
    return rest[0], voortgang(vl, stand, rest)


def vragen_beantwoord(aantal: int) -> str:
    """`1 vraag beantwoord`, `9 vragen beantwoord`."""
    return f"{aantal} {'vraag' if aantal == 1 else 'vragen'} beantwoord"


def zet_antwoord(stand: Stand, vraag: Vraag, antwoord: Antwoord, *, wis: bool = False) -> None:
    """Record an answer. "Weet ik niet" keeps facts that were already known (a question about two
    facts may be asked for the one still missing), unless `wis`: the user changes the answer."""
    if antwoord.onbekend:
        stand.onbekend.add(vraag.sleutel)
        if not wis:
            return
        for f in vraag.vult:
            stand.antwoorden.pop(f, None)
            stand.afgeleid.discard(f)
        plek = stand.omschrijving(vraag)
        if plek is not None:
            plek[0].pop(plek[1], None)
        return
    stand.onbekend.discard(vraag.sleutel)
    plek = stand.omschrijving(vraag)
    for sleutel, waarde in antwoord.waarden.items():
        if plek is not None:
            plek[0][sleutel] = waarde
        else:
            stand.antwoorden[sleutel] = waarde
            stand.afgeleid.discard(sleutel)
            stand.onbekend.discard(sleutel)


Beantwoorder = Callable[[Vraag, Stand, tuple[int, int] | None], Antwoord]  # None: in the review


def doorloop(
    vl: Vragenlijst,
    kb: Kennisbank,
    stand: Stand,
    beantwoord: Beantwoorder,
    na_antwoord: Callable[[Stand], None],
) -> None:
    """Ask until nothing is left to ask; `na_antwoord` runs after every answer (to save).

    "Terug" asks the previous question again, its answer ready to change: the one answered
    before in this run, or (after a resume) the answered question before it in the list. After
    the change the questionnaire goes on where it was, unless the new answer changes what to ask.
    """
    gesteld = overzicht(vl, stand)  # what came before, for "terug" right after a resume
    opnieuw: Vraag | None = None  # a question asked again after "terug"
    while True:
        rest = te_stellen(vl, kb, stand)
        vraag = opnieuw or (rest[0] if rest else None)
        if vraag is None:
            return
        waar = voortgang(vl, stand, rest)
        if opnieuw is not None:
            nummer = next(i for i, v in enumerate(gesteld, 1) if v.sleutel == vraag.sleutel)
            waar = (nummer, waar[1])
        antwoord = beantwoord(vraag, stand, waar)
        if antwoord.terug:
            opnieuw = _vorige(gesteld, vraag) or opnieuw
            continue
        zet_antwoord(stand, vraag, antwoord, wis=opnieuw is not None)
        if all(v.sleutel != vraag.sleutel for v in gesteld):
            gesteld.append(vraag)
        opnieuw = None
        na_antwoord(stand)


def _vorige(gesteld: list[Vraag], vraag: Vraag) -> Vraag | None:
    """The question before `vraag`: before it in what was asked, or the last asked if it is new;
    None at the first question (it is asked again)."""
    sleutels = [v.sleutel for v in gesteld]
    if vraag.sleutel in sleutels:
        plaats = sleutels.index(vraag.sleutel)
        return gesteld[plaats - 1] if plaats > 0 else None
    return gesteld[-1] if gesteld else None


def begin_keuze(vraag: Vraag, stand: Stand, kb: Kennisbank) -> int | None:
    """Where the pointer starts: on the answer known now; else on the first choice, unless that
    choice would make a blocking or conditional finding true that is not true without it (a
    shared conflict, the boss in the group): then on "weet ik niet", which neither blocks nor
    clears. Derived from the rules, so a new rule moves the pointer without a change here."""
    huidig = huidige_keuze(vraag, stand)
    if huidig is not None or not vraag.keuzes:
        return huidig
    if not _maakt_bezwaar_waar(vraag, vraag.keuzes[0], stand, kb):
        return 0
    return next(i for i, k in enumerate(vraag.keuzes) if k.onbekend)


def _maakt_bezwaar_waar(vraag: Vraag, keuze: Any, stand: Stand, kb: Kennisbank) -> bool:
    if keuze.onbekend:
        return False
    zet = {vraag.feit: keuze.waarde} if vraag.feit else dict(keuze.feiten)
    zonder = {f: w for f, w in stand.antwoorden.items() if f not in vraag.vult}
    met = {**zonder, **zet}
    return any(
        geldt(r.conditie, met) is True and geldt(r.conditie, zonder) is not True
        for r in kb.bevindingen
        if r.ernst in BESLISSEND
    )


def tegenstrijdig(vl: Vragenlijst, stand: Stand) -> list[Controle]:
    """The checks (`controles` in the questionnaire) whose answers contradict each other now and
    that the coach has not confirmed."""
    return [
        c
        for c in vl.controles
        if c.id not in stand.bevestigd and geldt(c.conditie, stand.antwoorden) is True
    ]


def vragen_bij(vl: Vragenlijst, stand: Stand, controle: Controle) -> list[Vraag]:
    """The answered questions a check is about: the ones to offer for a change."""
    beantwoord = {v.id for v in overzicht(vl, stand)}
    return [vl.vraag(i) for i in controle.vragen if i in beantwoord]


def vorige_vraag(vl: Vragenlijst, stand: Stand, vraag: Vraag) -> Vraag | None:
    """The question "terug" goes to from `vraag` when nothing but the answers is known (a resumed
    run, a page): the answered question before it in the questionnaire, or the last answered one
    if `vraag` is still open; None at the first."""
    return _vorige(overzicht(vl, stand), vraag)


def overzicht(vl: Vragenlijst, stand: Stand) -> list[Vraag]:
    """The answered questions, one per key, in questionnaire order: the review screen's rows."""
    gezien: set[str] = set()
    rijen = []
    for v in vl.vragen:
        if v.sleutel in gezien or not is_beantwoord(v, stand) or _buiten_oordeel(v, stand):
            continue
        if (
            v.conditie is not None
            and geldt(v.conditie, stand.antwoorden) is False
            and not (set(v.vult) & stand.afgeleid)
        ):
            continue  # another phrasing of this fact is the one that applies
        gezien.add(v.sleutel)
        rijen.append(v)
    return rijen
