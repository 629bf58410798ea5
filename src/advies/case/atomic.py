"""Atomic writing: the one file helper both case files and the knowledge-base cache need."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from advies.errors import InvoerFout


def schrijf_atomisch(pad: Path, inhoud: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename: a crash leaves the old or the new file.

    Created readable by the owner only: case files hold sensitive information about people.
    """
    pad = Path(pad)
    map_ = pad.parent if str(pad.parent) else Path(".")
    try:
        map_.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=map_)
    except OSError as fout:
        raise InvoerFout(f"kan hier niet schrijven ({fout.strerror})", bestand=str(pad)) from None
    try:
        data = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tijdelijk, 0o600)
        os.replace(tijdelijk, pad)
    except OSError as fout:
        Path(tijdelijk).unlink(missing_ok=True)
        raise InvoerFout(
            f"kan het bestand niet schrijven ({fout.strerror})", bestand=str(pad)
        ) from None
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise
