"""The whole knowledge base as data (`advies regels --format json`): what the codes in a batch's
compact lines stand for, with every text and source, so they are looked up once, not repeated per
case."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from advies.knowledge.model import Kennisbank, Regel


def _model(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def _regel(kb: Kennisbank, regel: Regel) -> dict[str, Any]:
    data = _model(regel)
    data["als_tekst"] = kb.beschrijf(regel)  # the condition in words
    data["feiten"] = list(regel.feiten)
    return data


def kennisbank_als_data(kb: Kennisbank) -> dict[str, Any]:
    """Every fact, rule, text and source of the knowledge base, keyed as a batch line names them
    (finding codes, method, form and style codes, facts)."""
    return {
        "kennisbank_versie": kb.versie,
        "verdicts": {code: _model(v) for code, v in kb.verdicts.items()},
        "feiten": kb.feiten,
        "drempels": kb.drempels,
        "bevindingen": {r.code: _regel(kb, r) for r in kb.bevindingen},
        "alternatieven": {code: _model(a) for code, a in kb.alternatieven.items()},
        "geen_alternatief": _model(kb.geen_alternatief),
        "geweigerd": _model(kb.geweigerd),
        "methoden": {code: _model(m) for code, m in kb.methoden.items()},
        "methoderegels": [_regel(kb, r) for r in kb.methoderegels],
        "vormen": {code: _model(v) for code, v in kb.vormen.items()},
        "vormregels": [_regel(kb, r) for r in kb.vormregels],
        "stijlen": {code: _model(s) for code, s in kb.stijlen.items()},
        "stijlregels": [_regel(kb, r) for r in kb.stijlregels],
        "grootte": _model(kb.grootte),
        "samenstellingsregels": [_regel(kb, r) for r in kb.samenstellingsregels],
        "sleutelvoorwaarden": {r.code: _regel(kb, r) for r in kb.sleutelvoorwaarden},
        "bronnen": {code: _model(b) for code, b in kb.bronnen.items()},
    }
