"""The library behind a face that asks one question per request (the browser): answers from a
form, a replay of carried answers, the intake step by step, why we ask, the verdict so far and
the case folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from advies.case.files import casus_als_yaml, lees_casus, lees_casus_json, lees_casus_tekst
from advies.engine.evaluation import evalueer
from advies.error_handling import melding
from advies.errors import EngineFout, InvoerFout, KennisbankFout, NietGevonden
from advies.knowledge.model import Kennisbank
from advies.questionnaires.answers import antwoord_uit_invoer
from advies.questionnaires.case_folder import casus_in_map
from advies.questionnaires.flow import speel_na
from advies.questionnaires.intake import Intake, oordeel_kort, oordeelregel
from advies.questionnaires.model import Vragenlijst, laad_vragenlijst, waarom, waarom_delen
from advies.questionnaires.state import ONBEKEND, Antwoord

VOORBEELDEN = Path(__file__).parents[2] / "voorbeelden"


@pytest.fixture(scope="module")
def intake(kb: Kennisbank) -> Vragenlijst:
    return laad_vragenlijst(kb, "intake")


@pytest.fixture(scope="module")
def zelfcheck(kb: Kennisbank) -> Vragenlijst:
    return laad_vragenlijst(kb, "zelfcheck")


def test_a_choice_comes_from_its_number_and_anything_else_is_said_in_dutch(
    intake: Vragenlijst,
) -> None:
    vraag = intake.vraag("deelname")
    assert antwoord_uit_invoer(vraag, "0") == Antwoord({"deelname": "vrijwillig"})
    weet_niet = next(str(i) for i, k in enumerate(vraag.keuzes) if k.onbekend)
    assert antwoord_uit_invoer(vraag, weet_niet) == ONBEKEND
    for fout in ("9", "-1", "1.0", "²", "0" * 4000, "vrijwillig"):
        assert "is geen van de antwoorden" in str(antwoord_uit_invoer(vraag, fout))
    assert antwoord_uit_invoer(vraag, None) == "Kies een van de antwoorden om verder te gaan."


def test_typed_answers_go_through_the_terminals_validation(intake: Vragenlijst) -> None:
    getal = intake.vraag("groepsgrootte")
    assert antwoord_uit_invoer(getal, " 6 ") == Antwoord({"groepsgrootte": 6})
    assert antwoord_uit_invoer(getal, "") == ONBEKEND
    assert str(antwoord_uit_invoer(getal, "²")).startswith("Vul een heel getal in")
    assert str(antwoord_uit_invoer(getal, "9" * 5000)).startswith("Vul een heel getal in")
    naam = intake.vraag("naam")
    assert antwoord_uit_invoer(naam, "") == "Dit is nodig om verder te gaan; vul iets in."


def test_a_replay_stops_at_the_first_question_without_a_usable_answer(
    zelfcheck: Vragenlijst, kb: Kennisbank
) -> None:
    eerste, tweede = zelfcheck.vragen[0], zelfcheck.vragen[1]
    leeg = speel_na(zelfcheck, kb, {})
    assert leeg.volgende == eerste and leeg.voortgang is not None and leeg.voortgang[0] == 1
    een = speel_na(zelfcheck, kb, {eerste.id: "0", "onbekend_id": "3"})
    assert een.volgende is not None and een.volgende != eerste
    assert een.gebruikt == {eerste.id: "0"}
    fout = speel_na(zelfcheck, kb, {eerste.id: "99", tweede.id: "0"})
    assert fout.volgende == eerste and "is geen van de antwoorden" in str(fout.melding)
    assert fout.gebruikt == {}


def test_a_replay_drops_answers_to_questions_the_flow_no_longer_asks(
    zelfcheck: Vragenlijst, kb: Kennisbank
) -> None:
    """Everything answered, then a shared conflict turns it into a no go: the questions that
    only fed the proposal are no longer asked, and their carried answers are dropped."""
    invoer: dict[str, str] = {}
    while (stap := speel_na(zelfcheck, kb, invoer)).volgende is not None:
        vraag = stap.volgende
        invoer[vraag.id] = (
            "1" if vraag.id == "gedeelde_conflicten" else "0" if vraag.keuzes else "6"
        )
    alles = speel_na(zelfcheck, kb, invoer)
    assert alles.volgende is None and alles.gebruikt == invoer
    conflict = speel_na(zelfcheck, kb, {**invoer, "gedeelde_conflicten": "0"})
    assert conflict.volgende is None
    assert conflict.stand.antwoorden["gedeelde_conflicten"] is True
    assert set(conflict.gebruikt) < set(invoer)


def test_the_intake_step_by_step_saves_each_answer_and_refuses_a_question_out_of_turn(
    intake: Vragenlijst, kb: Kennisbank, tmp_path: Path
) -> None:
    run = Intake(kb, intake, None, tmp_path, lambda _: None, houd_ctrl_c=False)
    volgende = run.volgende()
    assert volgende is not None and volgende[0].id == "naam" and volgende[1][0] == 1
    with pytest.raises(InvoerFout, match="is nu niet aan de orde"):
        run.vraag("groepsgrootte")
    run.beantwoord(run.vraag("naam"), Antwoord({"naam": "Team Zuid"}))
    assert run.pad == tmp_path / "team-zuid.yaml"
    assert lees_casus(kb, run.pad).meta.naam == "Team Zuid"
    verder = Intake(kb, intake, run.pad, tmp_path, lambda _: None, houd_ctrl_c=False)
    assert verder.volgende() is not None and verder.vraag("naam").id == "naam"  # changeable
    assert [label for _, label, _ in verder.rijen()] == ["Naam van de casus"]
    verder.rond_af()
    assert lees_casus(kb, run.pad).meta.model_dump()["intake"]["klaar"] is True


def test_why_we_ask_as_parts_is_the_terminals_text(intake: Vragenlijst, kb: Kennisbank) -> None:
    for vraag in intake.vragen:
        delen = waarom_delen(vraag, kb, [], "coach")
        assert waarom(vraag, kb, [], "coach") == delen.als_tekst()
    deelname = waarom_delen(intake.vraag("deelname"), kb)
    assert deelname.uitleg is None and deelname.redenen
    assert all(r.bron for r in deelname.redenen)
    assert waarom_delen(intake.vraag("naam"), kb).uitleg


def test_the_verdict_so_far_is_the_line_after_an_intake(kb: Kennisbank) -> None:
    for pad in sorted(VOORBEELDEN.glob("*.yaml")):
        advies = evalueer(lees_casus(kb, pad), kb, wat_als=False)
        kort = oordeel_kort(advies, kb)
        regel = oordeelregel(advies, kb)
        assert regel.startswith(f"Oordeel: {kort.label.upper()}")
        assert all(p in regel for p in kort.punten)


def test_a_case_from_text_names_the_request_in_its_messages(kb: Kennisbank) -> None:
    with pytest.raises(InvoerFout, match=r"^verzoek, regel 2: onbekend feit 'deelnamen'"):
        lees_casus_tekst(kb, "antwoorden:\n  deelnamen: ja\n", "verzoek")
    with pytest.raises(InvoerFout, match=r"^verzoek, regel 1: geen geldige JSON in kolom"):
        lees_casus_json(kb, '{"antwoorden": ', "verzoek")
    with pytest.raises(InvoerFout, match="dieper genest dan 20 niveaus"):
        lees_casus_json(kb, "[" * 100_000, "verzoek")
    casus = lees_casus(kb, VOORBEELDEN / "ilse-coordinatoren.yaml")
    assert lees_casus_tekst(kb, casus_als_yaml(casus), "x") == casus


def test_errors_carry_an_http_status_beside_their_exit_code() -> None:
    for fout, code, status in [
        (InvoerFout("x"), 2, 400),
        (NietGevonden("x"), 2, 404),
        (KennisbankFout("x"), 3, 500),
        (EngineFout("x"), 4, 500),
        (RuntimeError("x"), 1, 500),
    ]:
        gemeld = melding(fout)
        assert gemeld is not None and (gemeld.code, gemeld.http_status) == (code, status)


def test_a_name_from_outside_never_leaves_the_case_folder(tmp_path: Path) -> None:
    map_ = tmp_path / "map"
    map_.mkdir()
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", map_ / "ilse.yaml")
    (map_ / "oud.yml").write_text("antwoorden: {}\n")
    assert casus_in_map(map_, "ilse") == map_ / "ilse.yaml"
    assert casus_in_map(map_, "oud") == map_ / "oud.yml"
    (tmp_path / "geheim.yaml").write_text("antwoorden: {}\n")
    (map_ / "map.yaml").mkdir()
    os.symlink(tmp_path / "geheim.yaml", map_ / "link.yaml")
    for naam in ("../geheim", "", ".", "..", "map", "link", "a\x00b", "a\nb", "x" * 300):
        with pytest.raises(NietGevonden):
            casus_in_map(map_, naam)
