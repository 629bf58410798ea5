"""The knowledge base in rules/, loaded into pydantic models and checked for consistency.

Every rule has an id, a condition (`als`) and sources; what it yields differs per kind. The engine
compiles `Kennisbank.regels()` without knowing what any rule means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import conditions
from .conditions import Conditie
from .errors import KennisbankFout
from .resources import data_dir
from .yamlio import lees_tekstbestand, lees_yaml_tekst

Soort = Literal["indicatie", "contra_indicatie", "aandachtspunt"]
Ernst = Literal["blokkerend", "voorwaardelijk", "advies"]
Categorie = Literal["bevinding", "methode", "vorm", "stijl", "samenstelling", "sleutelvoorwaarde"]


class _Strikt(BaseModel):
    # defer_build: building validators for every model at import cost a third of a short run
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Bron(_Strikt):
    sleutel: str
    plaats: str

    def __str__(self) -> str:
        return f"{self.sleutel}, {self.plaats}"


class BronDefinitie(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)
    titel: str
    volledig: str


class Regel(_Strikt):
    """What every rule shares; `conditie` is parsed from `als` by the loader."""

    id: str
    als: dict[str, Any] | None = None
    bronnen: tuple[Bron, ...] = Field(min_length=1)
    bestand: str = ""
    conditie: Any = Field(default=None, exclude=True)
    # derived once by the loader: evaluation reads them for every fired rule
    feiten: tuple[str, ...] = Field(default=(), exclude=True)
    leesbaar: str = Field(default="altijd", exclude=True)

    categorie: Categorie = "bevinding"


class Bevindingsregel(Regel):
    categorie: Categorie = "bevinding"
    code: str
    titel: str
    soort: Soort
    ernst: Ernst | None = None
    uitleg: str
    voorwaarde: str | None = None
    alternatief: str | None = None  # required when blocking; for a condition: when refused
    samenstelling: str | None = None


class Alternatief(_Strikt):
    code: str
    naam: str
    uitleg: str
    bronnen: tuple[Bron, ...]


class Stap(_Strikt):
    naam: str
    wat: str
    minuten: int | None = None
    minuten_max: int | None = None  # where a source gives a range


class Methode(_Strikt):
    code: str
    naam: str
    past_bij: str
    duur_minuten: int | None = None
    duur_minuten_max: int | None = None
    stappen: tuple[Stap, ...] = ()
    bronnen: tuple[Bron, ...]


class Methoderegel(Regel):
    categorie: Categorie = "methode"
    methode: str
    rang: int
    reden: str


class Vorm(_Strikt):
    code: str
    naam: str
    omschrijving: str
    begeleide_bijeenkomsten: str | None = None
    bronnen: tuple[Bron, ...]


class Vormregel(Regel):
    categorie: Categorie = "vorm"
    vorm: str
    rang: int
    reden: str


class Stijl(_Strikt):
    code: str
    naam: str
    omschrijving: str
    bronnen: tuple[Bron, ...]


class Stijlregel(Regel):
    categorie: Categorie = "stijl"
    stijl: str
    rang: int
    reden: str


class Samenstellingsregel(Regel):
    categorie: Categorie = "samenstelling"
    advies: str


class Grootte(_Strikt):
    min: str
    max: str
    ideaal: str


class Sleutelvoorwaarde(Regel):
    categorie: Categorie = "sleutelvoorwaarde"

    @model_validator(mode="before")
    @classmethod
    def _id_uit_code(cls, data: Any) -> Any:
        if isinstance(data, dict) and "id" not in data and "code" in data:
            return {**data, "id": f"sleutel_{data['code']}"}
        return data

    code: str
    naam: str
    uitleg: str
    te_regelen: str
    prioriteit: int = Field(99, description="Volgorde in 'eerst regelen' van de zelfcheck: 1 eerst")


class VerdictTekst(_Strikt):
    label: str
    zin: str
    als_gevolg: str | None = None
    bronnen: tuple[Bron, ...]


class Weigering(_Strikt):
    uitleg: str
    bronnen: tuple[Bron, ...]


@dataclass(eq=False)  # identity semantics: one loaded knowledge base is one engine
class Kennisbank:
    versie: str
    map: Path
    feiten: dict[str, dict[str, Any]]
    drempels: dict[str, int]
    bronnen: dict[str, BronDefinitie]
    bevindingen: list[Bevindingsregel]
    alternatieven: dict[str, Alternatief]
    methoden: dict[str, Methode]
    methoderegels: list[Methoderegel]
    vormen: dict[str, Vorm]
    vormregels: list[Vormregel]
    stijlen: dict[str, Stijl]
    stijlregels: list[Stijlregel]
    grootte: Grootte
    samenstellingsregels: list[Samenstellingsregel]
    sleutelvoorwaarden: list[Sleutelvoorwaarde]
    verdicts: dict[str, VerdictTekst]
    geweigerd: Weigering
    geen_alternatief: Alternatief
    _index: dict[str, Regel] = field(init=False, repr=False)
    _codes: dict[str, Bevindingsregel] = field(init=False, repr=False)
    _leesvolgorde: dict[str, tuple[int, int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {r.id: r for r in self.regels()}
        self._codes = {r.code: r for r in self.bevindingen}
        gewicht = {"blokkerend": 0, "voorwaardelijk": 1, "advies": 2}
        self._leesvolgorde = {
            r.id: (gewicht.get(getattr(r, "ernst", None) or "", 3), i)
            for i, r in enumerate(self.regels())
        }

    def leesvolgorde(self, regel_id: str) -> tuple[int, int]:
        """Most severe first, then in the order of the rule files."""
        return self._leesvolgorde[regel_id]

    def regels(self) -> list[Regel]:
        """Every rule, in a stable order; ids are unique across all of them."""
        return [
            *self.bevindingen,
            *self.methoderegels,
            *self.vormregels,
            *self.stijlregels,
            *self.samenstellingsregels,
            *self.sleutelvoorwaarden,
        ]

    def regel(self, regel_id: str) -> Regel:
        return self._index[regel_id]

    def bevinding(self, code: str) -> Bevindingsregel:
        return self._codes[code]

    def drempel(self, naam: str) -> int:
        return self.drempels[naam]

    def beschrijf(self, regel: Regel) -> str:
        return regel.leesbaar


def lees_eigen_yaml(pad: Path) -> Any:
    """A YAML file that ships with advies; an error in it is the knowledge base's, not the user's."""
    try:
        return lees_yaml_tekst(lees_tekstbestand(pad), str(pad), eigen=True)
    except Exception as fout:  # any reading error is the knowledge base's, not the user's
        raise KennisbankFout(str(fout)) from None


def _regels(model: type[Regel], items: Any, pad: Path, kb: dict[str, Any]) -> list[Any]:
    if not isinstance(items, list):
        raise KennisbankFout(f"{pad}: een lijst met regels verwacht")
    result = []
    for raw in items:
        regel_id = raw.get("id", "?") if isinstance(raw, dict) else "?"
        try:
            regel = model.model_validate({**raw, "bestand": pad.name})
            conditie: Conditie | None = None
            if regel.als is not None:
                conditie = conditions.parse(regel.als, kb["feiten"], kb["drempels"])
            result.append(
                regel.model_copy(
                    update={
                        "conditie": conditie,
                        "feiten": conditions.feiten_van(conditie),
                        "leesbaar": conditions.beschrijf(conditie, kb["feiten"]),
                    }
                )
            )
        except (ValidationError, conditions.ConditieFout) as fout:
            raise KennisbankFout(f"{pad}, regel {regel_id}: {fout}") from None
    return result


def _lijst(model: type[BaseModel], items: Any, pad: Path) -> dict[str, Any]:
    try:
        parsed = [model.model_validate(i) for i in items]
    except ValidationError as fout:
        raise KennisbankFout(f"{pad}: {fout}") from None
    return {p.code: p for p in parsed}  # type: ignore[attr-defined]


@cache
def laad_kennisbank(map: Path | None = None) -> Kennisbank:
    """Load and check the knowledge base (cached: it does not change while the program runs).

    The checked result is also kept in the user's cache folder, keyed on the files' names, sizes
    and times: parsing and checking the YAML took longer than the whole rest of a short run.
    """
    root = map or data_dir("rules")
    from . import cache

    bronnen = sorted(root.rglob("*.yaml"))
    bewaard = cache.haal_op("kennisbank", bronnen, Kennisbank)
    if bewaard is not None:
        return bewaard
    kennisbank = _laad(root)
    cache.bewaar("kennisbank", bronnen, kennisbank)
    return kennisbank


def _laad(root: Path) -> Kennisbank:
    meta = lees_eigen_yaml(root / "kennisbank.yaml")
    drempel_data = lees_eigen_yaml(root / "drempels.yaml")
    kb: dict[str, Any] = {
        "versie": str(meta["versie"]),
        "map": root,
        "feiten": lees_eigen_yaml(root / "feiten.yaml"),
        "drempels": {k: v["waarde"] for k, v in drempel_data.items()},
    }
    kb["bronnen"] = {
        k: BronDefinitie.model_validate(v)
        for k, v in lees_eigen_yaml(root / "bronnen.yaml").items()
    }
    bevindingen: list[Bevindingsregel] = []
    for pad in sorted((root / "bevindingen").glob("*.yaml")):
        bevindingen += _regels(Bevindingsregel, lees_eigen_yaml(pad), pad, kb)
    kb["bevindingen"] = bevindingen
    kb["alternatieven"] = _lijst(Alternatief, lees_eigen_yaml(root / "alternatieven.yaml"), root)
    methoden = lees_eigen_yaml(root / "methoden.yaml")
    kb["methoden"] = _lijst(Methode, methoden["methoden"], root / "methoden.yaml")
    kb["methoderegels"] = _regels(Methoderegel, methoden["regels"], root / "methoden.yaml", kb)
    begeleiding = lees_eigen_yaml(root / "begeleiding.yaml")
    pad = root / "begeleiding.yaml"
    kb["vormen"] = _lijst(Vorm, begeleiding["vormen"], pad)
    kb["vormregels"] = _regels(Vormregel, begeleiding["vorm_regels"], pad, kb)
    kb["stijlen"] = _lijst(Stijl, begeleiding["stijlen"], pad)
    kb["stijlregels"] = _regels(Stijlregel, begeleiding["stijl_regels"], pad, kb)
    samenstelling = lees_eigen_yaml(root / "samenstelling.yaml")
    kb["grootte"] = Grootte.model_validate(samenstelling["grootte"])
    kb["samenstellingsregels"] = _regels(
        Samenstellingsregel, samenstelling["regels"], root / "samenstelling.yaml", kb
    )
    kb["sleutelvoorwaarden"] = _regels(
        Sleutelvoorwaarde,
        lees_eigen_yaml(root / "sleutelvoorwaarden.yaml"),
        root / "sleutelvoorwaarden.yaml",
        kb,
    )
    oordeel = lees_eigen_yaml(root / "oordeel.yaml")
    try:
        kb["verdicts"] = {k: VerdictTekst.model_validate(v) for k, v in oordeel["verdicts"].items()}
        kb["geweigerd"] = Weigering.model_validate(oordeel["geweigerd"])
        kb["geen_alternatief"] = Alternatief.model_validate(oordeel["geen_alternatief"])
    except (ValidationError, KeyError, AttributeError) as fout:
        raise KennisbankFout(f"{root / 'oordeel.yaml'}: {fout}") from None
    kennisbank = Kennisbank(**kb)
    _controleer(kennisbank)
    return kennisbank


def _operatoren(conditie: Any) -> set[str]:
    if conditie is None:
        return set()
    if isinstance(conditie, conditions.FeitVoorwaarde):
        return {conditie.op}
    return set().union(*(_operatoren(d) for d in conditie.delen))


def _controleer(kb: Kennisbank) -> None:
    """Cross-file consistency: unique ids, known references, known source keys."""
    gezien: set[str] = set()
    for regel in kb.regels():
        if regel.id in gezien:
            raise KennisbankFout(f"{regel.bestand}: regel-id {regel.id} komt twee keer voor")
        gezien.add(regel.id)
        for bron in regel.bronnen:
            if bron.sleutel not in kb.bronnen:
                raise KennisbankFout(
                    f"{regel.bestand}, regel {regel.id}: onbekende bron {bron.sleutel}"
                )
    for b in kb.bevindingen:
        if "onbekend" in _operatoren(b.conditie):
            raise KennisbankFout(
                f"{b.bestand}, regel {b.id}: 'onbekend' hoort niet in een bevinding; "
                "een onbekend feit wordt daar vanzelf een open vraag"
            )
        if b.soort == "indicatie" and b.ernst is not None:
            raise KennisbankFout(f"{b.bestand}, regel {b.id}: een indicatie heeft geen ernst")
        if b.soort != "indicatie" and b.ernst is None:
            raise KennisbankFout(f"{b.bestand}, regel {b.id}: ernst ontbreekt")
        if b.ernst == "voorwaardelijk" and not b.voorwaarde:
            raise KennisbankFout(f"{b.bestand}, regel {b.id}: 'voorwaarde' ontbreekt")
        if (b.ernst == "blokkerend" or b.alternatief) and b.alternatief not in kb.alternatieven:
            raise KennisbankFout(
                f"{b.bestand}, regel {b.id}: onbekend alternatief {b.alternatief!r}"
            )
        if b.als is None:
            raise KennisbankFout(
                f"{b.bestand}, regel {b.id}: een bevinding heeft een voorwaarde nodig"
            )
    for m in kb.methoderegels:
        if m.methode not in kb.methoden:
            raise KennisbankFout(f"methoden.yaml, regel {m.id}: onbekende methode {m.methode}")
    for v in kb.vormregels:
        if v.vorm not in kb.vormen:
            raise KennisbankFout(f"begeleiding.yaml, regel {v.id}: onbekende vorm {v.vorm}")
    for s in kb.stijlregels:
        if s.stijl not in kb.stijlen:
            raise KennisbankFout(f"begeleiding.yaml, regel {s.id}: onbekende stijl {s.stijl}")
    for naam in (kb.grootte.min, kb.grootte.max, kb.grootte.ideaal):
        if naam not in kb.drempels:
            raise KennisbankFout(f"samenstelling.yaml: onbekende drempel {naam}")
