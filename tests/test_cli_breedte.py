"""What `advies` prints fits the terminal: the reason tree (--uitleg), the rules listing and one
rule explained are wrapped to its width, at 80 columns as at 200, and nothing is cut: the same
words in the same order as on a terminal wide enough for every line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advies.cli.app import app
from advies.knowledge.model import Kennisbank
from advies.report.text import bronnen_tekst

ROOT = Path(__file__).resolve().parents[1]
ILSE = ROOT / "voorbeelden" / "ilse-coordinatoren.yaml"
runner = CliRunner()
BREEDTES = [60, 80, 100, 140, 200]


def uitvoer(kolommen: int, *args: str) -> str:
    uit = runner.invoke(app, list(args), env={"COLUMNS": str(kolommen)})
    assert uit.exit_code == 0, uit.output
    return uit.stdout


def woorden(tekst: str) -> list[str]:
    """The words, without the tree's lines and bullets."""
    return re.sub(r"[│├└─•]", " ", tekst).split()


def past(tekst: str, kolommen: int) -> None:
    te_lang = [r for r in tekst.splitlines() if len(r) > kolommen - 1]
    assert not te_lang, f"breder dan {kolommen} kolommen:\n" + "\n".join(te_lang)


@pytest.mark.parametrize("kolommen", BREEDTES)
def test_the_reason_tree_wraps_to_the_terminal_and_keeps_every_word(kolommen: int) -> None:
    tekst = uitvoer(kolommen, "beoordeel", str(ILSE), "--uitleg")
    past(tekst, kolommen)
    boom = tekst.split("\nRedeneerboom\n", 1)[1]
    breed = uitvoer(2000, "beoordeel", str(ILSE), "--uitleg").split("\nRedeneerboom\n", 1)[1]
    assert max(len(r) for r in breed.splitlines()) > 100  # the wide one is really unwrapped
    assert woorden(boom) == woorden(breed)
    # a continuation stays on its branch: every line of the tree but the last starts on one
    for regel in boom.splitlines()[1:-1]:
        assert regel.startswith(("│", "├", "└", "   ")), regel


@pytest.mark.parametrize("kolommen", BREEDTES)
def test_the_rules_listing_wraps_to_the_terminal_and_names_every_source(
    kolommen: int, kb: Kennisbank
) -> None:
    tekst = uitvoer(kolommen, "regels")
    past(tekst, kolommen)
    plat = " ".join(tekst.split())
    for regel in kb.regels():
        bronnen = " ".join(bronnen_tekst(regel.bronnen).split())
        assert re.search(rf"\b{regel.id}\b.*?{re.escape(bronnen)}", plat), regel.id


@pytest.mark.parametrize("kolommen", BREEDTES)
def test_one_rule_explained_wraps_and_keeps_every_word(kolommen: int) -> None:
    tekst = uitvoer(kolommen, "regels", "groep_te_klein")
    past(tekst, kolommen)
    assert woorden(tekst) == woorden(uitvoer(2000, "regels", "groep_te_klein"))


@pytest.mark.parametrize("kolommen", [60, 80])
def test_the_advice_itself_fits_a_narrow_terminal_too(kolommen: int) -> None:
    tekst = uitvoer(kolommen, "beoordeel", str(ILSE))
    past(tekst, kolommen)
    assert woorden(tekst) == woorden(uitvoer(200, "beoordeel", str(ILSE)))


def test_output_to_a_file_does_not_depend_on_the_window() -> None:
    """Not a terminal and no $COLUMNS: the fixed width of the text (the snapshots hold it)."""
    uit = runner.invoke(app, ["beoordeel", str(ILSE), "--uitleg"], env={"COLUMNS": ""})
    assert max(len(r) for r in uit.stdout.splitlines()) == 88
