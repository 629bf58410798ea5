"""The advice: what an evaluation returns, and the stable JSON contract (domain brief §9)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from .casus import OordeelCoach, Verdict
from .kennisbank import Bron


class Bevinding(BaseModel):
    code: str
    titel: str
    soort: Literal["indicatie", "contra_indicatie", "aandachtspunt"]
    ernst: Literal["blokkerend", "voorwaardelijk", "advies"] | None
    uitleg: str
    voorwaarde: str | None = None
    geweigerd: bool = Field(
        False, description="De opdrachtgever weigerde deze voorwaarde: nu blokkerend"
    )
    regel: str
    bronnen: tuple[Bron, ...]


class Alternatief(BaseModel):
    code: str
    naam: str
    uitleg: str
    bronnen: tuple[Bron, ...]


class SamenstellingsAdvies(BaseModel):
    tekst: str
    regel: str
    bronnen: tuple[Bron, ...]


class Samenstelling(BaseModel):
    groepsgrootte: int | None
    aantal_groepen: int | None
    groepen: list[int]
    aanvullen: int = Field(0, description="Zoveel deelnemers erbij werven om de groepen te vullen")
    minimum: int
    maximum: int
    ideaal: int
    adviezen: list[SamenstellingsAdvies]


class Keuze(BaseModel):
    code: str
    naam: str
    reden: str
    regel: str
    bronnen: tuple[Bron, ...]


class Begeleiding(BaseModel):
    vorm: Keuze | None
    stijl: Keuze | None
    begeleide_bijeenkomsten: str | None


class Stap(BaseModel):
    naam: str
    wat: str
    minuten: int | None = None
    minuten_max: int | None = None


class Methode(BaseModel):
    code: str
    naam: str
    redenen: list[str]
    regels: list[str]
    duur_minuten: int | None
    duur_minuten_max: int | None = None
    stappen: list[Stap]
    bronnen: tuple[Bron, ...]


class OpenVraag(BaseModel):
    feit: str
    vraag: str
    waarom: str
    regels: list[str]
    beslissend: bool = Field(description="Zonder antwoord kan er geen go of no go gegeven worden")


class SleutelvoorwaardeStatus(BaseModel):
    code: str
    naam: str
    status: Literal["vervuld", "niet_vervuld", "onbekend"]
    uitleg: str
    te_regelen: str
    ontbrekende_feiten: list[str]
    bronnen: tuple[Bron, ...]


class Wijziging(BaseModel):
    feit: str
    van: Any
    naar: Any
    tekst: str


class WatAls(BaseModel):
    wijzigingen: list[Wijziging]
    verdict: Verdict
    zin: str


class TraceStap(BaseModel):
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
        """The conditions the coach puts on the table: conditional contra-indications, not refused."""
        return [b for b in self.bevindingen if b.ernst == "voorwaardelijk" and not b.geweigerd]
