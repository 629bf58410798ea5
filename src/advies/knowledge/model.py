"""The knowledge base's models: rules, methods, forms, styles, sources and the whole `Kennisbank`.

Every rule has an id, a condition (`als`) and sources; what it yields differs per kind. The engine
compiles `Kennisbank.regels()` without knowing what any rule means. Loading and checking the files
in rules/ is `loading.py`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from advies.knowledge.conditions import geldt

Soort = Literal["indicatie", "contra_indicatie", "aandachtspunt"]
# what a finding's text may name in {braces} besides the numeric facts and the thresholds: the
# proposal the advice makes (first method, its minutes, the session it needs, the groups)
PLEKKEN_VOORSTEL = ("werkvorm", "werkvorm_minuten", "sessie_nodig", "groepen")
Ernst = Literal["blokkerend", "voorwaardelijk", "advies"]
# the severities that can stop or condition a start: an unknown fact behind one is a question
BESLISSEND: tuple[Ernst, ...] = ("blokkerend", "voorwaardelijk")
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
    # why the rule decides as it does, from the sources: for whoever checks or changes the rules
    grond: str | None = None
    bronnen: tuple[Bron, ...] = Field(min_length=1)
    bestand: str = ""
    conditie: Any = Field(default=None, exclude=True)
    # derived once by the loader: evaluation reads them for every fired rule
    feiten: tuple[str, ...] = Field(default=(), exclude=True)
    leesbaar: str = Field(default="altijd", exclude=True)

    categorie: Categorie = "bevinding"


class Aanvulling(_Strikt):
    """A sentence that belongs to a text only for some cases: it is added where its condition is
    true for the case (never while a fact it reads is unknown), before or after the text."""

    als: dict[str, Any]
    tekst: str
    veld: Literal["uitleg", "voorwaarde"] = "uitleg"
    plek: Literal["voor", "na"] = "na"
    conditie: Any = Field(default=None, exclude=True)


class AlternatiefKeuze(_Strikt):
    """One choice of alternative: the first whose condition holds is taken (unknown: not)."""

    code: str
    als: dict[str, Any] | None = None
    conditie: Any = Field(default=None, exclude=True)


class Bevindingsregel(Regel):
    categorie: Categorie = "bevinding"
    code: str
    titel: str
    toezegging: str | None = None  # a condition as the commitment the client says yes to
    soort: Soort
    ernst: Ernst | None = None
    publiek: Literal["klant", "coach"] = "klant"  # coach: never in the client's report
    uitleg: str
    voorwaarde: str | None = None
    # the condition in words true for every group (a batch's summary): required when `voorwaarde`
    # holds a place only a case fills ({groepen}); thresholds ({groep_max}) may stay
    voorwaarde_algemeen: str | None = None
    # required when blocking; for a condition: what fits when the client refuses it
    alternatief: str | tuple[AlternatiefKeuze, ...] | None = None
    samenstelling: str | None = None
    # sentences for some cases only; texts may hold {plekken} the advice fills in (PLEKKEN)
    aanvullingen: tuple[Aanvulling, ...] = ()
    # not shown where one of these findings fired: it would say the same thing a second time
    vervalt_bij: tuple[str, ...] = ()
    splitst_groepen: bool = False  # when it fires, the proposal has more than one group
    # what the client's refusal means, for the letter that confirms it (in the client's terms)
    bij_weigering: str | None = None

    def alternatieven(self) -> tuple[AlternatiefKeuze, ...]:
        if isinstance(self.alternatief, str):
            return (AlternatiefKeuze(code=self.alternatief),)
        return self.alternatief or ()

    def alternatief_voor(self, antwoorden: dict[str, Any]) -> str | None:
        """The alternative for this case: the first choice whose condition holds."""
        for keuze in self.alternatieven():
            if keuze.conditie is None or geldt(keuze.conditie, antwoorden) is True:
                return keuze.code
        return None


class Alternatief(_Strikt):
    code: str
    naam: str
    uitleg: str
    vervolg: str  # the first steps on that path, shown instead of the steps to a group
    # for the letter only, in the coach's first person: who carries it out, and the client's part
    wie: str | None = None
    aanvullingen: tuple[Aanvulling, ...] = ()
    bronnen: tuple[Bron, ...]


class Stap(_Strikt):
    naam: str
    wat: str
    minuten: int | None = None
    minuten_max: int | None = None  # where a source gives a range
    schatting: bool = False  # the source gives no time: the minutes are the product's estimate


class Methode(_Strikt):
    code: str
    naam: str
    naam_in_zin: str  # how a sentence names it: "het basismodel", "de roddelmethode"
    past_bij: str
    kortste_sessie: int | str | None = None  # minutes, or a name in drempels.yaml
    actieplan_toevoegen: bool = False  # the source's script ends without an action plan
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
    kort: str = ""  # what the form is in a few words, after its name in the letter
    omschrijving: str
    begeleide_bijeenkomsten: str | None = None
    bronnen: tuple[Bron, ...]


class Begeleidingsduur(_Strikt):
    """How many of the planned sessions the intervision coach guides: the first choice whose
    condition holds for the case (the last has none), never more than are planned."""

    als: dict[str, Any] | None = None
    aantal: int = Field(ge=1)
    reden: str | None = None  # for the letter, where the number differs from the usual
    grond: str
    bronnen: tuple[Bron, ...] = Field(min_length=1)
    conditie: Any = Field(default=None, exclude=True)


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
    advies: str = ""  # empty: the rule only counts people out, the group's sentence says so
    bij_een_groep: str | None = None  # instead of `advies` when everyone fits in one group
    bronnen_bij_een_groep: tuple[Bron, ...] = ()  # where that text rests on other places
    telt_niet_mee: int = Field(0, ge=0)  # people named who do not join the proposed groups
    telt_niet_mee_bij_een_groep: int = Field(0, ge=0)  # ... only when they form one group
    telt_als: str | None = None  # rules counting the same people: the largest number counts
    niet_mee_tekst: str | None = None  # who that is, inside a sentence


class Grootte(_Strikt):
    min: str
    max: str
    ideaal: str


class Geregeld(_Strikt):
    """Where the proposal itself arranges a key condition: for these guidance forms, in the
    coach's words."""

    vormen: tuple[str, ...]
    tekst: str


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
    # the findings that say how it stands when the condition is not met, and whether the facts
    # only stand in for it (then never 'niet vervuld')
    bevindingen: tuple[str, ...] = ()
    benadering: bool = False
    # the letter: why it stands so, in one clause each; the indications it speaks for
    vervuld: str = ""
    lijkt_in_orde: str = ""  # a stand-in that holds
    geregeld: tuple[Geregeld, ...] = ()
    indicaties: tuple[str, ...] = ()
    # what a finding that two rows share means for this row, said instead of its title
    per_bevinding: dict[str, str] = Field(default_factory=dict)


