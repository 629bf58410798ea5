"""Loading the knowledge base from rules/ into its models, and checking it across files."""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from advies.case.yaml_io import lees_tekstbestand, lees_yaml_tekst
from advies.errors import KennisbankFout
from advies.knowledge import conditions
from advies.knowledge.conditions import Conditie
from advies.knowledge.consistency import controleer_samenhang
from advies.knowledge.model import (
    Afsluiting,
    Alternatief,
    Begeleidingsduur,
    Bevindingsregel,
    BronDefinitie,
    Grootte,
    Kennisbank,
    Methode,
    Methoderegel,
    Regel,
    Samenstellingsregel,
    Sleutelvoorwaarde,
    Stijl,
    Stijlregel,
    VerdictTekst,
    Vorm,
    Vormregel,
    Weigering,
)
from advies.knowledge.resources import data_dir


def lees_eigen_yaml(pad: Path) -> Any:
    """A YAML file that ships with advies; an error in it is the knowledge base's, not the user's."""
    try:
        return lees_yaml_tekst(lees_tekstbestand(pad), str(pad), eigen=True)
    except Exception as fout:  # any reading error is the knowledge base's, not the user's
        raise KennisbankFout(str(fout)) from None


def _regels(model: type[Regel], items: Any, pad: Path, kb: dict[str, Any]) -> list[Any]:
    if not isinstance(items, list):
        raise KennisbankFout(f"{pad}: een lijst met regels verwacht")
    result = []
    for raw in items:
        regel_id = raw.get("id", "?") if isinstance(raw, dict) else "?"
        try:
            regel = model.model_validate({**raw, "bestand": pad.name})
            conditie: Conditie | None = None
            if regel.als is not None:
                conditie = conditions.parse(regel.als, kb["feiten"], kb["drempels"])
            update: dict[str, Any] = {
                "conditie": conditie,
                "feiten": conditions.feiten_van(conditie),
                "leesbaar": conditions.beschrijf(conditie, kb["feiten"]),
            }
            if isinstance(regel, Bevindingsregel) and regel.aanvullingen:
                update["aanvullingen"] = _met_condities(regel.aanvullingen, kb)
            if isinstance(regel, Bevindingsregel) and isinstance(regel.alternatief, tuple):
                update["alternatief"] = tuple(
                    k.model_copy(
                        update={
                            "conditie": conditions.parse(k.als, kb["feiten"], kb["drempels"])
                            if k.als is not None
                            else None
                        }
                    )
                    for k in regel.alternatief
                )
            result.append(regel.model_copy(update=update))
        except (ValidationError, conditions.ConditieFout) as fout:
            raise KennisbankFout(f"{pad}, regel {regel_id}: {fout}") from None
    return result


def _met_condities(items: tuple[Any, ...], kb: dict[str, Any]) -> tuple[Any, ...]:
    """Items with an `als` get their parsed condition (ConditieFout names what is wrong)."""
    return tuple(
        i.model_copy(
            update={
                "conditie": conditions.parse(i.als, kb["feiten"], kb["drempels"])
                if i.als is not None
                else None
            }
        )
        for i in items
    )


def _lijst(model: type[BaseModel], items: Any, pad: Path) -> dict[str, Any]:
    try:
        parsed = [model.model_validate(i) for i in items]
    except ValidationError as fout:
        raise KennisbankFout(f"{pad}: {fout}") from None
    return {p.code: p for p in parsed}  # type: ignore[attr-defined]


@cache
def laad_kennisbank(map: Path | None = None) -> Kennisbank:
    """Load and check the knowledge base (cached: it does not change while the program runs).

    The checked result is also kept in the user's cache folder, keyed on the files' names, sizes
    and times: parsing and checking the YAML took longer than the whole rest of a short run.
    """
    root = map or data_dir("rules")
    from advies.knowledge import cache

    bronnen = sorted(root.rglob("*.yaml"))
    bewaard = cache.haal_op("kennisbank", bronnen, _uit_data)
    if bewaard is not None:
        return bewaard
    kennisbank = _laad(root)
    cache.bewaar("kennisbank", bronnen, _als_data(kennisbank))
    return kennisbank


def _als_data(kb: Kennisbank) -> dict[str, Any]:
    """The checked knowledge base as JSON-able data (what the cache keeps)."""
    data: dict[str, Any] = {}
    for veld in dataclasses.fields(kb):
        if veld.init:
            data[veld.name] = _json(getattr(kb, veld.name))
    return data


def _json(waarde: Any) -> Any:
    if isinstance(waarde, BaseModel):
        return waarde.model_dump(mode="json")
    if isinstance(waarde, list):
        return [_json(w) for w in waarde]
    if isinstance(waarde, dict):
        return {k: _json(w) for k, w in waarde.items()}
    if isinstance(waarde, Path):
        return str(waarde)
    return waarde


def _uit_data(data: dict[str, Any]) -> Kennisbank:
    """The knowledge base again from `_als_data`; conditions are parsed anew from `als`."""
    from advies.knowledge.cache import model_uit_data

    soorten = typing.get_type_hints(Kennisbank)
    velden = {
        veld.name: model_uit_data(soorten[veld.name], data[veld.name])
        for veld in dataclasses.fields(Kennisbank)
        if veld.init
    }
    for naam, waarde in velden.items():
        if naam not in ("feiten", "drempels"):  # plain data: no models, no conditions
            velden[naam] = met_condities(waarde, velden["feiten"], velden["drempels"])
    return Kennisbank(**velden)


