"""The value of one fact, checked against the fact catalogue (rules/feiten.yaml) and made canonical.

Every reader (a case file, a batch row, an answers file, a typed answer) checks a value here, so
each error names the fact, the bad value and what is allowed in the same words. An HR export writes
"Vrijwillig" or " ja ": a choice is matched without case, a yes/no and a number may be text.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from typing import Any, Protocol

from advies.errors import InvoerFout


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
def keuze_waarden(kb: Feitencatalogus) -> dict[str, frozenset[str]]:
    return {f: frozenset(d["waarden"]) for f, d in kb.feiten.items() if d["type"] == "keuze"}


@functools.lru_cache(maxsize=4)
def ja_nee_feiten(kb: Feitencatalogus) -> frozenset[str]:
    return frozenset(f for f, d in kb.feiten.items() if d["type"] == "ja_nee")


@functools.lru_cache(maxsize=4)
def getal_bereiken(kb: Feitencatalogus) -> dict[str, tuple[int, int]]:
    """Per number fact the range it allows (as controleer_feit checks it)."""
    return {
        f: (d.get("min", 0), d.get("max", 10**18))
        for f, d in kb.feiten.items()
        if d["type"] == "getal"
    }


@functools.lru_cache(maxsize=4)
def keuzes_klein(kb: Feitencatalogus) -> dict[str, dict[str, str]]:
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
            gevonden = keuzes_klein(kb)[feit].get(waarde.strip().lower())
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
