"""`advies rapport` on the command line: formats, audiences, and errors that leave no
half-written file."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advies.cli.app import app

from .conftest import VOORBEELDEN

# `rapport -o` records the advice given in the case file itself: a copy, never the example
_KOPIEEN = tempfile.TemporaryDirectory(prefix="advies-voorbeelden-")
ILSE = shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", _KOPIEEN.name)
runner = CliRunner()


def _run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})


def test_markdown_goes_to_the_screen_when_no_output_file_is_given():
    uit = _run("rapport", ILSE)
    assert uit.exit_code == 0, uit.output
    assert uit.stdout.startswith("# Advies over de start van intervisie")


def test_the_format_follows_the_output_file_and_the_file_is_private(tmp_path: Path):
    doel = tmp_path / "advies.pdf"
    uit = _run("rapport", ILSE, "--uitvoer", str(doel))
    assert uit.exit_code == 0, uit.output
    assert doel.read_bytes().startswith(b"%PDF-")
    assert oct(doel.stat().st_mode & 0o777) == "0o600"


def test_the_coach_version_adds_the_reason_tree(tmp_path: Path):
    doel = tmp_path / "coach.html"
    assert _run("rapport", ILSE, "-f", "html", "-o", str(doel), "--voor", "coach").exit_code == 0
    assert "Redeneerboom" in doel.read_text(encoding="utf-8")
    assert "Redeneerboom" not in _run("rapport", ILSE, "-f", "html").stdout


@pytest.mark.parametrize("formaat", ["docx", "pdf"])
def test_a_binary_format_needs_an_output_file(formaat: str):
    uit = _run("rapport", ILSE, "-f", formaat)
    assert uit.exit_code == 2
    assert f"--uitvoer advies.{formaat}" in uit.stderr


def test_an_output_extension_that_contradicts_the_format_is_refused(tmp_path: Path):
    uit = _run("rapport", ILSE, "-f", "pdf", "-o", str(tmp_path / "advies.docx"))
    assert uit.exit_code == 2
    assert "past niet bij --format pdf" in uit.stderr
    assert not (tmp_path / "advies.docx").exists()


def test_an_unwritable_output_path_gets_a_clear_error_and_no_file(tmp_path: Path):
    bestand = tmp_path / "gewoon-bestand"
    bestand.write_text("x", encoding="utf-8")
    doel = bestand / "advies.pdf"  # a folder that is a file: cannot be created, even as root
    uit = _run("rapport", ILSE, "-o", str(doel))
    assert uit.exit_code == 2
    assert (
        str(doel) in uit.stderr
        and "kies met --uitvoer een map waarin u mag schrijven" in uit.stderr
    )
    assert "Traceback" not in uit.output
    assert sorted(os.listdir(tmp_path)) == ["gewoon-bestand"]


def test_a_bad_template_leaves_the_previous_output_untouched(tmp_path: Path):
    doel = tmp_path / "advies.docx"
    doel.write_bytes(b"vorige versie")
    sjabloon = tmp_path / "kapot.docx"
    sjabloon.write_text("dit is geen Word-bestand", encoding="utf-8")
    uit = _run("rapport", ILSE, "-o", str(doel), "--sjabloon", str(sjabloon))
    assert uit.exit_code == 2
    assert f"{sjabloon}: geen bruikbaar Word-bestand" in uit.stderr
    assert doel.read_bytes() == b"vorige versie"
    assert sorted(os.listdir(tmp_path)) == ["advies.docx", "kapot.docx"]


def test_a_template_is_only_for_word(tmp_path: Path):
    uit = _run("rapport", ILSE, "-f", "md", "--sjabloon", str(tmp_path / "x.docx"))
    assert uit.exit_code == 2 and "alleen voor --format docx" in uit.stderr


def test_a_directory_as_output_is_refused(tmp_path: Path):
    uit = _run("rapport", ILSE, "-f", "md", "-o", str(tmp_path))
    assert uit.exit_code == 2 and "dit is een map" in uit.stderr


def test_the_help_explains_the_command_with_an_example():
    uit = _run("rapport", "--help")
    assert uit.exit_code == 0
    assert "advies rapport voorbeelden/ilse-coordinatoren.yaml -o advies-ilse.pdf" in uit.stdout


def test_beoordeel_shows_the_coach_judgement_beside_the_engine_verdict():
    pad = str(VOORBEELDEN / "ilse-oordeel-coach.yaml")
    tekst = _run("beoordeel", pad, "--zonder-wat-als").stdout
    assert "Oordeel: GO ONDER VOORWAARDEN" in tekst and "Oordeel van de coach: no go" in tekst
    data = json.loads(_run("beoordeel", pad, "-f", "json", "--zonder-wat-als").stdout)
    assert data["verdict"] == "go_onder_voorwaarden"
    assert data["oordeel_coach"]["verdict"] == "no_go" and data["oordeel_coach"]["reden"]


def test_the_cli_does_not_import_the_document_libraries_until_a_report_is_asked_for():
    import subprocess
    import sys

    code = (
        "import sys, advies.cli.app, advies.report; "
        "print(sorted(m for m in ('typst', 'docxtpl', 'docx', 'jinja2', 'PIL') if m in sys.modules))"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == "[]"


def test_the_format_follows_a_known_extension_when_none_is_given(tmp_path: Path):
    for naam, begin in (("advies.html", b"<!DOCTYPE html"), ("advies.md", b"# Advies")):
        uit = _run("rapport", ILSE, "-o", str(tmp_path / naam))
        assert uit.exit_code == 0, uit.output
        assert (tmp_path / naam).read_bytes().lstrip().startswith(begin)


@pytest.mark.parametrize("naam", ["advies.odt", "advies.txt", "advies"])
def test_an_extension_that_names_no_format_is_refused_without_a_file(tmp_path: Path, naam: str):
    uit = _run("rapport", ILSE, "-o", str(tmp_path / naam))
    assert uit.exit_code == 2
    assert "volgt geen formaat; advies schrijft .md, .html, .docx en .pdf" in uit.stderr
    assert "geschreven" not in uit.output and not list(tmp_path.iterdir())


def test_a_given_format_refuses_an_extension_of_another_kind(tmp_path: Path):
    uit = _run("rapport", ILSE, "-f", "md", "-o", str(tmp_path / "advies.odt"))
    assert uit.exit_code == 2
    assert "de extensie .odt past niet bij --format md; gebruik bijvoorbeeld" in uit.stderr
    assert not list(tmp_path.iterdir())


def test_a_missing_folder_is_refused_and_not_created(tmp_path: Path):
    doel = tmp_path / "bestaat-niet" / "dieper" / "advies.pdf"
    uit = _run("rapport", ILSE, "-o", str(doel))
    assert uit.exit_code == 2
    assert f"de map {doel.parent} bestaat niet; maak haar eerst aan" in uit.stderr
    assert not (tmp_path / "bestaat-niet").exists()
