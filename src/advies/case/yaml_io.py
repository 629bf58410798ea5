"""Reading and writing YAML safely: no aliases (alias bombs), no arbitrary objects, line numbers kept."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

from advies.case.input_files import MAX_NESTING
from advies.case.input_files import lees_tekstbestand as lees_tekstbestand  # where readers look
from advies.case.parse_errors import yaml_probleem
from advies.errors import InvoerFout

_GEWONE_TAGS = {
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


def lees_yaml_tekst(
    tekst: str, bestand: str, *, met_regels: bool = False, eigen: bool = False
) -> Any:
    """Parse YAML text; aliases are refused because a few lines of them can expand to gigabytes.

    `met_regels` loads round-trip containers, which keep comments and know the line of every key
    (for saving a case file with its comments). `eigen` is for the files that ship with advies
    (rules, questionnaires): no user wrote them, so the separate pass that checks aliases, tags,
    nesting and numbers is skipped; it doubled the time of a first run.
    """
    return _lees(tekst, bestand, met_regels=met_regels, eigen=eigen)[0]


def lees_yaml_met_regels(tekst: str, bestand: str) -> tuple[Any, dict[str, int]]:
    """Parse a user's YAML as plain data, with the line (1-based) of each key that names a part,
    a fact or a field of meta or oordeel_coach: `__top__<key>`, `<fact>`, `meta.<key>`. The lines
    come from the checking pass over libyaml's events, so no second parse is needed to name
    the line of a bad value."""
    return _lees(tekst, bestand, met_regels=False, eigen=False)


def _lees(tekst: str, bestand: str, *, met_regels: bool, eigen: bool) -> tuple[Any, dict[str, int]]:
    yaml = YAML(typ="rt") if met_regels else YAML(typ="safe", pure=False)
    regels: dict[str, int] = {}
    try:
        if not eigen:
            # libyaml's own parser, also under the round-trip loader: its events come without
            # recursion, so a file nested 30,000 deep is refused here instead of crashing the
            # loader that builds the data
            regels = _controleer(YAML(typ="safe", pure=False).parse(io.StringIO(tekst)), bestand)
        return yaml.load(tekst), regels
    except MarkedYAMLError as fout:
        mark = fout.problem_mark or fout.context_mark
        regel = mark.line + 1 if mark is not None else None
        regels_tekst = tekst.splitlines()
        regeltekst = (
            regels_tekst[mark.line] if mark is not None and mark.line < len(regels_tekst) else None
        )
        probleem = yaml_probleem(
            fout.problem or fout.context or "onleesbare YAML",
            regeltekst,
            mark.column if mark is not None else None,
        )
        begin = fout.context_mark
        if begin is not None and "expected ':'" in str(fout.problem):
            regel = begin.line + 1  # the line without a colon, not the one where that showed
        elif begin is not None and regel is not None and begin.line + 1 != regel:
            # an unclosed quote or bracket is only noticed lines later: point to where it began
            probleem += f" (het stuk begon op regel {begin.line + 1})"
        raise InvoerFout(f"geen geldige YAML: {probleem}", bestand=bestand, regel=regel) from None
    except ValueError:
        # what the loader builds that can still fail is a date such as 2026-13-45 (numbers too
        # long to convert are refused by the checking pass)
        regel, tijdstip = _ongeldig_tijdstip(tekst)
        if tijdstip is None:
            raise InvoerFout(
                "een waarde in het bestand is niet te lezen als getal, datum of tekst; zet haar "
                "tussen aanhalingstekens",
                bestand=bestand,
            ) from None
        raise InvoerFout(
            f"'{tijdstip}' bestaat niet als datum of tijd; schrijf een datum als jaar-maand-dag "
            "(2026-11-24)",
            bestand=bestand,
            regel=regel,
        ) from None
    except ReaderError as fout:  # a character YAML does not allow, found before parsing
        raise InvoerFout(
            f"geen geldige YAML: {yaml_probleem(str(fout))}",
            bestand=bestand,
            regel=tekst.count("\n", 0, max(0, fout.position)) + 1,
        ) from None
    except YAMLError as fout:
        raise InvoerFout(
            f"geen geldige YAML: {yaml_probleem(str(fout))}", bestand=bestand
        ) from None


MAX_CIJFERS = 100  # Python refuses to convert a number of more than 4,300 digits


def _regel(event: Any) -> int | None:
    return event.start_mark.line + 1 if event.start_mark else None


def _controleer(events: Iterable[Any], bestand: str) -> dict[str, int]:
    """Refuse aliases, unusual tags, nesting deeper than MAX_NESTING and numbers too long to
    read; meanwhile note the line of each key of the top level and of the parts under it."""
    regels: dict[str, int] = {}
    # per open collection: [is a mapping, children seen so far, its key in the parent, last key]
    open_: list[list[Any]] = []
    for event in events:
        soort = type(event)
        if soort in _EINDE:
            open_.pop()
            continue
        if soort not in _KNOPEN:
            continue
        is_sleutel = False
        if open_:
            ouder = open_[-1]
            is_sleutel = ouder[0] and ouder[1] % 2 == 0
            ouder[1] += 1
        if soort is AliasEvent:
            raise InvoerFout(
                "YAML-aliassen (*naam) zijn niet toegestaan in een casusbestand; "
                "schrijf de waarde voluit",
                bestand=bestand,
                regel=_regel(event),
            )
        tag = event.tag
        if tag and str(tag) not in _GEWONE_TAGS:
            # the safe loader refuses these anyway; the round-trip loader would keep them
            raise InvoerFout(
                f"geen geldige YAML voor een casus: tags zoals {tag} zijn niet toegestaan",
                bestand=bestand,
                regel=_regel(event),
            )
        if soort is ScalarEvent:
            waarde = event.value
            if event.implicit[0] and len(waarde) > MAX_CIJFERS and _GETAL.fullmatch(waarde):
                raise InvoerFout(
                    f"een getal van {len(waarde)} cijfers is te lang; een getal in een casus "
                    f"heeft hooguit {MAX_CIJFERS} cijfers",
                    bestand=bestand,
                    regel=_regel(event),
                )
            if is_sleutel:
                _noteer(regels, open_, waarde, _regel(event))
            continue
        if is_sleutel:  # `? [a]: b`: Python would make the name a tuple
            raise InvoerFout(
                "een lijst of mapping als naam; een naam vóór de dubbele punt is gewone tekst",
                bestand=bestand,
                regel=_regel(event),
            )
        if len(open_) >= MAX_NESTING:
            raise InvoerFout(
                f"het bestand is dieper genest dan {MAX_NESTING} niveaus (lijsten of mappings in "
                "elkaar); een casus is hooguit drie niveaus diep",
                bestand=bestand,
                regel=_regel(event),
            )
        naam = open_[-1][3] if open_ and open_[-1][0] and not is_sleutel else None
        open_.append([soort is MappingStartEvent, 0, naam, None])
    return regels


def _noteer(
    regels: dict[str, int], open_: list[list[Any]], sleutel: str, regel: int | None
) -> None:
    """Remember the line of a key at the top level or one level under it."""
    open_[-1][3] = sleutel
    if regel is None or not open_[0][0]:
        return
    if len(open_) == 1:
        regels["__top__" + sleutel] = regel
    elif len(open_) == 2 and open_[1][0]:
        deel = open_[1][2]
        if deel == "antwoorden":
            regels[sleutel] = regel
        elif deel in ("meta", "oordeel_coach"):
            regels[f"{deel}.{sleutel}"] = regel


_KNOPEN = (ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent)
_EINDE = (MappingEndEvent, SequenceEndEvent)
_GETAL = re.compile(r"[-+]?[0-9][0-9_]*")


# YAML's timestamp: a date, optionally a time (hours, minutes, seconds) after a T or spaces
_TIJDSTIP = re.compile(
    r"(?<![\w-])(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d))?(?![\w-])"
)


def _ongeldig_tijdstip(tekst: str) -> tuple[int | None, str | None]:
    """The line of the first date or time that does not exist, and that value."""
    for nummer, regel in enumerate(tekst.split("\n"), start=1):
        for gevonden in _TIJDSTIP.finditer(regel):
            jaar, maand, dag, uur, minuut, seconde = (int(d) for d in gevonden.groups("0"))
            try:
                datetime(jaar, maand, dag, uur, minuut, seconde)
            except ValueError:
                return nummer, gevonden[0]
    return None, None


def dump_yaml(data: Any) -> str:
    """Block-style YAML that a coach can edit by hand, Unicode kept as is."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]  # keep the given order
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
