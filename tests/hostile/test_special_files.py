"""Point 9: only regular files are read, and only up to a size the message states.

A FIFO used to block every reader forever and /dev/zero to be read until memory ran out, so
these run `advies` as a process with a timeout: a regression fails, it does not hang the suite.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import ILSE, geweigerd, proces, schrijf

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="geen FIFO's op dit systeem")


@pytest.fixture()
def fifo(tmp_path: Path) -> Path:
    pad = tmp_path / "casus.yaml"
    os.mkfifo(pad)
    return pad


def opdrachten(invoer: Path, tmp_path: Path) -> list[tuple[str, ...]]:
    """Every command that reads a file the user names, with `invoer` as that file."""
    map_ = str(tmp_path / "map")
    return [
        ("beoordeel", str(invoer)),
        ("rapport", str(invoer)),
        ("intake", str(invoer), "--antwoorden", str(ILSE), "--map", map_),
        ("intake", "--antwoorden", str(invoer), "--map", map_),
        ("zelfcheck", "--antwoorden", str(invoer)),
    ]


def test_a_fifo_is_refused_by_every_reader(fifo: Path, tmp_path: Path) -> None:
    for opdracht in opdrachten(fifo, tmp_path):
        geweigerd(proces(*opdracht), str(fifo), "een pipe (FIFO), geen gewoon bestand")


def test_a_fifo_as_batch_is_refused(tmp_path: Path) -> None:
    pad = tmp_path / "batch.jsonl"
    os.mkfifo(pad)
    geweigerd(proces("beoordeel", pad), "een pipe (FIFO)")


@pytest.mark.parametrize("apparaat", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_by_every_reader(apparaat: str, tmp_path: Path) -> None:
    if not Path(apparaat).exists():
        pytest.skip(f"{apparaat} bestaat hier niet")
    koppeling = tmp_path / "casus.yaml"
    koppeling.symlink_to(apparaat)
    for opdracht in opdrachten(koppeling, tmp_path):
        geweigerd(proces(*opdracht), "een apparaat", "geen gewoon bestand")
    geweigerd(proces("beoordeel", apparaat), apparaat, "een apparaat")


def test_a_file_over_the_limit_is_refused_saying_its_size_and_the_limit(tmp_path: Path) -> None:
    groot = schrijf(tmp_path, "groot.yaml", ILSE.read_bytes() + b"# " + b"x" * 2_400_000 + b"\n")
    for opdracht in opdrachten(groot, tmp_path):
        geweigerd(proces(*opdracht), "het bestand is 2,4 MB", "mag hooguit 1 MB zijn")


def test_a_batch_larger_than_a_case_files_limit_is_still_read(tmp_path: Path) -> None:
    regel = json.dumps({"meta": {"notitie": "x" * 4000}, "antwoorden": {"deelname": "vrijwillig"}})
    pad = schrijf(tmp_path, "groot.jsonl", (regel + "\n") * 300)  # 1.2 MB
    uit = proces("beoordeel", pad, "--werkers", "1")
    assert uit.returncode == 0, uit.stderr
    assert len(uit.stdout.splitlines()) == 300
