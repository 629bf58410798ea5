"""Reading case files (YAML), batches (JSON Lines, CSV) and writing case files atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .casus import Casus, maak_casus
from .errors import InvoerFout
from .kennisbank import Kennisbank
from .yamlio import dump_yaml, lees_tekstbestand, lees_yaml_tekst


def lees_casus(kb: Kennisbank, pad: Path) -> Casus:
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
    """The case as it is written to a file: versie, meta, antwoorden (and the coach's judgement)."""
    data: dict[str, Any] = {
        "versie": casus.versie,
        "meta": casus.meta.model_dump(mode="json", exclude_none=True),
        "antwoorden": dict(casus.antwoorden),
    }
    if casus.oordeel_coach is not None:
        data["oordeel_coach"] = casus.oordeel_coach.model_dump()
    return data


def schrijf_atomisch(pad: Path, inhoud: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename: a crash leaves the old or the new file.

    Created readable by the owner only: case files hold sensitive information about people.
    """
    pad = Path(pad)
    map_ = pad.parent if str(pad.parent) else Path(".")
    try:
        map_.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=map_)
    except OSError as fout:
        raise InvoerFout(f"kan hier niet schrijven ({fout.strerror})", bestand=str(pad)) from None
    try:
        data = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tijdelijk, 0o600)
        os.replace(tijdelijk, pad)
    except OSError as fout:
        Path(tijdelijk).unlink(missing_ok=True)
        raise InvoerFout(
            f"kan het bestand niet schrijven ({fout.strerror})", bestand=str(pad)
        ) from None
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise


def schrijf_casus(pad: Path, casus: Casus) -> None:
    kop = (
        "# Casusbestand van advies. Met de hand aan te passen; onbekende feiten mogen ontbreken.\n"
    )
    schrijf_atomisch(pad, kop + dump_yaml(casus_als_data(casus)))
