"""`advies beoordeel` and `advies regels` on the command line: formats, the JSON contract of
brief §9, the reason tree, what-if suggestions that hold, batches in input order, and rule
explanations."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from advies.case.files import lees_casus
from advies.case.model import maak_casus
from advies.cli.app import app
from advies.engine.evaluation import evalueer
from advies.knowledge.model import Kennisbank

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
GO = VOORBEELDEN / "schoolleiders-go.yaml"
ILSE = VOORBEELDEN / "ilse-coordinatoren.yaml"
NO_GO = VOORBEELDEN / "backoffice-teamconflict.yaml"
VERDICT_VAN = {GO: "go", ILSE: "go_onder_voorwaarden", NO_GO: "no_go"}

runner = CliRunner()


def advies_cli(*args: str) -> Any:
    uit = runner.invoke(app, [str(a) for a in args])
    assert uit.exit_code == 0, uit.output
    return uit


def als_json(pad: Path) -> dict[str, Any]:
    return json.loads(advies_cli("beoordeel", pad, "--format", "json").stdout)


@pytest.mark.parametrize("pad", list(VERDICT_VAN), ids=lambda p: p.stem)
def test_text_output_starts_with_the_verdict_and_ends_with_the_version(
    pad: Path, kb: Kennisbank
) -> None:
    tekst = advies_cli("beoordeel", pad).stdout
    regels = tekst.splitlines()
    assert regels[0].startswith("Casus: ")
    label = kb.verdicts[VERDICT_VAN[pad]].label.upper()
    assert regels[1] == f"Oordeel: {label}"
    assert regels[-1].startswith(f"Kennisbank {kb.versie}")


@pytest.mark.parametrize("pad", sorted(VOORBEELDEN.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_case_gives_the_same_verdict_in_text_markdown_and_json(
    pad: Path, kb: Kennisbank
) -> None:
    data = als_json(pad)
    label = kb.verdicts[data["verdict"]].label
    assert f"Oordeel: {label.upper()}\n" in advies_cli("beoordeel", pad).stdout
    assert f"**Oordeel: {label}.**" in advies_cli("beoordeel", pad, "--format", "md").stdout
    if data["oordeel_coach"]:  # the coach's own judgement is shown beside the rules' verdict
        verdict = data["oordeel_coach"]["verdict"].replace("_", " ")
        assert f"Oordeel van de coach: {verdict}" in advies_cli("beoordeel", pad).stdout


@pytest.mark.parametrize("pad", list(VERDICT_VAN), ids=lambda p: p.stem)
def test_markdown_output_has_a_title_the_verdict_and_the_sources(pad: Path, kb: Kennisbank) -> None:
    md = advies_cli("beoordeel", pad, "--format", "md").stdout
    assert md.startswith("# Advies intervisie: ")
    assert f"**Oordeel: {kb.verdicts[VERDICT_VAN[pad]].label}.**" in md
    assert "## Bronnen" in md
    if VERDICT_VAN[pad] == "no_go":  # a proposal for a group that should not start is left out
        assert "## Voorstel" not in md
        assert "## Wat past in plaats van intervisie" in md
    else:
        assert "## Voorstel" in md


@pytest.mark.parametrize("pad", list(VERDICT_VAN), ids=lambda p: p.stem)
def test_json_output_has_the_keys_of_the_contract(pad: Path, kb: Kennisbank) -> None:
    data = als_json(pad)
    for sleutel in (
        "verdict",
        "bevindingen",
        "alternatief",
        "samenstelling",
        "begeleiding",
        "methoden",
        "open_vragen",
        "trace",
        "kennisbank_versie",
        "wat_als",
    ):
        assert sleutel in data, sleutel
    assert data["verdict"] == VERDICT_VAN[pad]
    assert data["kennisbank_versie"] == kb.versie
    assert data["bevindingen"]
    for b in data["bevindingen"]:
        assert {"code", "soort", "ernst", "bronnen"} <= set(b)
        assert b["soort"] in ("indicatie", "contra_indicatie", "aandachtspunt")
        assert b["bronnen"] and all({"sleutel", "plaats"} <= set(x) for x in b["bronnen"])
    assert {"vorm", "stijl"} <= set(data["begeleiding"])
    if data["verdict"] == "no_go":  # a no go proposes no intervision
        assert data["begeleiding"]["vorm"] is None and not data["methoden"]
        assert data["alternatief"] and all(a["vervolg"] for a in data["alternatief"])
    else:
        assert data["begeleiding"]["vorm"]["code"] in kb.vormen
        assert data["begeleiding"]["stijl"]["code"] in kb.stijlen
        assert data["methoden"]
    for m in data["methoden"]:
        assert m["code"] in kb.methoden
        assert m["redenen"] and m["redenen"][0].strip()
    assert data["trace"][-1]["regel"] == f"oordeel.{data['verdict']}"


def test_methods_in_json_are_ordered_by_the_rank_of_the_rule_that_proposes_them(
    kb: Kennisbank,
) -> None:
    methoden = als_json(ILSE)["methoden"]
    rang_van = {r.id: r.rang for r in kb.methoderegels}
    rang = [min(rang_van[r] for r in m["regels"]) for m in methoden]
    assert rang == sorted(rang)
    assert [m["code"] for m in methoden][:2] == ["basismodel", "roddel"]


def test_a_no_go_names_its_alternatives_in_json() -> None:
    data = als_json(NO_GO)
    assert [a["code"] for a in data["alternatief"]] == ["teamcoaching"]  # a team in a conflict


def test_uitleg_prints_the_reason_tree_with_rules_facts_and_sources() -> None:
    tekst = advies_cli("beoordeel", NO_GO, "--uitleg").stdout
    boom = tekst.split("\nRedeneerboom\n", 1)[1]
    assert boom.startswith("Oordeel: No go")
    assert "GEDEELDE_CONFLICTEN (regel gedeelde_conflicten)" in boom
    assert "gelezen: gedeelde_conflicten = ja" in boom
    assert "bron: VDL, tabel i.1" in boom
    assert "└─ voorstel" in boom


def test_without_uitleg_there_is_no_reason_tree() -> None:
    assert "Redeneerboom" not in advies_cli("beoordeel", NO_GO).stdout


def _pas_toe(antwoorden: dict[str, Any], wijzigingen: list[dict[str, Any]]) -> dict[str, Any]:
    nieuw = dict(antwoorden)
    for w in wijzigingen:
        if w["feit"] == "geweigerde_voorwaarden":  # the client accepts the condition after all
            nieuw["geweigerde_voorwaarden"] = [
                c for c in nieuw.get("geweigerde_voorwaarden", []) if c != w["van"]
            ]
        else:
            assert nieuw.get(w["feit"]) == w["van"]
            nieuw[w["feit"]] = w["naar"]
    return nieuw


@pytest.mark.parametrize(
    "antwoorden",
    [
        pytest.param(None, id="backoffice-teamconflict"),
        pytest.param(
            {"geweigerde_voorwaarden": ["DWANG", "VERTROUWELIJKHEID"]}, id="geweigerde-voorwaarden"
        ),
    ],
)
def test_what_if_suggestions_of_a_no_go_really_reach_the_verdict_they_claim(
    kb: Kennisbank, tmp_path: Path, antwoorden: dict[str, Any] | None
) -> None:
    casus = lees_casus(kb, NO_GO)
    if (
        antwoorden is not None
    ):  # the same team, but without conflict or team question: refusals block
        basis = {
            **casus.antwoorden,
            "gedeelde_conflicten": False,
            "leervraag": "reflectie",
            "sessieduur": 120,
            **antwoorden,
        }
        casus = maak_casus(kb, {"antwoorden": basis}, bestand="<test>")
    pad = tmp_path / "casus.yaml"
    from advies.case.files import schrijf_casus

    schrijf_casus(pad, casus)
    data = als_json(pad)
    assert data["verdict"] == "no_go"
    if antwoorden is None:
        # a shared conflict is not the client's to decide away: no honest what-if (REVIEW C8)
        assert data["wat_als"] == []
        return
    assert data["wat_als"], "een no go zonder enige wat-als-suggestie"
    for suggestie in data["wat_als"]:
        nieuw = _pas_toe(casus.antwoorden, suggestie["wijzigingen"])
        opnieuw = evalueer(
            maak_casus(kb, {"antwoorden": nieuw}, bestand="<wat-als>"), kb, wat_als=False
        )
        assert opnieuw.verdict == suggestie["verdict"], suggestie["zin"]


# --- batches -------------------------------------------------------------------------------------

BATCH = [
    ({"meta": {"naam": "een"}, "antwoorden": {"gedeelde_conflicten": True}}, "no_go"),
    ({"meta": {"naam": "twee"}, "antwoorden": {}}, "onvoldoende_informatie"),
    (None, "go"),  # the go example, in full
]


def _batchcasussen(kb: Kennisbank) -> list[tuple[dict[str, Any], str]]:
    go = lees_casus(kb, GO)
    volledig = {"meta": {"naam": "drie"}, "antwoorden": dict(go.antwoorden)}
    return [(c if c is not None else volledig, v) for c, v in BATCH]


def _controleer_batch(uitvoer: str, verwacht: list[tuple[str, str]]) -> None:
    regels = [json.loads(r) for r in uitvoer.splitlines() if r.strip()]
    assert [(r["naam"], r["verdict"]) for r in regels] == verwacht


def test_a_jsonl_batch_gives_one_line_per_case_in_input_order(
    kb: Kennisbank, tmp_path: Path
) -> None:
    casussen = _batchcasussen(kb)
    pad = tmp_path / "casussen.jsonl"
    pad.write_text("".join(json.dumps(c) + "\n" for c, _ in casussen), encoding="utf-8")
    uit = advies_cli("beoordeel", pad)
    _controleer_batch(uit.stdout, [(c["meta"]["naam"], v) for c, v in casussen])


def test_a_csv_batch_gives_one_line_per_case_in_input_order(kb: Kennisbank, tmp_path: Path) -> None:
    casussen = _batchcasussen(kb)
    kolommen = ["meta.naam", *kb.feiten]
    pad = tmp_path / "casussen.csv"
    with pad.open("w", newline="", encoding="utf-8") as f:
        schrijver = csv.DictWriter(f, fieldnames=kolommen)
        schrijver.writeheader()
        for casus, _ in casussen:
            rij: dict[str, Any] = {"meta.naam": casus["meta"]["naam"]}
            for feit, waarde in casus["antwoorden"].items():
                rij[feit] = ("ja" if waarde else "nee") if isinstance(waarde, bool) else waarde
            schrijver.writerow(rij)
    uit = advies_cli("beoordeel", pad, "--format", "jsonl")
    _controleer_batch(uit.stdout, [(c["meta"]["naam"], v) for c, v in casussen])


# --- regels --------------------------------------------------------------------------------------


def test_regels_lists_every_rule_id(kb: Kennisbank) -> None:
    tekst = advies_cli("regels").stdout
    ids = {regel.split()[0] for regel in tekst.splitlines() if regel.strip()}
    ontbreekt = [r.id for r in kb.regels() if r.id not in ids]
    assert not ontbreekt
    assert f"{len(kb.regels())} regels · kennisbank {kb.versie}" in tekst


def test_regels_with_an_id_explains_that_rule_with_its_sources(kb: Kennisbank) -> None:
    tekst = advies_cli("regels", "dwang").stdout
    assert tekst.startswith("Regel dwang (deelname.yaml)")
    assert "levert: DWANG (voorwaardelijk)" in tekst
    assert "als: deelname is verplicht of gemengd en initiatief is niet beroepsgroep" in tekst
    assert "voorwaarde:" in tekst
    assert kb.bronnen["VDL"].volledig.split()[0] in tekst


def test_regels_with_an_unknown_id_exits_2_with_a_dutch_message() -> None:
    uit = runner.invoke(app, ["regels", "onzin"])
    assert uit.exit_code == 2
    assert "onbekende regel 'onzin'" in uit.stderr
    assert "advies regels" in uit.stderr
    assert uit.stdout == ""


def test_a_single_case_imports_nothing_a_single_case_does_not_need(tmp_path: Path) -> None:
    """`advies beoordeel CASE --format json` is a whole process per case: the batch machinery,
    the report and document libraries and the questionnaires stay off its import path."""
    import subprocess
    import sys

    code = (
        "import contextlib, io, sys\n"
        "from advies.cli.app import main\n"
        f"sys.argv = ['advies', 'beoordeel', {str(GO)!r}, '--format', 'json']\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main()\n"
        "onnodig = ('advies.batch', 'advies.report', 'advies.questionnaires', 'questionary',\n"
        "           'prompt_toolkit', 'jinja2', 'docx', 'docxtpl', 'fpdf', 'PIL', 'multiprocessing')\n"
        "print(sorted(m for m in sys.modules if m.startswith(onnodig)))\n"
    )
    omgeving = {**os.environ, "ADVIES_CACHE": str(tmp_path)}
    uit = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=omgeving
    )
    assert uit.stdout.strip() == "[]", uit.stderr[-500:]
