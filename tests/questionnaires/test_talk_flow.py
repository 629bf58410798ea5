"""The talk's flow as the coach goes through it (user test): what a no go will not use is not
asked, the coach's own verdict is asked with the advice in view, the counter does not grow, and
what is asked ends up in the confirmation."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from advies.case.files import lees_casus
from advies.engine.evaluation import evalueer
from advies.knowledge.model import Kennisbank
from advies.questionnaires.answers import antwoord_tekst, antwoord_uit_invoer
from advies.questionnaires.model import Vraag
from advies.questionnaires.state import Antwoord, Stand
from advies.questionnaires.talk import VERDICT, Gespreksronde, casus_met_gesprek
from advies.report.markdown import als_markdown
from advies.report.sections import bouw_document

ILSE = Path(__file__).parents[2] / "voorbeelden" / "ilse-coordinatoren.yaml"
START = {"startdatum", "bijeenkomsten", "sessieduur", "coach_bijeenkomsten"}
START |= {"informeert_management", "informeert_groep"}


class Coach:
    """Answers the talk's questions as a coach would, and remembers what she was asked."""

    def __init__(self, antwoorden: Callable[[Vraag], str]):
        self.antwoorden = antwoorden
        self.gesteld: list[tuple[Vraag, tuple[int, int] | None]] = []

    def __call__(self, vraag: Vraag, stand: Stand, waar: tuple[int, int] | None) -> Antwoord:
        self.gesteld.append((vraag, waar))
        antwoord = antwoord_uit_invoer(vraag, self.antwoorden(vraag))
        assert not isinstance(antwoord, str), (vraag.id, antwoord)
        return antwoord

    @property
    def ids(self) -> list[str]:
        return [v.id for v, _ in self.gesteld]


def _weigert_de_eerste(vraag: Vraag, *, oordeel: str = "0") -> str:
    """Refuses the first condition, agrees to the others; types a start date and a note."""
    if vraag.id.startswith("besluit."):
        return "1" if vraag.id.endswith("GESLOTEN_LEERKLIMAAT") else "0"
    return {
        "oordeel": oordeel,
        "reden": "Alleen het verloop wordt gemeld.",
        "startdatum": "februari 2027",
        "bijeenkomsten": "8",
        "sessieduur": "120",
        "coach_bijeenkomsten": "3",
        "informeert_management": "0",
        "informeert_groep": "0",
        "notitie": "We spreken in maart opnieuw af.",
    }.get(vraag.id, "")


@pytest.fixture
def pad(tmp_path: Path) -> Path:
    pad = tmp_path / "ilse.yaml"
    shutil.copy(ILSE, pad)
    return pad


def _brief(kb: Kennisbank, pad: Path) -> str:
    casus = lees_casus(kb, pad)
    return als_markdown(bouw_document(casus, evalueer(casus, kb), kb, datum=date(2026, 12, 6)))


def test_after_a_refusal_the_talk_asks_no_start_but_keeps_the_free_note(
    kb: Kennisbank, pad: Path
) -> None:
    """User test: after a refusal the talk still asked the start date and the rest, and the
    no-go confirmation dropped all of it, the note that was promised "letterlijk" among them."""
    coach = Coach(_weigert_de_eerste)
    Gespreksronde(kb, pad).voer_uit(coach, None)
    assert not START & set(coach.ids), coach.ids
    assert "notitie" in coach.ids
    # a note at a condition goes with an agreement, an open point or a refusal the group starts
    # with: not asked once the refusal makes the advice a no go
    assert "notitie.GESLOTEN_LEERKLIMAAT" not in coach.ids
    brief = _brief(kb, pad)
    assert "## Waarom nu geen intervisie" in brief
    assert "## Verder afgesproken" in brief and "We spreken in maart opnieuw af." in brief
    assert "februari 2027" not in brief


def test_a_coach_who_starts_anyway_after_a_refusal_is_asked_the_start(
    kb: Kennisbank, pad: Path
) -> None:
    coach = Coach(lambda v: _weigert_de_eerste(v, oordeel="1"))  # "Ja: go"
    Gespreksronde(kb, pad).voer_uit(coach, None)
    assert set(coach.ids) >= START | {"notitie.GESLOTEN_LEERKLIMAAT"}
    brief = _brief(kb, pad)
    assert "De groep start: februari 2027." in brief
    assert "We spreken in maart opnieuw af." in brief


def test_the_coachs_own_verdict_is_asked_with_the_advice_as_it_now_stands(
    kb: Kennisbank, pad: Path, tmp_path: Path
) -> None:
    """User test: "Komt u als coach tot een ander oordeel dan het advies?" did not say that the
    refusal had made the advice a no go."""
    coach = Coach(_weigert_de_eerste)
    Gespreksronde(kb, pad).voer_uit(coach, None)
    oordeel = next(v for v, _ in coach.gesteld if v.id == "oordeel")
    assert "luidt het advies nu: no go." in oordeel.tekst
    assert oordeel.keuzes[0].tekst == "Nee, ik onderschrijf het advies (no go)"

    alles_goed = Coach(lambda v: "0" if v.id.startswith("besluit.") else _weigert_de_eerste(v))
    Gespreksronde(kb, shutil.copy(ILSE, tmp_path / "akkoord.yaml")).voer_uit(alles_goed, None)
    oordeel = next(v for v, _ in alles_goed.gesteld if v.id == "oordeel")
    assert "luidt het advies nu: go onder voorwaarden." in oordeel.tekst
    assert all("{" not in v.tekst for v, _ in [*coach.gesteld, *alles_goed.gesteld])


def test_the_counter_does_not_grow_as_the_talk_goes_on(kb: Kennisbank, pad: Path) -> None:
    """User test: [2/14], then [3/15]: a note after each decision made the total grow."""
    coach = Coach(lambda v: "0" if v.id.startswith("besluit.") else _weigert_de_eerste(v))
    Gespreksronde(kb, pad).voer_uit(coach, None)
    standen = [waar for _, waar in coach.gesteld]
    assert all(waar is not None for waar in standen)
    nummers = [waar[0] for waar in standen if waar]
    totalen = [waar[1] for waar in standen if waar]
    assert nummers == list(range(nummers[0], nummers[0] + len(nummers)))
    assert totalen == sorted(totalen, reverse=True), totalen
    assert nummers[-1] == totalen[-1]  # the last question says it is the last


def test_an_agreed_length_is_shown_in_minutes(kb: Kennisbank, pad: Path) -> None:
    ronde = Gespreksronde(kb, pad, houd_ctrl_c=False)
    ronde.stand.gesprek["afspraken.sessieduur"] = 120
    assert antwoord_tekst(ronde.vl.vraag("sessieduur"), ronde.stand, kb) == "120 minuten"
    assert antwoord_tekst(ronde.vl.vraag("bijeenkomsten"), ronde.stand, kb) == ""


def test_subscribing_to_the_advice_drops_an_own_verdict_that_lingers(
    kb: Kennisbank, pad: Path
) -> None:
    """ "Nee, ik onderschrijf het advies" is remembered as not known under the place of the
    verdict; an own verdict still in the file (given before, with its reason) no longer counts."""
    basis = lees_casus(kb, pad)
    stand = Stand(gesprek={VERDICT: "no_go", "oordeel_coach.reden": "Eerder gedacht."})
    assert casus_met_gesprek(basis, stand).oordeel_coach is not None
    stand.onbekend.add(VERDICT)
    assert casus_met_gesprek(basis, stand).oordeel_coach is None
