"""Reading a case file (YAML) with the line of each fact, and writing it back atomically."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from advies.case.atomic import schrijf_atomisch
from advies.case.fact_values import Feitencatalogus
from advies.case.input_files import (
    MAX_CASUSBESTAND,
    controleer_json_nesting,
    lees_tekstbestand,
    leesbare_grootte,
    open_invoerbestand,
    zonder_dubbele_sleutels,
)
from advies.case.model import Casus, maak_casus
from advies.case.parse_errors import json_probleem
from advies.case.yaml_io import dump_yaml, lees_yaml_met_regels
from advies.errors import InvoerFout

KOP = "# Casusbestand van advies. Met de hand aan te passen; onbekende feiten mogen ontbreken.\n"


def lees_casus(kb: Feitencatalogus, pad: Path) -> Casus:
    """Read one YAML case file; errors name the line of the offending fact."""
    return lees_casus_tekst(kb, lees_tekstbestand(pad), str(pad))


def lees_casus_tekst(kb: Feitencatalogus, tekst: str, bestand: str) -> Casus:
    """A case from YAML text (a file's, or a request's); `bestand` names it in messages.

    One parse: the lines of the keys come from the same pass that checks the text (nesting,
    aliases, tags, numbers too long to read), so a bad value is named with its line at once.
    """
    _controleer_grootte(tekst, bestand)
    data, regels = lees_yaml_met_regels(tekst, bestand)
    return maak_casus(kb, data, bestand=bestand, regels=regels)


def lees_casus_json(kb: Feitencatalogus, tekst: str, bestand: str) -> Casus:
    """A case from JSON text (the same contract as a case file); broken JSON said in Dutch."""
    _controleer_grootte(tekst, bestand)
    controleer_json_nesting(tekst, bestand=bestand)  # the json module recurses
    try:
        data = json.loads(tekst, object_pairs_hook=zonder_dubbele_sleutels(bestand))
    except json.JSONDecodeError as fout:
        raise InvoerFout(
            f"geen geldige JSON in kolom {fout.colno}: {json_probleem(fout.msg)}",
            bestand=bestand,
            regel=fout.lineno,
        ) from None
    except RecursionError:
        raise InvoerFout("te diep geneste JSON", bestand=bestand) from None
    except ValueError as fout:  # a number of more than 4,300 digits
        raise InvoerFout(
            f"geen geldige JSON: {json_probleem(str(fout))}", bestand=bestand
        ) from None
    return maak_casus(kb, data, bestand=bestand)


def _controleer_grootte(tekst: str, bestand: str) -> None:
    """Text that did not come from a file (a request) gets the same size limit as a file."""
    if len(tekst) > MAX_CASUSBESTAND:
        grootte = len(tekst.encode("utf-8", "surrogatepass"))
        if grootte > MAX_CASUSBESTAND:
            raise InvoerFout(
                f"de casus is {leesbare_grootte(grootte)}; een casus mag hooguit "
                f"{leesbare_grootte(MAX_CASUSBESTAND)} zijn",
                bestand=bestand,
            )


def casus_als_data(casus: Casus) -> dict[str, Any]:
    """The case as it is written to a file: versie, meta, antwoorden, and what followed (the
    coach's judgement, the talk, the notes, the record of advice given) where there is any."""
    data: dict[str, Any] = {
        "versie": casus.versie,
        "meta": casus.meta.model_dump(mode="json", exclude_none=True),
        "antwoorden": dict(casus.antwoorden),
    }
    if casus.oordeel_coach is not None:
        data["oordeel_coach"] = casus.oordeel_coach.model_dump()
    if casus.gesprek is not None:
        data["gesprek"] = casus.gesprek.model_dump(mode="json", exclude_none=True)
    if casus.notities:
        data["notities"] = {
            k: n.model_dump(exclude_defaults=True) for k, n in casus.notities.items()
        }
    vastgelegd = casus.vastgelegd.model_dump(mode="json", exclude_none=True)
    if vastgelegd:
        data["vastgelegd"] = vastgelegd
    return data


def casus_als_yaml(casus: Casus) -> str:
    """The case file's text: what `schrijf_casus` writes, and what a download offers."""
    return KOP + dump_yaml(casus_als_data(casus))


def schrijf_casus(pad: Path, casus: Casus) -> None:
    """Write a whole case file (a new one, or over one as a whole). A run that works on a case
    file (intake, self-check, the talk) goes through session.CasusSessie, which keeps comments
    and changes made meanwhile."""
    schrijf_atomisch(pad, casus_als_yaml(casus))


_CASUSSLEUTEL = re.compile(rb"(?m)^(versie|antwoorden|oordeel_coach)[ \t]*:")


def lijkt_casusbestand(pad: Path) -> bool:
    """Whether a file that exists looks like a case file: our header, or a top-level key only a
    case has. For refusing to write a report over one; unreadable means no."""
    if not pad.exists():
        return False
    try:
        with open_invoerbestand(pad, max_grootte=None) as f:  # a FIFO would block an open()
            begin = f.read(64_000)
    except (InvoerFout, OSError):
        return False
    return begin.startswith(KOP.encode()) or _CASUSSLEUTEL.search(begin) is not None


def bestandsstam(naam: str) -> str:
    """An ASCII stem for a file named after a case: 'Coördinatoren zorg' -> 'Coordinatoren-zorg'
    (a case file lower-cases it; a download keeps the capitals)."""
    plat = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plat).strip("-")[:60] or "casus"
