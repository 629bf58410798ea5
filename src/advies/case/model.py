"""The case: descriptive data (`meta`) and the facts (`antwoorden`), validated against rules/feiten.yaml.

Every fact is optional: a missing fact is unknown, and the rules turn what they need of it into an
open question. Values are checked one by one so that each error names the fact, the bad value and
what is allowed.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, create_model

from advies.case.fact_values import (
    Feitencatalogus,
    controleer_feit,
    getal_bereiken,
    ja_nee_feiten,
    keuze_waarden,
    toon,
)
from advies.case.talk import Gesprek, Notitie, Vastgelegd, lees_deel
from advies.case.text_checks import MAX_TEKST, controleer_tekst, controleer_teksten
from advies.errors import InvoerFout

VERSIE = 1
Verdict = Literal["go", "go_onder_voorwaarden", "onvoldoende_informatie", "no_go"]
VERDICTS: tuple[str, ...] = ("go", "go_onder_voorwaarden", "onvoldoende_informatie", "no_go")


class Meta(BaseModel):
    """Descriptive data; no rule reads it. Unknown keys are kept, so a coach may add their own."""

    model_config = ConfigDict(extra="allow")
    naam: str | None = None
    opdrachtgever: str | None = None
    organisatie: str | None = None
    coach: str | None = None
    datum: date | str | None = None
    hulpvraag: str | None = Field(
        default=None, description="De vraag van de opdrachtgever in eigen woorden"
    )
    # the letter: to whom, how it opens, and who sends it
    geadresseerde: str | None = Field(None, description="Naam, functie en adres, per regel")
    aanhef: str | None = Field(None, description="Bijvoorbeeld: Beste Marja,")
    coach_organisatie: str | None = None
    coach_contact: str | None = Field(None, description="Telefoon of e-mail van de coach")


class OordeelCoach(BaseModel):
    """The coach's professional judgement; shown beside the engine's verdict, never instead of it."""

    model_config = ConfigDict(extra="forbid")
    verdict: Verdict
    reden: str


class Casus(BaseModel):
    model_config = ConfigDict(extra="forbid")
    versie: int = VERSIE
    meta: Meta = Field(default_factory=Meta)
    antwoorden: dict[str, Any] = Field(default_factory=dict)
    oordeel_coach: OordeelCoach | None = None
    gesprek: Gesprek | None = None
    notities: dict[str, Notitie] = Field(default_factory=dict)  # per question id or fact
    vastgelegd: Vastgelegd = Field(default_factory=Vastgelegd)

    def feiten(self) -> dict[str, Any]:
        """The facts the rules read: the answers, with what the talk agreed and refused."""
        if self.gesprek is None:
            return self.antwoorden
        feiten = dict(self.antwoorden)
        afspraken = self.gesprek.afspraken
        for feit in ("bijeenkomsten", "sessieduur"):  # what was agreed replaces the intake's
            if getattr(afspraken, feit) is not None:
                feiten[feit] = getattr(afspraken, feit)
        geweigerd = self.gesprek.met_besluit("geweigerd")
        if geweigerd:
            eerder = list(feiten.get("geweigerde_voorwaarden") or [])
            feiten["geweigerde_voorwaarden"] = list(dict.fromkeys([*eerder, *geweigerd]))
        return feiten


def antwoorden_model(kb: Feitencatalogus) -> type[BaseModel]:
    """A pydantic model of the facts, built from the catalogue (for JSON Schema and type checks)."""
    velden: dict[str, Any] = {}
    for feit, d in kb.feiten.items():
        soort = d["type"]
        if soort == "keuze":
            typ: Any = Literal[tuple(d["waarden"])]
            velden[feit] = (typ | None, Field(default=None, description=d["vraag"]))
        elif soort == "ja_nee":
            velden[feit] = (StrictBool | None, Field(default=None, description=d["vraag"]))
        elif soort == "getal":
            velden[feit] = (
                int | None,
                Field(default=None, ge=d.get("min", 0), le=d.get("max"), description=d["vraag"]),
            )
        else:
            velden[feit] = (list[str] | None, Field(default=None, description=d["vraag"]))
    return create_model("Antwoorden", __config__=ConfigDict(extra="forbid"), **velden)


def maak_casus(
    kb: Feitencatalogus,
    data: Any,
    *,
    bestand: str,
    regels: dict[str, int] | None = None,
    regel: int | None = None,
) -> Casus:
    """Validate a parsed case object. `regels` maps a fact to its line in the file, where known."""
    plaatsen = regels or {}
    if not isinstance(data, dict):
        raise InvoerFout(
            "een casus moet een mapping zijn met 'versie', 'meta' en 'antwoorden'",
            bestand=bestand,
            regel=regel,
        )
    # a key can be a number or (with `? [a]`) a tuple: name it as text
    onbekend = sorted(str(k) for k in data if k not in Casus.model_fields)
    if onbekend:
        raise InvoerFout(
            f"onbekend onderdeel {toon(onbekend[0])}. Toegestaan: {', '.join(Casus.model_fields)}",
            bestand=bestand,
            regel=plaatsen.get("__top__" + onbekend[0], regel),
        )
    versie = data.get("versie", VERSIE)
    if type(versie) is not int or versie != VERSIE:  # not True, not 1.0: Python calls them 1
        raise InvoerFout(
            f"onbekende versie {toon(versie)} van het casusbestand. "
            f"Deze versie van advies leest versie {VERSIE} (schrijf: versie: {VERSIE})",
            bestand=bestand,
            regel=plaatsen.get("__top__versie", regel),
        )
    antwoorden = data.get("antwoorden")
    if antwoorden is None:  # `antwoorden:` with nothing under it: nothing known yet
        antwoorden = {}
    if not isinstance(antwoorden, dict):
        raise InvoerFout(
            f"'antwoorden' moet een mapping van feiten naar waarden zijn; gevonden: {toon(antwoorden)}",
            bestand=bestand,
            regel=plaatsen.get("__top__antwoorden", regel),
        )
    schoon: dict[str, Any] = {}
    keuzes, ja_nee, getallen = keuze_waarden(kb), ja_nee_feiten(kb), getal_bereiken(kb)
    for feit, waarde in antwoorden.items():
        # the common cases, without a call: a batch checks millions
        soort = type(waarde)
        if (
            (soort is str and waarde in keuzes.get(feit, ()))
            or (soort is bool and feit in ja_nee)
            or (soort is int and (r := getallen.get(feit)) is not None and r[0] <= waarde <= r[1])
        ):
            schoon[feit] = waarde
            continue
        feit = str(feit)
        waarde = controleer_feit(kb, feit, waarde, bestand=bestand, regel=plaatsen.get(feit, regel))
        if waarde is not None:
            schoon[feit] = waarde
    oordeel = data.get("oordeel_coach")
    waar: dict[str, Any] = {"bestand": bestand, "plaatsen": plaatsen, "regel": regel}
    for deel in ("gesprek", "notities", "vastgelegd"):  # text a coach writes, as meta's
        controleer_teksten(
            deel, data.get(deel), bestand, plaatsen.get(f"__top__{deel}", regel), None
        )
    gesprek = data.get("gesprek")
    if gesprek is not None:
        gesprek = lees_deel(Gesprek, "gesprek", gesprek, **waar)
        codes = kb.weigerbare_codes()
        for code in gesprek.voorwaarden:
            if code not in codes:
                raise InvoerFout(
                    f"'gesprek.voorwaarden': onbekende voorwaarde {toon(code)}. "
                    f"Toegestaan: {', '.join(codes)}",
                    bestand=bestand,
                    regel=plaatsen.get("__top__gesprek", regel),
                )
    notities = data.get("notities")
    vastgelegd = data.get("vastgelegd")
    meta = data.get("meta")
    return Casus(
        versie=VERSIE,
        meta=_meta({} if meta is None else meta, bestand, plaatsen, regel),
        antwoorden=schoon,
        # only an absent or empty `oordeel_coach:` means none; false, 0 or [] is a mistake
        oordeel_coach=None
        if oordeel is None
        else _oordeel_coach(oordeel, bestand, plaatsen, regel),
        gesprek=gesprek,
        notities={} if notities is None else _notities(notities, waar),
        vastgelegd=lees_deel(
            Vastgelegd, "vastgelegd", {} if vastgelegd is None else vastgelegd, **waar
        ),
    )


def _notities(data: Any, waar: dict[str, Any]) -> dict[str, Notitie]:
    if not isinstance(data, dict):
        raise InvoerFout(
            f"'notities' moet een mapping zijn van vraag naar notitie; gevonden: {toon(data)}",
            bestand=waar["bestand"],
            regel=waar["plaatsen"].get("__top__notities", waar["regel"]),
        )
    return {
        str(k): lees_deel(
            Notitie, f"notities.{k}", {"tekst": v} if isinstance(v, str) else v, **waar
        )
        for k, v in data.items()
    }


_TEKSTVELDEN = frozenset(Meta.model_fields)  # all text (the date may be text too)


def _meta(meta: Any, bestand: str, plaatsen: dict[str, int], regel: int | None) -> Meta:
    """Descriptive data. A number where text belongs is taken as text (a team called 7, a year as
    the date); a list or a mapping there is refused."""
    if not isinstance(meta, dict):
        raise InvoerFout(
            "'meta' moet een mapping zijn (naam, opdrachtgever, ...)",
            bestand=bestand,
            regel=plaatsen.get("__top__meta", regel),
        )
    schoon: dict[str, Any] = {}
    for sleutel, waarde in meta.items():
        sleutel = str(sleutel)
        plaats = plaatsen.get("meta." + sleutel, regel)
        if sleutel in _TEKSTVELDEN and waarde is not None and not isinstance(waarde, str | date):
            if isinstance(waarde, bool) or not isinstance(waarde, int | float):
                raise InvoerFout(
                    f"'meta.{sleutel}' moet een tekst zijn; gevonden: {toon(waarde)}",
                    bestand=bestand,
                    regel=plaats,
                )
            waarde = str(waarde)
        controleer_tekst(f"meta.{sleutel}", sleutel, bestand=bestand, regel=plaats, naam=True)
        controleer_teksten(f"meta.{sleutel}", waarde, bestand, plaats, MAX_TEKST.get(sleutel))
        schoon[sleutel] = waarde
    return Meta.model_validate(schoon)


def _oordeel_coach(
    oordeel: Any, bestand: str, plaatsen: dict[str, int], regel: int | None
) -> OordeelCoach:
    """The coach's own verdict and reason, each named in the message when it is wrong."""
    plaats = plaatsen.get("__top__oordeel_coach", regel)
    nodig = f"'oordeel_coach' heeft een 'verdict' ({', '.join(VERDICTS)}) en een 'reden' nodig"
    if not isinstance(oordeel, dict):
        raise InvoerFout(f"{nodig}; gevonden: {toon(oordeel)}", bestand=bestand, regel=plaats)
    for sleutel in oordeel:
        if sleutel not in ("verdict", "reden"):
            raise InvoerFout(
                f"onbekend onderdeel {toon(f'oordeel_coach.{sleutel}')}. {nodig}, verder niets",
                bestand=bestand,
                regel=plaatsen.get(f"oordeel_coach.{sleutel}", plaats),
            )
    verdict, reden = oordeel.get("verdict"), oordeel.get("reden")
    if verdict not in VERDICTS:
        raise InvoerFout(
            f"'oordeel_coach.verdict' is {toon(verdict)}. Toegestaan: {', '.join(VERDICTS)}",
            bestand=bestand,
            regel=plaatsen.get("oordeel_coach.verdict", plaats),
        )
    if not isinstance(reden, str) or not reden.strip():
        raise InvoerFout(
            f"'oordeel_coach.reden' moet een tekst zijn waarin de coach het oordeel uitlegt; "
            f"gevonden: {toon(reden)}",
            bestand=bestand,
            regel=plaatsen.get("oordeel_coach.reden", plaats),
        )
    controleer_tekst(
        "oordeel_coach.reden",
        reden,
        bestand=bestand,
        regel=plaatsen.get("oordeel_coach.reden", plaats),
    )
    return OordeelCoach(verdict=verdict, reden=reden)
