"""The knowledge base in rules/ is complete and traceable: every rule explains itself and cites one
of the brief's sources, the catalogue of the brief is there, and a broken rule file is refused with
a message that names the file and the rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advies.cli.app import app
from advies.errors import KennisbankFout
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import (
    Bevindingsregel,
    Kennisbank,
    Methoderegel,
    Samenstellingsregel,
    Sleutelvoorwaarde,
    Stijlregel,
    Vormregel,
)

RULES = Path(__file__).resolve().parents[1] / "rules"
VOORBEELD = Path(__file__).resolve().parents[1] / "voorbeelden" / "schoolleiders-go.yaml"

# The contract: the citation keys of domain brief §2 and the finding catalogue of brief §4.
BRONSLEUTELS = {"VDL", "KCB", "VOR", "HH", "MER"}
CATALOGUS = (
    "DWANG",
    "NIET_ZELF_AANGEMELD",
    "VERPLICHT_BEROEPSGROEP",
    "GEDEELDE_CONFLICTEN",
    "TEAMVRAAG",
    "TRAININGSVRAAG",
    "GEEN_WERKPROBLEMEN",
    "HIERARCHIE",
    "BELANGEN",
    "ZELFDE_TEAM",
    "GESLOTEN_LEERKLIMAAT",
    "VERTROUWELIJKHEID",
    "GEEN_TIJD",
    "GEEN_RUSTIGE_PLEK",
    "GROEP_TE_KLEIN",
    "GROEP_TE_GROOT",
    "ONGELIJK_NIVEAU",
    "TOPMANAGEMENT",
    "VERSPREID",
    "NIET_VOORGELICHT",
    "WEINIG_BIJEENKOMSTEN",
    "VRIJWILLIG",
    "REFLECTIEVRAAG",
    "GELIJKWAARDIG",
    "OPEN_LEERKLIMAAT",
    "GEEN_DIRECTE_SAMENWERKING",
)
# Facts no rule reads, and why that is right.
ONGELEZEN_TOEGESTAAN = {"geweigerde_voorwaarden": "the engine reads it: a refused condition blocks"}


def _uitleg_velden(regel: object) -> tuple[str, ...]:
    if isinstance(regel, Bevindingsregel):
        return ("uitleg",)
    if isinstance(regel, (Methoderegel, Vormregel, Stijlregel)):
        return ("reden",)
    if isinstance(regel, Samenstellingsregel):
        # a rule that only counts people out says who they are (the group's sentence)
        return ("advies",) if not regel.niet_mee_tekst else ("niet_mee_tekst",)
    if isinstance(regel, Sleutelvoorwaarde):
        return ("uitleg", "te_regelen")
    raise AssertionError(f"onbekend soort regel: {type(regel).__name__}")


def test_the_catalogue_of_the_brief_is_complete(kb: Kennisbank) -> None:
    assert len(CATALOGUS) == 26
    codes = {b.code for b in kb.bevindingen}
    assert not set(CATALOGUS) - codes, f"ontbrekende codes: {sorted(set(CATALOGUS) - codes)}"


def test_every_rule_explains_itself(kb: Kennisbank) -> None:
    zonder = [
        f"{r.id} ({r.bestand}): {veld}"
        for r in kb.regels()
        for veld in _uitleg_velden(r)
        if not (getattr(r, veld) or "").strip()
    ]
    assert not zonder, "regels zonder uitleg: " + ", ".join(zonder)


def test_every_rule_cites_a_source_of_the_brief_with_a_full_reference(kb: Kennisbank) -> None:
    fout = []
    for regel in kb.regels():
        if not regel.bronnen:
            fout.append(f"{regel.id}: geen bron")
        for bron in regel.bronnen:
            definitie = kb.bronnen.get(bron.sleutel)
            if (
                bron.sleutel not in BRONSLEUTELS
                or definitie is None
                or not definitie.volledig.strip()
            ):
                fout.append(f"{regel.id}: bron {bron.sleutel!r}")
            if not bron.plaats.strip():
                fout.append(f"{regel.id}: bron {bron.sleutel} zonder plaats")
    assert not fout, "\n".join(fout)


def test_the_sources_file_holds_the_five_sources_of_the_brief(kb: Kennisbank) -> None:
    assert set(kb.bronnen) == BRONSLEUTELS


def test_every_conditional_finding_states_the_condition(kb: Kennisbank) -> None:
    zonder = [
        b.id
        for b in kb.bevindingen
        if b.ernst == "voorwaardelijk" and not (b.voorwaarde or "").strip()
    ]
    assert not zonder


def test_every_blocking_finding_names_a_known_alternative(kb: Kennisbank) -> None:
    fout = [
        f"{b.id}: {b.alternatief!r}"
        for b in kb.bevindingen
        if b.ernst == "blokkerend"
        and (
            not b.alternatieven()
            or any(k.code not in kb.alternatieven for k in b.alternatieven())
            or b.alternatieven()[-1].als is not None  # the last choice holds whatever is known
        )
    ]
    assert not fout


def test_every_fact_is_read_by_some_rule(kb: Kennisbank) -> None:
    gelezen = {feit for regel in kb.regels() for feit in regel.feiten}
    ongelezen = set(kb.feiten) - gelezen - set(ONGELEZEN_TOEGESTAAN)
    assert not ongelezen, f"feiten die geen regel leest: {sorted(ongelezen)}"


def test_the_knowledge_base_version_is_in_the_text_and_json_output(kb: Kennisbank) -> None:
    runner = CliRunner()
    tekst = runner.invoke(app, ["beoordeel", str(VOORBEELD)])
    assert tekst.exit_code == 0, tekst.output
    assert f"Kennisbank {kb.versie}" in tekst.stdout
    uit = runner.invoke(app, ["beoordeel", str(VOORBEELD), "--format", "json"])
    assert uit.exit_code == 0, uit.output
    assert json.loads(uit.stdout)["kennisbank_versie"] == kb.versie


# --- a broken knowledge base is refused --------------------------------------------------------


@pytest.fixture
def kopie(tmp_path: Path) -> Path:
    doel = tmp_path / "rules"
    shutil.copytree(RULES, doel)
    return doel


def _vervang(pad: Path, oud: str, nieuw: str) -> None:
    tekst = pad.read_text(encoding="utf-8")
    assert oud in tekst, f"{oud!r} niet gevonden in {pad}"
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")


def test_a_rule_reading_an_unknown_fact_is_refused_naming_file_and_rule(kopie: Path) -> None:
    _vervang(
        kopie / "bevindingen" / "deelname.yaml",
        "{feit: zelf_aangemeld, is: false}",
        "{feit: zelfaangemeld, is: false}",
    )
    with pytest.raises(KennisbankFout) as fout:
        laad_kennisbank(kopie)
    assert "deelname.yaml" in str(fout.value)
    assert "niet_zelf_aangemeld" in str(fout.value)
    assert "zelfaangemeld" in str(fout.value)


def test_a_rule_citing_an_unknown_source_is_refused_naming_file_and_rule(kopie: Path) -> None:
    _vervang(
        kopie / "bevindingen" / "groep.yaml",
        '- {sleutel: VDL, plaats: "tabel i.1 (contra-indicaties intervisiecoach: gedeelde conflicten'
        ' op werk)"}\n\n- id: zelfde_team',
        '- {sleutel: XYZ, plaats: "tabel i.1"}\n\n- id: zelfde_team',
    )
    with pytest.raises(KennisbankFout) as fout:
        laad_kennisbank(kopie)
    assert "groep.yaml" in str(fout.value)
    assert "gedeelde_conflicten" in str(fout.value)
    assert "XYZ" in str(fout.value)


def test_a_duplicate_rule_id_is_refused_naming_file_and_rule(kopie: Path) -> None:
    _vervang(
        kopie / "bevindingen" / "organisatie.yaml",
        "- id: open_leerklimaat",
        "- id: gesloten_leerklimaat",
    )
    with pytest.raises(KennisbankFout) as fout:
        laad_kennisbank(kopie)
    assert "organisatie.yaml" in str(fout.value)
    assert "gesloten_leerklimaat" in str(fout.value)


def test_a_condition_filled_in_per_case_needs_words_for_every_group(kopie: Path) -> None:
    """A batch's summary speaks of many groups at once: {groepen} has no value there."""
    _vervang(
        kopie / "bevindingen" / "groep.yaml",
        "  voorwaarde_algemeen: >-\n    U zorgt ervoor dat de deelnemers worden verdeeld over "
        "groepen van {groep_min} tot\n    {groep_max} deelnemers, die elk apart bijeenkomen.\n",
        "",
    )
    with pytest.raises(KennisbankFout) as fout:
        laad_kennisbank(kopie)
    assert "groep.yaml" in str(fout.value)
    assert "vult per casus groepen in" in str(fout.value)


def test_a_broken_knowledge_base_exits_with_code_3_on_the_command_line(
    kopie: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI turns a KennisbankFout into a Dutch message and exit code 3, without a traceback."""
    _vervang(
        kopie / "bevindingen" / "organisatie.yaml",
        "- id: open_leerklimaat",
        "- id: gesloten_leerklimaat",
    )

    def kapot(map: Path | None = None) -> Kennisbank:
        return laad_kennisbank(kopie)

    monkeypatch.setattr("advies.knowledge.loading.laad_kennisbank", kapot)
    uit = CliRunner().invoke(app, ["regels"])
    assert uit.exit_code == 3
    assert "organisatie.yaml" in uit.stderr
    assert "Traceback" not in uit.output
