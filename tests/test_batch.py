"""A batch: read, evaluated and written as a stream of blocks, over worker processes or in one; the
output in input order, the same lines whichever way; a bad line stops it after every case before
it; a worker that dies loses one block at most, named with its lines, and the batch goes on."""

from __future__ import annotations

import csv
import faulthandler
import io
import json
import os
import pickle
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from advies.batch import run as batch
from advies.batch import worker as batch_worker
from advies.batch import workers as batch_workers
from advies.batch.blocks import BLOK, Blokuitkomst, Verwerker
from advies.batch.reading import tel_casussen
from advies.batch.run import Instellingen, beoordeel_batch
from advies.batch.summary import Telling
from advies.batch.workers import Stand
from advies.errors import InvoerFout
from advies.knowledge.model import Kennisbank
from oracle import CasusGenerator

AANTAL = 2 * BLOK + 88  # three blocks: enough for two workers


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


def _draai(
    pad: Path, werkers: int, **instellingen: Any
) -> tuple[bytes, InvoerFout | None, int, Telling | None]:
    uit = io.BytesIO()
    gemeld: list[int] = []
    try:
        telling = beoordeel_batch(
            pad, uit, Instellingen(werkers=werkers, **instellingen), voortgang=gemeld.append
        )
    except InvoerFout as fout:
        return uit.getvalue(), fout, sum(gemeld), None
    return uit.getvalue(), None, sum(gemeld), telling


@pytest.fixture()
def in_een_proces(monkeypatch: pytest.MonkeyPatch) -> None:
    """As where fork does not exist: the batch runs in the main process."""
    monkeypatch.setattr(batch.multiprocessing, "get_all_start_methods", lambda: ["spawn"])


