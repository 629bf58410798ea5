"""Rule conditions (`als:` in rules/): parsing, reading back in Dutch, and the facts they need.

A condition is three-valued: with unknown facts it can be true, false or undecided. The engine
adapter turns a condition into durable_rules patterns; this module knows nothing of the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

OPERATORS: tuple[str, ...] = (
    "is",
    "in",
    "niet_in",
    "kleiner_dan",
    "groter_dan",
    "minstens",
    "hoogstens",
    "onbekend",
)
NUMERIC_OPERATORS = {"kleiner_dan", "groter_dan", "minstens", "hoogstens"}

Waarde = str | bool | int


@dataclass(frozen=True)
class FeitVoorwaarde:
    """One fact compared with one value or a list of values."""

    feit: str
    op: str
    waarde: Waarde | tuple[Waarde, ...]
    drempel: str | None = None  # the name in drempels.yaml the number came from


@dataclass(frozen=True)
class Alle:
    delen: tuple[Conditie, ...]


@dataclass(frozen=True)
class EenVan:
    delen: tuple[Conditie, ...]


Conditie = FeitVoorwaarde | Alle | EenVan


class ConditieFout(ValueError):
    """A condition in rules/ that does not parse; the caller adds the file and rule id."""


def parse(
    raw: Any, feiten: Mapping[str, Mapping[str, Any]], drempels: Mapping[str, int]
) -> Conditie:
    """Parse an `als:` block, checking every fact and value against the fact catalogue."""
    if not isinstance(raw, dict):
        raise ConditieFout(f"een voorwaarde moet een mapping zijn, niet {raw!r}")
    if "alle" in raw or "een_van" in raw:
        if len(raw) != 1:
            raise ConditieFout(f"'alle' of 'een_van' staat alleen in een voorwaarde: {raw!r}")
        key, delen = next(iter(raw.items()))
        if not isinstance(delen, list) or not delen:
            raise ConditieFout(f"'{key}' verwacht een niet-lege lijst, niet {delen!r}")
        parsed = tuple(parse(d, feiten, drempels) for d in delen)
        return Alle(parsed) if key == "alle" else EenVan(parsed)
    return _parse_feit(raw, feiten, drempels)


def _parse_feit(
    raw: dict[str, Any], feiten: Mapping[str, Mapping[str, Any]], drempels: Mapping[str, int]
) -> FeitVoorwaarde:
    feit = raw.get("feit")
    if not isinstance(feit, str) or feit not in feiten:
        raise ConditieFout(f"onbekend feit {feit!r}; bekend zijn: {', '.join(feiten)}")
    ops = [k for k in raw if k != "feit"]
    if len(ops) != 1 or ops[0] not in OPERATORS:
        raise ConditieFout(
            f"feit {feit}: precies één operator verwacht uit {', '.join(OPERATORS)}, kreeg {ops}"
        )
    op = ops[0]
    waarde = raw[op]
    soort = feiten[feit]["type"]
    if op == "onbekend":
        # true exactly when the fact is unknown: never undecided itself. For proposals that
        # need a safe default ("experience unknown: start with the basic model"), never for
        # findings, where an unknown must stay an open question.
        if waarde is not True:
            raise ConditieFout(f"feit {feit}: 'onbekend' kent alleen de waarde true")
        return FeitVoorwaarde(feit, op, True)
    if op in NUMERIC_OPERATORS:
        if soort != "getal":
            raise ConditieFout(f"feit {feit} is geen getal; '{op}' kan niet")
        drempel = None
        if isinstance(waarde, str):
            drempel, waarde = waarde, _drempel(feit, waarde, drempels)
        if isinstance(waarde, bool) or not isinstance(waarde, int):
            raise ConditieFout(f"feit {feit}: '{op}' verwacht een getal, niet {waarde!r}")
        return FeitVoorwaarde(feit, op, waarde, drempel)
    waarden = tuple(waarde) if op in ("in", "niet_in") else (waarde,)
    if op in ("in", "niet_in") and not isinstance(waarde, list):
        raise ConditieFout(f"feit {feit}: '{op}' verwacht een lijst, niet {waarde!r}")
    for w in waarden:
        _check_waarde(feit, feiten[feit], w)
    return FeitVoorwaarde(feit, op, waarden if op != "is" else waarden[0])


def _drempel(feit: str, tekst: str, drempels: Mapping[str, int]) -> int:
    """A named threshold, or one with a whole number added: `groep_min + 1` (the smallest group
    when one of the people named will not join), so the number itself stays in one place."""
    naam, plus, extra = (deel.strip() for deel in tekst.partition("+"))
    if naam not in drempels or (plus and not extra.isdigit()):
        raise ConditieFout(
            f"feit {feit}: onbekende drempel {tekst!r}; gebruik een naam uit drempels.yaml, "
            "eventueel met '+ getal'"
        )
    return drempels[naam] + (int(extra) if plus else 0)


def _check_waarde(feit: str, definitie: Mapping[str, Any], waarde: Any) -> None:
    soort = definitie["type"]
    if soort == "keuze" and waarde not in definitie["waarden"]:
        raise ConditieFout(
            f"feit {feit}: onbekende waarde {waarde!r}; toegestaan: {', '.join(definitie['waarden'])}"
        )
    if soort == "ja_nee" and not isinstance(waarde, bool):
        raise ConditieFout(f"feit {feit}: verwacht true of false, niet {waarde!r}")
    if soort == "getal" and (isinstance(waarde, bool) or not isinstance(waarde, int)):
        raise ConditieFout(f"feit {feit}: verwacht een getal, niet {waarde!r}")
    if soort == "codes":
        raise ConditieFout(f"feit {feit}: een lijst van codes kan niet in een voorwaarde")


def geldt(conditie: Conditie, antwoorden: dict[str, Any]) -> bool | None:
    """Three-valued, in plain Python (for questionnaire `when`s and the self-check's answers; the
    rules themselves run in the engine): True, False, or None while a fact it reads is unknown."""
    if isinstance(conditie, FeitVoorwaarde):
        if conditie.op == "onbekend":
            return conditie.feit not in antwoorden
        if conditie.feit not in antwoorden:
            return None
        w, c = antwoorden[conditie.feit], conditie.waarde
        waarden = c if isinstance(c, tuple) else (c,)
        uitkomst = {
            "is": lambda: w == c,
            "in": lambda: w in waarden,
            "niet_in": lambda: w not in waarden,
            "kleiner_dan": lambda: w < c,
            "groter_dan": lambda: w > c,
            "minstens": lambda: w >= c,
            "hoogstens": lambda: w <= c,
        }[conditie.op]()
        return bool(uitkomst)
    delen = [geldt(d, antwoorden) for d in conditie.delen]
    if isinstance(conditie, Alle):
        return False if False in delen else (True if all(delen) else None)
    assert isinstance(conditie, EenVan)
    return True if True in delen else (False if all(d is False for d in delen) else None)


def feiten_van(conditie: Conditie | None) -> tuple[str, ...]:
    """The facts a condition reads, in order of appearance, without repeats."""
    if conditie is None:
        return ()
    if isinstance(conditie, FeitVoorwaarde):
        return (conditie.feit,)
    seen: dict[str, None] = {}
    for deel in conditie.delen:
        for feit in feiten_van(deel):
            seen.setdefault(feit, None)
    return tuple(seen)


_OP_TEKST = {
    "kleiner_dan": "kleiner dan",
    "groter_dan": "groter dan",
    "minstens": "minstens",
    "hoogstens": "hoogstens",
}


def beschrijf(conditie: Conditie | None, feiten: Mapping[str, Mapping[str, Any]]) -> str:
    """The condition read back in plain Dutch, as a coach reviewing the rules would say it."""
    if conditie is None:
        return "altijd (standaardregel)"
    if isinstance(conditie, FeitVoorwaarde):
        return _beschrijf_feit(conditie, feiten)
    woord = " en " if isinstance(conditie, Alle) else " of "
    delen = [beschrijf(d, feiten) for d in conditie.delen]
    delen = [
        f"({d})" if isinstance(c, (Alle, EenVan)) else d
        for d, c in zip(delen, conditie.delen, strict=True)
    ]
    return woord.join(delen)


def _beschrijf_feit(c: FeitVoorwaarde, feiten: Mapping[str, Mapping[str, Any]]) -> str:
    if c.op in _OP_TEKST:
        extra = f" ({c.drempel})" if c.drempel else ""
        return f"{c.feit} {_OP_TEKST[c.op]} {c.waarde}{extra}"
    if c.op == "onbekend":
        return f"{c.feit} is onbekend"
    if c.op == "is":
        return f"{c.feit} is {toon_waarde(c.waarde)}"
    waarden = c.waarde if isinstance(c.waarde, tuple) else (c.waarde,)
    lijst = " of ".join(toon_waarde(w) for w in waarden)
    return f"{c.feit} is {lijst}" if c.op == "in" else f"{c.feit} is niet {lijst}"


def toon_waarde(waarde: Any) -> str:
    if waarde is True:
        return "ja"
    if waarde is False:
        return "nee"
    return str(waarde)
