"""Batch files as an unlucky export or an attacker makes them: each refused with a Dutch message
naming file, line and what is wrong (exit code 2), or read as meant; never a traceback, an
"interne fout", a case made of a whole row, or a hang."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from advies.batch import reading
from advies.batch.cases import lees_casus
from advies.cli.app import app
from advies.knowledge.model import Kennisbank

runner = CliRunner()
GOED = {
    "meta": {"naam": "Team Noord"},
    "antwoorden": {"deelname": "vrijwillig", "groepsgrootte": 6},
}


def beoordeel(pad: Path, *args: str) -> Result:
    return runner.invoke(app, ["beoordeel", str(pad), *args])


def geweigerd(uitkomst: Result, *delen: str) -> None:
    tekst = uitkomst.stderr
    assert uitkomst.exit_code == 2, uitkomst.output[-1000:]
    assert tekst.startswith("fout: "), tekst
    assert "Traceback" not in tekst and "interne fout" not in tekst
    for deel in delen:
        assert deel in tekst, f"{deel!r} ontbreekt in: {tekst}"


def schrijf(tmp_path: Path, naam: str, inhoud: str | bytes) -> Path:
    pad = tmp_path / naam
    if isinstance(inhoud, str):
        inhoud = inhoud.encode("utf-8")
    pad.write_bytes(inhoud)
    return pad


def namen(uitkomst: Result) -> list[str]:
    assert uitkomst.exit_code == 0, uitkomst.output[-1000:]
    return [json.loads(r)["naam"] for r in uitkomst.stdout.splitlines()]


# --- sizes -------------------------------------------------------------------------------------


def test_a_csv_cell_over_128_kb_is_refused_with_its_line(tmp_path: Path) -> None:
    tekst = "meta.naam;deelname\nTeam A;vrijwillig\nTeam B;" + "x" * (130 * 1024) + "\n"
    pad = schrijf(tmp_path, "hr.csv", tekst)
    geweigerd(beoordeel(pad), str(pad), "regel 3", "een cel is groter dan 128 KB")
    # reading cannot go on after it, so it stops even a batch that skips bad rows
    geweigerd(beoordeel(pad, "--doorgaan"), "regel 3", "een cel is groter dan 128 KB")


def test_a_json_line_over_the_limit_is_refused_and_skipped_with_doorgaan(tmp_path: Path) -> None:
    lang = json.dumps({"meta": {"naam": "x" * (reading.REGEL_GRENS + 10)}, "antwoorden": {}})
    regels = [json.dumps(GOED), lang, json.dumps(GOED)]
    pad = schrijf(tmp_path, "batch.jsonl", "\n".join(regels) + "\n")
    geweigerd(beoordeel(pad), "regel 2", "deze regel is langer dan 1024 KB")
    uitkomst = beoordeel(pad, "--doorgaan")
    assert uitkomst.exit_code == 2
    assert [json.loads(r)["regel"] for r in uitkomst.stdout.splitlines()] == [1, 3]
    assert "regel 2: deze regel is langer dan 1024 KB" in uitkomst.stderr


# --- line endings ------------------------------------------------------------------------------


def test_cr_only_line_endings_are_read_as_lines(tmp_path: Path) -> None:
    """An old Mac export ends lines with a CR alone; lines are counted as a user sees them."""
    goed, slecht = json.dumps(GOED), json.dumps({"antwoorden": {"groepsgrootte": "zes"}})
    pad = schrijf(tmp_path, "mac.jsonl", f"{goed}\r{goed}\r\r{goed}\r")
    assert namen(beoordeel(pad)) == ["Team Noord"] * 3
    pad = schrijf(tmp_path, "mac.jsonl", f"{goed}\r\r{slecht}\r")
    geweigerd(beoordeel(pad), "regel 3", "feit 'groepsgrootte'")
    csv = 'meta.naam;deelname;meta.notitie\rTeam A;vrijwillig;"twee\rregels"\rTeam B;soms;\r'
    pad = schrijf(tmp_path, "mac.csv", csv)
    geweigerd(beoordeel(pad), "regel 4", "feit 'deelname'", "'soms'")
    pad = schrijf(tmp_path, "mac.csv", csv.replace("soms", "verplicht"))
    assert namen(beoordeel(pad)) == ["Team A", "Team B"]


# --- what would be read wrong without a word -----------------------------------------------------


@pytest.mark.parametrize(
    ("regel", "sleutel"),
    [
        ('{"antwoorden": {"deelname": "verplicht", "deelname": "vrijwillig"}}', "deelname"),
        ('{"meta": {"naam": "A", "naam": "B"}, "antwoorden": {}}', "naam"),
        ('{"antwoorden": {}, "antwoorden": {"deelname": "verplicht"}}', "antwoorden"),
        (
            '{"meta": {"tijd": "10:30"}, "antwoorden": {"tijd": "beperkt", "tijd": "beperkt"}}',
            "tijd",
        ),
    ],
)
def test_a_key_twice_in_a_json_line_is_refused(tmp_path: Path, regel: str, sleutel: str) -> None:
    pad = schrijf(tmp_path, "batch.jsonl", json.dumps(GOED) + "\n" + regel + "\n")
    geweigerd(beoordeel(pad), "regel 2", f"'{sleutel}' staat twee keer in hetzelfde object")


def test_a_colon_inside_a_text_is_no_key_twice(tmp_path: Path) -> None:
    regel = {"meta": {"naam": 'Team "A": Noord', "notitie": "om 10:30"}, "antwoorden": {}}
    pad = schrijf(tmp_path, "batch.jsonl", json.dumps(regel) + "\n")
    assert namen(beoordeel(pad)) == ['Team "A": Noord']


def test_a_column_twice_in_a_csv_header_is_refused(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "hr.csv", "deelname;groepsgrootte;deelname\nverplicht;6;vrijwillig\n")
    geweigerd(
        beoordeel(pad), "regel 1", "kolom 'deelname' staat twee keer in de kopregel (kolom 1 en 3)"
    )


@pytest.mark.parametrize(
    ("rij", "teken"),
    [("Team B,vrijwillig,6", "een komma (',')"), ("Team B\tvrijwillig\t6", "een tab")],
)
def test_a_csv_row_with_another_separator_than_its_header_is_refused(
    tmp_path: Path, rij: str, teken: str
) -> None:
    pad = schrijf(
        tmp_path, "hr.csv", f"meta.naam;deelname;groepsgrootte\nTeam A;vrijwillig;6\n{rij}\n"
    )
    geweigerd(
        beoordeel(pad),
        "regel 3",
        f"deze rij scheidt de waarden met {teken}, de kopregel met een puntkomma (';')",
    )


def test_a_short_csv_row_leaves_its_missing_cells_unknown(tmp_path: Path) -> None:
    # a comma inside a name is no other separator: the row does not split into more values
    pad = schrijf(
        tmp_path, "hr.csv", "meta.naam;deelname;groepsgrootte\nTeam A, Noord;vrijwillig\n"
    )
    assert namen(beoordeel(pad)) == ["Team A, Noord"]


def test_hr_spellings_of_choices_and_yes_no_are_accepted(tmp_path: Path, kb: Kennisbank) -> None:
    """An HR export writes "Vrijwillig" and "Ja"; the batch reads them as the facts they mean."""
    kolommen = ("meta.naam", "deelname", "leidinggevende_in_groep", "zelf_aangemeld", "tijd")
    rij = ["Team A", " Vrijwillig ", "JA", "n", "GEFACILITEERD"]
    kop = reading.Kop("hr.csv", ".csv", kolommen, ";")
    assert lees_casus(kb, kop, 2, (rij, 2)).antwoorden == {
        "deelname": "vrijwillig",
        "leidinggevende_in_groep": True,
        "zelf_aangemeld": False,
        "tijd": "gefaciliteerd",
    }
    pad = schrijf(tmp_path, "hr.csv", ";".join(kolommen) + "\n" + ";".join(rij) + "\n")
    assert namen(beoordeel(pad)) == ["Team A"]


# --- bytes that are no text ----------------------------------------------------------------------


def test_bytes_that_are_not_text_are_named_by_their_line(tmp_path: Path) -> None:
    goed = json.dumps(GOED).encode()
    pad = schrijf(tmp_path, "batch.jsonl", goed + b"\n" + goed[:-2] + b'\xff"}\n')
    geweigerd(beoordeel(pad), "regel 2", "geen UTF-8-tekst", "0xff")
    pad = schrijf(tmp_path, "batch.jsonl", goed + b"\n\x00\x00\x00\n")
    geweigerd(beoordeel(pad), "regel 2", "nul-byte")
    pad = schrijf(tmp_path, "hr.csv", b"meta.naam;deelname\nTeam \xe9;vrijwillig\n")
    geweigerd(beoordeel(pad), "regel 2", "geen UTF-8-tekst", "0xe9", "CSV UTF-8")
    pad = schrijf(tmp_path, "hr.csv", b"meta.naam;deelname\nTeam\x00;vrijwillig\n")
    geweigerd(beoordeel(pad), "regel 2", "nul-byte")


@pytest.mark.parametrize(
    ("naam", "inhoud", "deel"),
    [
        ("leeg.jsonl", "", "het bestand is leeg"),
        ("wit.jsonl", "\n  \n\n", "het bestand is leeg"),
        ("leeg.csv", "", "het bestand is leeg"),
        ("kop.csv", "deelname;tijd\r\n\r\n", "alleen een kopregel en geen casussen"),
    ],
)
def test_a_batch_without_cases_is_refused(
    tmp_path: Path, naam: str, inhoud: str, deel: str
) -> None:
    geweigerd(beoordeel(schrijf(tmp_path, naam, inhoud)), deel)


def test_a_fifo_as_batch_is_refused_instead_of_waiting_for_ever(tmp_path: Path) -> None:
    pad = tmp_path / "pijp.jsonl"
    os.mkfifo(pad)
    geweigerd(beoordeel(pad), str(pad), "een pipe (FIFO), geen gewoon bestand")


@pytest.mark.parametrize("diepte", [20, 1000, 5000])
def test_deep_nesting_in_a_json_line_is_refused(tmp_path: Path, diepte: int) -> None:
    """Deeper than a case can be: refused before the json module (which reads a line with a
    colon in a text again) runs out of stack."""
    diep = "[" * diepte + "]" * diepte
    regel = '{"antwoorden": {}, "meta": {"a": ' + diep + ', "b": "om 10:30"}}'
    pad = schrijf(tmp_path, "batch.jsonl", json.dumps(GOED) + "\n" + regel + "\n")
    geweigerd(beoordeel(pad), "regel 2", "dieper genest dan")
