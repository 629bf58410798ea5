"""SIGTERM and Ctrl-C stop a batch cleanly: its workers stop with it, the output ends on a whole
line (never half a JSON line), and a Dutch message says how far it got, with exit code 128 +
the signal."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from advies.knowledge.model import Kennisbank
from hostile.batch_support import ADVIES, batchregels, omgeving

AANTAL = 30_000  # seconds of work on two workers: time enough to stop it halfway


@pytest.fixture(scope="module")
def groot(kb: Kennisbank, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pad = tmp_path_factory.mktemp("signalen") / "groot.jsonl"
    regels = batchregels(kb, 500)
    pad.write_text("\n".join(regels * (AANTAL // 500)) + "\n", encoding="utf-8")
    return pad


def _kinderen(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _leeft(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


@pytest.mark.parametrize(
    ("signaal", "aan_de_groep", "naam"),
    [
        (signal.SIGTERM, False, "SIGTERM"),
        (signal.SIGINT, True, "Ctrl-C"),  # Ctrl-C in a terminal reaches every process of the job
    ],
)
def test_a_stopped_batch_ends_on_a_whole_line_with_its_workers_gone(
    groot: Path, tmp_path: Path, signaal: int, aan_de_groep: bool, naam: str
) -> None:
    uitvoer = tmp_path / "uit.jsonl"
    with uitvoer.open("wb") as uit:
        proces = subprocess.Popen(
            [*ADVIES, "beoordeel", str(groot), "--werkers", "2"],
            stdout=uit,
            stderr=subprocess.PIPE,
            env=omgeving(tmp_path),
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while uitvoer.stat().st_size < 100_000 and proces.poll() is None:
            assert time.monotonic() < deadline, "de batch schreef niets"
            time.sleep(0.05)
        werkers = _kinderen(proces.pid)
        if aan_de_groep:
            os.killpg(proces.pid, signaal)
        else:
            proces.send_signal(signaal)
        _, fout = proces.communicate(timeout=120)
    melding = fout.decode()
    assert proces.returncode == 128 + signaal, melding
    assert werkers and not any(_leeft(p) for p in werkers), "werkprocessen draaien nog"
    assert "Traceback" not in melding
    data = uitvoer.read_bytes()
    assert data.endswith(b"\n")
    regels = data.splitlines()
    assert all(json.loads(r)["naam"].startswith("groep ") for r in regels)
    gevonden = re.search(
        r"gestopt na (\S+): ([\d.]+) casussen van .*tot en met regel ([\d.]+)", melding
    )
    assert gevonden, melding
    assert gevonden[1] == naam
    assert int(gevonden[2].replace(".", "")) == len(regels) == int(gevonden[3].replace(".", ""))
    assert 0 < len(regels) < AANTAL
    assert "de uitvoer eindigt op een hele regel" in melding
