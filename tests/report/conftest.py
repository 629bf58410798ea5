"""Fixtures for the report tests: the knowledge base, one case per verdict, and text snapshots
stored as readable .md and .html files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from advies.case.files import lees_casus
from advies.case.model import Casus, maak_casus
from advies.engine.advice import Advies
from advies.engine.evaluation import evalueer
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank

VOORBEELDEN = Path(__file__).resolve().parents[2] / "voorbeelden"
VASTE_DATUM = date(2026, 11, 24)

# A case where the facts that decide are still unknown: voluntariness, conflicts, confidentiality.
ONVOLDOENDE: dict[str, Any] = {
    "meta": {
        "naam": "Wijkteams Zuid",
        "opdrachtgever": "manager sociaal domein",
        "organisatie": "Gemeente, wijkteams",
        "coach": "Marijke",
        "datum": "2026-11-26",
        "hulpvraag": (
            "Onze wijkteamleden willen leren van lastige casussen; "
            "we weten nog niet wie er meedoet."
        ),
    },
    "antwoorden": {
        "initiatief": "organisatie",
        "leervraag": "reflectie",
        "werkproblemen": "ja",
        "groepsgrootte": 7,
        "functies": "verschillend",
        "niveau": "uitvoerend",
        "leidinggevende_in_groep": False,
        "hierarchie_in_groep": False,
        "samenwerking": "indirect",
        "ervaring": "enige",
        "houding": "open",
        "leerklimaat": "neutraal",
        "tijd": "gefaciliteerd",
        "locatie": "rustige_ruimte",
        "voorgelicht": True,
    },
}

VOORBEELD = {
    "go": "schoolleiders-go.yaml",
    "go_onder_voorwaarden": "ilse-coordinatoren.yaml",
    "no_go": "backoffice-teamconflict.yaml",
}


class TekstSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT


class MarkdownSnapshot(TekstSnapshot):
    file_extension = "md"


class HtmlSnapshot(TekstSnapshot):
    file_extension = "html"


@pytest.fixture
def md_snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(MarkdownSnapshot)


@pytest.fixture
def html_snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(HtmlSnapshot)


@pytest.fixture(scope="session")
def kb() -> Kennisbank:
    return laad_kennisbank()


def casus_voor(kb: Kennisbank, verdict: str) -> Casus:
    if verdict == "onvoldoende_informatie":
        return maak_casus(kb, ONVOLDOENDE, bestand="<onvoldoende>")
    return lees_casus(kb, VOORBEELDEN / VOORBEELD[verdict])


@pytest.fixture(scope="session")
def gevallen(kb: Kennisbank) -> dict[str, tuple[Casus, Advies]]:
    """One case per verdict with its advice, evaluated once for the whole session."""
    uit = {}
    for verdict in ("go", "go_onder_voorwaarden", "no_go", "onvoldoende_informatie"):
        casus = casus_voor(kb, verdict)
        uit[verdict] = (casus, evalueer(casus, kb))
    coach = lees_casus(kb, VOORBEELDEN / "ilse-oordeel-coach.yaml")
    uit["oordeel_coach"] = (coach, evalueer(coach, kb))
    return uit
