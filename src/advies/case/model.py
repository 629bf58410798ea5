"""The case: descriptive data (`meta`) and the facts (`antwoorden`), validated against rules/feiten.yaml.

Every fact is optional: a missing fact is unknown, and the rules turn what they need of it into an
open question. Values are checked one by one so that each error names the fact, the bad value and
what is allowed.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from datetime import date
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, StrictBool, create_model

from advies.case.talk import Gesprek, Notitie, Vastgelegd, lees_deel
from advies.case.text_checks import MAX_TEKST, controleer_tekst, controleer_teksten
from advies.errors import InvoerFout

VERSIE = 1
Verdict = Literal["go", "go_onder_voorwaarden", "onvoldoende_informatie", "no_go"]
VERDICTS: tuple[str, ...] = ("go", "go_onder_voorwaarden", "onvoldoende_informatie", "no_go")


class Feitencatalogus(Protocol):
    """What checking a case needs of the knowledge base: the fact catalogue (rules/feiten.yaml) and
    the codes of the conditions a client can refuse. The case sits below the knowledge base, so it
    names only this much of it."""

    feiten: dict[str, dict[str, Any]]

    def weigerbare_codes(self) -> list[str]: ...

    def __hash__(self) -> int: ...  # checked values are cached per knowledge base


_JA = {"ja", "true", "waar", "yes", "j", "1"}
_GEHEEL_GETAL = re.compile(r"-?[0-9]{1,100}")  # as text (a CSV cell); ASCII digits only: not '²'
_NEE = {"nee", "false", "onwaar", "no", "n", "0"}


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


def toegestaan(kb: Feitencatalogus, feit: str) -> str:
    """What a fact allows, in words, for error messages and help texts."""
    d = kb.feiten[feit]
    soort = d["type"]
    if soort == "keuze":
        return ", ".join(d["waarden"])
    if soort == "ja_nee":
        return "true of false (ja of nee)"
    if soort == "getal":
        return f"een geheel getal van {d.get('min', 0)} tot en met {d.get('max')}"
    return "een lijst met codes van voorwaardelijke bevindingen: " + ", ".join(weigerbare_codes(kb))


@functools.lru_cache(maxsize=4)
def _keuzes(kb: Feitencatalogus) -> dict[str, frozenset[str]]:
    return {f: frozenset(d["waarden"]) for f, d in kb.feiten.items() if d["type"] == "keuze"}


@functools.lru_cache(maxsize=4)
def _ja_nee(kb: Feitencatalogus) -> frozenset[str]:
    return frozenset(f for f, d in kb.feiten.items() if d["type"] == "ja_nee")


@functools.lru_cache(maxsize=4)
def _getallen(kb: Feitencatalogus) -> dict[str, tuple[int, int]]:
    """Per number fact the range it allows (as controleer_feit checks it)."""
    return {
        f: (d.get("min", 0), d.get("max", 10**18))
        for f, d in kb.feiten.items()
        if d["type"] == "getal"
    }


@functools.lru_cache(maxsize=4)
def _keuzes_klein(kb: Feitencatalogus) -> dict[str, dict[str, str]]:
    """Per choice fact: its values in lower case, to the value itself (an HR export writes
    "Vrijwillig")."""
    return {
        f: {w.lower(): w for w in d["waarden"]}
        for f, d in kb.feiten.items()
        if d["type"] == "keuze"
    }


def weigerbare_codes(kb: Feitencatalogus) -> list[str]:
    """Only conditions can be refused: the codes of the conditional findings."""
    return kb.weigerbare_codes()


TOON_MAX = 80  # characters of a bad value shown in a message


def toon(waarde: Any) -> str:
    """A value as the user wrote it in YAML or JSON (true, [1, 2]), not as Python shows it;
    shortened when long (a 2 MB value does not belong in a message)."""
    if isinstance(waarde, str):
        tekst = repr(waarde if len(waarde) <= TOON_MAX else waarde[:TOON_MAX] + "…")
    else:
        try:
            tekst = json.dumps(waarde, ensure_ascii=False, default=str)
        except (ValueError, RecursionError):  # never crash on a message
            tekst = f"een {type(waarde).__name__}"
    if len(tekst) > TOON_MAX + 10:
        tekst = tekst[:TOON_MAX] + f"… ({len(tekst)} tekens)"
    return tekst


def controleer_feit(
    kb: Feitencatalogus, feit: str, waarde: Any, *, bestand: str, regel: int | None
) -> Any:
    """Return the fact's value in canonical form, or raise naming fact, value and what is allowed."""
    if feit not in kb.feiten:
        # difflib compares every pair of characters: not for a name of a megabyte
        hint = difflib.get_close_matches(feit, list(kb.feiten), n=1) if len(feit) < 100 else []
        bedoeld = f" Bedoelt u '{hint[0]}'?" if hint else ""
        raise InvoerFout(
            f"onbekend feit {toon(feit)}.{bedoeld} Bekende feiten: {', '.join(kb.feiten)}",
            bestand=bestand,
            regel=regel,
        )
    if waarde is None:
        return None
    d = kb.feiten[feit]
    soort = d["type"]

    def fout(extra: str = "") -> InvoerFout:
        return InvoerFout(
            f"feit '{feit}': ongeldige waarde {toon(waarde)}{extra}. "
            f"Toegestaan: {toegestaan(kb, feit)}",
            bestand=bestand,
            regel=regel,
        )

    if soort == "keuze":
        if isinstance(waarde, str):
            gevonden = _keuzes_klein(kb)[feit].get(waarde.strip().lower())
            if gevonden is not None:
                return gevonden
        raise fout()
    if soort == "ja_nee":
        if isinstance(waarde, bool):
            return waarde
        if isinstance(waarde, str) and waarde.strip().lower() in _JA | _NEE:
            return waarde.strip().lower() in _JA
        raise fout()
    if soort == "getal":
        if isinstance(waarde, str) and _GEHEEL_GETAL.fullmatch(waarde.strip()):
            waarde = int(waarde.strip())
        if isinstance(waarde, bool) or not isinstance(waarde, int):
            raise fout(" (geen geheel getal)")
        if waarde < d.get("min", 0) or ("max" in d and waarde > d["max"]):
            raise fout(" (buiten het bereik)")
        return waarde
    codes = waarde
    if isinstance(codes, str):
        codes = [c for c in (p.strip() for p in codes.replace(";", ",").split(",")) if c]
    if not isinstance(codes, list):
        raise fout(" (verwacht een lijst)")
    toegestane = weigerbare_codes(kb)
    for code in codes:
        if code not in toegestane:  # a list compares too, and is not found
            raise InvoerFout(
                f"feit '{feit}': onbekende code {toon(code)}. Toegestaan: {', '.join(toegestane)}",
                bestand=bestand,
                regel=regel,
            )
    return list(dict.fromkeys(codes))


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
    keuzes, ja_nee, getallen = _keuzes(kb), _ja_nee(kb), _getallen(kb)
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
