"""A cache of checked data (the knowledge base, the questionnaires) in the user's cache folder.

Not sensitive: rules and questions only, never a case. Keyed on every source file's path, size
and modification time plus the program's version, so an edited file or another version of advies
never sees a stale copy. Parsing and checking the YAML took longer than the rest of a short run.
Any problem with the cache means loading from the files again; the cache never makes a run fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from advies import __version__


def _map() -> Path:
    eigen = os.environ.get("ADVIES_CACHE")
    if eigen:
        return Path(eigen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("advies"))


def _bestand(naam: str, bronnen: Iterable[Path]) -> Path | None:
    if os.environ.get("ADVIES_GEEN_CACHE"):
        return None
    h = hashlib.sha256(__version__.encode())
    try:
        for pad in bronnen:
            st = pad.stat()
            h.update(f"{pad}|{st.st_size}|{st.st_mtime_ns}".encode())
    except OSError:
        return None
    return _map() / f"{naam}-{h.hexdigest()[:24]}.pickle"


def haal_op(naam: str, bronnen: Iterable[Path], soort: type) -> Any:
    """The cached object of type `soort` built from these files, or None."""
    bestand = _bestand(naam, bronnen)
    if bestand is None:
        return None
    with contextlib.suppress(Exception):
        waarde = pickle.loads(bestand.read_bytes())
        if isinstance(waarde, soort):
            return waarde
    return None


def bewaar(naam: str, bronnen: Iterable[Path], waarde: Any) -> None:
    bestand = _bestand(naam, bronnen)
    if bestand is None:
        return
    with contextlib.suppress(Exception):
        from advies.case.atomic import schrijf_atomisch

        schrijf_atomisch(bestand, pickle.dumps(waarde))
