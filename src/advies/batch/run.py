"""Evaluating many cases in one run: JSON Lines or CSV in, one JSON line per case out, in order.

Cases are independent, so a large batch is spread over worker processes (workers.py).
Validating happens where the case is evaluated; the first bad line stops the run with its file and
line, as for a single case file, after every case before it has been written.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from advies.batch.reading import lees_batchregels
from advies.case.model import maak_casus
from advies.case.parse_errors import json_probleem
from advies.engine.evaluation import evalueer
from advies.errors import InvoerFout
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank

_PARALLEL_VANAF = 250  # cases per worker below which starting one costs more than it saves
_PER_SCHRIJFBEURT = 64  # cases per write, and per step of the progress bar


def _beoordeel_een(kb: Kennisbank, bestand: str, nummer: int, ruw: Any, wat_als: bool) -> bytes:
    if isinstance(ruw, str):
        try:
            ruw = orjson.loads(ruw)
        except orjson.JSONDecodeError as fout:
            raise InvoerFout(
                f"geen geldige JSON in kolom {fout.colno}: {json_probleem(fout.msg)}",
                bestand=bestand,
                regel=nummer,
            ) from None
    casus = maak_casus(kb, ruw, bestand=bestand, regel=nummer)
    return evalueer(casus, kb, wat_als=wat_als).json_regel()


def _evalueer_deel(
    kb: Kennisbank,
    bestand: str,
    regels: list[tuple[int, Any]],
    wat_als: bool,
    schrijf: Callable[[bytes], Any],
    gedaan: Callable[[int], None],
) -> None:
    """Evaluate cases in order, writing their lines in blocks; on a bad case, every case before it
    is written before the error is raised."""
    blok: list[bytes] = []

    def leeg() -> None:
        if blok:
            schrijf(b"\n".join(blok) + b"\n")
            gedaan(len(blok))
            blok.clear()

    try:
        for nummer, ruw in regels:
            blok.append(_beoordeel_een(kb, bestand, nummer, ruw, wat_als))
            if len(blok) == _PER_SCHRIJFBEURT:
                leeg()
    finally:
        leeg()


@contextlib.contextmanager
def _minder_opruimen() -> Iterator[None]:
    """Fewer garbage collections while a batch runs. The objects already there (the knowledge
    base, the cases read) live until the end, yet every full collection scanned them again; and an
    evaluation makes thousands of short-lived objects. Both cost a batch a tenth of its time, and
    a worker process (which starts with all of the main process's objects) a sixth."""
    drempels = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*drempels)
        gc.unfreeze()


def beoordeel_batch(
    pad: Path,
    uit: BinaryIO,
    *,
    wat_als: bool = False,
    werkers: int | None = None,
    voortgang: Callable[[int], None] | None = None,
) -> int:
    """Write one JSON line per case to `uit`, in input order; return the number of cases.

    `voortgang` is called now and then with the number of cases evaluated since the last call.
    """
    kb = laad_kennisbank()
    regels = lees_batchregels(kb, pad)
    werkers = min(werkers or os.cpu_count() or 1, max(1, len(regels) // _PARALLEL_VANAF))
    gedaan = voortgang or (lambda _: None)
    with _minder_opruimen():  # forked workers inherit it
        if werkers < 2 or "fork" not in multiprocessing.get_all_start_methods():  # Windows: one
            _evalueer_deel(kb, str(pad), regels, wat_als, uit.write, gedaan)
        else:
            from advies.batch.workers import verdeel_over_werkers

            deel = partial(_evalueer_deel, kb, str(pad), wat_als=wat_als)
            verdeel_over_werkers(regels, werkers, deel, uit, gedaan)
    return len(regels)
