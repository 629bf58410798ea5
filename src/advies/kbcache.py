"""A cache of the checked knowledge base in the user's cache folder (not sensitive: rules only).

Keyed on every file's path, size and modification time plus the program's version, so an edited
rule file or another version of advies never sees a stale copy. Any problem with the cache means
loading from the YAML files again; the cache can never make a run fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from . import __version__


def _map() -> Path:
    eigen = os.environ.get("ADVIES_CACHE")
    if eigen:
        return Path(eigen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("advies"))


def _sleutel(root: Path) -> str:
    h = hashlib.sha256(__version__.encode())
    for pad in sorted(root.rglob("*.yaml")):
        st = pad.stat()
        h.update(f"{pad}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:24]


def haal_op(root: Path) -> Any:
    if os.environ.get("ADVIES_GEEN_CACHE"):
        return None
    with contextlib.suppress(Exception):
        return pickle.loads((_map() / f"kennisbank-{_sleutel(root)}.pickle").read_bytes())
    return None


def bewaar(root: Path, kennisbank: Any) -> None:
    if os.environ.get("ADVIES_GEEN_CACHE"):
        return
    with contextlib.suppress(Exception):
        from .casefiles import schrijf_atomisch

        schrijf_atomisch(_map() / f"kennisbank-{_sleutel(root)}.pickle", pickle.dumps(kennisbank))
