"""A batch spread over worker processes, its output still in input order.

Each worker takes one contiguous part of the cases and writes its lines to a file of its own: an
anonymous temporary file, readable by the owner only and gone when closed, so nothing about the
cases is left on disk. When a worker is done, the main process copies its file to the output in
turn. Sending every line back through a pipe cost the main process as much as evaluating did.

The workers are forked, so they start with the knowledge base already loaded; each compiles its
own ruleset, because the engine's state is not shared between processes.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable
from multiprocessing.sharedctypes import Synchronized
from typing import Any, BinaryIO

from .errors import AdviesError, EngineFout

_Deel = Callable[..., None]  # _evalueer_deel with the knowledge base, file and options bound
_KIJK = 0.1  # seconds between looks at the workers' progress


def verdeel_over_werkers(
    regels: list[tuple[int, Any]],
    werkers: int,
    deel: _Deel,
    uit: BinaryIO,
    gedaan: Callable[[int], None],
) -> None:
    context = multiprocessing.get_context("fork")
    grootte = -(-len(regels) // werkers)
    delen = [regels[i : i + grootte] for i in range(0, len(regels), grootte)]
    teller: Synchronized[int] = context.Value("q", 0)
    # a worker that meets a bad line stops the workers after it: their output comes later
    stop: Synchronized[int] = context.Value("i", len(delen))
    with contextlib.ExitStack() as stapel:
        bestanden = [stapel.enter_context(tempfile.TemporaryFile(buffering=0)) for _ in delen]
        _draai(delen, deel, bestanden, teller, stop, uit, gedaan, context)


def _draai(
    delen: list[list[tuple[int, Any]]],
    deel: _Deel,
    bestanden: list[Any],
    teller: Synchronized[int],
    stop: Synchronized[int],
    uit: BinaryIO,
    gedaan: Callable[[int], None],
    context: Any,
) -> None:
    uitkomsten = [context.SimpleQueue() for _ in delen]
    processen = [
        context.Process(
            target=_werker,
            args=(k, delen[k], deel, bestanden[k], teller, stop, uitkomsten[k]),
            daemon=True,
        )
        for k in range(len(delen))
    ]
    try:
        for proces in processen:
            proces.start()
        gemeld = 0
        for k, proces in enumerate(processen):
            while proces.is_alive():
                proces.join(_KIJK)
                gemeld = _meld(teller, gemeld, gedaan)
            fout = _uitkomst(proces, uitkomsten[k])
            bestanden[k].seek(0)
            shutil.copyfileobj(bestanden[k], uit, 1 << 20)
            if fout is not None:
                raise fout
        _meld(teller, gemeld, gedaan)
    finally:
        for proces in processen:
            if proces.is_alive():
                proces.terminate()
            proces.join()


def _meld(teller: Synchronized[int], gemeld: int, gedaan: Callable[[int], None]) -> int:
    nu = teller.value
    if nu > gemeld:
        gedaan(nu - gemeld)
    return nu


def _uitkomst(proces: Any, uitkomst: Any) -> AdviesError | None:
    if uitkomst.empty():
        # no word from the worker: it was killed, or the engine's C code crashed
        return EngineFout(f"een werkproces stopte onverwacht (afsluitcode {proces.exitcode})")
    fout: AdviesError | None = uitkomst.get()
    return fout


def _werker(
    k: int,
    regels: list[tuple[int, Any]],
    deel: _Deel,
    bestand: Any,
    teller: Synchronized[int],
    stop: Synchronized[int],
    uitkomst: Any,
) -> None:
    def gedaan(n: int) -> None:
        with teller.get_lock():
            teller.value += n
        if stop.value < k:
            raise _Gestopt

    # The fork brought along every object of the main process, which the garbage collector then
    # scanned again and again; an evaluation makes thousands of short-lived objects, so collecting
    # them less often matters too. Together a sixth of a worker's time.
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    resultaat: AdviesError | None = None
    try:
        deel(regels, schrijf=bestand.write, gedaan=gedaan)
    except _Gestopt:
        pass
    except AdviesError as fout:
        with stop.get_lock():
            stop.value = min(stop.value, k)
        resultaat = fout
    except KeyboardInterrupt:  # the main process stops the run and says so
        os._exit(130)
    except Exception as fout:  # reported by the main process, not as a worker's traceback
        resultaat = EngineFout(f"onverwachte fout in een werkproces: {fout!r}")
    uitkomst.put(resultaat)


class _Gestopt(Exception):
    """A worker after the first bad line stops: its cases would not be written anyway."""
