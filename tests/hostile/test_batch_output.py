"""Where a batch writes: a full disk is an output error in Dutch (exit code 5), never a "rules
engine" error; a reader that stops early ends the batch quietly; the spreadsheet shows a name as
text, never runs it as a formula; a summary file is readable by the owner only."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from advies.batch.blocks import BLOK
from advies.knowledge.model import Kennisbank
from hostile.batch_support import ADVIES, advies, batchregels, omgeving


def _vol(tmp_path: Path) -> str:
    """A device that is always full, as /dev/full is: a node of our own where we may make one
    (on a shared machine another test may have replaced /dev/full by a file)."""
    eigen = tmp_path / "vol"
    try:
        os.mknod(eigen, stat.S_IFCHR | 0o600, os.makedev(1, 7))
        with open(eigen, "wb"):
            return str(eigen)
    except OSError:  # not root, or a file system without devices
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode), "/dev/full is geen apparaat"
        return "/dev/full"


@pytest.mark.parametrize("aantal", [10, 3 * BLOK], ids=["in-een-proces", "werkprocessen"])
def test_a_full_disk_is_an_output_error_with_its_own_exit_code(
    tmp_path: Path, kb: Kennisbank, aantal: int
) -> None:
    pad = tmp_path / "batch.jsonl"
    pad.write_text("\n".join(batchregels(kb, aantal)) + "\n", encoding="utf-8")
    with open(_vol(tmp_path), "wb") as vol:
        uitkomst = advies(tmp_path, "beoordeel", pad, stdout=vol, stderr=subprocess.PIPE)
    melding = uitkomst.stderr.decode()
    assert uitkomst.returncode == 5, melding
    assert melding.startswith("fout: kan de uitvoer niet wegschrijven: de schijf is vol")
    assert "regelengine" not in melding and "Traceback" not in melding


def test_a_reader_that_stops_early_ends_the_batch_quietly(tmp_path: Path, kb: Kennisbank) -> None:
    pad = tmp_path / "batch.jsonl"
    pad.write_text("\n".join(batchregels(kb, 4 * BLOK)) + "\n", encoding="utf-8")
    proces = subprocess.Popen(
        [*ADVIES, "beoordeel", str(pad)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=omgeving(tmp_path),
    )
    assert proces.stdout is not None and proces.stderr is not None
    json.loads(proces.stdout.readline())  # as `| head -1` reads
    proces.stdout.close()
    melding = proces.stderr.read().decode()
    assert proces.wait(timeout=120) == 0, melding
    assert "fout" not in melding and "Traceback" not in melding


def test_the_spreadsheet_shows_names_as_text_never_as_a_formula(
    tmp_path: Path, kb: Kennisbank
) -> None:
    kwaad = ['=HYPERLINK("http://x";"klik")', "+31 6 1234", "-2+3", "@SUM(A1)", 'Team "A";\nB']
    pad = tmp_path / "hr.csv"
    with pad.open("w", encoding="utf-8", newline="") as f:
        schrijver = csv.writer(f, delimiter=";")
        schrijver.writerow(["meta.id", "meta.naam", "deelname"])
        for i, naam in enumerate(kwaad):
            schrijver.writerow([f"={i}", naam, "vrijwillig"])
    uitkomst = advies(tmp_path, "beoordeel", pad, "--format", "csv")
    assert uitkomst.returncode == 0, uitkomst.stderr.decode()
    data = uitkomst.stdout
    assert data.startswith(b"\xef\xbb\xbfregel;id;naam;oordeel;")  # UTF-8 that Excel recognises
    assert data.count(b"\r\n") == len(kwaad) + 1  # rows end in CRLF; a line break in a name is LF
    rijen = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r[2] for r in rijen[1:]] == [
        "'" + kwaad[0],
        "'" + kwaad[1],
        "'" + kwaad[2],
        "'" + kwaad[3],
        kwaad[4],
    ]
    assert [r[1] for r in rijen[1:]] == [f"'={i}" for i in range(len(kwaad))]


def test_a_summary_file_is_for_the_owner_only(tmp_path: Path, kb: Kennisbank) -> None:
    pad = tmp_path / "batch.jsonl"
    pad.write_text("\n".join(batchregels(kb, 20)) + "\n", encoding="utf-8")
    samenvatting = tmp_path / "samenvatting.txt"
    uitkomst = advies(tmp_path, "beoordeel", pad, "--samenvatting", samenvatting)
    assert uitkomst.returncode == 0
    assert uitkomst.stderr == b""
    assert stat.S_IMODE(os.stat(samenvatting).st_mode) == 0o600
    assert samenvatting.read_text(encoding="utf-8").startswith(f"Samenvatting van {pad}")


def test_the_summary_is_never_written_over_the_batch_itself(tmp_path: Path, kb: Kennisbank) -> None:
    pad = tmp_path / "batch.jsonl"
    inhoud = "\n".join(batchregels(kb, 3)) + "\n"
    pad.write_text(inhoud, encoding="utf-8")
    uitkomst = advies(tmp_path, "beoordeel", pad, "--samenvatting", pad)
    assert uitkomst.returncode == 2
    assert "--samenvatting noemt de batch zelf" in uitkomst.stderr.decode()
    assert pad.read_text(encoding="utf-8") == inhoud
