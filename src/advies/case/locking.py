"""One writer at a time per file: a lock file beside it, `.NAAM.lock`, held with the operating
system's own lock (flock; on Windows msvcrt), so a process that is killed releases it at once.

The lock file is removed when the lock is released. Whoever takes a lock checks afterwards that
the file it locked is still the one at that path (another process may have removed it in
between), and tries again if not; that is what makes the removal safe.

Holding the lock for a file also means no other advies process is writing it, so temporary files
of that file left by a run that was killed (`.NAAM.xxxxxxxx.tmp`, holding case data) are removed
right after the lock is taken.

Locks are re-entrant within a process: `schrijf_atomisch` takes the lock of the file it writes,
which the intake already holds for the whole session.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from advies.case.oserrors import systeemfout
from advies.errors import AdviesError, InvoerFout

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_GEHOUDEN: dict[str, Vergrendeling] = {}  # absolute path -> its lock, held by this process


class InGebruik(AdviesError):
    """Another process (a second intake, a second window) is working on the same file."""


def lockbestand(pad: Path) -> Path:
    return pad.parent / f".{pad.name}.lock"


def _sleutel(pad: Path) -> str:
    return os.path.abspath(pad)


class Vergrendeling:
    """The lock of one file; `neem` takes it (or waits up to `wacht` seconds), `geef_vrij` ends it."""

    def __init__(self, pad: Path):
        self.pad = Path(pad)
        self._fd: int | None = None
        self._geleend = False  # this process held the lock already when this one was taken

    @property
    def gehouden(self) -> bool:
        return self._fd is not None or self._geleend

    def neem(self, *, wacht: float = 0.0, wat: str = "dit bestand") -> None:
        """Take the lock, or raise InGebruik once `wacht` seconds have passed."""
        if self.gehouden:
            return
        if _sleutel(self.pad) in _GEHOUDEN:
            self._geleend = True
            return
        einde = time.monotonic() + wacht
        while not self._probeer():
            if time.monotonic() >= einde:
                raise InGebruik(
                    f"{wat} is al geopend in een ander venster of proces van advies; rond dat "
                    "eerst af (of wacht tot het klaar is) en probeer het dan opnieuw",
                    bestand=str(self.pad),
                )
            time.sleep(0.05)
        _GEHOUDEN[_sleutel(self.pad)] = self
        _ruim_tijdelijke_op(self.pad)

    def _probeer(self) -> bool:
        pad = lockbestand(self.pad)
        vlaggen = (
            os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        )
        try:
            self.pad.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(pad, vlaggen, 0o600)
        except OSError as fout:
            raise InvoerFout(
                f"kan hier niet schrijven ({systeemfout(fout)})", bestand=str(self.pad)
            ) from None
        try:
            if not _vergrendel(fd):
                os.close(fd)
                return False
            # the lock file may have been removed (and made anew) between open and lock
            if os.fstat(fd).st_ino != os.lstat(pad).st_ino:
                os.close(fd)
                return False
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def geef_vrij(self) -> None:
        if self._geleend:
            self._geleend = False
            return
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _GEHOUDEN.pop(_sleutel(self.pad), None)
        with contextlib.suppress(OSError):
            lockbestand(self.pad).unlink()  # while still locked: see the module's docstring
        os.close(fd)  # closing releases the lock

    def __enter__(self) -> Vergrendeling:
        self.neem()
        return self

    def __exit__(self, *_: object) -> None:
        self.geef_vrij()


def _vergrendel(fd: int) -> bool:
    """Lock without waiting; False when another process holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    import msvcrt  # pragma: no cover - Windows

    try:  # pragma: no cover
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:  # pragma: no cover
        return False
    return True  # pragma: no cover


@contextlib.contextmanager
def vergrendeld(pad: Path, *, wacht: float = 10.0) -> Iterator[None]:
    """Hold the lock of `pad` for a short write, waiting a little for another writer."""
    slot = Vergrendeling(pad)
    slot.neem(wacht=wacht)
    try:
        yield
    finally:
        slot.geef_vrij()


def _ruim_tijdelijke_op(pad: Path) -> None:
    """Remove the temporary files of `pad` left by a run that was killed (ours, regular files)."""
    eigenaar = os.geteuid() if hasattr(os, "geteuid") else None
    with contextlib.suppress(OSError):
        for oud in pad.parent.glob(f".{_glob_veilig(pad.name)}.{'?' * 8}.tmp"):
            st = oud.lstat()
            if stat.S_ISREG(st.st_mode) and (eigenaar is None or st.st_uid == eigenaar):
                oud.unlink(missing_ok=True)


def _glob_veilig(naam: str) -> str:
    """A file name as a glob pattern that matches only itself."""
    return "".join(f"[{t}]" if t in "*?[]" else t for t in naam)
