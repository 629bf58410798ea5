"""Snapshots of `advies beoordeel`: text, Markdown and JSON for one case per verdict, and the reason
tree for two. Stored as readable files in __snapshots__/; review every change as you would code."""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode
from typer.testing import CliRunner

from advies.case.files import schrijf_casus
from advies.case.model import maak_casus
from advies.cli.app import app
from advies.knowledge.model import Kennisbank

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
CASUSSEN = {
    "go": VOORBEELDEN / "schoolleiders-go.yaml",
    "go_onder_voorwaarden": VOORBEELDEN / "ilse-coordinatoren.yaml",
    "no_go": VOORBEELDEN / "backoffice-teamconflict.yaml",
    "onvoldoende_informatie": None,  # written by the fixture below
}
# Ilse's intake as she held it (VDL, inleiding): the manager's word, no questions asked.
ONVOLDOENDE = {
    "meta": {
        "naam": "Coördinatoren zorgdistricten (eerste gesprek)",
        "opdrachtgever": "organisatorisch manager",
    },
    "antwoorden": {
        "initiatief": "leidinggevende",
        "zelf_aangemeld": True,
        "groepsgrootte": 6,
        "functies": "gelijksoortig",
        "samenwerking": "geen",
        "locatie": "rustige_ruimte",
    },
}


class Tekst(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    file_extension = "txt"


class Markdown(Tekst):
    file_extension = "md"


class Json(Tekst):
    file_extension = "json"


EXTENSIE = {"text": Tekst, "md": Markdown, "json": Json}


@pytest.fixture(scope="module")
def casussen(kb: Kennisbank, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pad = tmp_path_factory.mktemp("casus") / "eerste-gesprek.yaml"
    schrijf_casus(pad, maak_casus(kb, ONVOLDOENDE, bestand="<snapshot>"))
    return {v: p or pad for v, p in CASUSSEN.items()}


def beoordeel(*args: str) -> str:
    uit = CliRunner().invoke(app, ["beoordeel", *args])
    assert uit.exit_code == 0, uit.output
    return uit.stdout


@pytest.mark.parametrize("formaat", ["text", "md", "json"])
@pytest.mark.parametrize("verdict", list(CASUSSEN))
def test_beoordeel_output_matches_the_snapshot(
    verdict: str, formaat: str, casussen: dict[str, Path], snapshot: SnapshotAssertion
) -> None:
    uit = beoordeel(str(casussen[verdict]), "--format", formaat)
    assert uit == snapshot.use_extension(EXTENSIE[formaat])


@pytest.mark.parametrize("verdict", ["no_go", "onvoldoende_informatie"])
def test_the_reason_tree_matches_the_snapshot(
    verdict: str, casussen: dict[str, Path], snapshot: SnapshotAssertion
) -> None:
    uit = beoordeel(str(casussen[verdict]), "--uitleg")
    boom = uit.split("\nRedeneerboom\n", 1)[1]
    assert boom == snapshot.use_extension(Tekst)
