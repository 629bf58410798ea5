"""Evaluating many cases in one run: JSON Lines or CSV in, one JSON line per case out, in order.

Cases are independent, so a large batch is spread over worker processes (each compiles its own
ruleset; the engine is single-threaded). Reading and validating happen in the workers too; the
first bad line stops the run with its file and line, as for a single case file.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .casus import maak_casus
from .errors import InvoerFout
from .kennisbank import Kennisbank, laad_kennisbank
from .yamlio import lees_tekstbestand

_PARALLEL_VANAF = 500  # below this, starting workers costs more than it saves
_STUK = 128


def _regels_jsonl(tekst: str) -> list[tuple[int, Any]]:
    return [
        (nummer, regel) for nummer, regel in enumerate(tekst.splitlines(), start=1) if regel.strip()
    ]


def _regels_csv(kb: Kennisbank, tekst: str, bestand: str) -> list[tuple[int, Any]]:
    """CSV rows as case objects: one column per fact, `meta.<veld>` columns for descriptive data."""
    eerste = tekst.splitlines()[0]
    try:
        dialect: Any = csv.Sniffer().sniff(eerste, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(tekst), dialect=dialect)
    kolommen = reader.fieldnames or []
    for kolom in kolommen:
        if not kolom.startswith("meta.") and kolom not in kb.feiten:
            maak_casus(
                kb, {"antwoorden": {kolom: None}}, bestand=bestand, regel=1
            )  # words the error
    rijen = []
    for rij in reader:
        if None in rij:
            raise InvoerFout(
                f"deze rij heeft meer waarden dan er kolommen zijn ({len(kolommen)})",
                bestand=bestand,
                regel=reader.line_num,
            )
        antwoorden = {
            k: v if v and v.strip() else None for k, v in rij.items() if not k.startswith("meta.")
        }
        meta = {k[5:]: v for k, v in rij.items() if k.startswith("meta.") and v}
        rijen.append((reader.line_num, {"meta": meta, "antwoorden": antwoorden}))
    return rijen


def lees_batchregels(kb: Kennisbank, pad: Path) -> list[tuple[int, Any]]:
    """(line number, raw case) for every case in the file; validation comes later, per case."""
    soort = pad.suffix.lower()
    if soort not in (".jsonl", ".csv"):
        raise InvoerFout(
            "onbekend batchformaat; gebruik .jsonl (JSON Lines) of .csv", bestand=str(pad)
        )
    tekst = lees_tekstbestand(pad)
    return _regels_jsonl(tekst) if soort == ".jsonl" else _regels_csv(kb, tekst, str(pad))


def _beoordeel_een(kb: Kennisbank, bestand: str, nummer: int, ruw: Any, wat_als: bool) -> str:
    from .evaluation import evalueer

    if isinstance(ruw, str):
        try:
            ruw = json.loads(ruw)
        except json.JSONDecodeError as fout:
            raise InvoerFout(
                f"geen geldige JSON ({fout.msg}, kolom {fout.colno})", bestand=bestand, regel=nummer
            ) from None
    casus = maak_casus(kb, ruw, bestand=bestand, regel=nummer)
    return evalueer(casus, kb, wat_als=wat_als).model_dump_json()


_WERK: dict[str, Any] = {}


def _start_werker(bestand: str, wat_als: bool) -> None:
    _WERK.update(kb=laad_kennisbank(), bestand=bestand, wat_als=wat_als)


def _werk(stuk: list[tuple[int, Any]]) -> list[str]:
    return [_beoordeel_een(_WERK["kb"], _WERK["bestand"], n, r, _WERK["wat_als"]) for n, r in stuk]


def beoordeel_batch(
    pad: Path, *, wat_als: bool = False, werkers: int | None = None
) -> Iterator[str]:
    """One JSON line per case, in input order."""
    kb = laad_kennisbank()
    regels = lees_batchregels(kb, pad)
    werkers = werkers or min(os.cpu_count() or 1, 4)
    if werkers < 2 or len(regels) < _PARALLEL_VANAF:
        for nummer, ruw in regels:
            yield _beoordeel_een(kb, str(pad), nummer, ruw, wat_als)
        return
    import multiprocessing

    stukken = [regels[i : i + _STUK] for i in range(0, len(regels), _STUK)]
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    with context.Pool(werkers, initializer=_start_werker, initargs=(str(pad), wat_als)) as pool:
        for uitkomsten in pool.imap(_werk, stukken):
            yield from uitkomsten


def tel_casussen(pad: Path) -> int | None:
    """How many cases a batch file holds, for the progress bar (None when it cannot be read)."""
    try:
        with pad.open("rb") as f:
            regels = sum(1 for regel in f if regel.strip())
    except OSError:
        return None
    return regels - 1 if pad.suffix.lower() == ".csv" else regels