def met_condities(waarde: Any, feiten: dict[str, Any], drempels: dict[str, int]) -> Any:
    """Every model in `waarde` with a condition (`als`, or a question's `when`) gets it parsed
    again, wherever it sits (a rule, an alternative's choices, an addition to a text, a length of
    guidance, a question, a questionnaire's check): what the cache cannot keep, found without a
    list that a new kind of condition could outgrow."""
    if isinstance(waarde, BaseModel):
        velden = type(waarde).model_fields
        update: dict[str, Any] = {}
        for naam in velden:
            binnen = getattr(waarde, naam)
            nieuw = met_condities(binnen, feiten, drempels)
            if nieuw is not binnen:
                update[naam] = nieuw
        bron = next((b for b in ("als", "when") if b in velden), None)  # a rule's, a question's
        if bron is not None and "conditie" in velden:
            als = getattr(waarde, bron)
            conditie = conditions.parse(als, feiten, drempels) if als is not None else None
            update["conditie"] = conditie
            if isinstance(waarde, Regel):
                update["feiten"] = conditions.feiten_van(conditie)
                update["leesbaar"] = conditions.beschrijf(conditie, feiten)
        return waarde.model_copy(update=update) if update else waarde
    if isinstance(waarde, list | tuple):
        nieuw_rij = [met_condities(w, feiten, drempels) for w in waarde]
        if all(n is w for n, w in zip(nieuw_rij, waarde, strict=True)):
            return waarde
        return type(waarde)(nieuw_rij)
    if isinstance(waarde, dict):
        nieuw_map = {k: met_condities(w, feiten, drempels) for k, w in waarde.items()}
        if all(nieuw_map[k] is w for k, w in waarde.items()):
            return waarde
        return nieuw_map
    return waarde


def _laad(root: Path) -> Kennisbank:
    meta = lees_eigen_yaml(root / "kennisbank.yaml")
    drempel_data = lees_eigen_yaml(root / "drempels.yaml")
    kb: dict[str, Any] = {
        "versie": str(meta["versie"]),
        "map": root,
        "feiten": lees_eigen_yaml(root / "feiten.yaml"),
        "drempels": {k: v["waarde"] for k, v in drempel_data.items()},
    }
    kb["bronnen"] = {
        k: BronDefinitie.model_validate(v)
        for k, v in lees_eigen_yaml(root / "bronnen.yaml").items()
    }
    bevindingen: list[Bevindingsregel] = []
    for pad in sorted((root / "bevindingen").glob("*.yaml")):
        bevindingen += _regels(Bevindingsregel, lees_eigen_yaml(pad), pad, kb)
    kb["bevindingen"] = bevindingen
    alternatieven = _lijst(Alternatief, lees_eigen_yaml(root / "alternatieven.yaml"), root)
    try:
        kb["alternatieven"] = {
            code: a.model_copy(update={"aanvullingen": _met_condities(a.aanvullingen, kb)})
            for code, a in alternatieven.items()
        }
    except conditions.ConditieFout as fout:
        raise KennisbankFout(f"{root / 'alternatieven.yaml'}: {fout}") from None
    methoden = lees_eigen_yaml(root / "methoden.yaml")
    kb["methoden"] = _lijst(Methode, methoden["methoden"], root / "methoden.yaml")
    try:
        kb["actieplan"] = Afsluiting.model_validate(methoden["actieplan"])
    except (ValidationError, KeyError) as fout:
        raise KennisbankFout(f"{root / 'methoden.yaml'}, actieplan: {fout}") from None
    kb["methoderegels"] = _regels(Methoderegel, methoden["regels"], root / "methoden.yaml", kb)
    begeleiding = lees_eigen_yaml(root / "begeleiding.yaml")
    pad = root / "begeleiding.yaml"
    kb["vormen"] = _lijst(Vorm, begeleiding["vormen"], pad)
    kb["vormregels"] = _regels(Vormregel, begeleiding["vorm_regels"], pad, kb)
    kb["stijlen"] = _lijst(Stijl, begeleiding["stijlen"], pad)
    kb["stijlregels"] = _regels(Stijlregel, begeleiding["stijl_regels"], pad, kb)
    try:
        kb["begeleidingsduur"] = list(
            _met_condities(
                tuple(Begeleidingsduur.model_validate(d) for d in begeleiding["begeleidingsduur"]),
                kb,
            )
        )
    except (ValidationError, KeyError, TypeError, conditions.ConditieFout) as fout:
        raise KennisbankFout(f"{pad}, begeleidingsduur: {fout}") from None
    samenstelling = lees_eigen_yaml(root / "samenstelling.yaml")
    kb["grootte"] = Grootte.model_validate(samenstelling["grootte"])
    kb["samenstellingsregels"] = _regels(
        Samenstellingsregel, samenstelling["regels"], root / "samenstelling.yaml", kb
    )
    kb["sleutelvoorwaarden"] = _regels(
        Sleutelvoorwaarde,
        lees_eigen_yaml(root / "sleutelvoorwaarden.yaml"),
        root / "sleutelvoorwaarden.yaml",
        kb,
    )
    oordeel = lees_eigen_yaml(root / "oordeel.yaml")
    try:
        kb["verdicts"] = {k: VerdictTekst.model_validate(v) for k, v in oordeel["verdicts"].items()}
        kb["geweigerd"] = Weigering.model_validate(oordeel["geweigerd"])
        kb["geen_alternatief"] = Alternatief.model_validate(oordeel["geen_alternatief"])
    except (ValidationError, KeyError, AttributeError) as fout:
        raise KennisbankFout(f"{root / 'oordeel.yaml'}: {fout}") from None
    kennisbank = Kennisbank(**kb)
    controleer_samenhang(kennisbank)
    return kennisbank
