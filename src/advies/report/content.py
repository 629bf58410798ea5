"""The report's own data: the next steps (rules/vervolgstappen.yaml) and the fixed wording of the
letter (teksten.yaml beside this module). Loaded once, checked against the knowledge base."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advies.errors import KennisbankFout
from advies.knowledge.loading import lees_eigen_yaml
from advies.knowledge.model import Bron, Kennisbank
from advies.knowledge.resources import data_dir

_TEKSTEN = Path(__file__).resolve().parent / "teksten.yaml"


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Punt(_Strikt):
    tekst: str
    bronnen: tuple[Bron, ...] = Field(min_length=1)


class Onderdeel(_Strikt):
    kop: str
    punten: tuple[Punt, ...]


class Vervolgstap(_Strikt):
    code: str
    titel: str
    voor: str
    wat: str
    onderdelen: tuple[Onderdeel, ...] = ()
    nadruk_bij: tuple[str, ...] = ()
    nadruk: str | None = None
    bronnen: tuple[Bron, ...] = Field(min_length=1)


class Teksten:
    """The letter's wording, looked up by a dotted path: `teksten["kort.oordeel.go"]`."""

    def __init__(self, data: dict[str, Any]):
        self._data = data

    def __getitem__(self, pad: str) -> Any:
        waarde: Any = self._data
        for deel in pad.split("."):
            waarde = waarde[deel]
        # folded YAML keeps line breaks in places; a leading space in a quoted text is meant
        return re.sub(r"\s+", " ", waarde) if isinstance(waarde, str) else waarde

    def vul(self, pad: str, **velden: Any) -> str:
        return str(self[pad]).format(**velden)

    def getal(self, n: int) -> str:
        """Small numbers in words, as Dutch prose writes them (vier aandachtspunten)."""
        woorden = self["getallen"]
        return woorden[n] if 0 <= n < len(woorden) else str(n)


@cache
def laad_teksten() -> Teksten:
    return Teksten(lees_eigen_yaml(_TEKSTEN))


def laad_vervolgstappen(kb: Kennisbank) -> tuple[Vervolgstap, ...]:
    return _vervolgstappen(kb.map, frozenset(kb.bronnen), frozenset(b.code for b in kb.bevindingen))


@cache
def _vervolgstappen(
    map_: Path, sleutels: frozenset[str], codes: frozenset[str]
) -> tuple[Vervolgstap, ...]:
    pad = (map_ if map_ else data_dir("rules")) / "vervolgstappen.yaml"
    data = lees_eigen_yaml(pad)
    try:
        stappen = tuple(Vervolgstap.model_validate(s) for s in data["stappen"])
    except (ValidationError, KeyError, TypeError) as fout:
        raise KennisbankFout(f"{pad}: {fout}") from None
    for stap in stappen:
        bronnen = [
            *stap.bronnen,
            *(b for o in stap.onderdelen for p in o.punten for b in p.bronnen),
        ]
        for bron in bronnen:
            if bron.sleutel not in sleutels:
                raise KennisbankFout(f"{pad}, stap {stap.code}: onbekende bron {bron.sleutel}")
        for code in stap.nadruk_bij:
            if code not in codes:
                raise KennisbankFout(
                    f"{pad}, stap {stap.code}: onbekende bevinding {code} in nadruk_bij"
                )
        if stap.nadruk_bij and not stap.nadruk:
            raise KennisbankFout(f"{pad}, stap {stap.code}: nadruk_bij zonder 'nadruk'")
    return stappen
