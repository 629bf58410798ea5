"""Every confirmation of an advisory talk keeps the promises of advies.report.coherence: those of
any advice, and those that only a confirmation can break (a refusal named as refused and never
promised, a no go that plans nothing, the verdict as stated, the coach's words as typed).

Checked on seeded random cases, each with a random talk about its own conditions (a quarter with
a coach's own verdict), in the client's version of the letter and, for what the talk decided, in the coach's (one case in three)."""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from advies.case.files import lees_casus
from advies.case.model import maak_casus
from advies.engine.evaluation import evalueer
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank
from advies.report.coherence import BELOFTEN, Controle, gebroken_beloften
from advies.report.markdown import als_markdown
from advies.report.sections import bouw_document
from oracle import CasusGenerator
from talk_generator import gesprek, oordeel_coach

AANTAL = 3_000
SEED = 20_261_205
ILSE = Path(__file__).resolve().parents[1] / "voorbeelden" / "ilse-coordinatoren.yaml"


@pytest.fixture(scope="module")
def kb() -> Kennisbank:
    return laad_kennisbank()


def met_gesprek(kb: Kennisbank, rng: random.Random, antwoorden: dict[str, Any]) -> dict[str, Any]:
    """A case file after a random talk about the conditions its advice put."""
    voor = evalueer(maak_casus(kb, {"antwoorden": antwoorden}, bestand="<willekeurig>"), kb)
    data: dict[str, Any] = {"antwoorden": antwoorden, "gesprek": gesprek(rng, voor)}
    oordeel = oordeel_coach(rng)
    if oordeel:
        data["oordeel_coach"] = oordeel
    return data


# the promises about what the talk decided hold in the coach's working version too (the others
# are about the client's letter)
VOOR_BEIDE = {code for code, (_, f) in BELOFTEN.items() if f.__module__.endswith("confirmation")}


def breuken(kb: Kennisbank, data: dict[str, Any], *, coach: bool = True) -> list[str]:
    casus = maak_casus(kb, data, bestand="<willekeurig>")
    advies = evalueer(casus, kb)
    uit = []
    for voor in ("klant", "coach") if coach else ("klant",):
        brief = bouw_document(casus, advies, kb, voor=voor, datum=date(2026, 12, 6))
        controle = Controle(casus, advies, kb, brief, als_markdown(brief))
        uit += [
            f"{b.belofte}: {b.wat} ({voor})"
            for b in gebroken_beloften(controle)
            if voor == "klant" or b.belofte in VOOR_BEIDE
        ]
    return uit


def test_the_promises_hold_on_random_confirmations(kb: Kennisbank) -> None:
    generator = CasusGenerator(kb, SEED)
    rng = random.Random(SEED)
    gevonden: dict[str, tuple[int, int, dict[str, Any]]] = {}
    for i in range(AANTAL):
        data = met_gesprek(kb, rng, generator.antwoorden())
        # the coach's version, with its chart, costs as much again: one case in three
        for breuk in breuken(kb, data, coach=i % 3 == 0):
            code = breuk.split(":")[0]
            eerste, aantal, voorbeeld = gevonden.get(code, (i, 0, {**data, "breuk": breuk}))
            gevonden[code] = (eerste, aantal + 1, voorbeeld)
    assert not gevonden, "\n".join(
        f"{k}: {n}x, eerst in casus {i}: {d}" for k, (i, n, d) in gevonden.items()
    )


def test_the_confirmation_promises_are_registered() -> None:
    assert {
        "weigering_niet_toegezegd",
        "besluit_op_zijn_plaats",
        "bevestiging_no_go_plant_niets",
        "bevestiging_oordeel_klopt",
        "afspraken_zoals_getypt",
    } == VOOR_BEIDE


ILSE_NA_GESPREK: dict[str, Any] = {
    "gesprek": {
        "datum": "2026-12-05",
        "voorwaarden": {
            "GESLOTEN_LEERKLIMAAT": {"besluit": "akkoord"},
            "VERTROUWELIJKHEID_ONZEKER": {"besluit": "open", "notitie": "Zij *overlegt* eerst."},
            "NIET_VOORGELICHT": {"besluit": "geweigerd"},
        },
        "afspraken": {"startdatum": "januari 2027", "notitie": "Budget <volgt>."},
    },
    "oordeel_coach": {"verdict": "go_onder_voorwaarden", "reden": "De directeur licht zelf voor."},
}


def _controle(kb: Kennisbank) -> Controle:
    basis = lees_casus(kb, ILSE).model_dump(mode="json")
    casus = maak_casus(kb, {**basis, **ILSE_NA_GESPREK}, bestand="<ilse>")
    advies = evalueer(casus, kb)
    brief = bouw_document(casus, advies, kb, voor="klant", datum=date(2026, 12, 6))
    return Controle(casus, advies, kb, brief, als_markdown(brief))


def _gebroken(c: Controle) -> set[str]:
    return {b.belofte for b in gebroken_beloften(c)}


def test_each_confirmation_promise_notices_the_letter_that_breaks_it(kb: Kennisbank) -> None:
    """The promises hold on this confirmation, and each one breaks when the letter is changed
    the way it forbids: they can fail."""
    c = _controle(kb)
    assert c.advies.eindoordeel == "go_onder_voorwaarden"
    assert _gebroken(c) == set()
    tekst = c.klant_tekst
    # the refused condition's promise in the letter after all
    geweigerd = next(b for b in c.advies.bevindingen if b.geweigerd)
    belofte = dataclasses.replace(
        c, klant_tekst=tekst + "\n\n" + " ".join(str(geweigerd.voorwaarde).split())
    )
    assert "weigering_niet_toegezegd" in _gebroken(belofte)
    # the open condition among the agreements
    afgesproken = next(s for s in c.klant.secties if s.anker == "afgesproken")
    omgedraaid = tuple(
        dataclasses.replace(sub, kop="Nog open" if sub.kop == "Toegezegd" else "Toegezegd")
        for sub in afgesproken.subsecties
    )
    secties = tuple(
        dataclasses.replace(s, subsecties=omgedraaid) if s is afgesproken else s
        for s in c.klant.secties
    )
    assert "besluit_op_zijn_plaats" in _gebroken(
        dataclasses.replace(c, klant=dataclasses.replace(c.klant, secties=secties))
    )
    # another verdict on the document than the advice's
    assert "bevestiging_oordeel_klopt" in _gebroken(
        dataclasses.replace(c, klant=dataclasses.replace(c.klant, verdict="go"))
    )
    # the coach's note as markup, not as typed
    assert "afspraken_zoals_getypt" in _gebroken(
        dataclasses.replace(
            c, klant_tekst=tekst.replace(r"Zij \*overlegt\* eerst.", "Zij *overlegt* eerst.")
        )
    )
    # a no go that still names the start
    no_go = dataclasses.replace(
        c,
        advies=c.advies.model_copy(
            update={"oordeel_coach": c.advies.oordeel_coach.model_copy(update={"verdict": "no_go"})}
        ),  # type: ignore[union-attr]
    )
    assert "bevestiging_no_go_plant_niets" in _gebroken(no_go)
