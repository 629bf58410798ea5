"""Random but valid advisory talks for random cases: each of the advice's own conditions agreed,
refused, left open or not discussed; sometimes a coach's own verdict that differs from the
advice; practical agreements and notes, some with characters Markdown and HTML give a meaning."""

from __future__ import annotations

import random
from typing import Any

from advies.case.model import VERDICTS
from advies.engine.advice import Advies

# typed by a coach: plain, and with what an output format would otherwise read as markup
_NOTITIES = (
    "De directeur opent de voorlichting zelf.",
    "Zij wil eerst overleggen met *HR*.",
    "Start <na> de zomer & na de reorganisatie.",
    "Bespreken in [overleg](x) op 12 maart.",
    "Budget volgt_na_1_januari.",
)
_STARTS = ("januari 2027", "2027-02-01", "na de zomer", "week 12 #2")
_WIE = ("de directeur", "mij", "HR en de teamleider", "Marja *zelf*")


def gesprek(rng: random.Random, advies: Advies) -> dict[str, Any]:
    """A talk about the conditions this advice put (before the talk), as a case file holds it."""
    codes = [b.code for b in advies.bevindingen if b.ernst == "voorwaardelijk" and not b.geweigerd]
    voorwaarden: dict[str, Any] = {}
    for code in codes:
        keuze = rng.choices(("akkoord", "geweigerd", "open", None), (6, 2, 2, 1))[0]
        if keuze is None:  # not discussed
            continue
        besluit: dict[str, Any] = {"besluit": keuze}
        if rng.random() < 0.4:
            besluit["notitie"] = rng.choice(_NOTITIES)
        voorwaarden[code] = besluit
    afspraken: dict[str, Any] = {}
    if rng.random() < 0.7:
        afspraken["startdatum"] = rng.choice(_STARTS)
    if rng.random() < 0.4:
        afspraken["bijeenkomsten"] = rng.randint(1, 14)
    if rng.random() < 0.4:
        afspraken["sessieduur"] = rng.choice((60, 90, 120, 150, 180))
    if rng.random() < 0.4:
        afspraken["coach_bijeenkomsten"] = rng.randint(0, 5)
    for veld in ("informeert_management", "informeert_groep"):
        if rng.random() < 0.3:
            afspraken[veld] = rng.choice(_WIE)
    if rng.random() < 0.3:
        afspraken["notitie"] = rng.choice(_NOTITIES)
    uit: dict[str, Any] = {"datum": "2026-12-05", "voorwaarden": voorwaarden}
    if afspraken:
        uit["afspraken"] = afspraken
    return uit


def oordeel_coach(rng: random.Random) -> dict[str, Any] | None:
    """A coach's own verdict in one talk in four, sometimes the same as the advice's."""
    if rng.random() >= 0.25:
        return None
    return {"verdict": rng.choice(VERDICTS), "reden": "Eigen afweging na het gesprek."}
