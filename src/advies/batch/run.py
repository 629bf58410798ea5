"""Evaluating many cases in one run: JSON Lines or CSV in, a line or a row per case out, in input
order, with a summary at the end.

The file is read, evaluated and written as a stream of blocks (reading.py, blocks.py), so memory
does not grow with the number of cases; a batch of more than one block is spread over worker
processes (workers.py). The first bad case stops the run with its file and line after every case
before it has been written, or, with `doorgaan`, is skipped and named in the summary. SIGINT and
SIGTERM stop it on a whole line.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from advies.batch.blocks import BLOK, Opdracht, Regels, Verwerker
from advies.batch.output import begin
from advies.batch.reading import CsvLezer, Kop, jsonl_regels, open_batch
from advies.batch.summary import Telling, getal
from advies.batch.workers import Gestopt, Stand, verdeel_over_werkers
from advies.case.oserrors import systeemfout
from advies.errors import Afgebroken, EngineFout, InvoerFout, UitvoerFout
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank


@dataclass(frozen=True)
class Instellingen:
    formaat: str = "jsonl"  # jsonl or csv
    volledig: bool = False  # today's full advice per line instead of the compact line
    doorgaan: bool = False
    wat_als: bool = False
    werkers: int | None = None  # default: one per core


def beoordeel_batch(
    pad: Path,
    uit: BinaryIO,
    instellingen: Instellingen | None = None,
    *,
    kb: Kennisbank | None = None,
    voortgang: Callable[[int], None] | None = None,
) -> Telling:
    """Write a line (or row) per case to `uit`, in input order; return the counts for the summary.

    `voortgang` is called now and then with the number of cases done since the last call.
    """
    instellingen = instellingen or Instellingen()
    kb = kb or laad_kennisbank()
    gedaan = voortgang or (lambda _: None)
    stand = Stand()
    with open_batch(pad) as f, _stopbaar() as gestopt:
        kop, regels = _lees(kb, f, str(pad))
        opdracht = Opdracht(
            kop,
            instellingen.formaat,
            instellingen.volledig,
            instellingen.doorgaan,
            instellingen.wat_als,
        )
        verwerker = Verwerker(kb, opdracht)
        blokken = _in_blokken(regels)
        eerste = next(blokken, None)
        if eerste is None:
            raise InvoerFout(
                "het bestand heeft alleen een kopregel en geen casussen"
                if kop.soort == ".csv"
                else "het bestand is leeg",
                bestand=str(pad),
            )
        werkers = instellingen.werkers or os.cpu_count() or 1
        tweede = next(blokken, None)
        try:
            _schrijf(uit, begin(instellingen.formaat))
            with _minder_opruimen():  # forked workers inherit it
                if tweede is None or "fork" not in multiprocessing.get_all_start_methods():
                    # one block, or no fork (Windows): in this process
                    _in_dit_proces(
                        itertools.chain([eerste], [tweede] if tweede else [], blokken),
                        verwerker.verwerk,
                        uit,
                        gedaan,
                        gestopt,
                        stand,
                    )
                else:
                    verdeel_over_werkers(
                        itertools.chain([eerste, tweede], blokken),
                        werkers,
                        verwerker.verwerk,
                        uit,
                        gedaan,
                        gestopt,
                        stand,
                    )
        except Gestopt as stop:
            raise _gestopt(stop.signaal, stand, str(pad)) from None
        except OSError as fout:
            if isinstance(fout, BrokenPipeError):
                raise
            raise _uitvoerfout(fout) from None
    if stand.fout is not None:
        raise stand.fout
    stand.telling.kolommen = kop.kolommen
    return stand.telling


def _lees(kb: Kennisbank, f: IO[bytes], bestand: str) -> tuple[Kop, Iterator[tuple[int, Any]]]:
    if bestand.lower().endswith(".csv"):
        lezer = CsvLezer(kb, f, bestand)
        return Kop(bestand, ".csv", lezer.kolommen, lezer.scheidingsteken), iter(lezer)
    return Kop(bestand, ".jsonl"), jsonl_regels(f, bestand)


def _in_blokken(regels: Iterator[tuple[int, Any]]) -> Iterator[Regels]:
    while blok := list(itertools.islice(regels, BLOK)):
        yield blok


def _in_dit_proces(
    blokken: Iterator[Regels],
    verwerk: Callable[[Regels], Any],
    uit: BinaryIO,
    gedaan: Callable[[int], None],
    gestopt: Callable[[], int | None],
    stand: Stand,
) -> None:
    for blok in blokken:
        signaal = gestopt()
        if signaal is not None:
            raise Gestopt(signaal)
        uitkomst = verwerk(blok)
        _schrijf(uit, uitkomst.tekst)
        stand.telling.voeg_toe(uitkomst.telling)
        gedaan(uitkomst.telling.casussen + uitkomst.telling.onleesbaar_totaal)
        if uitkomst.fout is not None:
            stand.fout = uitkomst.fout
            stand.laatste_regel = (uitkomst.fout.regel or blok[0][0]) - 1
            return
        stand.laatste_regel = blok[-1][0]


def _schrijf(uit: BinaryIO, tekst: bytes) -> None:
    if tekst:
        uit.write(tekst)
        uit.flush()


@contextlib.contextmanager
def _stopbaar() -> Iterator[Callable[[], int | None]]:
    """SIGINT (Ctrl-C) and SIGTERM only note that the user wants to stop; the batch looks between
    blocks, so that what it writes always ends on a whole line."""
    ontvangen: list[int] = []

    def noteer(signaal: int, _: Any) -> None:
        ontvangen.append(signaal)

    if threading.current_thread() is not threading.main_thread():
        yield lambda: None  # signals reach the main thread only
        return
    vorige = {s: signal.signal(s, noteer) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield lambda: ontvangen[0] if ontvangen else None
    finally:
        for s, handler in vorige.items():
            signal.signal(s, handler)


def _gestopt(signaal: int, stand: Stand, bestand: str) -> Afgebroken:
    naam = "Ctrl-C" if signaal == signal.SIGINT else signal.Signals(signaal).name
    n = stand.telling.casussen
    tot = f" (tot en met regel {stand.laatste_regel})" if stand.laatste_regel else ""
    fout = Afgebroken(
        f"gestopt na {naam}: {getal(n)} {'casus' if n == 1 else 'casussen'} van {bestand} "
        f"beoordeeld en weggeschreven{tot}; de uitvoer eindigt op een hele regel"
    )
    fout.exit_code = 128 + signaal
    return fout


def _uitvoerfout(fout: OSError) -> UitvoerFout:
    return UitvoerFout(
        f"kan de uitvoer niet wegschrijven: {systeemfout(fout)}; de uitvoer is onvolledig"
    )


@contextlib.contextmanager
def _minder_opruimen() -> Iterator[None]:
    """Fewer garbage collections while a batch runs. The objects already there (the knowledge
    base, its parts) live until the end, yet every full collection scanned them again; and an
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


def verloren_fout(telling: Telling) -> EngineFout | None:
    """The error a batch ends with when a crash cost it cases (they are named in the summary)."""
    if not telling.verloren:
        return None
    n = sum(v[2] for v in telling.verloren)
    regels = ", ".join(f"{v[0]} tot en met {v[1]}" for v in sorted(telling.verloren))
    return EngineFout(
        f"{getal(n)} casussen zijn niet beoordeeld, want {telling.verloren[0][3]} (regels "
        f"{regels}); de rest van de batch is wel beoordeeld en weggeschreven"
    )
