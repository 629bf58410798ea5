"""The example batches the README shows are real, and the README says truly where case files go.

The batches: a CSV as a Dutch Excel writes it and the same groups as JSON Lines; both evaluate,
to the same verdicts, and what the README quotes of them is in the files. The case folder: the
documents folder platformdirs finds, with `advies` under it, as the README's table says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advies.cli.app import app
from advies.questionnaires.intake import casusmap

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CSV = ROOT / "voorbeelden" / "batch-zorgbreed.csv"
JSONL = ROOT / "voorbeelden" / "batch-zorgbreed.jsonl"


def _verdicts(pad: Path) -> list[tuple[str, str]]:
    uit = CliRunner().invoke(app, ["beoordeel", str(pad), "--werkers", "1"])
    assert uit.exit_code == 0, uit.output
    return [(d["naam"], d["verdict"]) for d in map(json.loads, uit.stdout.splitlines())]


def test_the_example_batches_give_the_same_verdicts_and_show_each_kind() -> None:
    verdicts = _verdicts(CSV)
    assert verdicts == _verdicts(JSONL)
    assert {v for _, v in verdicts} == {
        "go",
        "go_onder_voorwaarden",
        "no_go",
        "onvoldoende_informatie",
    }
    assert len(verdicts) == 5  # small enough to read


def test_the_example_csv_is_a_dutch_export() -> None:
    regels = CSV.read_text(encoding="utf-8").splitlines()
    kop = regels[0].split(";")
    assert kop[:2] == ["meta.naam", "meta.organisatie"]
    waarden = {w for r in regels[1:] for w in r.split(";")}
    assert {"ja", "nee", ""} <= waarden and not {"true", "false"} & waarden


def test_the_readme_shows_the_example_batches_as_they_are() -> None:
    for pad in (CSV, JSONL):
        assert f"voorbeelden/{pad.name}" in README
    assert f"advies beoordeel voorbeelden/{CSV.name}" in README
    blokken = re.findall(r"```[a-z]*\n(.*?)```", README, re.DOTALL)
    csv_blok = next(b for b in blokken if b.startswith("meta.naam;"))
    echt = CSV.read_text(encoding="utf-8").splitlines()
    for getoond, regel in zip(csv_blok.splitlines(), echt, strict=False):
        assert regel.startswith(getoond), getoond
    jsonl_blok = next(b for b in blokken if b.startswith('{"versie"'))
    assert JSONL.read_text(encoding="utf-8").startswith(jsonl_blok.split(", ...")[0])


def test_the_readme_names_the_case_folder_on_each_system() -> None:
    deel = README.split("## Waar uw casussen staan", 1)[1].split("\n## ", 1)[0]
    for systeem in ("Linux", "macOS", "Windows"):
        assert f"| {systeem} |" in deel
    assert "~/Documents/advies" in deel and "~/Documenten/advies" in deel
    assert "`--map MAP`" in deel and "`ADVIES_MAP`" in deel


@pytest.mark.skipif(not Path("/proc").exists(), reason="the XDG rules are Linux's")
def test_on_linux_the_folder_follows_the_desktop_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the README's Linux row says: the desktop's documents folder, Documents without one."""
    monkeypatch.delenv("ADVIES_MAP", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    assert casusmap() == tmp_path / "Documents" / "advies"  # a server: no user-dirs.dirs
    (tmp_path / ".config").mkdir(mode=0o700)
    (tmp_path / "Documenten").mkdir()
    (tmp_path / ".config" / "user-dirs.dirs").write_text(
        'XDG_DOCUMENTS_DIR="$HOME/Documenten"\n', encoding="utf-8"
    )
    assert casusmap() == tmp_path / "Documenten" / "advies"  # a Dutch desktop
    monkeypatch.setenv("ADVIES_MAP", str(tmp_path / "elders"))
    assert casusmap() == tmp_path / "elders"
    assert casusmap(tmp_path / "optie") == tmp_path / "optie"
