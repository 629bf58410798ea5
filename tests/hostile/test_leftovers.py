"""Point 8: nothing stale or half-made stays behind, and what is there is respected."""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

from advies.knowledge.model import Kennisbank

from .conftest import ILSE, advies, geweigerd, schrijf


def test_stale_temporary_files_of_a_case_are_removed_at_its_next_save(tmp_path: Path) -> None:
    pad = Path(shutil.copy(ILSE, tmp_path / "ilse.yaml"))
    oud = [tmp_path / f".ilse.yaml.{s}.tmp" for s in ("k3j_9x2a", "abcdefgh")]
    for tijdelijk in oud:
        tijdelijk.write_text("antwoorden van een intake die werd afgebroken\n")
        tijdelijk.chmod(0o600)
        os.utime(tijdelijk, (time.time() - 3600,) * 2)
    ander = tmp_path / ".ilse.yaml.bak.k3j_9x2a.tmp"  # another file's: not ours to remove
    ander.write_text("x")
    antwoorden = schrijf(tmp_path, "a.yaml", "antwoorden:\n  houding: open\n")
    uit = advies("intake", pad, "--antwoorden", antwoorden)
    assert uit.exit_code == 0, uit.output
    assert not any(t.exists() for t in oud)
    assert ander.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".ilse.yaml.bak.k3j_9x2a.tmp", "a.yaml", "ilse.yaml"]
    )  # no lock file either


def test_an_existing_case_folder_others_can_read_is_made_private(
    tmp_path: Path, casusmap: Path
) -> None:
    casusmap.chmod(0o755)
    uit = advies("intake", "--antwoorden", ILSE)
    assert uit.exit_code == 0, uit.output
    assert stat.S_IMODE(casusmap.stat().st_mode) == 0o700
    assert "nu alleen voor u" in uit.stdout


def test_a_read_only_case_file_is_not_replaced(kb: Kennisbank, tmp_path: Path) -> None:
    pad = Path(shutil.copy(ILSE, tmp_path / "ilse.yaml"))
    pad.chmod(0o400)
    voor = pad.read_bytes()
    antwoorden = schrijf(tmp_path, "a.yaml", "antwoorden:\n  houding: open\n")
    geweigerd(advies("intake", pad, "--antwoorden", antwoorden), str(pad), "alleen-lezen")
    geweigerd(advies("zelfcheck", "--antwoorden", antwoorden, "--opslaan", pad), "alleen-lezen")
    uit = tmp_path / "advies.md"
    uit.write_text("een rapport van gisteren\n")
    uit.chmod(0o444)
    geweigerd(advies("rapport", pad, "-o", uit), "alleen-lezen")
    assert pad.read_bytes() == voor and uit.read_text() == "een rapport van gisteren\n"
    assert stat.S_IMODE(pad.stat().st_mode) == 0o400


def test_a_new_intake_from_answers_that_fails_leaves_no_file(tmp_path: Path) -> None:
    antwoorden = schrijf(tmp_path, "a.yaml", "antwoorden:\n  deelname: vrijwillig\n")
    nieuw = tmp_path / "nieuw.yaml"
    geweigerd(advies("intake", nieuw, "--antwoorden", antwoorden), "'naam' ontbreekt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]
    # an existing case stays as it was when the answers are refused
    pad = Path(shutil.copy(ILSE, tmp_path / "ilse.yaml"))
    voor = pad.read_bytes()
    fout = schrijf(tmp_path, "fout.json", '{"antwoorden": {"groepsgrootte": 500}}')
    geweigerd(advies("intake", pad, "--antwoorden", fout), "groepsgrootte")
    assert pad.read_bytes() == voor
