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
        if not stuk:
            break
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
    """Through the command, as a user runs it."""
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


# --- whole batch files, mutated as exports and attackers do: 2,000 of them, through the library --

_KOLOMMEN = ["meta.id", "meta.naam", "deelname", "groepsgrootte", "leidinggevende_in_groep", "tijd"]


def _hr_waarde(waarde: object, rnd: random.Random) -> str:
    """A value as an HR export may spell it."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return rnd.choice((["ja", "Ja", "JA", "j"], ["nee", "Nee", "n", "NEE"])[not waarde])
    tekst = str(waarde)
    return rnd.choice([tekst, tekst.capitalize(), f" {tekst} ", tekst.upper()])


def _csv_batch(generator: CasusGenerator, rnd: random.Random) -> bytes:
    teken = rnd.choice(";,\t")
    regels = [teken.join(_KOLOMMEN)]
    for i in range(5):
        antwoorden = generator.antwoorden()
        rij = [f"T{i}", f"Team {i}"] + [_hr_waarde(antwoorden.get(k), rnd) for k in _KOLOMMEN[2:]]
        regels.append(teken.join(rij))
    for _ in range(rnd.randint(1, 3)):
        plek, keuze = rnd.randrange(len(regels)), rnd.random()
        if keuze < 0.15:  # another separator in one row
            regels[plek] = regels[plek].replace(teken, rnd.choice(";,\t"))
        elif keuze < 0.25:  # a column twice
            regels[0] += teken + rnd.choice(_KOLOMMEN)
        elif keuze < 0.35:  # a cell too many, or too few
            regels[plek] = regels[plek] + teken + "x" if rnd.random() < 0.5 else regels[plek][:-3]
        elif keuze < 0.45:  # a quote that opens or a note over lines
            regels[plek] += rnd.choice(['"', '"a\nb"', '"a""b"'])
        elif keuze < 0.5:  # a huge cell
            regels[plek] += teken + "x" * rnd.choice((1000, 140_000))
        elif regels[plek]:
            regels[plek] = _verminkt(regels[plek].encode(), rnd).decode("utf-8", "replace")
    einde = rnd.choice(["\n", "\r\n", "\r"])
    data = (einde.join(regels) + einde).encode("utf-8")
    return _in_bytes(data, rnd)


def _jsonl_batch(goed: list[str], rnd: random.Random) -> bytes:
    regels = list(goed)
    for _ in range(rnd.randint(1, 2)):
        plek, keuze = rnd.randrange(len(regels)), rnd.random()
        if keuze < 0.15:  # a key twice
            regels[plek] = (
                regels[plek]
                .replace('{"', '{"deelname": "verplicht", "', 1)
                .replace(
                    '"antwoorden": {', '"antwoorden": {"tijd": "beperkt", "tijd": "beperkt", ', 1
                )
            )
        elif regels[plek] in goed:
            regels[plek] = _verminkte_regel(regels[plek], rnd)
        elif regels[plek]:  # mutated already, maybe no JSON any more
            regels[plek] = _verminkt(regels[plek].encode(), rnd).decode("utf-8", "replace")
    einde = rnd.choice(["\n", "\r\n", "\r"])
    return _in_bytes((einde.join(regels) + einde).encode("utf-8"), rnd)


def _in_bytes(data: bytes, rnd: random.Random) -> bytes:
    keuze = rnd.random()
    if keuze < 0.05:
        return b"\xef\xbb\xbf" + data  # a byte-order mark
    if keuze < 0.08 and data:
        plek = rnd.randrange(len(data))
        return data[:plek] + rnd.choice([b"\x00", b"\xff", b"\xc3"]) + data[plek:]
    if keuze < 0.1 and data:
        return data[: rnd.randrange(len(data))]  # cut off anywhere
    return data


def test_two_thousand_mutated_batch_files_are_evaluated_or_refused_in_dutch(
    tmp_path: Path, kb: Kennisbank
) -> None:
    import io

    from advies.batch.run import Instellingen, beoordeel_batch
    from advies.errors import AdviesError

    generator = CasusGenerator(kb, 5)
    goed = [
        json.dumps({"meta": {"naam": f"groep {i}"}, "antwoorden": generator.antwoorden()})
        for i in range(6)
    ]
    rnd = random.Random(16)
    uitkomsten = {"beoordeeld": 0, "geweigerd": 0}
    for i in range(2_000):
        soort = rnd.choice([".jsonl", ".csv"])
        data = _jsonl_batch(goed, rnd) if soort == ".jsonl" else _csv_batch(generator, rnd)
        pad = tmp_path / f"batch{i % 10}{soort}"
        pad.write_bytes(data)
        doorgaan = rnd.random() < 0.3
        formaat = rnd.choice(["jsonl", "csv"])
        try:
            beoordeel_batch(
                pad, io.BytesIO(), Instellingen(formaat, doorgaan=doorgaan, werkers=1), kb=kb
            )
            uitkomsten["beoordeeld"] += 1
        except AdviesError as fout:
            assert fout.exit_code == 2, (i, fout.bericht())
            assert fout.bericht().startswith(str(pad)) and fout.message, (i, fout.bericht())
            uitkomsten["geweigerd"] += 1
    # both ways are taken often, or the mutations are too mild or too wild to test much
    assert min(uitkomsten.values()) > 400, uitkomsten