@pytest.mark.parametrize(
    "instellingen",
    [{}, {"volledig": True}, {"formaat": "csv"}],
    ids=["compact", "volledig", "csv"],
)
def test_workers_write_the_same_lines_as_one_process(
    tmp_path: Path,
    regels: list[str],
    instellingen: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pad = _schrijf(tmp_path, regels)
    samen, fout, gemeld, telling = _draai(pad, 2, **instellingen)
    assert fout is None and telling is not None
    assert gemeld == AANTAL == telling.casussen  # the progress bar reaches the end
    with monkeypatch.context() as mp:
        mp.setattr(batch.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
        alleen, _, _, _ = _draai(pad, 1, **instellingen)
    assert samen == alleen
    if instellingen.get("formaat") == "csv":
        rijen = csv.reader(io.StringIO(samen.decode("utf-8-sig"), newline=""), delimiter=";")
        namen = [r[2] for r in list(rijen)[1:]]
    else:
        sleutel = "casus" if instellingen else "naam"
        namen = [json.loads(r)[sleutel] for r in samen.splitlines()]
    assert namen == [f"groep {i}" for i in range(AANTAL)]


@pytest.mark.parametrize("slecht", [10, AANTAL - 20], ids=["eerste-blok", "laatste-blok"])
def test_a_bad_line_stops_the_batch_after_every_case_before_it(
    tmp_path: Path, regels: list[str], slecht: int
) -> None:
    regels = list(regels)
    regels[slecht] = json.dumps({"antwoorden": {"groepsgrootte": "veel"}})
    uit, fout, _, _ = _draai(_schrijf(tmp_path, regels), 2)
    assert fout is not None and fout.regel == slecht + 1
    assert "feit 'groepsgrootte'" in fout.bericht() and "'veel'" in fout.bericht()
    assert [json.loads(r)["naam"] for r in uit.splitlines()] == [
        f"groep {i}" for i in range(slecht)
    ]


def test_of_two_bad_lines_the_first_is_named(tmp_path: Path, regels: list[str]) -> None:
    regels = list(regels)
    regels[AANTAL - 5] = "{kapot"
    regels[300] = "[1, 2]"
    _, fout, _, _ = _draai(_schrijf(tmp_path, regels), 2)
    assert fout is not None and fout.regel == 301


def test_with_doorgaan_bad_lines_are_skipped_and_counted(tmp_path: Path, regels: list[str]) -> None:
    regels = list(regels)
    regels[3] = "{kapot"
    regels[AANTAL - 2] = json.dumps({"antwoorden": {"tijd": "soms"}})
    uit, fout, gemeld, telling = _draai(_schrijf(tmp_path, regels), 2, doorgaan=True)
    assert fout is None and telling is not None
    assert len(uit.splitlines()) == telling.casussen == AANTAL - 2
    assert gemeld == AANTAL
    assert [r for r, _ in telling.onleesbaar] == [4, AANTAL - 1]
    assert "geen geldige JSON" in telling.onleesbaar[0][1]
    assert "feit 'tijd'" in telling.onleesbaar[1][1]


# --- a worker that dies --------------------------------------------------------------------------


def _nummers(regels: list[tuple[int, Any]]) -> Blokuitkomst:
    """A stand-in for evaluating: one line per case, its number."""
    telling = Telling()
    telling.casussen = len(regels)
    return Blokuitkomst(b"".join(b"%d\n" % n for n, _ in regels), telling, None)


def _blokken(aantal: int) -> Iterator[list[tuple[int, Any]]]:
    for begin in range(1, aantal + 1, 10):
        yield [(n, None) for n in range(begin, min(begin + 10, aantal + 1))]


def _verdeel(verwerk: Any, aantal: int = 100, werkers: int = 2) -> tuple[list[int], Stand]:
    uit = io.BytesIO()
    stand = Stand()
    batch_workers.verdeel_over_werkers(
        _blokken(aantal), werkers, verwerk, uit, lambda _: None, lambda: None, stand
    )
    return [int(r) for r in uit.getvalue().splitlines()], stand


def _crash(signaal: int) -> None:
    """Die as a native crash in the rules engine would (without pytest's crash report)."""
    faulthandler.disable()
    os.kill(os.getpid(), signaal)


def _sterf_bij_regel_41(regels: list[tuple[int, Any]]) -> Blokuitkomst:
    if regels[0][0] == 41:
        _crash(signal.SIGSEGV)
    return _nummers(regels)


def test_a_worker_that_crashes_loses_its_block_only_and_the_batch_goes_on() -> None:
    geschreven, stand = _verdeel(_sterf_bij_regel_41)
    assert geschreven == [n for n in range(1, 101) if not 41 <= n <= 50]
    assert stand.fout is None
    assert stand.telling.verloren == [
        (41, 50, 10, "het werkproces stopte door signaal 11 (SIGSEGV)")
    ]


def test_a_worker_killed_halfway_through_a_write_leaves_whole_lines(tmp_path: Path) -> None:
    """Killed while writing (not while evaluating): the half block is cut off the file and the
    block written again by another worker, so nothing is lost."""
    vlag = tmp_path / "al-gestorven"
    schrijf_alles = batch_worker.schrijf_alles

    def half_en_dood(fd: int, tekst: bytes) -> None:
        if tekst.startswith(b"21\n") and not vlag.exists():
            vlag.touch()
            os.write(fd, tekst[:7])
            os.kill(os.getpid(), signal.SIGKILL)
        schrijf_alles(fd, tekst)

    uitvoer = tmp_path / "uit.txt"
    with pytest.MonkeyPatch.context() as mp, uitvoer.open("wb") as uit:
        mp.setattr(batch_worker, "schrijf_alles", half_en_dood)
        stand = Stand()
        batch_workers.verdeel_over_werkers(
            _blokken(60), 2, _nummers, uit, lambda _: None, lambda: None, stand
        )
    assert vlag.exists()
    assert [int(r) for r in uitvoer.read_bytes().splitlines()] == list(range(1, 61))
    assert stand.telling.verloren == []


def test_a_crashing_case_through_the_command_exits_4_and_names_the_lines(
    tmp_path: Path, regels: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from advies.cli.app import app

    verwerk = Verwerker.verwerk

    def crash_in_blok_2(self: Verwerker, blok: list[tuple[int, Any]]) -> Blokuitkomst:
        if blok[0][0] == BLOK + 1:
            _crash(signal.SIGABRT)  # as free(): invalid pointer does
        return verwerk(self, blok)

    monkeypatch.setattr(Verwerker, "verwerk", crash_in_blok_2)
    uitkomst = CliRunner().invoke(app, ["beoordeel", str(_schrijf(tmp_path, regels))])
    assert uitkomst.exit_code == 4, uitkomst.output
    namen = [json.loads(r)["naam"] for r in uitkomst.stdout.splitlines()]
    assert namen == [f"groep {i}" for i in range(AANTAL) if not BLOK <= i < 2 * BLOK]
    assert f"regels {BLOK + 1} tot en met {2 * BLOK} ({BLOK} casussen)" in uitkomst.stderr
    assert (
        f"fout: {BLOK} casussen zijn niet beoordeeld, want het werkproces stopte door signaal 6 "
        f"(SIGABRT) (regels {BLOK + 1} tot en met {2 * BLOK})"
    ) in uitkomst.stderr


# --- the rest -----------------------------------------------------------------------------------


def test_an_error_keeps_its_file_and_line_when_it_crosses_processes() -> None:
    fout = pickle.loads(pickle.dumps(InvoerFout("kapot", bestand="hr.csv", regel=12)))
    assert isinstance(fout, InvoerFout)
    assert (fout.bestand, fout.regel, fout.bericht()) == ("hr.csv", 12, "hr.csv, regel 12: kapot")


def test_a_batch_of_one_block_is_evaluated_without_workers(
    tmp_path: Path, regels: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def geen_werkers(*_: Any) -> None:
        raise AssertionError("workers started for a small batch")

    monkeypatch.setattr(batch, "verdeel_over_werkers", geen_werkers)
    uit, fout, _, _ = _draai(_schrijf(tmp_path, regels[:BLOK]), 2)
    assert fout is None and len(uit.splitlines()) == BLOK


def test_a_line_separator_inside_a_json_string_does_not_split_the_line(tmp_path: Path) -> None:
    # Word's line separator (U+2028) may stand in a JSON string as it is
    regel = json.dumps(
        {"meta": {"naam": "Team\u2028Noord"}, "antwoorden": {"deelname": "vrijwillig"}},
        ensure_ascii=False,
    )
    uit, fout, _, _ = _draai(_schrijf(tmp_path, [regel, regel]), 1)
    assert fout is None
    assert [json.loads(r)["naam"] for r in uit.splitlines()] == ["Team\u2028Noord"] * 2


def test_the_progress_bar_counts_cases_not_lines(tmp_path: Path) -> None:
    csv_pad = tmp_path / "hr.csv"
    csv_pad.write_text(
        'deelname;meta.notitie\r\n\r\nvrijwillig;"twee\r\nregels"\r\nverplicht;\r\n',
        encoding="utf-8",
    )
    jsonl_pad = tmp_path / "casussen.jsonl"
    jsonl_pad.write_text('{"antwoorden": {}}\n\n{"antwoorden": {}}\n', encoding="utf-8")
    oude_mac = tmp_path / "mac.jsonl"
    oude_mac.write_bytes(b'{"antwoorden": {}}\r{"antwoorden": {}}\r{"antwoorden": {}}\r')
    assert (tel_casussen(csv_pad), tel_casussen(jsonl_pad), tel_casussen(oude_mac)) == (2, 2, 3)
    assert tel_casussen(tmp_path / "weg.csv") is None


def test_reading_stops_soon_after_a_bad_line(
    tmp_path: Path, regels: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad value early in a big batch is reported without reading the rest of the file."""
    from advies.batch import reading

    gelezen = 0
    lijnen = reading.lijnen

    def tellend(f: Any) -> Iterator[tuple[int, bytes | None]]:
        nonlocal gelezen
        for lijn in lijnen(f):
            gelezen += 1
            yield lijn

    monkeypatch.setattr(reading, "lijnen", tellend)
    veel = [*regels[:5], json.dumps({"antwoorden": {"tijd": "soms"}}), *(regels * 40)]
    uit, fout, _, _ = _draai(_schrijf(tmp_path, veel), 2)
    assert fout is not None and fout.regel == 6
    assert len(uit.splitlines()) == 5
    # the blocks under way (two per worker) and the two read to choose workers over one process
    assert gelezen <= (2 * 2 + 2) * BLOK, f"{gelezen} van {len(veel)} regels gelezen"
