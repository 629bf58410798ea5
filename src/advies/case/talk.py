"""What follows the intake in a case file: the advisory talk's outcome (`gesprek`), the coach's
notes on answers (`notities`) and the record of advice given (`vastgelegd`).

The talk decides each condition: agreed (it becomes an agreement), refused (it blocks: the
verdict turns as the domain brief says) or still open. A refused condition here counts exactly as
one listed in `antwoorden.geweigerde_voorwaarden`. The record keeps the knowledge-base version and
the verdict each written advice was given with, so a later version of the rules that would decide
otherwise can say so.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advies.errors import InvoerFout

Besluit = Literal["akkoord", "geweigerd", "open"]
BESLUITEN: tuple[str, ...] = ("akkoord", "geweigerd", "open")


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VoorwaardeBesluit(_Strikt):
    besluit: Besluit
    notitie: str | None = None


class Afspraken(_Strikt):
    """The practical agreements of the talk. The agreed number and length of the sessions stand in
    for what the intake said (`Casus.feiten`), so an agreement can change the advice."""

    startdatum: date | str | None = None
    bijeenkomsten: int | None = Field(None, ge=1, le=100)
    sessieduur: int | None = Field(None, ge=15, le=480)
    coach_bijeenkomsten: int | None = Field(None, ge=0, le=100)
    informeert_management: str | None = None
    informeert_groep: str | None = None
    notitie: str | None = None


class Gesprek(_Strikt):
    datum: date | str | None = None
    voorwaarden: dict[str, VoorwaardeBesluit] = Field(default_factory=dict)
    afspraken: Afspraken = Field(default_factory=Afspraken)

    def met_besluit(self, besluit: str) -> list[str]:
        return [c for c, b in self.voorwaarden.items() if b.besluit == besluit]


class Notitie(_Strikt):
    """A coach's note on one answer; only in the client's letter when marked for the client."""

    tekst: str = Field(min_length=1, max_length=2000)
    voor_klant: bool = False


class Vastlegging(_Strikt):
    """An advice as it was given: when, with which rules, and what it said."""

    datum: date | str
    kennisbank: str
    verdict: Literal["go", "go_onder_voorwaarden", "onvoldoende_informatie", "no_go"]
    voorwaarden: list[str] = Field(default_factory=list)  # the conditions it put
    blokkades: list[str] = Field(default_factory=list)


class Vastgelegd(_Strikt):
    rapport: Vastlegging | None = None
    gesprek: Vastlegging | None = None


def lees_deel(
    model: type[BaseModel],
    naam: str,
    data: Any,
    *,
    bestand: str,
    plaatsen: dict[str, int],
    regel: int | None,
) -> Any:
    """Validate one part of a case file, the first problem named in Dutch with its line."""
    try:
        return model.model_validate(data)
    except ValidationError as fout:
        eerste = fout.errors()[0]
        pad = ".".join(str(p) for p in (naam, *eerste["loc"]))
        waarde = eerste.get("input")
        raise InvoerFout(
            f"'{pad}': {_probleem(eerste)}; gevonden: {waarde!r}"[:400],
            bestand=bestand,
            regel=plaatsen.get(f"__top__{naam}", regel),
        ) from None


def _probleem(fout: Any) -> str:
    soort = fout.get("type", "")
    if soort == "literal_error":
        verwacht = str(fout.get("ctx", {}).get("expected", ""))
        return "toegestaan zijn " + verwacht.replace("'", "").replace(" or ", ", ")
    if soort == "extra_forbidden":
        return "onbekend onderdeel"
    if soort in ("int_parsing", "int_type"):
        return "verwacht een geheel getal"
    if soort in ("greater_than_equal", "less_than_equal"):
        return "buiten het bereik"
    if soort in ("string_type", "string_too_short", "string_too_long"):
        return "verwacht een tekst (niet leeg, hooguit 2000 tekens)"
    if soort in ("bool_type", "bool_parsing"):
        return "verwacht true of false"
    if soort == "missing":
        return "ontbreekt"
    return "ongeldige waarde"
