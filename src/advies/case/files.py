"""Reading a case file (YAML) with the line of each fact, and writing it back atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from advies.case.atomic import schrijf_atomisch
from advies.case.model import Casus, Feitencatalogus, maak_casus
from advies.case.yaml_io import dump_yaml, lees_tekstbestand, lees_yaml_tekst
from advies.errors import InvoerFout


def lees_casus(kb: Feitencatalogus, pad: Path) -> Casus:
    """Read one YAML case file; errors name the line of the offending fact."""
    tekst = lees_tekstbestand(pad)
    data = lees_yaml_tekst(tekst, str(pad))
    try:
        return maak_casus(kb, data, bestand=str(pad))
    except InvoerFout:
        # only now is the line of the bad fact needed: the round-trip loader knows it, but in
        # pure Python it cost more than the rest of reading a case
        rt = lees_yaml_tekst(tekst, str(pad), met_regels=True)
        return maak_casus(kb, _plain(rt), bestand=str(pad), regels=_regelnummers(rt))


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


def schrijf_casus(pad: Path, casus: Casus) -> None:
    kop = (
        "# Casusbestand van advies. Met de hand aan te passen; onbekende feiten mogen ontbreken.\n"
    )
    schrijf_atomisch(pad, kop + dump_yaml(casus_als_data(casus)))
