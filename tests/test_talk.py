"""After the advisory talk: what was decided per condition turns the advice, the letter confirms
it, the case keeps what was given, and the coach's folder shows where each case stands."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from typer.testing import CliRunner

from advies.case.files import lees_casus
from advies.casework.overview import overzicht
from advies.cli.app import app
from advies.engine.evaluation import evalueer
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank
from advies.report.coherence import Controle, gebroken_beloften
from advies.report.markdown import als_markdown
from advies.report.sections import bouw_document

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
ILSE = VOORBEELDEN / "ilse-coordinatoren.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def kb() -> Kennisbank:
    return laad_kennisbank()


def _gesprek(tmp_path: Path, gesprek: str, extra: str = "") -> Path:
    """A copy of Ilse's case with the talk recorded through the answers file."""
    pad = tmp_path / "ilse.yaml"
    shutil.copy(ILSE, pad)
    antwoorden = tmp_path / "gesprek.yaml"
    antwoorden.write_text("gesprek:\n" + gesprek + extra, encoding="utf-8")
    uit = runner.invoke(app, ["gesprek", str(pad), "--antwoorden", str(antwoorden)])
    assert uit.exit_code == 0, uit.output
    return pad


ALLES_AKKOORD = """\
  datum: 2026-12-05
  voorwaarden:
    GESLOTEN_LEERKLIMAAT: {besluit: akkoord, notitie: De directeur opent de voorlichting zelf.}
    VERTROUWELIJKHEID_ONZEKER: {besluit: akkoord}
    NIET_VOORGELICHT: {besluit: akkoord}
  afspraken:
    startdatum: januari 2027
    sessieduur: 120
    coach_bijeenkomsten: 3
"""


def test_agreed_conditions_become_agreements_and_the_group_can_start(
    kb: Kennisbank, tmp_path: Path
) -> None:
    casus = lees_casus(kb, _gesprek(tmp_path, ALLES_AKKOORD))
    advies = evalueer(casus, kb)
    assert advies.verdict == "go_onder_voorwaarden"
    brief = als_markdown(bouw_document(casus, advies, kb, datum=date(2026, 12, 6)))
    assert brief.startswith("# Bevestiging van het adviesgesprek")
    assert "## Wat we hebben afgesproken" in brief and "### Nog open" not in brief
    assert "De directeur opent de voorlichting zelf." in brief
    assert "alle voorwaarden toegezegd" in brief
    assert "Afgesproken: acht bijeenkomsten van 120 minuten, vanaf januari 2027." in brief
    assert "Afgesproken: ik ben bij drie bijeenkomsten aanwezig." in brief
    # the plan follows what the talk agreed
    assert "begeleid ik de eerste drie" in brief
    assert casus.vastgelegd.gesprek is not None
    assert casus.vastgelegd.gesprek.verdict == "go_onder_voorwaarden"


def test_a_refused_condition_turns_the_advice_into_a_no_go_with_its_alternative(
    kb: Kennisbank, tmp_path: Path
) -> None:
    gesprek = ALLES_AKKOORD.replace(
        "VERTROUWELIJKHEID_ONZEKER: {besluit: akkoord}",
        "VERTROUWELIJKHEID_ONZEKER: {besluit: geweigerd}",
    )
    casus = lees_casus(kb, _gesprek(tmp_path, gesprek))
    advies = evalueer(casus, kb)
    assert advies.verdict == "no_go"
    assert [a.code for a in advies.alternatief] == ["individuele_coaching"]
    doc = bouw_document(casus, advies, kb)
    brief = als_markdown(doc)
    # the confirmation names the refused condition, not "een van de voorwaarden" (user test)
    geweigerd = next(b for b in advies.bevindingen if b.geweigerd)
    naam = geweigerd.toezegging
    assert naam and f"kon u deze voorwaarde niet toezeggen: {naam[0].lower()}{naam[1:]}." in brief
    assert "een van de voorwaarden" not in brief
    assert "## Waarom nu geen intervisie" in brief and "## Het voorstel" not in brief
    assert "## Wat we hebben afgesproken" not in brief  # no start, nothing to agree on
    # the promises hold on the confirmation too, the refusal's among them
    assert gebroken_beloften(Controle(casus, advies, kb, doc, brief)) == []


