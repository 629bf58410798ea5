"""Reading a case file (YAML) with the line of each fact, and writing it back atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from advies.case.atomic import schrijf_atomisch
from advies.case.model import Casus, Feitencatalogus, maak_casus
from advies.case.parse_errors import json_probleem
from advies.case.yaml_io import dump_yaml, lees_tekstbestand, lees_yaml_tekst
from advies.errors import InvoerFout

KOP = "# Casusbestand van advies. Met de hand aan te passen; onbekende feiten mogen ontbreken.\n"


def lees_casus(kb: Feitencatalogus, pad: Path) -> Casus:
    """Read one YAML case file; errors name the line of the offending fact."""
    return lees_casus_tekst(kb, lees_tekstbestand(pad), str(pad))


def lees_casus_tekst(kb: Feitencatalogus, tekst: str, bestand: str) -> Casus:
    """A case from YAML text (a file's, or a request's); `bestand` names it in messages."""
    data = lees_yaml_tekst(tekst, bestand)
    try:
        return maak_casus(kb, data, bestand=bestand)
    except InvoerFout:
        # only now is the line of the bad fact needed: the round-trip loader knows it, but in
        # pure Python it cost more than the rest of reading a case
        rt = lees_yaml_tekst(tekst, bestand, met_regels=True)
        return maak_casus(kb, _plain(rt), bestand=bestand, regels=_regelnummers(rt))


def lees_casus_json(kb: Feitencatalogus, tekst: str, bestand: str) -> Casus:
    """A case from JSON text (the same contract as a case file); broken JSON said in Dutch."""
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as fout:
        raise InvoerFout(
            f"geen geldige JSON in kolom {fout.colno}: {json_probleem(fout.msg)}",
            bestand=bestand,
            regel=fout.lineno,
        ) from None
    except RecursionError:
        raise InvoerFout("te diep geneste JSON", bestand=bestand) from None
    return maak_casus(kb, data, bestand=bestand)


def _regelnummers(data: Any) -> dict[str, int]:
    """Line (1-based) of each top-level key and each fact, from ruamel's round-trip positions."""
    regels: dict[str, int] = {}
    if not isinstance(data, CommentedMap):
        return regels
    for key in data:
        regels["__top__" + str(key)] = data.lc.key(key)[0] + 1
    antwoorden = data.get("antwoorden")
    if isinstance(antwoorden, CommentedMap):
        for key in antwoorden:
            regels[str(key)] = antwoorden.lc.key(key)[0] + 1
    for deel in ("meta", "oordeel_coach"):
        inhoud = data.get(deel)
        if isinstance(inhoud, CommentedMap):
            for key in inhoud:
                regels[f"{deel}.{key}"] = inhoud.lc.key(key)[0] + 1
    return regels


def _plain(data: Any) -> Any:
    """Round-trip containers to plain dicts and lists."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


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
    schrijf_atomisch(pad, casus_als_yaml(casus))
