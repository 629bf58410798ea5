"""A batch over worker processes writes the same lines as one process, in input order; a bad
line stops it after every case before that line, and a worker that dies is reported, not hidden."""

from __future__ import annotations

import io
import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from advies.batch import run as batch
from advies.batch import workers as batch_workers
from advies.batch.reading import tel_casussen
from advies.batch.run import beoordeel_batch
from advies.errors import EngineFout, InvoerFout
from advies.knowledge.model import Kennisbank
from oracle import CasusGenerator

AANTAL = 600  # enough for two workers


@pytest.fixture(scope="module")
def regels(kb: Kennisbank) -> list[str]:
    generator = CasusGenerator(kb, 11)
    return [
        json.dumps({"meta": {"naam": f"groep {i}"}, "antwoorden": generator.antwoorden()})
        for i in range(AANTAL)
    ]


def _schrijf(tmp_path: Path, regels: list[str]) -> Path:
    pad = tmp_path / "casussen.jsonl"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


def _draai(pad: Path, werkers: int) -> tuple[bytes, InvoerFout | None, int]:
    uit = io.BytesIO()
    gemeld: list[int] = []
    try:
        beoordeel_batch(pad, uit, werkers=werkers, voortgang=gemeld.append)
    except InvoerFout as fout:
        return uit.getvalue(), fout, sum(gemeld)
    return uit.getvalue(), None, sum(gemeld)


def test_workers_write_the_same_lines_as_one_process(tmp_path: Path, regels: list[str]) -> None:
    pad = _schrijf(tmp_path, regels)
    alleen, _, _ = _draai(pad, 1)
    samen, fout, gemeld = _draai(pad, 2)
    assert fout is None
    assert samen == alleen
    assert [json.loads(r)["casus"] for r in samen.splitlines()] == [
        f"groep {i}" for i in range(AANTAL)
    ]
    assert gemeld == AANTAL  # the progress bar reaches the end


@pytest.mark.parametrize("slecht", [10, AANTAL - 20], ids=["eerste-deel", "tweede-deel"])
def test_a_bad_line_stops_the_batch_after_every_case_before_it(
    tmp_path: Path, regels: list[str], slecht: int
) -> None:
    regels = list(regels)
    regels[slecht] = json.dumps({"antwoorden": {"groepsgrootte": "veel"}})
    uit, fout, _ = _draai(_schrijf(tmp_path, regels), 2)
    assert fout is not None and fout.regel == slecht + 1
    assert "feit 'groepsgrootte'" in fout.bericht() and "'veel'" in fout.bericht()
    assert [json.loads(r)["casus"] for r in uit.splitlines()] == [
        f"groep {i}" for i in range(slecht)
    ]


def test_of_two_bad_lines_the_first_is_named(tmp_path: Path, regels: list[str]) -> None:
    regels = list(regels)
    regels[AANTAL - 5] = "{kapot"
    regels[200] = "[1, 2]"
    _, fout, _ = _draai(_schrijf(tmp_path, regels), 2)
    assert fout is not None and fout.regel == 201


def _sterf(regels: list[Any], schrijf: Any, gedaan: Any) -> None:
    os._exit(7)


def test_a_worker_that_dies_is_reported_with_its_exit_code() -> None:
    with pytest.raises(EngineFout, match=r"werkproces stopte onverwacht.*afsluitcode 7"):
        batch_workers.verdeel_over_werkers(
            [(1, "{}"), (2, "{}")], 2, _sterf, io.BytesIO(), lambda _: None
        )


def test_an_error_keeps_its_file_and_line_when_it_crosses_processes() -> None:
    fout = pickle.loads(pickle.dumps(InvoerFout("kapot", bestand="hr.csv", regel=12)))
    assert isinstance(fout, InvoerFout)
    assert (fout.bestand, fout.regel, fout.bericht()) == ("hr.csv", 12, "hr.csv, regel 12: kapot")


def test_a_small_batch_is_evaluated_without_workers(
    tmp_path: Path, regels: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def geen_werkers(*_: Any) -> None:
        raise AssertionError("workers started for a small batch")

    monkeypatch.setattr(batch_workers, "verdeel_over_werkers", geen_werkers)
    uit, fout, _ = _draai(_schrijf(tmp_path, regels[: batch._PARALLEL_VANAF]), 2)
    assert fout is None and len(uit.splitlines()) == batch._PARALLEL_VANAF


def test_a_line_separator_inside_a_json_string_does_not_split_the_line(tmp_path: Path) -> None:
    # Word's line separator (U+2028) may stand in a JSON string as it is
    regel = json.dumps(
        {"meta": {"naam": "Team\u2028Noord"}, "antwoorden": {"deelname": "vrijwillig"}},
        ensure_ascii=False,
    )
    uit, fout, _ = _draai(_schrijf(tmp_path, [regel, regel]), 1)
    assert fout is None
    assert [json.loads(r)["casus"] for r in uit.splitlines()] == ["Team\u2028Noord"] * 2


def test_the_progress_bar_counts_cases_not_lines(tmp_path: Path) -> None:
    csv_pad = tmp_path / "hr.csv"
    csv_pad.write_text(
        'deelname;meta.notitie\r\n\r\nvrijwillig;"twee\r\nregels"\r\nverplicht;\r\n',
        encoding="utf-8",
    )
    jsonl_pad = tmp_path / "casussen.jsonl"
    jsonl_pad.write_text('{"antwoorden": {}}\n\n{"antwoorden": {}}\n', encoding="utf-8")
    assert (tel_casussen(csv_pad), tel_casussen(jsonl_pad)) == (2, 2)
    assert tel_casussen(tmp_path / "weg.csv") is None