def test_a_talk_with_open_points_says_the_group_starts_once_they_are_settled(
    kb: Kennisbank, tmp_path: Path
) -> None:
    gesprek = ALLES_AKKOORD.replace(
        "NIET_VOORGELICHT: {besluit: akkoord}",
        "NIET_VOORGELICHT: {besluit: open, notitie: De datum volgt.}",
    )
    casus = lees_casus(kb, _gesprek(tmp_path, gesprek))
    brief = als_markdown(bouw_document(casus, evalueer(casus, kb), kb))
    assert "### Toegezegd" in brief and "### Nog open" in brief
    assert "De datum volgt." in brief
    assert "een deel staat nog open" in brief


def test_the_coach_who_overrides_in_the_talk_signs_the_letter_with_her_own_verdict(
    kb: Kennisbank, tmp_path: Path
) -> None:
    oordeel = "oordeel_coach: {verdict: no_go, reden: De districten worden samengevoegd.}\n"
    casus = lees_casus(kb, _gesprek(tmp_path, ALLES_AKKOORD, oordeel))
    advies = evalueer(casus, kb)
    klant = als_markdown(bouw_document(casus, advies, kb, voor="klant"))
    assert "De districten worden samengevoegd." in klant
    assert "Uitkomst van de analyse" not in klant and "## Het voorstel" not in klant
    coach = als_markdown(bouw_document(casus, advies, kb, voor="coach"))
    assert "Uitkomst van de analyse: Go onder voorwaarden" in coach


def test_a_coach_who_starts_after_a_refusal_keeps_the_refusal_on_record(
    kb: Kennisbank, tmp_path: Path
) -> None:
    """User test: the client refused confidentiality, the coach's own verdict is go; the letter
    listed the other conditions as agreed and left the refused one out altogether."""
    gesprek = ALLES_AKKOORD.replace(
        "VERTROUWELIJKHEID_ONZEKER: {besluit: akkoord}",
        "VERTROUWELIJKHEID_ONZEKER: {besluit: geweigerd, notitie: Zij wil een kort verslag.}",
    )
    oordeel = "oordeel_coach: {verdict: go, reden: Alleen het verloop wordt gemeld.}\n"
    casus = lees_casus(kb, _gesprek(tmp_path, gesprek, oordeel))
    advies = evalueer(casus, kb)
    assert advies.eindoordeel == "go"
    geweigerd = next(b for b in advies.bevindingen if b.geweigerd)
    doc = bouw_document(casus, advies, kb, voor="klant")
    brief = als_markdown(doc)
    niet_toegezegd = brief.split("### Niet toegezegd", 1)[1].split("##", 1)[0]
    assert f"**{geweigerd.toezegging}.**" in niet_toegezegd
    assert "Zij wil een kort verslag." in niet_toegezegd
    assert "U zorgt ervoor" not in niet_toegezegd  # not the promise the client did not make
    toegezegd = brief.split("### Toegezegd", 1)[1].split("###", 1)[0]
    assert str(geweigerd.toezegging) not in toegezegd
    # nor does the rest of the letter promise what she refused (user test: the contract and the
    # closing of the guidance said the content stays in the group and she hears only the course)
    assert "alleen informatie over het verloop" not in brief
    assert "alleen over het verloop" not in brief and "niet wat er besproken is" not in brief
    assert "niet toegezegd dat de inhoud binnen de groep blijft" in brief  # the contract says so
    # the coach's go confirms what was settled; it asks for nothing the talk already decided
    assert "Ik adviseer u met intervisie te beginnen, zoals hieronder afgesproken." in brief
    coach = als_markdown(bouw_document(casus, advies, kb, voor="coach"))
    assert "alle voorwaarden toegezegd" not in coach
    assert gebroken_beloften(Controle(casus, advies, kb, doc, brief)) == []


def test_the_confirmation_matches_the_snapshot(
    kb: Kennisbank, tmp_path: Path, snapshot: SnapshotAssertion
) -> None:
    gesprek = ALLES_AKKOORD.replace(
        "NIET_VOORGELICHT: {besluit: akkoord}", "NIET_VOORGELICHT: {besluit: open}"
    )
    pad = _gesprek(tmp_path, gesprek)
    casus = lees_casus(kb, pad)
    casus = casus.model_copy(
        update={
            "meta": casus.meta.model_copy(
                update={
                    "geadresseerde": "Marja Jansen / organisatorisch manager",
                    "aanhef": "Beste Marja,",
                }
            )
        }
    )
    brief = als_markdown(bouw_document(casus, evalueer(casus, kb), kb, datum=date(2026, 12, 6)))
    assert "Marja Jansen  \norganisatorisch manager\n\nBeste Marja," in brief
    assert brief == snapshot


