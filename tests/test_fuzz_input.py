"""Mutated case files and batch lines: every one is evaluated or refused with a Dutch message.

Seeded, so a failure repeats. Some 15,000 mutations of this kind found crashes on a number as
a name, an impossible date and a list among the refused conditions (fixed); these few hundred keep
such input covered.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from advies.cli.app import app
from advies.knowledge.model import Kennisbank
from oracle import CasusGenerator

runner = CliRunner()
VOORBEELDEN = sorted((Path(__file__).parent.parent / "voorbeelden").glob("*.yaml"))

_INVOEGSELS = [b": ", b"\n  ", b"- ", b"[", b"{", b"'", b'"', b"\t", b"&a ", b"*a", b"-1", b"~"]
_INVOEGSELS += [b"1e999", b"99999999999999999999", b"yes", b"\n---\n", b"2026-13-45", b"!!str "]
_TEKENS = b" :-[]{}\"'\t\n#&*!|>%@`,?09az\xc3\xff"
_WAARDEN: list[object] = [None, True, 0, -1, 1.5, 10**30, "", "x", [], ["x"], [["a"]], {"a": 1}]


def _afgehandeld(uitkomst: Result) -> None:
    """Evaluated (0) or refused with a Dutch message (2); never a traceback or an internal error."""
    tekst = uitkomst.stdout + uitkomst.stderr
    assert uitkomst.exit_code in (0, 2), tekst[-500:]
    assert uitkomst.exception is None or isinstance(uitkomst.exception, SystemExit), tekst[-500:]
    assert "Traceback" not in tekst and "interne fout" not in tekst
    if uitkomst.exit_code == 2:
        assert uitkomst.stderr.startswith("fout: ")


def _verminkt(data: bytes, rnd: random.Random) -> bytes:
    stuk = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        plek, keuze = rnd.randrange(len(stuk)), rnd.random()
        if keuze < 0.3:
            stuk[plek] = rnd.choice(_TEKENS)
        elif keuze < 0.55:
            del stuk[plek : plek + rnd.randint(1, 20)]
        elif keuze < 0.8:
            stuk[plek:plek] = rnd.choice(_INVOEGSELS)
        else:
            regels = stuk.split(b"\n")
            a, b = rnd.randrange(len(regels)), rnd.randrange(len(regels))
            regels[a], regels[b] = regels[b], regels[a]
            stuk = bytearray(b"\n".join(regels))
    return bytes(stuk)


@pytest.mark.parametrize("zaad", range(4))
def test_mutated_case_files_are_evaluated_or_refused(tmp_path: Path, zaad: int) -> None:
    rnd = random.Random(zaad)
    for i in range(60):
        pad = tmp_path / f"casus{i}.yaml"
        pad.write_bytes(_verminkt(rnd.choice(VOORBEELDEN).read_bytes(), rnd))
        _afgehandeld(runner.invoke(app, ["beoordeel", str(pad), "--format", "json"]))


def _verminkte_regel(regel: str, rnd: random.Random) -> str:
    if rnd.random() < 0.5:
        return _verminkt(regel.encode(), rnd).decode("utf-8", "replace")
    data = json.loads(regel)
    waarde = rnd.choice(_WAARDEN)
    plek = rnd.choice(["feit", "meta", "oordeel", "geheel"])
    if plek == "feit":
        data["antwoorden"][rnd.choice([*data["antwoorden"], "onbekend"])] = waarde
    elif plek == "meta":
        data["meta"] = {rnd.choice(["naam", "datum", "eigen"]): waarde}
    elif plek == "oordeel":
        data["oordeel_coach"] = rnd.choice([waarde, {"verdict": "go", "reden": waarde}])
    else:
        data = rnd.choice([waarde, {"versie": waarde, **data}, {"antwoorden": waarde}])
    return json.dumps(data, ensure_ascii=rnd.random() < 0.5)


def test_mutated_batch_lines_are_evaluated_or_refused(tmp_path: Path, kb: Kennisbank) -> None:
    generator = CasusGenerator(kb, 3)
    goed = [json.dumps({"antwoorden": generator.antwoorden()}) for _ in range(12)]
    rnd = random.Random(7)
    for i in range(150):
        regels = list(goed)
        plek = rnd.randrange(len(regels))
        regels[plek] = _verminkte_regel(regels[plek], rnd)
        pad = tmp_path / f"batch{i}.jsonl"
        pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
        _afgehandeld(runner.invoke(app, ["beoordeel", str(pad), "--werkers", "1"]))
