"""The documentation is tested: every command has help with an example and is in the README, and
the README's two commands and the output it shows are real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from advies.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALLEREN = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/advies beoordeel "
TESTEN = "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/pytest"


def commandos() -> dict[str, typer.core.TyperCommand]:
    """Whatever is registered at run time, entry points of other faces (`advies web`) included:
    others add commands, this test follows."""
    groep = typer.main.get_command(app)
    assert isinstance(groep, typer.core.TyperGroup)
    ctx = typer.Context(groep)
    return {naam: groep.get_command(ctx, naam) for naam in groep.list_commands(ctx)}  # type: ignore[misc]


def test_the_app_has_commands() -> None:
    assert {"beoordeel", "regels", "web"} <= set(commandos())


@pytest.mark.parametrize("naam", sorted(commandos()))
def test_every_command_has_help_with_an_example(naam: str) -> None:
    hulp = commandos()[naam].help or ""
    eerste = hulp.strip().splitlines()[0] if hulp.strip() else ""
    assert eerste.endswith((".", "?")), f"'{naam}' heeft geen samenvatting van één zin: {eerste!r}"
    assert "Voorbeeld" in hulp, f"'{naam}' heeft geen voorbeeld in de help"
    assert re.search(rf"^\s+advies {naam}\b", hulp, re.MULTILINE), (
        f"het voorbeeld van '{naam}' roept '{naam}' niet aan"
    )
    uit = CliRunner().invoke(app, [naam, "--help"])
    assert uit.exit_code == 0
    assert "Voorbeeld" in uit.stdout


@pytest.mark.parametrize("naam", sorted(commandos()))
def test_every_command_appears_in_the_readme(naam: str) -> None:
    assert f"`advies {naam}" in README, f"'advies {naam}' staat niet in README.md"


def test_the_readme_has_its_two_commands() -> None:
    blokken = re.findall(r"```bash\n(.*?)```", README, re.DOTALL)
    regels = [r.strip() for blok in blokken for r in blok.splitlines()]
    assert any(r.startswith(INSTALLEREN) for r in regels), "het installatiecommando ontbreekt"
    assert TESTEN in regels, "het testcommando ontbreekt"


def test_the_example_cases_named_in_the_readme_exist() -> None:
    genoemd = set(re.findall(r"voorbeelden/[\w.-]+\.yaml", README))
    assert genoemd
    assert not [p for p in genoemd if not (ROOT / p).is_file()]


def test_the_output_shown_in_the_readme_is_what_beoordeel_prints() -> None:
    """The install command ends with `advies beoordeel <case>`; the block after it shows the start
    of that command's output, up to a line with `...`."""
    casus = re.search(re.escape(INSTALLEREN) + r"(\S+)", README)
    assert casus
    getoond = re.search(
        re.escape(casus.group(0)) + r"\n```\n\n```\n(.*?)\n\s*\.\.\.\n```", README, re.DOTALL
    )
    assert getoond, "na het installatiecommando hoort een blok met het begin van de uitvoer"
    uit = CliRunner().invoke(app, ["beoordeel", str(ROOT / casus.group(1))])
    assert uit.exit_code == 0, uit.output
    assert uit.stdout.startswith(getoond.group(1) + "\n")