def test_a_condition_decided_for_a_code_the_advice_does_not_know_is_refused(
    tmp_path: Path,
) -> None:
    pad = tmp_path / "ilse.yaml"
    shutil.copy(ILSE, pad)
    antwoorden = tmp_path / "gesprek.yaml"
    antwoorden.write_text(
        "gesprek:\n  voorwaarden:\n    ONZIN: {besluit: akkoord}\n", encoding="utf-8"
    )
    uit = runner.invoke(app, ["gesprek", str(pad), "--antwoorden", str(antwoorden)])
    assert uit.exit_code == 2
    assert "onbekende voorwaarde 'ONZIN'" in uit.stderr


def test_a_decision_outside_the_choices_is_named_in_dutch(tmp_path: Path) -> None:
    pad = tmp_path / "ilse.yaml"
    shutil.copy(ILSE, pad)
    antwoorden = tmp_path / "gesprek.yaml"
    antwoorden.write_text(
        "gesprek:\n  voorwaarden:\n    DWANG: {besluit: misschien}\n", encoding="utf-8"
    )
    uit = runner.invoke(app, ["gesprek", str(pad), "--antwoorden", str(antwoorden)])
    assert uit.exit_code == 2
    assert "toegestaan zijn akkoord, geweigerd, open" in uit.stderr


def test_a_written_report_is_kept_in_the_case_and_a_changed_rule_is_flagged(
    kb: Kennisbank, tmp_path: Path
) -> None:
    pad = tmp_path / "ilse.yaml"
    shutil.copy(ILSE, pad)
    uit = runner.invoke(app, ["rapport", str(pad), "-o", str(tmp_path / "advies.md")])
    assert uit.exit_code == 0, uit.output
    casus = lees_casus(kb, pad)
    assert casus.vastgelegd.rapport is not None
    assert casus.vastgelegd.rapport.kennisbank == kb.versie
    # as if the advice had been given with other rules that put one condition less
    oud = casus.vastgelegd.rapport.model_copy(
        update={"kennisbank": "2020.1.0", "voorwaarden": ["GESLOTEN_LEERKLIMAAT"]}
    )
    from advies.case.files import schrijf_casus

    schrijf_casus(
        pad,
        casus.model_copy(
            update={"vastgelegd": casus.vastgelegd.model_copy(update={"rapport": oud})}
        ),
    )
    uit = runner.invoke(app, ["beoordeel", str(pad), "--format", "json"])
    assert uit.exit_code == 0
    json.loads(uit.stdout)  # the contract on stdout is untouched
    assert "ging uit van de regels van 2020.1.0" in uit.stderr
    assert "nieuw als voorwaarde: VERTROUWELIJKHEID_ONZEKER, NIET_VOORGELICHT" in uit.stderr


def test_the_cases_list_shows_each_stage_and_a_broken_file_without_stopping(
    kb: Kennisbank, tmp_path: Path, snapshot: SnapshotAssertion
) -> None:
    map_ = tmp_path / "casussen"
    map_.mkdir()
    for pad in sorted(VOORBEELDEN.glob("*.yaml")):
        shutil.copy(pad, map_ / pad.name)
    (map_ / "kapot.yaml").write_text("antwoorden: [\n", encoding="utf-8")
    _gesprek(tmp_path, ALLES_AKKOORD.replace("januari 2027", "2026-01-05"))
    shutil.copy(tmp_path / "ilse.yaml", map_ / "ilse-gestart.yaml")
    rijen = {Path(r.bestand).name: r for r in overzicht(kb, map_)}
    assert rijen["kapot.yaml"].fout and rijen["kapot.yaml"].stadium is None
    assert rijen["ilse-gestart.yaml"].stadium == "gestart"
    assert rijen["schoolleiders-go.yaml"].stadium == "advies klaar"
    uit = runner.invoke(app, ["casussen", "--map", str(map_), "--format", "json"])
    assert uit.exit_code == 0
    data = json.loads(uit.stdout)
    assert {Path(r["bestand"]).name for r in data} == set(rijen)
    for r in data:
        r["gewijzigd"] = "…"
        r["bestand"] = Path(r["bestand"]).name
    assert sorted(data, key=lambda r: r["bestand"]) == snapshot


