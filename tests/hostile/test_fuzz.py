"""Ten thousand mutated case files (seeded): every one is evaluated or refused with a Dutch input
error; none gives a traceback, an "interne fout", English from a parser, a hang or a crash.

The files are read and evaluated in-process by tests/hostile/fuzz_worker.py, in two processes
side by side (one per core): a crash of the C loader would end a worker, not the test run, and
is reported with the file that caused it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

WORKER = Path(__file__).with_name("fuzz_worker.py")
AANTAL = 10_000
ZADEN = (11, 12)


def test_ten_thousand_mutated_case_files_are_evaluated_or_refused_in_dutch() -> None:
    per_proces = AANTAL // len(ZADEN)
    processen = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "--zaad", str(zaad), "--aantal", str(per_proces)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        for zaad in ZADEN
    ]
    uitkomsten = []
    for zaad, proces in zip(ZADEN, processen, strict=True):
        uit, fout = proces.communicate(timeout=600)
        assert proces.returncode == 0, (
            f"zaad {zaad}, afsluitcode {proces.returncode}:\n{fout[-5000:]}"
        )
        uitkomsten.append(json.loads(uit))
    geldig = sum(u["geldig"] for u in uitkomsten)
    geweigerd = sum(u["geweigerd"] for u in uitkomsten)
    assert geldig + geweigerd == AANTAL
    assert geldig > AANTAL // 20 and geweigerd > AANTAL // 2  # both paths are really exercised
    engels = [m for u in uitkomsten for m in u["meldingen"] if m.startswith("ENGELS")]
    assert not engels, engels