class VerdictTekst(_Strikt):
    label: str
    zin: str
    als_gevolg: str  # how "what would change the verdict" ends when a change leads here
    bronnen: tuple[Bron, ...]


class Weigering(_Strikt):
    uitleg: str
    bronnen: tuple[Bron, ...]


class Afsluiting(_Strikt):
    """What every method's session ends with where its source's script does not (HH tip 5)."""

    tekst: str
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
    actieplan: Afsluiting
    methoderegels: list[Methoderegel]
    vormen: dict[str, Vorm]
    vormregels: list[Vormregel]
    stijlen: dict[str, Stijl]
    stijlregels: list[Stijlregel]
    begeleidingsduur: list[Begeleidingsduur]
    grootte: Grootte
    samenstellingsregels: list[Samenstellingsregel]
    sleutelvoorwaarden: list[Sleutelvoorwaarde]
    verdicts: dict[str, VerdictTekst]
    geweigerd: Weigering
    geen_alternatief: Alternatief
    _index: dict[str, Regel] = field(init=False, repr=False)
    _codes: dict[str, Bevindingsregel] = field(init=False, repr=False)
    _leesvolgorde: dict[str, tuple[int, int]] = field(init=False, repr=False)
    _weigerbaar: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {r.id: r for r in self.regels()}
        self._codes = {r.code: r for r in self.bevindingen}
        gewicht = {"blokkerend": 0, "voorwaardelijk": 1, "advies": 2}
        self._leesvolgorde = {
            r.id: (gewicht.get(getattr(r, "ernst", None) or "", 3), i)
            for i, r in enumerate(self.regels())
        }
        self._weigerbaar = sorted({b.code for b in self.bevindingen if b.ernst == "voorwaardelijk"})

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

    def weigerbare_codes(self) -> list[str]:
        """Only conditions can be refused: the codes of the conditional findings."""
        return self._weigerbaar

    def drempel(self, naam: str) -> int:
        return self.drempels[naam]

    def kortste_sessie(self, methode: str) -> int | None:
        """The shortest session (minutes) this method fits in; None when the source gives no time."""
        waarde = self.methoden[methode].kortste_sessie
        return self.drempels[waarde] if isinstance(waarde, str) else waarde

    def beschrijf(self, regel: Regel) -> str:
        return regel.leesbaar
