"""Points 13 and 14: what once gave "interne fout" (exit 1), or was accepted without a word, is an
input error (exit 2) with a Dutch message naming the line and what is allowed."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from advies.case import atomic

from .conftest import ILSE, advies, casus, geweigerd, ilse, proces, schrijf


@pytest.mark.parametrize("waarde", ["'--5'", "'²'", "'٣'"])
def test_a_number_written_oddly_as_text_is_an_input_error(tmp_path: Path, waarde: str) -> None:
    pad = casus(tmp_path, f"  groepsgrootte: {waarde}\n")
    geweigerd(advies("beoordeel", pad), "regel 3", "feit 'groepsgrootte'", "geen geheel getal")


@pytest.mark.parametrize("aanhalingsteken", ["", '"'])
def test_a_number_of_five_thousand_digits_is_an_input_error_with_its_line(
    tmp_path: Path, aanhalingsteken: str
) -> None:
    getal = aanhalingsteken + "9" * 5000 + aanhalingsteken
    pad = casus(tmp_path, f"  deelname: vrijwillig\n  groepsgrootte: {getal}\n")
    fout = geweigerd(advies("beoordeel", pad), "regel 4")
    assert "datum" not in fout
    # an impossible date is still named as one
    pad = casus(tmp_path, meta="  datum: 2026-02-30\n")
    geweigerd(advies("beoordeel", pad), "regel 3", "'2026-02-30' bestaat niet als datum")


@pytest.mark.parametrize("einde", ["\r"], ids=["cr"])
def test_other_line_endings_give_the_right_line(tmp_path: Path, einde: str) -> None:
    tekst = "versie: 1\nmeta:\n  datum: 2026-13-45\nantwoorden:\n  deelname: vrijwillig\n"
    pad = schrijf(tmp_path, "c.yaml", tekst.replace("\n", einde).encode())
    geweigerd(advies("beoordeel", pad), "regel 3", "2026-13-45")
    pad.write_bytes(
        tekst.replace("2026-13-45", "2026-11-24")
        .replace("vrijwillig", "vrij")
        .replace("\n", einde)
        .encode()
    )
    geweigerd(advies("beoordeel", pad), "regel 5", "feit 'deelname'")


def test_a_csv_batch_with_old_mac_line_endings_is_read(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "b.csv", b"deelname,groepsgrootte\rvrijwillig,6\rvrijwillig,zes\r")
    geweigerd(advies("beoordeel", pad), "regel 3", "'zes'")


@pytest.mark.parametrize("format", ["md", "html", "docx", "pdf"])
def test_control_characters_are_refused_alike_for_every_format(tmp_path: Path, format: str) -> None:
    pad = casus(tmp_path, meta='  naam: "Team\\eZuid"\n  hulpvraag: "a\\x0bb"\n')
    geweigerd(advies("beoordeel", pad), "'meta.naam'", "stuurteken")
    geweigerd(advies("rapport", pad, "-f", format, "-o", tmp_path / f"a.{format}"), "'meta.naam'")
    assert not (tmp_path / f"a.{format}").exists()


def schijf_vol(*_: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("format", ["md", "docx"])
def test_a_full_disk_while_writing_a_report_is_said_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format: str
) -> None:
    casus = ilse(tmp_path)
    map_ = tmp_path / "rapporten"
    map_.mkdir()
    monkeypatch.setattr(atomic.os, "fsync", schijf_vol)
    uit = map_ / f"advies.{format}"
    fout = geweigerd(advies("rapport", casus, "-o", uit), str(uit), "de schijf is vol")
    assert "No space" not in fout and not uit.exists()
    assert list(map_.iterdir()) == []


def test_a_full_disk_while_saving_a_case_is_said_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic.os, "fsync", schijf_vol)
    fout = geweigerd(advies("intake", "--antwoorden", ILSE, "--map", tmp_path), "de schijf is vol")
    assert "No space" not in fout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="geen /dev/full op dit systeem")
@pytest.mark.parametrize("opdracht", [("beoordeel", ILSE), ("rapport", ILSE), ("regels",)])
def test_output_to_a_full_device_is_said_in_dutch(opdracht: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as vol:
        fout = geweigerd(
            proces(*opdracht, stdout=vol), "kan de uitvoer niet schrijven", "de schijf is vol"
        )
    assert "No space" not in fout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="geen FIFO's op dit systeem")
def test_a_report_is_not_written_over_a_device_or_a_pipe(tmp_path: Path) -> None:
    """As root, renaming the report over /dev/full replaced the device itself. Tested on a pipe
    and a link to /dev/null of our own: where this fails, it replaces only those."""
    pijp = tmp_path / "advies.md"
    os.mkfifo(pijp)
    geweigerd(advies("rapport", ilse(tmp_path), "-o", pijp), "een pipe (FIFO), geen gewoon bestand")
    assert pijp.is_fifo()
    if Path("/dev/null").is_char_device():
        koppeling = tmp_path / "null.md"
        koppeling.symlink_to("/dev/null")
        geweigerd(advies("rapport", ilse(tmp_path), "-o", koppeling), "een apparaat")
        assert koppeling.is_symlink()


# --- point 14: accepted without a word --------------------------------------------------------


@pytest.mark.parametrize("versie", ["1.0", "'1'", "true", "1e0"])
def test_a_version_that_is_not_the_number_one_is_refused(tmp_path: Path, versie: str) -> None:
    pad = schrijf(tmp_path, "c.yaml", f"versie: {versie}\nantwoorden: {{}}\n")
    geweigerd(advies("beoordeel", pad), "regel 1", "onbekende versie", "schrijf: versie: 1")


@pytest.mark.parametrize("oordeel", ["false", "0", "[]", "''", "{}"])
def test_a_coachs_judgement_that_is_no_judgement_is_refused(tmp_path: Path, oordeel: str) -> None:
    pad = schrijf(tmp_path, "c.yaml", f"versie: 1\noordeel_coach: {oordeel}\nantwoorden: {{}}\n")
    geweigerd(advies("beoordeel", pad), "regel 2", "oordeel_coach")


@pytest.mark.parametrize("deel", ["antwoorden", "meta"])
@pytest.mark.parametrize("waarde", ["false", "0", "[]", "''"])
def test_answers_or_meta_that_are_no_mapping_are_refused(
    tmp_path: Path, deel: str, waarde: str
) -> None:
    pad = schrijf(tmp_path, "c.yaml", f"versie: 1\n{deel}: {waarde}\n")
    geweigerd(advies("beoordeel", pad), f"'{deel}' moet een mapping")
    pad.write_text(f"versie: 1\n{deel}:\n")  # empty is fine: nothing known yet
    assert advies("beoordeel", pad).exit_code == 0


@pytest.mark.parametrize(
    ("veld", "lengte", "grens"),
    [("naam", 81, 80), ("organisatie", 121, 120), ("hulpvraag", 1001, 1000)],
)
def test_an_answers_file_gets_the_questionnaires_length_limits(
    tmp_path: Path, veld: str, lengte: int, grens: int
) -> None:
    meta = {"naam": "Team", veld: "x" * lengte}
    pad = schrijf(tmp_path, "a.json", json.dumps({"meta": meta, "antwoorden": {}}))
    geweigerd(
        advies("intake", "--antwoorden", pad, "--map", tmp_path / "m"),
        f"'meta.{veld}' is {lengte} tekens lang",
        f"hooguit {grens} tekens",
    )
    assert not (tmp_path / "m").exists()


def test_a_name_of_two_megabytes_is_refused_at_once(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "a.json", '{"meta": {"naam": "' + "x" * 2_000_000 + '"}}')
    geweigerd(advies("intake", "--antwoorden", pad, "--map", tmp_path / "m"), "mag hooguit 1 MB")
    pad = schrijf(tmp_path, "a.json", '{"meta": {"naam": "' + "x" * 900_000 + '"}}')
    fout = geweigerd(
        advies("intake", "--antwoorden", pad, "--map", tmp_path / "m"), "hooguit 200 tekens"
    )
    assert len(fout) < 500
