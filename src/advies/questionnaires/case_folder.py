"""The coach's case folder: the cases in it, newest first, how far each has come and its verdict.

A face names a case by its file name without `.yaml`; `casus_in_map` turns such a name back into
a path inside the folder and refuses anything else (another folder, a hidden file, a link, a
device), so a name from a browser can never reach a file outside the folder.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from advies.case.files import lees_casus
from advies.errors import AdviesError, NietGevonden
from advies.knowledge.model import Kennisbank
from advies.questionnaires.intake import SECTIE

Stadium = Literal["intake", "advies"]
STADIA: dict[Stadium, str] = {"intake": "intake loopt", "advies": "advies klaar"}
EXTENSIES = (".yaml", ".yml")
MAX_NAAM = 200


@dataclass(frozen=True)
class CasusInMap:
    """One line of the list: what the file says, or why it cannot be read."""

    naam: str  # the name a face uses: the file name without its extension
    pad: Path
    gewijzigd: datetime
    titel: str = ""  # meta.naam, else the file name
    opdrachtgever: str = ""
    stadium: Stadium | None = None
    verdict: str | None = None
    verdict_label: str | None = None
    fout: str | None = None  # the Dutch message of a broken file


def _gewoon_bestand(pad: Path) -> os.stat_result | None:
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
        if _gewoon_bestand(pad) is not None:
            return pad
    raise NietGevonden(
        f"er is geen casus '{naam}' in de casusmap {map_}; misschien is het bestand verplaatst "
        "of hernoemd"
    )


def casussen(kb: Kennisbank, map_: Path) -> list[CasusInMap]:
    """Every case file in the folder, the most recently changed first. A file that cannot be read
    is listed with its message; it never stops the list."""
    from advies.engine.evaluation import evalueer

    try:
        namen = os.listdir(map_)
    except FileNotFoundError:
        return []  # no case yet: the folder is made at the first save
    except OSError as fout:
        raise AdviesError(
            f"kan de casusmap niet lezen ({fout.strerror})", bestand=str(map_)
        ) from None
    lijst = []
    for bestandsnaam in namen:
        pad = map_ / bestandsnaam
        info = _gewoon_bestand(pad)
        if bestandsnaam.startswith(".") or pad.suffix not in EXTENSIES or info is None:
            continue
        regel = CasusInMap(naam=pad.stem, pad=pad, gewijzigd=datetime.fromtimestamp(info.st_mtime))
        try:
            casus = lees_casus(kb, pad)
            advies = evalueer(casus, kb, wat_als=False)
        except AdviesError as fout:
            lijst.append(replace(regel, titel=pad.stem, fout=fout.bericht()))
            continue
        boek = casus.meta.model_dump().get(SECTIE)
        klaar = isinstance(boek, dict) and bool(boek.get("klaar"))
        lijst.append(
            replace(
                regel,
                titel=casus.meta.naam or pad.stem,
                opdrachtgever=casus.meta.opdrachtgever or "",
                stadium="advies" if klaar else "intake",
                verdict=advies.eindoordeel,
                verdict_label=kb.verdicts[advies.eindoordeel].label,
            )
        )
    return sorted(lijst, key=lambda c: (c.gewijzigd, c.naam), reverse=True)
