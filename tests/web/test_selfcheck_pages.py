"""The manager's self-check in the browser, with the test client: the answers travel in the
address and are replayed through the terminal's flow; the result says what the terminal says."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from advies.case.files import lees_casus_tekst
from advies.case.model import Casus
from advies.knowledge.model import Kennisbank
from advies.questionnaires.flow import speel_na
from advies.questionnaires.model import Vragenlijst
from advies.questionnaires.selfcheck import WOORD, beoordeel_zelfcheck

from .conftest import invoer_voor


def vraag_op_pagina(tekst: str) -> str:
    gevonden = re.search(r'name="vraag" value="([^"]+)"', tekst)
    assert gevonden, tekst[:1500]
    return gevonden.group(1)


def antwoorden_van(vl: Vragenlijst, kb: Kennisbank, casus: Casus) -> dict[str, str]:
    """Every question the flow asks, answered from the case."""
    invoer: dict[str, str] = {}
    while (naspel := speel_na(vl, kb, invoer)).volgende is not None:
        invoer[naspel.volgende.id] = invoer_voor(naspel.volgende, casus)
    return invoer


def test_the_self_check_starts_with_its_introduction_and_first_question(
    client: TestClient, zelfcheck_vl: Vragenlijst
) -> None:
    antwoord = client.get("/zelfcheck")
    assert antwoord.status_code == 200
    tekst = html.unescape(antwoord.text)
    assert zelfcheck_vl.titel in tekst
    assert vraag_op_pagina(antwoord.text) == zelfcheck_vl.vragen[0].id
    assert 'method="get" action="/zelfcheck"' in antwoord.text
    assert 'name="csrf"' not in antwoord.text  # a GET form changes nothing


def test_each_answer_leads_to_the_next_question_carrying_the_earlier_ones(
    client: TestClient, zelfcheck_vl: Vragenlijst
) -> None:
    eerste = zelfcheck_vl.vragen[0]
    antwoord = client.get(f"/zelfcheck?vraag={eerste.id}&{eerste.id}=0")
    assert antwoord.status_code == 200
    assert vraag_op_pagina(antwoord.text) != eerste.id
    assert f'<input type="hidden" name="{eerste.id}" value="0">' in antwoord.text
    assert "Vraag 2 van" in antwoord.text


def test_the_result_is_what_the_terminal_shows(
    client: TestClient, zelfcheck_vl: Vragenlijst, kb: Kennisbank, ilse: Casus
) -> None:
    invoer = antwoorden_van(zelfcheck_vl, kb, ilse)
    antwoord = client.get("/zelfcheck?" + urlencode(invoer))
    assert antwoord.status_code == 200
    tekst = html.unescape(antwoord.text)
    z = beoordeel_zelfcheck(kb, zelfcheck_vl, speel_na(zelfcheck_vl, kb, invoer).stand.antwoorden)
    assert f"Dit wijst op: {z.verdict_label}" in re.sub(r"<[^>]+>", "", tekst)
    assert z.verdict_zin in tekst
    for v in z.voorwaarden:
        assert v.naam in tekst and WOORD[v.status] in tekst
    for a in z.eerst_regelen:
        assert a.naam in tekst and a.tekst in tekst
    for o in z.met_coach:
        assert o.titel in tekst
    assert "Regel dit eerst" in tekst and "Bespreek met een coach" in tekst
    assert "Uw antwoorden" in tekst and "wijzig=" in tekst


def test_the_answers_download_as_a_case_file_a_coach_can_continue(
    client: TestClient, zelfcheck_vl: Vragenlijst, kb: Kennisbank, ilse: Casus
) -> None:
    invoer = antwoorden_van(zelfcheck_vl, kb, ilse)
    antwoord = client.get("/zelfcheck/antwoorden.yaml?" + urlencode(invoer))
    assert antwoord.status_code == 200
    assert antwoord.headers["content-disposition"] == (
        'attachment; filename="zelfcheck-antwoorden.yaml"'
    )
    casus = lees_casus_tekst(kb, antwoord.text, "download")
    assert casus.antwoorden == speel_na(zelfcheck_vl, kb, invoer).stand.antwoorden
    assert casus.antwoorden  # the manager's answers are facts the coach's intake skips
    assert "zelfcheck" in casus.meta.model_dump()


def test_an_answer_can_be_changed_from_the_result(
    client: TestClient, zelfcheck_vl: Vragenlijst, kb: Kennisbank, ilse: Casus
) -> None:
    invoer = antwoorden_van(zelfcheck_vl, kb, ilse)
    eerste = zelfcheck_vl.vragen[0].id
    antwoord = client.get("/zelfcheck?" + urlencode({**invoer, "wijzig": eerste}))
    assert vraag_op_pagina(antwoord.text) == eerste
    assert f'value="{invoer[eerste]}" required checked' in antwoord.text
    assert "Antwoord wijzigen" in antwoord.text
    assert f'type="hidden" name="{eerste}"' not in antwoord.text  # asked, not carried along
    assert all(f'type="hidden" name="{k}"' in antwoord.text for k in invoer if k != eerste)


@pytest.mark.parametrize("waarde", ["99", "x", "-1"])
def test_a_value_outside_the_choices_asks_that_question_again_in_dutch(
    client: TestClient, zelfcheck_vl: Vragenlijst, waarde: str
) -> None:
    eerste = zelfcheck_vl.vragen[0]
    antwoord = client.get(f"/zelfcheck?vraag={eerste.id}&{eerste.id}={waarde}")
    assert antwoord.status_code == 422
    assert vraag_op_pagina(antwoord.text) == eerste.id
    assert "is geen van de antwoorden op deze vraag" in html.unescape(antwoord.text)


def test_sending_without_choosing_asks_to_choose(
    client: TestClient, zelfcheck_vl: Vragenlijst
) -> None:
    eerste = zelfcheck_vl.vragen[0]
    antwoord = client.get(f"/zelfcheck?vraag={eerste.id}")
    assert antwoord.status_code == 422
    assert "Kies een van de antwoorden om verder te gaan." in antwoord.text


def test_a_number_out_of_range_in_the_self_check_is_refused(
    client: TestClient, zelfcheck_vl: Vragenlijst, kb: Kennisbank, ilse: Casus
) -> None:
    invoer = antwoorden_van(zelfcheck_vl, kb, ilse)
    assert "groepsgrootte" in invoer
    invoer["groepsgrootte"] = "5000"
    antwoord = client.get("/zelfcheck?" + urlencode(invoer))
    assert antwoord.status_code == 422
    assert vraag_op_pagina(antwoord.text) == "groepsgrootte"
    assert "Dat kan niet: vul een getal in" in antwoord.text


def test_unknown_parameters_are_ignored(client: TestClient, zelfcheck_vl: Vragenlijst) -> None:
    antwoord = client.get("/zelfcheck?onzin=1&deelnamen=vrijwillig")
    assert antwoord.status_code == 200
    assert vraag_op_pagina(antwoord.text) == zelfcheck_vl.vragen[0].id
