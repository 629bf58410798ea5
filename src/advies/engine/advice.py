"""The advice: what an evaluation returns, and the stable JSON contract (domain brief §9)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal, Self

import orjson
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from advies.case.model import OordeelCoach, Verdict
from advies.case.talk import Vastlegging
from advies.knowledge.model import Bron


class Deel(BaseModel):
    """A part of an advice. Parts that depend only on the rules are built once and shared between
    advices (parts_store.py), so they are frozen, and each writes its JSON once."""

    model_config = ConfigDict(frozen=True)
    _json: bytes | None = PrivateAttr(default=None)

    def json_bytes(self) -> bytes:
        """`model_dump_json()` as UTF-8, written once."""
        # through the private dict: pydantic's attribute fallback made this ten times slower
        prive = self.__pydantic_private__
        assert prive is not None  # a model with a private attribute always has this dict
        tekst: bytes | None = prive["_json"]
        if tekst is None:
            tekst = prive["_json"] = self.__pydantic_serializer__.to_json(self)
        return tekst

    def __eq__(self, other: object) -> bool:
        # pydantic compares private attributes too: whether the JSON was written yet is no
        # difference between two parts
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # parts hold lists

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        kopie = super().model_copy(update=update, deep=deep)
        assert kopie.__pydantic_private__ is not None
        kopie.__pydantic_private__["_json"] = None  # a changed copy writes its own JSON
        return kopie


class Bevinding(Deel):
    code: str
    titel: str
    toezegging: str | None = Field(None, description="De voorwaarde als toezegging, als kop")
    soort: Literal["indicatie", "contra_indicatie", "aandachtspunt"]
    ernst: Literal["blokkerend", "voorwaardelijk", "advies"] | None
    publiek: Literal["klant", "coach"] = "klant"
    uitleg: str
    voorwaarde: str | None = None
    geweigerd: bool = Field(
        False, description="De opdrachtgever weigerde deze voorwaarde: nu blokkerend"
    )
    bij_weigering: str | None = Field(None, description="Wat de weigering betekent, voor de brief")
    regel: str
    bronnen: tuple[Bron, ...]


class Alternatief(Deel):
    code: str
    naam: str
    uitleg: str
    vervolg: str
    wie: str | None = Field(None, description="Wie het uitvoert, in de woorden van de coach")
    aanvullingen: list[str] = Field(default_factory=list, description="Wat bij deze casus hoort")
    bronnen: tuple[Bron, ...]


class SamenstellingsAdvies(Deel):
    tekst: str
    regel: str
    bronnen: tuple[Bron, ...]


class Samenstelling(Deel):
    groepsgrootte: int | None
    aantal_groepen: int | None
    groepen: list[int]
    aanvullen: int = Field(0, description="Zoveel deelnemers erbij werven om de groepen te vullen")
    niet_mee: int = Field(0, description="Zoveel genoemde deelnemers doen niet mee in de groepen")
    niet_mee_wie: list[str] = Field(default_factory=list, description="Wie dat zijn, in een zin")
    minimum: int
    maximum: int
    ideaal: int
    adviezen: list[SamenstellingsAdvies]


class Keuze(Deel):
    code: str
    naam: str
    reden: str
    regel: str
    bronnen: tuple[Bron, ...]


class Begeleiding(Deel):
    vorm: Keuze | None
    stijl: Keuze | None
    begeleide_bijeenkomsten: str | None
    aantal_begeleid: int | None = Field(
        None, description="Zoveel van de geplande bijeenkomsten begeleidt de coach"
    )
    aantal_reden: str | None = Field(None, description="Waarom dat aantal, als het afwijkt")


class Stap(Deel):
    naam: str
    wat: str
    minuten: int | None = None
    minuten_max: int | None = None
    schatting: bool = False


class Methode(Deel):
    code: str
    naam: str
    naam_in_zin: str = ""
    redenen: list[str]
    regels: list[str]
    duur_minuten: int | None
    duur_minuten_max: int | None = None
    kortste_sessie: int | None = Field(
        None, description="Past in een bijeenkomst van zoveel minuten"
    )
    stappen: list[Stap]
    afsluiting: str | None = Field(None, description="Waar het schema van de bron niet mee eindigt")
    afsluiting_bronnen: tuple[Bron, ...] = ()
    bronnen: tuple[Bron, ...]


class OpenVraag(Deel):
    feit: str
    vraag: str
    waarom: str
    regels: list[str]
    beslissend: bool = Field(description="Zonder antwoord kan er geen go of no go gegeven worden")


SleutelStatus = Literal["vervuld", "voorwaarde", "te_regelen", "onbekend", "niet_vervuld"]


class SleutelvoorwaardeStatus(Deel):
    code: str
    naam: str
    status: SleutelStatus
    uitleg: str
    te_regelen: str
    ontbrekende_feiten: list[str]
    bronnen: tuple[Bron, ...]


class Wijziging(Deel):
    feit: str
    van: Any
    naar: Any
    tekst: str


class WatAls(Deel):
    wijzigingen: list[Wijziging]
    verdict: Verdict
    zin: str


class TraceStap(Deel):
    regel: str
    uitkomst: Literal["waar", "onbeslist", "geweigerd", "verdict"]
    conditie: str
    feiten: dict[str, Any]
    bronnen: tuple[Bron, ...]


class Advies(BaseModel):
    kennisbank_versie: str
    advies_versie: str
    casus: str | None
    verdict: Verdict
    verdict_label: str
    verdict_zin: str
    oordeel_coach: OordeelCoach | None
    bevindingen: list[Bevinding]
    alternatief: list[Alternatief]
    samenstelling: Samenstelling
    begeleiding: Begeleiding
    methoden: list[Methode]
    open_vragen: list[OpenVraag]
    sleutelvoorwaarden: list[SleutelvoorwaardeStatus]
    wat_als: list[WatAls] | None
    trace: list[TraceStap]

    def json_regel(self) -> bytes:
        """`model_dump_json()` as UTF-8, put together from the parts' JSON, which most advices
        share: in a batch, a third of the time that pydantic takes to write the whole advice."""
        velden = self.__dict__
        delen = []
        for naam, kop in _KOPPEN:
            waarde = velden[naam]
            if isinstance(waarde, list):
                delen.append(kop + b"[" + b",".join(map(_JSON_VAN_DEEL, waarde)) + b"]")
            elif isinstance(waarde, Deel):
                delen.append(kop + waarde.json_bytes())
            elif isinstance(waarde, BaseModel):
                delen.append(kop + waarde.__pydantic_serializer__.to_json(waarde))
            else:
                delen.append(kop + orjson.dumps(waarde))
        return b"{" + b",".join(delen) + b"}"

    def vastlegging(self, dag: date | None = None) -> Vastlegging:
        """What this advice said and with which rules: kept in the case when it is given."""
        return Vastlegging(
            datum=(dag or date.today()).isoformat(),
            kennisbank=self.kennisbank_versie,
            verdict=self.verdict,
            # the rules' conditions, as the verdict it keeps is the rules': a coach's own verdict
            # is not a change of the rules
            voorwaarden=[
                b.code
                for b in self.bevindingen
                if self.verdict != "no_go" and b.ernst == "voorwaardelijk" and not b.geweigerd
            ],
            blokkades=[b.code for b in self.blokkades],
        )

    @property
    def eindoordeel(self) -> Verdict:
        """The advice's verdict: the coach's own where the coach gave one, else the rules'."""
        return self.oordeel_coach.verdict if self.oordeel_coach else self.verdict

    def van_soort(self, soort: str) -> list[Bevinding]:
        return [b for b in self.bevindingen if b.soort == soort]

    @property
    def blokkades(self) -> list[Bevinding]:
        """What stands in the way of any start: blocking findings and refused conditions."""
        return [b for b in self.bevindingen if b.ernst == "blokkerend" or b.geweigerd]

    def per_gewicht(self) -> list[tuple[str, list[Bevinding]]]:
        """The findings by their weight in the verdict; a refused condition weighs as blocking."""
        return [
            ("blokkerend", self.blokkades),
            (
                "voorwaardelijk",
                [b for b in self.bevindingen if b.ernst == "voorwaardelijk" and not b.geweigerd],
            ),
            ("advies", [b for b in self.bevindingen if b.ernst == "advies"]),
            ("indicatie", self.van_soort("indicatie")),
        ]

    @property
    def voorwaarden(self) -> list[Bevinding]:
        """The conditions the coach puts on the table: conditional contra-indications, not refused.
        None under a no go: there is no start to put conditions on."""
        if self.eindoordeel == "no_go":
            return []
        return [b for b in self.bevindingen if b.ernst == "voorwaardelijk" and not b.geweigerd]


_JSON_VAN_DEEL = Deel.json_bytes
_KOPPEN = [(naam, f'"{naam}":'.encode()) for naam in Advies.model_fields]
