"""Point 16: a file the user may not read or a folder they may not write gets advies' own Dutch
message, checked as a user without root's rights.

CI runs as root, who reads and writes everything, so a skipped test hid typer's English. As root,
each check runs in a process that drops to an ordinary user (uid 65534, "nobody") after a warm-up:
the Python installation may sit in root's home, so everything the command imports is imported
(by running it once on a readable copy) before the rights are given up. As anyone else, the
command simply runs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ILSE, WACHTTIJD

ALS_GEBRUIKER = textwrap.dedent(
    """
    import io, json, os, sys
    from typer.testing import CliRunner
    from advies.cli.app import app
    opdracht, opwarmen, uid = json.loads(sys.argv[1])
    runner = CliRunner()
    if uid is not None:
        runner.invoke(app, opwarmen)  # import what the command imports, as root ...
        runner.invoke(app, ["beoordeel", "/bestaat/niet.yaml"])  # ... and what an error needs
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)  # from here on an ordinary user, for good
        assert os.geteuid() == uid and not os.access("/root", os.R_OK)
    uit = runner.invoke(app, opdracht)
    fout = uit.stderr
    if uit.exception is not None and not isinstance(uit.exception, SystemExit):
        import traceback
        fout += "".join(traceback.format_exception(uit.exception))
    print(json.dumps({"code": uit.exit_code, "fout": fout}))
    """
)
NOBODY = 65534
pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="geen Unix-rechten")


@pytest.fixture()
def map_() -> Iterator[Path]:
    """A folder an ordinary user can reach (pytest's own is root's alone)."""
    pad = Path(tempfile.mkdtemp(prefix="advies-rechten-"))
    pad.chmod(0o755)
    yield pad
    shutil.rmtree(pad)


def als_gebruiker(opdracht: list[str], opwarmen: list[str]) -> tuple[int, str]:
    """Run `advies OPDRACHT` without root's rights; (exit code, stderr)."""
    uid = NOBODY if os.geteuid() == 0 else None
    uit = subprocess.run(
        [sys.executable, "-c", ALS_GEBRUIKER, json.dumps([opdracht, opwarmen, uid])],
        capture_output=True,
        text=True,
        timeout=WACHTTIJD,
        env={**os.environ, "HOME": "/tmp"},
    )
    assert uit.returncode == 0, uit.stderr
    gedaan = json.loads(uit.stdout.strip().splitlines()[-1])
    return gedaan["code"], gedaan["fout"]


def nederlands(code: int, fout: str, *delen: str) -> None:
    assert code == 2, (code, fout)
    assert fout.startswith("fout: ") and "Traceback" not in fout, fout
    for engels in ("is not readable", "Permission denied", "does not exist", "Invalid value"):
        assert engels not in fout, fout
    for deel in delen:
        assert deel in fout, fout


def onleesbaar(map_: Path, naam: str, bron: Path = ILSE) -> Path:
    pad = map_ / naam
    shutil.copy(bron, pad)
    pad.chmod(0o000)
    return pad


@pytest.mark.parametrize(
    "opdracht",
    [
        ["beoordeel", "{f}"],
        ["rapport", "{f}"],
        ["rapport", "{f}", "-f", "docx", "-o", "{m}/a.docx"],
        ["intake", "--antwoorden", "{f}", "--map", "{m}/casussen"],
        ["zelfcheck", "--antwoorden", "{f}"],
    ],
    ids=["beoordeel", "rapport", "rapport-docx", "intake-antwoorden", "zelfcheck"],
)
def test_an_unreadable_file_gets_a_dutch_message(map_: Path, opdracht: list[str]) -> None:
    pad = onleesbaar(map_, "casus.yaml")
    leesbaar = Path(shutil.copy(ILSE, map_ / "ilse.yaml"))
    leesbaar.chmod(0o644)
    opwarmen = Path(shutil.copy(ILSE, map_ / "opwarmen.yaml"))
    vul = {"f": str(pad), "m": str(map_), "ilse": str(leesbaar)}
    code, fout = als_gebruiker(
        [d.format(**vul) for d in opdracht],
        [d.format(**{**vul, "f": str(opwarmen), "m": str(map_ / "opwarmen")}) for d in opdracht],
    )
    nederlands(code, fout, str(pad), "geen leesrechten voor dit bestand")


def test_an_unreadable_word_template_gets_a_dutch_message(map_: Path) -> None:
    from advies.report.docx import STANDAARD

    sjabloon = onleesbaar(map_, "briefpapier.docx", STANDAARD)
    # copies: `rapport -o` records the advice in the case file (and makes it its owner's only)
    ilse, opwarmen = (Path(shutil.copy(ILSE, map_ / n)) for n in ("ilse.yaml", "opwarmen.yaml"))
    ilse.chmod(0o644)
    code, fout = als_gebruiker(
        [
            "rapport",
            str(ilse),
            "-f",
            "docx",
            "-o",
            str(map_ / "a.docx"),
            "--sjabloon",
            str(sjabloon),
        ],
        [
            "rapport",
            str(opwarmen),
            "-f",
            "docx",
            "-o",
            str(map_ / "b.docx"),
            "--sjabloon",
            str(STANDAARD),
        ],
    )
    nederlands(code, fout, "geen leesrechten")


def test_a_folder_the_user_may_not_write_gets_a_dutch_message(map_: Path) -> None:
    dicht = map_ / "dicht"
    dicht.mkdir(mode=0o555)
    ilse = Path(shutil.copy(ILSE, map_ / "ilse.yaml"))
    ilse.chmod(0o644)
    code, fout = als_gebruiker(
        ["intake", "--antwoorden", str(ilse), "--map", str(dicht / "casussen")],
        ["intake", "--antwoorden", str(ilse), "--map", str(map_ / "opwarmen")],
    )
    nederlands(code, fout, "geen toegang")
    opwarmen = Path(shutil.copy(ILSE, map_ / "opwarmen.yaml"))  # rapport writes it, 0600
    code, fout = als_gebruiker(
        ["rapport", str(ilse), "-o", str(dicht / "advies.md")],
        ["rapport", str(opwarmen), "-o", str(map_ / "opwarmen.md")],
    )
    nederlands(code, fout, str(dicht / "advies.md"), "geen toegang")
