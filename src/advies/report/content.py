"""The report's own data: the next steps (rules/vervolgstappen.yaml) and the fixed wording of the
letter (teksten.yaml beside this module). Loaded once, checked against the knowledge base."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advies.errors import KennisbankFout
from advies.knowledge import conditions
from advies.knowledge.dutch import in_woorden
from advies.knowledge.loading import lees_eigen_yaml
from advies.knowledge.model import Bron, Kennisbank
from advies.knowledge.resources import data_dir

_TEKSTEN = Path(__file__).resolve().parent / "teksten.yaml"


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NaWeigering(_Strikt):
    """What a step or contract item says instead when the client refused one of these conditions
    in the talk and the coach's own verdict starts the group anyway: the usual text would promise
    what the client did not agree to."""

    bij: tuple[str, ...] = Field(min_length=1)
    tekst: str
    tekst_per_vorm: dict[str, str] = Field(default_factory=dict)

    def geldt(self, geweigerd: AbstractSet[str]) -> bool:
        return bool(geweigerd & set(self.bij))


class _Voorwaardelijk(_Strikt):
    """Shown for these guidance forms only (none: every form), and only where the condition is
    not false for the case (an unknown fact shows it: better one step too many than a gap)."""

    vormen: tuple[str, ...] = ()
    als: dict[str, Any] | None = None
    conditie: Any = Field(default=None, exclude=True)

    def geldt_voor(self, vorm: str | None, antwoorden: dict[str, Any]) -> bool:
        if self.vormen and vorm not in self.vormen:
            return False
        return self.conditie is None or conditions.geldt(self.conditie, antwoorden) is not False


class Punt(_Voorwaardelijk):
    """An item of the contract or logbook: it says something about the case, so with a condition
    it is shown only where that condition is true, never while a fact it reads is unknown."""

    code: str = ""  # where the talk's agreements fill in this item (bevestiging.contract)
    tekst: str
    na_weigering: NaWeigering | None = None
    bronnen: tuple[Bron, ...] = Field(min_length=1)

    def tekst_bij(self, geweigerd: AbstractSet[str]) -> str:
        w = self.na_weigering
        return w.tekst if w and w.geldt(geweigerd) else self.tekst

    def geldt_voor(self, vorm: str | None, antwoorden: dict[str, Any]) -> bool:
        if self.vormen and vorm not in self.vormen:
            return False
        return self.conditie is None or conditions.geldt(self.conditie, antwoorden) is True


class Zin(_Strikt):
    """A sentence of a step that holds for some cases only: shown where its condition is true."""

    als: dict[str, Any]
    tekst: str
    conditie: Any = Field(default=None, exclude=True)

    def geldt_voor(self, antwoorden: dict[str, Any]) -> bool:
        return conditions.geldt(self.conditie, antwoorden) is True


class Nadruk(_Strikt):
    """A sentence that stresses a step where one of these findings fired."""

    bij: tuple[str, ...] = Field(min_length=1)
    tekst: str


class Onderdeel(_Strikt):
    kop: str
    punten: tuple[Punt, ...]


class Vervolgstap(_Voorwaardelijk):
    code: str
    titel: str
    voor: str
    voor_per_vorm: dict[str, str] = Field(default_factory=dict)
    wat: str
    wat_per_vorm: dict[str, str] = Field(default_factory=dict)
    zinnen: tuple[Zin, ...] = ()
    onderdelen: tuple[Onderdeel, ...] = ()
    valkuilen: bool = False
    nadrukken: tuple[Nadruk, ...] = ()
    na_weigering: NaWeigering | None = None
    bronnen: tuple[Bron, ...] = Field(min_length=1)

    def tekst(self, vorm: str | None, geweigerd: AbstractSet[str] = frozenset()) -> str:
        w = self.na_weigering
        if w and w.geldt(geweigerd):
            return w.tekst_per_vorm.get(vorm or "", w.tekst)
        return self.wat_per_vorm.get(vorm or "", self.wat)

    def voor_wie(self, vorm: str | None) -> str:
        return self.voor_per_vorm.get(vorm or "", self.voor)


class Valkuil(_Strikt):
    """A pitfall the coach discusses with this group (VOR §3.3; KCB; HH): where `als` holds."""

    code: str
    tekst: str
    als: dict[str, Any] | None = None
    conditie: Any = Field(default=None, exclude=True)
    bronnen: tuple[Bron, ...] = Field(min_length=1)

    def geldt_voor(self, antwoorden: dict[str, Any]) -> bool:
        return self.conditie is None or conditions.geldt(self.conditie, antwoorden) is True


class Vervolg(_Strikt):
    stappen: tuple[Vervolgstap, ...]
    valkuilen: tuple[Valkuil, ...]
    valkuilen_max: int


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
        return in_woorden(n)


@cache
def laad_teksten() -> Teksten:
    return Teksten(lees_eigen_yaml(_TEKSTEN))


def laad_vervolgstappen(kb: Kennisbank) -> Vervolg:
    return _vervolgstappen(kb)


@cache
def _vervolgstappen(kb: Kennisbank) -> Vervolg:
    pad = (kb.map if kb.map else data_dir("rules")) / "vervolgstappen.yaml"
    data = lees_eigen_yaml(pad)

    def met_conditie(item: Any) -> Any:
        if not isinstance(item, dict) or item.get("als") is None:
            return item
        return {**item, "conditie": conditions.parse(item["als"], kb.feiten, kb.drempels)}

    try:
        stappen = tuple(
            Vervolgstap.model_validate(
                {
                    **met_conditie(s),
                    "zinnen": [met_conditie(z) for z in s.get("zinnen", ())],
                    "onderdelen": [
                        {**o, "punten": [met_conditie(p) for p in o["punten"]]}
                        for o in s.get("onderdelen", ())
                    ],
                }
            )
            for s in data["stappen"]
        )
        valkuilen = tuple(Valkuil.model_validate(met_conditie(v)) for v in data["valkuilen"])
        vervolg = Vervolg(stappen=stappen, valkuilen=valkuilen, valkuilen_max=data["valkuilen_max"])
    except (ValidationError, KeyError, TypeError, conditions.ConditieFout) as fout:
        raise KennisbankFout(f"{pad}: {fout}") from None
    codes = {b.code for b in kb.bevindingen}
    for stap in stappen:
        bronnen = [
            *stap.bronnen,
            *(b for o in stap.onderdelen for p in o.punten for b in p.bronnen),
        ]
        for bron in bronnen:
            if bron.sleutel not in kb.bronnen:
                raise KennisbankFout(f"{pad}, stap {stap.code}: onbekende bron {bron.sleutel}")
        for vorm in [
            *stap.vormen,
            *stap.wat_per_vorm,
            *stap.voor_per_vorm,
            *(v for o in stap.onderdelen for p in o.punten for v in p.vormen),
        ]:
            if vorm not in kb.vormen:
                raise KennisbankFout(f"{pad}, stap {stap.code}: onbekende vorm {vorm}")
        weigeringen = [
            stap.na_weigering,
            *(p.na_weigering for o in stap.onderdelen for p in o.punten),
        ]
        for code in [
            *(c for n in stap.nadrukken for c in n.bij),
            *(c for w in weigeringen if w for c in w.bij),
        ]:
            if code not in codes:
                raise KennisbankFout(f"{pad}, stap {stap.code}: onbekende bevinding {code}")
    return vervolg