def test_a_rule_change_lists_the_cases_it_would_change(tmp_path: Path) -> None:
    regels = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[1] / "rules", regels)
    bestand = regels / "bevindingen" / "organisatie.yaml"
    tekst = bestand.read_text(encoding="utf-8")
    begin = tekst.index("- id: gesloten_leerklimaat")
    tekst = tekst[:begin] + tekst[begin:].replace(
        "  soort: contra_indicatie\n  ernst: voorwaardelijk",
        "  soort: aandachtspunt\n  ernst: advies",
        1,
    )
    bestand.write_text(tekst, encoding="utf-8")
    map_ = tmp_path / "casussen"
    map_.mkdir()
    for pad in VOORBEELDEN.glob("*.yaml"):
        shutil.copy(pad, map_ / pad.name)
    uit = runner.invoke(app, ["casussen", "--map", str(map_), "--regels", str(regels)])
    assert uit.exit_code == 0, uit.output
    assert "geen voorwaarde meer: GESLOTEN_LEERKLIMAAT" in uit.stdout
    assert "Schoolleiders" not in uit.stdout  # a case the change does not touch is not listed


def test_a_coach_verdict_added_after_the_talk_is_no_change_of_the_rules(
    kb: Kennisbank, tmp_path: Path
) -> None:
    """User report: after a refusal (no go) the coach added her own verdict by hand; `beoordeel`
    then warned that today's rules advise otherwise ('nieuw als voorwaarde ...') although the
    rules' verdict was the same: the record compared the coach's conditions with the rules'."""
    gesprek = ALLES_AKKOORD.replace(
        "VERTROUWELIJKHEID_ONZEKER: {besluit: akkoord}",
        "VERTROUWELIJKHEID_ONZEKER: {besluit: geweigerd}",
    )
    pad = _gesprek(tmp_path, gesprek)
    casus = lees_casus(kb, pad)
    assert casus.vastgelegd.gesprek is not None
    assert casus.vastgelegd.gesprek.verdict == "no_go"
    # recorded with earlier rules, and the coach's own go added by hand afterwards
    from advies.case.files import schrijf_casus
    from advies.case.model import OordeelCoach

    oud = casus.vastgelegd.gesprek.model_copy(update={"kennisbank": "2020.1.0"})
    schrijf_casus(
        pad,
        casus.model_copy(
            update={
                "vastgelegd": casus.vastgelegd.model_copy(update={"gesprek": oud}),
                "oordeel_coach": OordeelCoach(verdict="go", reden="Eigen afweging."),
            }
        ),
    )
    uit = runner.invoke(app, ["beoordeel", str(pad)])
    assert uit.exit_code == 0, uit.output
    assert "Let op" not in uit.stderr
    # a real change still warns: the same record as if it had said go under conditions
    anders = oud.model_copy(update={"verdict": "go_onder_voorwaarden", "blokkades": []})
    casus = lees_casus(kb, pad)
    schrijf_casus(
        pad,
        casus.model_copy(
            update={"vastgelegd": casus.vastgelegd.model_copy(update={"gesprek": anders})}
        ),
    )
    uit = runner.invoke(app, ["beoordeel", str(pad)])
    assert "Let op: het adviesgesprek" in uit.stderr and "luidt het no go" in uit.stderr


def test_the_overview_lists_a_yml_case_too_but_a_name_once(tmp_path: Path) -> None:
    """`advies beoordeel naam` opens naam.yml when there is no naam.yaml: the list shows it."""
    from advies.casework.overview import casusbestanden

    map_ = tmp_path / "casussen"
    map_.mkdir()
    ilse = Path(__file__).parent.parent / "voorbeelden" / "ilse-coordinatoren.yaml"
    for naam in ("a.yaml", "a.yml", "b.yml", ".verborgen.yml", "c.txt"):
        shutil.copy(ilse, map_ / naam)
    assert sorted(p.name for p in casusbestanden(map_)) == ["a.yaml", "b.yml"]
