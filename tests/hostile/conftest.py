"""Helpers for the hostile-input tests: the command in-process and as a real process.

A test that could hang (a FIFO, a deep file that once crashed the C loader) runs `advies` as a
process with a timeout, so a regression fails the test instead of stopping the suite.
`ADVIES_TEST_BIN` names another `advies` to run (to check that a test fails on older code).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from advies.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
VOORBEELDEN = ROOT / "voorbeelden"
ILSE = VOORBEELDEN / "ilse-coordinatoren.yaml"
ADVIES = Path(os.environ.get("ADVIES_TEST_BIN") or Path(sys.executable).parent / "advies")
WACHTTIJD = 60  # seconds: far more than any command needs; a hang ends the test, not the suite


def advies(*args: str) -> Result:
    """`advies ARGS` in-process (typer's CliRunner)."""
    return runner.invoke(app, [str(a) for a in args])


def proces(
    *args: str, invoer: bytes | None = None, env: dict[str, str] | None = None, **opties: object
) -> subprocess.CompletedProcess[str]:
    """`advies ARGS` as a process; a hang fails the test."""
    try:
        return subprocess.run(
            [str(ADVIES), *map(str, args)],
            input=None if invoer is None else invoer.decode(),
            stdout=opties.pop("stdout", subprocess.PIPE),
            stderr=subprocess.PIPE,
            text=True,
            timeout=WACHTTIJD,
            env={**os.environ, **(env or {})},
            **opties,  # type: ignore[arg-type]
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"advies {' '.join(map(str, args))} hing langer dan {WACHTTIJD} s")


def geweigerd(uitkomst: Result | subprocess.CompletedProcess[str], *delen: str) -> str:
    """A refusal with exit code 2 and a Dutch message holding every part; returns the message."""
    if isinstance(uitkomst, Result):
        code, fout = uitkomst.exit_code, uitkomst.stderr
        assert uitkomst.exception is None or isinstance(uitkomst.exception, SystemExit), (
            uitkomst.exception
        )
    else:
        code, fout = uitkomst.returncode, uitkomst.stderr
    assert "Traceback" not in fout and "interne fout" not in fout, fout
    assert code == 2, f"afsluitcode {code}: {fout}"
    assert fout.startswith("fout: "), fout
    for deel in delen:
        assert deel in fout, f"{deel!r} ontbreekt in: {fout}"
    return fout


def ilse(map_: Path) -> Path:
    """A copy of Ilse's case: `rapport -o` records the advice given in the case file itself."""
    pad = map_ / "ilse.yaml"
    if not pad.exists():
        shutil.copy(ILSE, pad)
    return pad


def schrijf(map_: Path, naam: str, tekst: str | bytes) -> Path:
    pad = map_ / naam
    if isinstance(tekst, bytes):
        pad.write_bytes(tekst)
    else:
        pad.write_text(tekst, encoding="utf-8")
    return pad


def casus(
    map_: Path,
    antwoorden: str = "  deelname: vrijwillig\n",
    naam: str = "casus.yaml",
    meta: str = "",
) -> Path:
    """A case file; its answers start on line 3, or after `meta` (YAML lines under meta:)."""
    kop = "versie: 1\n" + (f"meta:\n{meta}" if meta else "")
    return schrijf(map_, naam, kop + "antwoorden:\n" + antwoorden)


@pytest.fixture()
def casusmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The case folder of the intake, private (0700) as advies makes it."""
    map_ = tmp_path / "casussen"
    map_.mkdir(mode=0o700)
    monkeypatch.setenv("ADVIES_MAP", str(map_))
    return map_
