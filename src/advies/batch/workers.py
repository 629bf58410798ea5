"""A batch spread over worker processes, its output still in input order.

The cases are cut into blocks; worker k evaluates blocks k, k + n, k + 2n, ... and writes each
block itself, when it is that block's turn, to the file descriptor they all share: the output, or,
when the output is no file (in tests), one anonymous temporary file readable by the owner only,
copied out at the end. Sending every line back to the main process cost two thirds as much as
evaluating, and a temporary file per worker meant writing everything twice.

The workers are forked, so they start with the knowledge base loaded; each compiles its own
ruleset, because the engine's state cannot be shared between processes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, BinaryIO

from advies.errors import AdviesError, EngineFout

_Deel = Callable[..., None]  # batch._evalueer_deel with the knowledge base, file and options bound
_BLOK = 256  # cases per block: small enough that a worker seldom waits for its turn
_KIJK = 0.1  # seconds between looks at the workers' progress


def verdeel_over_werkers(
    regels: list[tuple[int, Any]],
    werkers: int,
    deel: _Deel,
    uit: BinaryIO,
    gedaan: Callable[[int], None],
) -> None:
    """Evaluate `regels` over `werkers` processes, writing to `uit` in input order; raise the
    error of the first bad case after every case before it has been written."""
    blokken = [regels[i : i + _BLOK] for i in range(0, len(regels), _BLOK)]
    with _doel(uit) as fd:
        _Ploeg(blokken, min(werkers, len(blokken)), deel, fd).draai(gedaan)


def _fileno(uit: BinaryIO) -> int | None:
    try:
        uit.flush()
        return uit.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError
        return None


@contextlib.contextmanager
def _doel(uit: BinaryIO) -> Iterator[int]:
    fd = _fileno(uit)
    if fd is not None:
        yield fd
        return
    with tempfile.TemporaryFile(buffering=0) as tijdelijk:
        try:
            yield tijdelijk.fileno()
        finally:  # what was written before an error is output too
            tijdelijk.seek(0)
            shutil.copyfileobj(tijdelijk, uit, 1 << 20)


class _Ploeg:
    """The workers of one batch and what they share: whose turn it is to write, how far they
    got, and which block failed first."""

    def __init__(self, blokken: list[list[tuple[int, Any]]], werkers: int, deel: _Deel, fd: int):
        self.context = multiprocessing.get_context("fork")
        self.blokken = blokken
        self.deel = deel
        self.fd = fd
        self.beurt = self.context.Condition()
        self.volgende = self.context.Value("q", 0, lock=False)  # the block whose turn it is
        self.klaar = self.context.Value("q", 0, lock=False)  # cases written, under `beurt`
        self.fout_in = self.context.Value("q", len(blokken), lock=False)  # first bad block
        self.uitkomsten = self.context.SimpleQueue()
        self.processen = [
            self.context.Process(target=self._werk, args=(k, werkers), daemon=True)
            for k in range(werkers)
        ]

    def draai(self, gedaan: Callable[[int], None]) -> None:
        try:
            for proces in self.processen:
                proces.start()
            gemeld = 0
            while levend := [p.sentinel for p in self.processen if p.is_alive()]:
                multiprocessing.connection.wait(levend, _KIJK)
                gemeld = self._meld(gemeld, gedaan)
                self._controleer_gestorven()
            self._meld(gemeld, gedaan)
            self._controleer_gestorven()
            fouten = list(_alles_uit(self.uitkomsten))
            if fouten:
                raise min(fouten, key=lambda f: f[0])[1]
        finally:
            for proces in self.processen:
                if proces.is_alive():
                    proces.terminate()
                proces.join()

    def _meld(self, gemeld: int, gedaan: Callable[[int], None]) -> int:
        nu = self.klaar.value
        if nu > gemeld:
            gedaan(nu - gemeld)
        return int(nu)

    def _controleer_gestorven(self) -> None:
        # a worker that died holds its block's turn, and the others would wait for ever
        for proces in self.processen:
            if proces.exitcode not in (None, 0):
                raise EngineFout(
                    f"een werkproces stopte onverwacht (afsluitcode {proces.exitcode})"
                )

    def _werk(self, k: int, werkers: int) -> None:
        try:
            for i in range(k, len(self.blokken), werkers):
                if i > self.fout_in.value or not self._blok(i):
                    break
        except KeyboardInterrupt:  # the main process stops the run and says so
            os._exit(130)
        except BaseException as fout:  # reported by the main process, not as a traceback
            if not isinstance(fout, BrokenPipeError):  # (the reader stopped: the CLI says nothing)
                fout = EngineFout(f"onverwachte fout in een werkproces: {fout!r}")
            with self.beurt:  # and the others stop: this worker's blocks will never come
                self.fout_in.value = -1
                self.uitkomsten.put((-1, fout))
                self.beurt.notify_all()

    def _blok(self, i: int) -> bool:
        """Evaluate block i and write it in its turn; False after a bad case."""
        uitvoer: list[bytes] = []
        fout: AdviesError | None = None
        try:
            self.deel(self.blokken[i], schrijf=uitvoer.append, gedaan=lambda _: None)
        except AdviesError as f:  # the cases before it are in `uitvoer`
            fout = f
        tekst = b"".join(uitvoer)
        with self.beurt:
            self.beurt.wait_for(partial(self._aan_de_beurt, i))
            if self.fout_in.value < i:
                return False
            _schrijf_alles(self.fd, tekst)
            self.klaar.value += tekst.count(b"\n")
            if fout is not None:
                self.fout_in.value = i
                self.uitkomsten.put((i, fout))
            self.volgende.value = i + 1
            self.beurt.notify_all()
        return fout is None

    def _aan_de_beurt(self, i: int) -> bool:
        # an earlier block that failed ends the wait too: nothing after it is written
        return bool(self.volgende.value == i or self.fout_in.value < i)


def _schrijf_alles(fd: int, tekst: bytes) -> None:
    geschreven = 0
    while geschreven < len(tekst):  # a pipe may take less than all at once
        geschreven += os.write(fd, memoryview(tekst)[geschreven:])


def _alles_uit(wachtrij: Any) -> Iterator[Any]:
    while not wachtrij.empty():
        yield wachtrij.get()
