"""A batch spread over worker processes: the main process reads, the workers evaluate and write,
the output stays in input order, and memory does not grow with the batch.

The main process reads the file a block at a time and hands each block to a worker with room for
it (at most two blocks per worker are under way, so memory holds a few blocks, whatever the size
of the batch). A worker evaluates its block and says so; the main process grants the turn to
write in block order, and the worker writes the block itself to the file descriptor they all share
(the output, or, when the output is no file, as in tests, an anonymous temporary file readable by
the owner only, copied out at the end). Sending the lines back would cost the main process a copy
of every byte.

Everything goes through a pipe per worker, never through a lock a worker holds, so a worker that
dies (a native crash in the rules engine) blocks nobody: the block it was evaluating is reported
with its lines, a write it left halfway is cut off again (when the output is a file), its other
blocks go to a new worker, and the batch goes on. SIGINT and SIGTERM are the main process's: the
workers ignore them, finish or drop the block in hand when told to stop, and never write half a
block.

The workers are forked, so they start with the knowledge base loaded; each compiles its own
ruleset.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from advies.batch.blocks import Blokuitkomst, Regels
from advies.batch.summary import Telling
from advies.batch.worker import werk
from advies.errors import AdviesError, EngineFout

_PER_WERKER = 2  # blocks under way per worker: one in hand, one waiting
_KIJK = 0.2  # seconds between looks at whether the user stopped the batch
_STOP_WACHT = 10.0  # seconds a worker gets to finish its block after a stop
_MAX_UITVALLERS = 8  # workers that may die in one batch before it is given up


@dataclass
class _Blok:
    nummer: int
    regels: Regels
    uitkomst: Blokuitkomst | None = None  # once evaluated (the text stays in the worker)
    begin_schrijven: int | None = None  # the output's offset when its turn was granted

    @property
    def eerste(self) -> int:
        return self.regels[0][0]

    @property
    def laatste(self) -> int:
        return self.regels[-1][0]


@dataclass
class _Werker:
    proces: Any
    verbinding: multiprocessing.connection.Connection
    blokken: deque[_Blok] = field(default_factory=deque)  # under way, in order
    bezig: int | None = None  # the block in hand, from its "begin" to its "klaar"


class Gestopt(Exception):
    """The user stopped the batch (SIGINT, SIGTERM); the output ends on a whole line."""

    def __init__(self, signaal: int):
        super().__init__(signaal)
        self.signaal = signaal


@dataclass
class Stand:
    """How far a batch got: what the summary counts, and the last line written."""

    telling: Telling = field(default_factory=Telling)
    laatste_regel: int = 0
    fout: AdviesError | None = None


def verdeel_over_werkers(
    blokken: Iterator[Regels],
    werkers: int,
    verwerk: Callable[[Regels], Blokuitkomst],
    uit: BinaryIO,
    gedaan: Callable[[int], None],
    gestopt: Callable[[], int | None],
    stand: Stand,
) -> None:
    """Evaluate the blocks over `werkers` processes, writing to `uit` in input order. The first
    bad case stops the batch after every case before it has been written (`stand.fout`); a stop
    by the user raises Gestopt after the blocks being written are whole."""
    with _doel(uit) as fd:
        _Ploeg(werkers, verwerk, fd, gedaan, gestopt, stand).draai(blokken)


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


def _positie(fd: int) -> int | None:
    try:
        return os.lseek(fd, 0, os.SEEK_CUR)
    except OSError:  # a pipe or a terminal: no going back
        return None


class _Ploeg:
    def __init__(
        self,
        werkers: int,
        verwerk: Callable[[Regels], Blokuitkomst],
        fd: int,
        gedaan: Callable[[int], None],
        gestopt: Callable[[], int | None],
        stand: Stand,
    ):
        self.context = multiprocessing.get_context("fork")
        self.aantal = werkers
        self.verwerk = verwerk
        self.fd = fd
        self.gedaan = gedaan
        self.gestopt = gestopt
        self.stand = stand
        self.werkers: list[_Werker] = []
        self.uitvallers = 0
        self.volgende = 0  # the block whose turn it is to be written
        self.gelezen = 0  # blocks read
        self.opnieuw: deque[_Blok] = deque()  # blocks of a worker that died, to hand out again
        # evaluated blocks waiting for their turn, with their worker (None: lost, nothing to write)
        self.klaar: dict[int, tuple[_Werker | None, _Blok]] = {}
        self.schrijft: tuple[_Werker, _Blok] | None = None
        self.stoppen = False

    # --- the main process ----------------------------------------------------------------------

    def draai(self, blokken: Iterator[Regels]) -> None:
        invoer: Iterator[Regels] | None = blokken
        try:
            for _ in range(self.aantal):
                self._start()
            while True:
                signaal = self.gestopt()
                if signaal is not None:
                    raise Gestopt(signaal)
                invoer = self._deel_uit(invoer)
                if invoer is None and not self._onderweg():
                    return
                self._wacht()
        finally:
            self._stop()

    def _onderweg(self) -> bool:
        return bool(self.opnieuw) or any(w.blokken for w in self.werkers)

    def _deel_uit(self, invoer: Iterator[Regels] | None) -> Iterator[Regels] | None:
        """Hand blocks to workers with room for them: first those of a worker that died. Nothing
        after a bad case is read."""
        if self.stand.fout is not None:
            return None
        for werker in self.werkers:
            while len(werker.blokken) < _PER_WERKER:
                if self.opnieuw:
                    blok = self.opnieuw.popleft()
                elif invoer is not None:
                    regels = next(invoer, None)
                    if regels is None:
                        invoer = None
                        break
                    blok = _Blok(self.gelezen, regels)
                    self.gelezen += 1
                else:
                    break
                werker.blokken.append(blok)
                if not _stuur(werker, ("blok", blok.nummer, blok.regels)):
                    break  # it died: its blocks go to another when its sentinel tells
        return invoer

    def _wacht(self) -> None:
        verbindingen = {w.verbinding: w for w in self.werkers}
        sentinels = {w.proces.sentinel: w for w in self.werkers}
        for klaar in multiprocessing.connection.wait([*verbindingen, *sentinels], _KIJK):
            if klaar in verbindingen:
                self._lees(verbindingen[klaar])
        for werker in list(self.werkers):
            if not werker.proces.is_alive():
                self._gestorven(werker)

    def _lees(self, werker: _Werker) -> None:
        """Every message the worker has sent so far."""
        while True:
            try:
                if not werker.verbinding.poll():
                    return
                bericht = werker.verbinding.recv()
            except (EOFError, OSError):
                return  # it died: its sentinel tells
            self._bericht(werker, bericht)

    def _bericht(self, werker: _Werker, bericht: tuple[Any, ...]) -> None:
        soort = bericht[0]
        if soort == "fout":  # not a bad case: something in the worker itself
            raise bericht[1]
        nummer = bericht[1]
        if soort == "begin":
            werker.bezig = nummer
            return
        blok = next((b for b in werker.blokken if b.nummer == nummer), None)
        if blok is None:  # a block dropped after a bad case, or after a stop
            return
        if soort == "klaar":
            werker.bezig = None
            blok.uitkomst = bericht[2]
            self.klaar[nummer] = (werker, blok)
            self._geef_beurt()
        else:  # "geschreven"
            self.schrijft = None
            werker.blokken.remove(blok)
            self._geschreven(blok)

    def _geef_beurt(self) -> None:
        while not self.stoppen and self.schrijft is None and self.volgende in self.klaar:
            werker, blok = self.klaar.pop(self.volgende)
            if werker is None:  # lost: its turn passes
                self._door(blok)
                continue
            blok.begin_schrijven = _positie(self.fd)
            self.schrijft = (werker, blok)
            _stuur(werker, ("schrijf", blok.nummer))  # if it died, its sentinel tells

    def _geschreven(self, blok: _Blok) -> None:
        uitkomst = blok.uitkomst
        assert uitkomst is not None
        self.stand.telling.voeg_toe(uitkomst.telling)
        self.gedaan(uitkomst.telling.casussen + uitkomst.telling.onleesbaar_totaal)
        if uitkomst.fout is None:
            self._door(blok)
            return
        # a bad case: what came before it is written; nothing after it will be
        self.stand.fout = uitkomst.fout
        self.stand.laatste_regel = (uitkomst.fout.regel or blok.eerste) - 1
        self.klaar.clear()
        self.opnieuw.clear()
        for werker in self.werkers:
            werker.blokken.clear()

    def _door(self, blok: _Blok) -> None:
        self.stand.laatste_regel = blok.laatste
        self.volgende += 1
        self._geef_beurt()

    def _gestorven(self, werker: _Werker) -> None:
        """A worker died (a native crash, or killed): the block it had in hand is lost and
        reported with its lines; a write it left halfway is cut off; its other blocks go to a new
        worker."""
        self._lees(werker)  # what it said before it died
        self.werkers.remove(werker)
        werker.proces.join()
        werker.verbinding.close()
        code = werker.proces.exitcode
        waarom = (
            f"het werkproces stopte door signaal {-code} ({_signaalnaam(-code)})"
            if code is not None and code < 0
            else f"het werkproces stopte onverwacht (afsluitcode {code})"
        )
        if self.schrijft is not None and self.schrijft[0] is werker:
            self._terug_naar(self.schrijft[1].begin_schrijven)
            self.schrijft = None
        for nummer, (eigenaar, _) in list(self.klaar.items()):
            if eigenaar is werker:
                del self.klaar[nummer]
        for blok in werker.blokken:
            blok.uitkomst = None
            if blok.nummer != werker.bezig:
                self.opnieuw.append(blok)
                continue
            n = len(blok.regels)
            self.stand.telling.verloren.append((blok.eerste, blok.laatste, n, waarom))
            self.gedaan(n)
            self.klaar[blok.nummer] = (None, blok)
        self.opnieuw = deque(sorted(self.opnieuw, key=lambda b: b.nummer))
        self.uitvallers += 1
        if self.uitvallers > _MAX_UITVALLERS:
            raise EngineFout(
                f"{self.uitvallers} werkprocessen vielen uit; de batch stopt ({waarom})"
            )
        self._start()
        self._geef_beurt()

    def _terug_naar(self, positie: int | None) -> None:
        """Cut off a write left halfway, where the output is a file."""
        if positie is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, positie)
                os.lseek(self.fd, positie, os.SEEK_SET)

    def _start(self) -> None:
        hier, daar = self.context.Pipe()
        proces = self.context.Process(target=werk, args=(daar, self.verwerk, self.fd), daemon=True)
        proces.start()
        daar.close()
        self.werkers.append(_Werker(proces, hier))

    def _stop(self) -> None:
        """Tell every worker to stop and wait for them; a block being written is finished (and
        counted), nothing new is written."""
        self.stoppen = True
        for werker in self.werkers:
            with contextlib.suppress(OSError):
                werker.verbinding.send(("stop",))
        wacht_tot = time.monotonic() + _STOP_WACHT
        while self.werkers and time.monotonic() < wacht_tot:
            for werker in list(self.werkers):
                with contextlib.suppress(BaseException):
                    self._lees(werker)
                if not werker.proces.is_alive():
                    self.werkers.remove(werker)
                    werker.proces.join()
                    werker.verbinding.close()
            if self.werkers:
                multiprocessing.connection.wait([w.proces.sentinel for w in self.werkers], _KIJK)
        for werker in self.werkers:  # did not stop in time
            werker.proces.kill()
            werker.proces.join()
            werker.verbinding.close()
        self.werkers.clear()


def _stuur(werker: _Werker, bericht: tuple[Any, ...]) -> bool:
    """Send a message to a worker; False when it is gone (a crash is noticed by its sentinel)."""
    try:
        werker.verbinding.send(bericht)
    except OSError:  # BrokenPipeError, or the connection already closed
        return False
    return True


def _signaalnaam(nummer: int) -> str:
    try:
        return signal.Signals(nummer).name
    except ValueError:
        return "onbekend"
