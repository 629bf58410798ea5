"""Reading and writing YAML safely: no aliases (alias bombs), no arbitrary objects, line numbers kept."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

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

    `met_regels` loads round-trip containers, which know the line of every key (for messages
    that name the line of a bad fact). `eigen` is for the files that ship with advies (rules,
    questionnaires): no user wrote them, so the separate pass that looks for aliases and tags is
    skipped; it doubled the time of a first run.
    """
    yaml = YAML(typ="rt") if met_regels else YAML(typ="safe", pure=False)
    try:
        for event in () if eigen else yaml.parse(io.StringIO(tekst)):
            if isinstance(event, AliasEvent):
                regel = event.start_mark.line + 1 if event.start_mark else None
                raise InvoerFout(
                    "YAML-aliassen (*naam) zijn niet toegestaan in een casusbestand; "
                    "schrijf de waarde voluit",
                    bestand=bestand,
                    regel=regel,
                )
            tag = getattr(event, "tag", None)
            if tag and str(tag) not in _GEWONE_TAGS:
                # the safe loader refuses these anyway; the round-trip loader would keep them
                raise InvoerFout(
                    f"geen geldige YAML voor een casus: tags zoals {tag} zijn niet toegestaan",
                    bestand=bestand,
                    regel=event.start_mark.line + 1 if event.start_mark else None,
                )
        return yaml.load(tekst)
    except MarkedYAMLError as fout:
        mark = fout.problem_mark or fout.context_mark
        regel = mark.line + 1 if mark is not None else None
        regels = tekst.splitlines()
        regeltekst = regels[mark.line] if mark is not None and mark.line < len(regels) else None
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
        # the only value the loader builds that can fail is a date such as 2026-13-45
        regel, tijdstip = _ongeldig_tijdstip(tekst)
        raise InvoerFout(
            f"'{tijdstip}' bestaat niet als datum of tijd; schrijf een datum als jaar-maand-dag "
            "(2026-11-24)",
            bestand=bestand,
            regel=regel,
        ) from None
    except YAMLError as fout:
        raise InvoerFout(
            f"geen geldige YAML: {yaml_probleem(str(fout))}", bestand=bestand
        ) from None


# YAML's timestamp: a date, optionally a time (hours, minutes, seconds) after a T or spaces
_TIJDSTIP = re.compile(
    r"(?<![\w-])(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d))?(?![\w-])"
)


def _ongeldig_tijdstip(tekst: str) -> tuple[int | None, str]:
    """The line of the first date or time that does not exist, and that value."""
    for nummer, regel in enumerate(tekst.split("\n"), start=1):
        for gevonden in _TIJDSTIP.finditer(regel):
            jaar, maand, dag, uur, minuut, seconde = (int(d) for d in gevonden.groups("0"))
            try:
                datetime(jaar, maand, dag, uur, minuut, seconde)
            except ValueError:
                return nummer, gevonden[0]
    return None, "een datum of tijd"


def lees_tekstbestand(pad: Path) -> str:
    """Read a UTF-8 text file, turning every way it can fail into a Dutch message."""
    naam = str(pad)
    try:
        data = pad.read_bytes()
    except FileNotFoundError:
        raise InvoerFout("bestand niet gevonden", bestand=naam) from None
    except IsADirectoryError:
        raise InvoerFout("dit is een map, geen bestand", bestand=naam) from None
    except PermissionError:
        raise InvoerFout("geen leesrechten voor dit bestand", bestand=naam) from None
    except OSError as fout:
        raise InvoerFout(f"kan het bestand niet lezen ({fout.strerror})", bestand=naam) from None
    if not data.strip():
        raise InvoerFout("het bestand is leeg", bestand=naam)
    if b"\x00" in data:
        raise InvoerFout("dit is geen tekstbestand (binaire inhoud)", bestand=naam)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        regel = data.count(b"\n", 0, fout.start) + 1
        kolom = fout.start - (data.rfind(b"\n", 0, fout.start) + 1) + 1
        byte = data[fout.start]
        raise InvoerFout(
            f"het bestand is geen UTF-8-tekst (onleesbare byte 0x{byte:02x} in kolom {kolom}); "
            "sla het op als UTF-8",
            bestand=naam,
            regel=regel,
        ) from None


def dump_yaml(data: Any) -> str:
    """Block-style YAML that a coach can edit by hand, Unicode kept as is."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]  # keep the given order
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
