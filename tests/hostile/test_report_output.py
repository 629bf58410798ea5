"""Point 6: a report is never written over its own case file, nor over any other case file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ILSE, VOORBEELDEN, advies, geweigerd


@pytest.fixture()
def kopie(tmp_path: Path) -> Path:
    return Path(shutil.copy(ILSE, tmp_path / "ilse.yaml"))


def test_a_report_over_its_own_case_file_is_refused(kopie: Path) -> None:
    voor = kopie.read_bytes()
    for format in ("md", "html", "docx", "pdf"):
        geweigerd(advies("rapport", kopie, "-f", format, "-o", kopie), str(kopie))
    assert kopie.read_bytes() == voor


def test_a_report_over_its_case_file_under_another_name_is_refused(
    kopie: Path, tmp_path: Path
) -> None:
    koppeling = tmp_path / "advies.md"
    koppeling.symlink_to(kopie)
    voor = kopie.read_bytes()
    geweigerd(advies("rapport", kopie, "-o", koppeling), "het casusbestand zelf")
    assert kopie.read_bytes() == voor


def test_a_report_over_another_case_file_is_refused(kopie: Path, tmp_path: Path) -> None:
    # a case file under a report's name (saved so by hand, or by another program)
    ander = Path(shutil.copy(VOORBEELDEN / "schoolleiders-go.yaml", tmp_path / "verslag.md"))
    voor = ander.read_bytes()
    geweigerd(advies("rapport", kopie, "-o", ander), "dit is een casusbestand")
    assert ander.read_bytes() == voor


def test_a_report_named_yaml_is_refused(kopie: Path, tmp_path: Path) -> None:
    for opties in ((), ("-f", "md")):
        geweigerd(advies("rapport", kopie, *opties, "-o", tmp_path / "nieuw.yaml"), "nieuw.yaml")
    assert not (tmp_path / "nieuw.yaml").exists()
    uit = tmp_path / "advies.md"  # over an earlier report is fine
    for _ in range(2):
        gedaan = advies("rapport", kopie, "-o", uit)
        assert gedaan.exit_code == 0, gedaan.output
