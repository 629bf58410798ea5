"""A cache of checked data (the knowledge base, the questionnaires) in the user's cache folder.

Not sensitive: rules and questions only, never a case. Keyed on every source file's path, size
and modification time plus the program's version, so an edited file or another version of advies
never sees a stale copy. Parsing and checking the YAML took longer than the rest of a short run.
Any problem with the cache means loading from the files again; the cache never makes a run fail.

The cache is JSON, which carries data and never code (a pickle runs whatever it names when it is
loaded). Even so, a cache that others could have written is not read, nor written: its folder and
file must belong to the user and be writable by nobody else, or a colleague with write access to
`ADVIES_CACHE` could change the rules an advice is built from.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

import orjson
from pydantic import BaseModel

from advies import __version__

T = TypeVar("T")
_FORMAAT = "1"  # the layout of the cached data; raise it when that changes


def _map() -> Path:
    eigen = os.environ.get("ADVIES_CACHE")
    if eigen:
        return Path(eigen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("advies"))


def _bestand(naam: str, bronnen: Iterable[Path]) -> Path | None:
    if os.environ.get("ADVIES_GEEN_CACHE"):
        return None
    h = hashlib.sha256(f"{__version__}|{_FORMAAT}".encode())
    try:
        for pad in bronnen:
            st = pad.stat()
            h.update(f"{pad}|{st.st_size}|{st.st_mtime_ns}".encode())
    except OSError:
        return None
    return _map() / f"{naam}-{h.hexdigest()[:24]}.json"


def vertrouwd(pad: Path) -> bool:
    """Owned by this user and writable by nobody else (always true where there are no owners)."""
    if not hasattr(os, "geteuid"):
        return True
    try:
        st = pad.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(st.st_mode):
        return False
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def haal_op(naam: str, bronnen: Iterable[Path], lees: Callable[[Any], T]) -> T | None:
    """The cached data built from these files, rebuilt by `lees`; None if there is none or it
    cannot be trusted."""
    bestand = _bestand(naam, bronnen)
    if bestand is None or not vertrouwd(bestand.parent):
        return None
    with contextlib.suppress(Exception):
        if vertrouwd(bestand):
            return lees(_uit_json(orjson.loads(bestand.read_bytes())))
    return None


def bewaar(naam: str, bronnen: Iterable[Path], data: Any) -> None:
    """Keep `data` (JSON-able) for the next run, where the cache folder can be trusted."""
    bestand = _bestand(naam, bronnen)
    if bestand is None:
        return
    with contextlib.suppress(Exception):
        from advies.case.atomic import schrijf_atomisch

        if bestand.parent.exists() and not vertrouwd(bestand.parent):
            return
        schrijf_atomisch(bestand, orjson.dumps(_naar_json(data)))


_PAREN = "\x00paren"  # a mapping whose keys are not all text (YAML's `true:`), as pairs


def _naar_json(data: Any) -> Any:
    """JSON knows only text as a key; a mapping with others (true, 3) is kept as its pairs."""
    if isinstance(data, dict):
        if all(isinstance(k, str) for k in data):
            return {k: _naar_json(v) for k, v in data.items()}
        return {_PAREN: [[k, _naar_json(v)] for k, v in data.items()]}
    if isinstance(data, list | tuple):
        return [_naar_json(v) for v in data]
    return data


def _uit_json(data: Any) -> Any:
    if isinstance(data, dict):
        if len(data) == 1 and _PAREN in data:
            return {k: _uit_json(v) for k, v in data[_PAREN]}
        return {k: _uit_json(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_uit_json(v) for v in data]
    return data


def model_uit_data(soort: Any, waarde: Any) -> Any:
    """Rebuild checked data of type `soort` (a pydantic model, a list, tuple or dict of them) from
    its JSON form without validating it again: it was checked before it was cached, and
    building the validators cost more than the rest of loading from the cache."""
    return _bouwer(soort)(waarde)


Bouwer = Callable[[Any], Any]


def _zelf(waarde: Any) -> Any:
    return waarde


@functools.cache
def _bouwer(soort: Any) -> Bouwer:
    """How to rebuild a value of `soort`, worked out once per type (a start-up runs it often)."""
    oorsprong = typing.get_origin(soort)
    if oorsprong in (typing.Union, types.UnionType):  # the member the JSON's shape fits
        modellen = [
            d for d in typing.get_args(soort) if isinstance(d, type) and issubclass(d, BaseModel)
        ]
        rijen = [d for d in typing.get_args(soort) if typing.get_origin(d) in (list, tuple)]
        naar_model = _bouwer(modellen[0]) if modellen else _zelf
        naar_rij = _bouwer(rijen[0]) if rijen else _zelf

        def unie(waarde: Any) -> Any:
            if isinstance(waarde, dict):
                return naar_model(waarde)
            if isinstance(waarde, list):
                return naar_rij(waarde)
            return waarde

        return unie
    if isinstance(soort, type) and issubclass(soort, BaseModel):
        velden = soort.model_fields
        bouwers = {naam: _bouwer(cast(Any, info.annotation)) for naam, info in velden.items()}

        def model(waarde: Any) -> Any:
            if waarde is None:
                return None
            gebouwd = {k: (bouwers[k](v) if k in bouwers else v) for k, v in waarde.items()}
            return soort.model_construct(**gebouwd)

        return model
    if oorsprong in (list, tuple):
        delen = typing.get_args(soort)
        binnen = _bouwer(delen[0]) if delen else _zelf
        if binnen is _zelf:
            return (lambda w: None if w is None else tuple(w)) if oorsprong is tuple else _zelf
        if oorsprong is tuple:
            return lambda w: None if w is None else tuple(binnen(x) for x in w)
        return lambda w: None if w is None else [binnen(x) for x in w]
    if oorsprong is dict:
        binnen = _bouwer(typing.get_args(soort)[1])
        if binnen is _zelf:
            return _zelf
        return lambda w: None if w is None else {k: binnen(x) for k, x in w.items()}
    if soort is Path:
        return lambda w: None if w is None else Path(w)
    return _zelf
