"""Point 3: the knowledge-base cache runs no code and is not read where others can write it."""

from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

import pytest

from advies.knowledge import cache, loading
from advies.knowledge.resources import data_dir

from .conftest import ILSE, proces


class Plant:
    """What a pickle can do when it is loaded: run a command."""

    def __init__(self, doel: Path):
        self.doel = doel

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.doel}",))


def bestanden(map_: Path, *namen: str) -> list[Path]:
    """Every name the cache could use for the knowledge base, with every extension it used."""
    bronnen = sorted(data_dir("rules").rglob("*.yaml"))
    pad = cache._bestand("kennisbank", bronnen)
    assert pad is not None
    return [map_ / (pad.stem + ext) for ext in namen]


def test_a_planted_pickle_in_the_cache_folder_is_never_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    map_ = tmp_path / "cache"
    map_.mkdir(mode=0o700)
    monkeypatch.setenv("ADVIES_CACHE", str(map_))
    doel = tmp_path / "gehackt"
    for bestand in bestanden(map_, ".pickle", ".json"):
        bestand.write_bytes(pickle.dumps(Plant(doel)))
    uit = proces("beoordeel", ILSE, env={"ADVIES_CACHE": str(map_)})
    assert uit.returncode == 0, uit.stderr
    assert not doel.exists()


def test_a_cache_folder_others_can_write_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    map_ = tmp_path / "gedeeld"
    map_.mkdir()
    monkeypatch.setenv("ADVIES_CACHE", str(map_))
    loading.laad_kennisbank.cache_clear()
    try:
        echt = loading.laad_kennisbank()
        (json,) = bestanden(map_, ".json")
        assert json.exists()  # written while the folder was private
        # the cached rules changed: in a private folder that is read (the test's own check)
        json.write_bytes(json.read_bytes().replace(b'"versie":"', b'"versie":"vervalst-'))
        loading.laad_kennisbank.cache_clear()
        assert loading.laad_kennisbank().versie == "vervalst-" + echt.versie
        # ... but not in a folder others can write, nor from a file others can write
        map_.chmod(0o777)
        loading.laad_kennisbank.cache_clear()
        assert loading.laad_kennisbank().versie == echt.versie
        map_.chmod(0o700)
        json.chmod(0o666)
        loading.laad_kennisbank.cache_clear()
        assert loading.laad_kennisbank().versie == echt.versie
    finally:
        loading.laad_kennisbank.cache_clear()


def test_the_cache_is_json_and_gives_the_same_knowledge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADVIES_CACHE", str(tmp_path))
    vers = loading._laad(data_dir("rules"))
    loading.laad_kennisbank.cache_clear()
    try:
        loading.laad_kennisbank()
        loading.laad_kennisbank.cache_clear()
        uit_cache = loading.laad_kennisbank()
    finally:
        loading.laad_kennisbank.cache_clear()
    assert {p.suffix for p in tmp_path.iterdir()} == {".json"}
    # every part, conditions included (a model's equality compares its excluded fields too): a
    # new kind of condition the cache forgot would make the advice differ
    for veld in dataclasses.fields(vers):
        if veld.init:
            assert getattr(uit_cache, veld.name) == getattr(vers, veld.name), veld.name
    assert [r.conditie for r in uit_cache.regels()] == [r.conditie for r in vers.regels()]
    # the questionnaires too, with the conditions of their questions and checks
    from advies.questionnaires import model

    for naam in ("intake", "zelfcheck"):
        verse = model._laad(vers, data_dir("questionnaires") / f"{naam}.yaml")
        model.laad_vragenlijst(vers, naam)  # fills the cache
        assert any(p.name.startswith(f"vragenlijst-{naam}") for p in tmp_path.iterdir())
        assert model.laad_vragenlijst(vers, naam) == verse
