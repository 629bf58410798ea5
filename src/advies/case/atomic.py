"""Atomic writing: the one file helper case files, reports and the knowledge-base cache share.

A file is written to a temporary file beside it and renamed over it, so a crash leaves the old
file or the new one, never half of one. While writing, the file's lock is held (locking.py): two
processes never write one file at once, and temporaries a killed run left behind are removed.
What is there is respected: a read-only file is not replaced, and only a regular file is (as root,
renaming over /dev/full would replace the device itself).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from advies.case.input_files import soort_bestand
from advies.case.locking import vergrendeld
from advies.case.oserrors import systeemfout
from advies.errors import InvoerFout


class BestaatAl(InvoerFout):
    """A file that was to be created new already exists."""


def controleer_doel(pad: Path) -> None:
    """Refuse to write over something that is not a regular file, or over a read-only file."""
    try:
        st = os.stat(pad)
    except FileNotFoundError:
        return
    except OSError as fout:
        raise InvoerFout(
            f"kan hier niet schrijven ({systeemfout(fout)})", bestand=str(pad)
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise InvoerFout("dit is een map; geef een bestandsnaam op", bestand=str(pad))
    if not stat.S_ISREG(st.st_mode):
        raise InvoerFout(
            f"dit is {soort_bestand(st.st_mode)}, geen gewoon bestand; advies schrijft alleen "
            "gewone bestanden",
            bestand=str(pad),
        )
    if not st.st_mode & stat.S_IWUSR:
        raise InvoerFout(
            "het bestand is alleen-lezen, dus advies schrijft er niet overheen; maak het "
            "schrijfbaar (chmod u+w) of kies een ander bestand",
            bestand=str(pad),
        )


def schrijf_atomisch(pad: Path, inhoud: str | bytes, *, nieuw: bool = False) -> None:
    """Write via a temporary file in the same folder and rename: a crash leaves the old or the new file.

    Created readable by the owner only: case files hold sensitive information about people.
    `nieuw`: the file must not exist yet (BestaatAl otherwise), also not when another program
    creates it at the same moment.
    """
    pad = Path(pad)
    map_ = pad.parent if str(pad.parent) else Path(".")
    try:
        map_.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FileExistsError:  # a part of the path is a file
        raise InvoerFout(
            "kan hier niet schrijven (een deel van het pad is een bestand, geen map)",
            bestand=str(pad),
        ) from None
    except OSError as fout:
        raise InvoerFout(
            f"kan hier niet schrijven ({systeemfout(fout)})", bestand=str(pad)
        ) from None
    with vergrendeld(pad):
        controleer_doel(pad)
        try:
            fd, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=map_)
        except OSError as fout:
            raise InvoerFout(
                f"kan hier niet schrijven ({systeemfout(fout)})", bestand=str(pad)
            ) from None
        try:
            data = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tijdelijk, 0o600)
            if nieuw:
                _maak_nieuw(tijdelijk, pad)
            else:
                os.replace(tijdelijk, pad)
        except OSError as fout:
            Path(tijdelijk).unlink(missing_ok=True)
            if fout.errno == errno.EEXIST:
                raise BestaatAl("dit bestand bestaat al", bestand=str(pad)) from None
            raise InvoerFout(
                f"kan het bestand niet schrijven ({systeemfout(fout)})", bestand=str(pad)
            ) from None
        except BaseException:
            Path(tijdelijk).unlink(missing_ok=True)
            raise


def _maak_nieuw(tijdelijk: str, pad: Path) -> None:
    """Put the written file at `pad` only if nothing is there: a hard link fails if the name
    exists, where a rename would replace it. Where hard links are not possible (some USB
    sticks and network folders), an exclusive create."""
    try:
        os.link(tijdelijk, pad)
    except FileExistsError:
        raise
    except OSError:
        with open(tijdelijk, "rb") as bron:
            data = bron.read()
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    os.unlink(tijdelijk)
