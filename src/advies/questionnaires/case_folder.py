"""A case in the coach's case folder, by name.

A face names a case by its file name without `.yaml`; `casus_in_map` turns such a name back into
a path inside the folder and refuses anything else (another folder, a hidden file, a link, a
device), so a name from a browser can never reach a file outside the folder. (The list of the
folder's cases is `casework.overview`.)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from advies.errors import NietGevonden

EXTENSIES = (".yaml", ".yml")
MAX_NAAM = 200


def gewoon_bestand(pad: Path) -> os.stat_result | None:
    """The file's status when it is a regular file (not a link, folder, pipe or device)."""
    try:
        info = os.lstat(pad)
    except OSError:
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def casus_in_map(map_: Path, naam: str) -> Path:
    """The case file called `naam` in the folder; a name that is not one is refused in Dutch."""
    if (
        not naam
        or len(naam) > MAX_NAAM
        or naam.startswith(".")
        or any(teken in naam for teken in "/\\\x00")
        or not naam.isprintable()
    ):
        raise NietGevonden(f"'{naam[:60]}' is geen naam van een casus in de casusmap")
    for extensie in EXTENSIES:
        pad = map_ / f"{naam}{extensie}"
        if gewoon_bestand(pad) is not None:
            return pad
    raise NietGevonden(
        f"er is geen casus '{naam}' in de casusmap {map_}; misschien is het bestand verplaatst "
        "of hernoemd"
    )
