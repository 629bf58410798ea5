"""The advice page, its downloads, the cases page and the HTTP API, with the test client."""

from __future__ import annotations

import html
import io
import json
import shutil
import zipfile

import pytest
from starlette.testclient import TestClient

from advies.case.files import lees_casus
from advies.case.model import Casus
from advies.engine.evaluation import evalueer
from advies.knowledge.model import Kennisbank
from advies.web.access import Instellingen

from .conftest import VOORBEELDEN


@pytest.fixture
def met_ilse(instellingen: Instellingen) -> Instellingen:
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", instellingen.map / "ilse.yaml")
    return instellingen


def test_the_advice_page_shows_verdict_conditions_findings_sources_proposal_and_reason_tree(
    client: TestClient, met_ilse: Instellingen, kb: Kennisbank, ilse: Casus
) -> None:
    antwoord = client.get("/advies/ilse")
    assert antwoord.status_code == 200
    tekst = html.unescape(antwoord.text)
    advies = evalueer(ilse, kb)
    assert advies.verdict_label in tekst
    for voorwaarde in advies.voorwaarden:
        assert (voorwaarde.toezegging or voorwaarde.titel) in tekst
    assert "VDL" in tekst  # findings carry their sources
    assert advies.methoden and advies.methoden[0].naam in tekst  # the proposal
    assert "Werkversie voor de coach" in tekst and "Redeneerboom" in tekst
    assert "De intake is nog niet afgerond" in tekst  # the example was not made by an intake


def test_the_advice_page_of_a_no_go_says_what_would_change_the_verdict(
    client: TestClient, instellingen: Instellingen, kb: Kennisbank
) -> None:
    pad = instellingen.map / "team.yaml"
    # a shared conflict is no lever for the client; a refused condition is: accepted after all,
    # the verdict changes
    tekst = (VOORBEELDEN / "backoffice-teamconflict.yaml").read_text(encoding="utf-8")
    tekst = tekst.replace("gedeelde_conflicten: true", "gedeelde_conflicten: false")
    pad.write_text(tekst + "  geweigerde_voorwaarden: [DWANG]\n", encoding="utf-8")
    advies = evalueer(lees_casus(kb, pad), kb)
    tekst = html.unescape(client.get("/advies/team").text)
    assert advies.verdict == "no_go" and advies.wat_als
    assert advies.wat_als[0].zin in tekst
    assert advies.alternatief[0].naam in tekst


@pytest.mark.parametrize(
    ("formaat", "begin", "soort"),
    [
        ("pdf", b"%PDF", "application/pdf"),
        ("docx", b"PK", "application/vnd.openxmlformats"),
        ("html", b"<!DOCTYPE html>", "text/html"),
        ("md", b"# Advies over de start van intervisie", "text/markdown"),
    ],
)
@pytest.mark.parametrize("voor", ["klant", "coach"])
def test_every_download_is_the_report_as_an_attachment(
    client: TestClient, met_ilse: Instellingen, formaat: str, begin: bytes, soort: str, voor: str
) -> None:
    antwoord = client.get(f"/advies/ilse/download/{formaat}?voor={voor}")
    assert antwoord.status_code == 200
    assert antwoord.content.startswith(begin)
    assert antwoord.headers["content-type"].startswith(soort)
    assert antwoord.headers["content-disposition"] == (
        f'attachment; filename="advies-ilse-{voor}.{formaat}"'
    )
    if formaat == "docx":
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(antwoord.content)).namelist()
    if formaat == "md":
        assert ("Redeneerboom" in antwoord.text) == (voor == "coach")


def test_the_json_download_is_the_contract(
    client: TestClient, met_ilse: Instellingen, kb: Kennisbank, ilse: Casus
) -> None:
    antwoord = client.get("/advies/ilse/download/json")
    assert antwoord.status_code == 200
    assert json.loads(antwoord.text) == json.loads(evalueer(ilse, kb).model_dump_json())


@pytest.mark.parametrize(
    "pad", ["/advies/ilse/download/exe", "/advies/ilse/download/pdf?voor=baas"]
)
def test_an_unknown_download_is_not_found_in_dutch(
    client: TestClient, met_ilse: Instellingen, pad: str
) -> None:
    antwoord = client.get(pad)
    assert antwoord.status_code == 404
    assert "kies uit pdf, docx, html, md, json" in antwoord.text


def test_the_cases_page_lists_newest_first_with_stage_verdict_and_broken_files(
    client: TestClient, instellingen: Instellingen
) -> None:
    import os

    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", instellingen.map / "oud.yaml")
    shutil.copy(VOORBEELDEN / "backoffice-teamconflict.yaml", instellingen.map / "nieuw.yaml")
    (instellingen.map / "kapot.yaml").write_text("antwoorden:\n  groepsgrootte: veel\n")
    (instellingen.map / "notities.txt").write_text("geen casus")
    os.utime(instellingen.map / "oud.yaml", (1_700_000_000, 1_700_000_000))
    os.utime(instellingen.map / "kapot.yaml", (1_600_000_000, 1_600_000_000))
    tekst = html.unescape(client.get("/").text)
    assert tekst.index("Backofficeteam Debiteuren") < tekst.index("Coördinatoren zorgdistricten")
    assert tekst.index("Coördinatoren zorgdistricten") < tekst.index("kapot.yaml: ")
    assert "(regel 2)" in tekst
    assert "No go" in tekst and "Go onder voorwaarden" in tekst
    assert "advies klaar" in tekst  # written by hand, nothing decisive unknown
    assert "14 november 2023" in tekst  # the date in Dutch
    assert "notities" not in tekst
    assert "Dit casusbestand kan advies niet lezen" in tekst


def test_the_cases_page_of_an_empty_folder_invites_a_first_intake(
    client: TestClient, instellingen: Instellingen
) -> None:
    shutil.rmtree(instellingen.map)
    tekst = client.get("/").text
    assert "Er zijn nog geen casussen" in tekst and 'href="/intake/nieuw"' in tekst


# --- the API ---------------------------------------------------------------------------------------


def test_the_api_judges_a_yaml_case_as_beoordeel_does(
    client: TestClient, kb: Kennisbank, ilse: Casus
) -> None:
    tekst = (VOORBEELDEN / "ilse-coordinatoren.yaml").read_text(encoding="utf-8")
    antwoord = client.post(
        "/api/beoordeel", content=tekst.encode(), headers={"content-type": "application/yaml"}
    )
    assert antwoord.status_code == 200
    assert antwoord.headers["content-type"] == "application/json"
    assert antwoord.json() == json.loads(evalueer(ilse, kb).model_dump_json())


def test_the_api_takes_json_too_and_what_if_can_be_left_out(
    client: TestClient, kb: Kennisbank, ilse: Casus
) -> None:
    data = {"antwoorden": ilse.antwoorden}
    antwoord = client.post("/api/beoordeel?wat_als=nee", json=data)
    assert antwoord.status_code == 200
    assert antwoord.json()["verdict"] == "go_onder_voorwaarden"
    assert antwoord.json()["wat_als"] is None


@pytest.mark.parametrize(
    ("body", "soort", "melding"),
    [
        (b"antwoorden:\n  deelname: [vrijwillig\n", "application/yaml", "fout: verzoek, regel"),
        (b"antwoorden:\n  deelnamen: vrijwillig\n", "", "onbekend feit 'deelnamen'"),
        (b"antwoorden:\n  deelname: soms\n", "", "ongeldige waarde 'soms'"),
        (b'{"antwoorden": {"groepsgrootte": 500}}', "application/json", "groepsgrootte"),
        (b'{"antwoorden": ', "application/json", "geen geldige JSON"),
        (b"", "", "het verzoek is leeg"),
        (b"\xff\xfe\x00a", "", "geen UTF-8-tekst"),
        (b"[" * 100_000, "application/json", "fout: verzoek"),
    ],
)
def test_api_errors_are_the_clis_dutch_messages_in_json_with_a_4xx(
    client: TestClient, body: bytes, soort: str, melding: str
) -> None:
    koppen = {"content-type": soort} if soort else {}
    antwoord = client.post("/api/beoordeel", content=body, headers=koppen)
    assert 400 <= antwoord.status_code < 500
    fout = antwoord.json()
    assert fout["status"] == antwoord.status_code
    assert melding in fout["fout"]
    assert "Traceback" not in antwoord.text


def test_the_api_message_is_the_one_the_cli_prints(client: TestClient, tmp_path: object) -> None:
    """One wording for one mistake, whichever face reports it."""
    from typer.testing import CliRunner

    from advies.cli.app import app

    pad = tmp_path / "verzoek"  # type: ignore[operator]
    pad.write_text("antwoorden:\n  deelname: soms\n")
    cli = CliRunner().invoke(app, ["beoordeel", str(pad)])
    api = client.post("/api/beoordeel", content=pad.read_bytes())
    assert cli.exit_code == 2
    assert api.status_code == 400
    assert api.json()["fout"] == cli.stderr.strip().replace(str(pad), "verzoek")


def test_get_on_the_api_is_refused_in_dutch_json(client: TestClient) -> None:
    antwoord = client.get("/api/beoordeel")
    assert antwoord.status_code == 405
    assert antwoord.json()["fout"] == "fout: GET kan niet op /api/beoordeel"


def test_an_unknown_page_is_not_found_in_dutch(client: TestClient) -> None:
    antwoord = client.get("/bestaat/niet")
    assert antwoord.status_code == 404
    assert "Niet gevonden" in antwoord.text and "deze pagina bestaat niet" in antwoord.text


def test_a_bug_is_worded_as_one_without_a_traceback(
    client: TestClient, met_ilse: Instellingen, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stuk(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kapotte regel")

    monkeypatch.setattr("advies.web.advice_pages.evalueer", stuk)
    antwoord = client.get("/advies/ilse")
    assert antwoord.status_code == 500
    tekst = html.unescape(antwoord.text)
    assert (
        "interne fout in advies (RuntimeError: kapotte regel); meld dit aan de ontwikkelaars"
        in tekst
    )
    assert "Traceback" not in tekst and 'File "' not in tekst
    assert antwoord.headers["content-security-policy"].startswith("default-src 'self'")


def test_a_case_read_by_the_web_is_the_case_on_disk(
    client: TestClient, met_ilse: Instellingen, kb: Kennisbank, ilse: Casus
) -> None:
    """Reading never writes: the advice page leaves the file as it was."""
    pad = met_ilse.map / "ilse.yaml"
    voor = pad.read_bytes()
    client.get("/advies/ilse")
    client.get("/intake/ilse/overzicht")
    assert pad.read_bytes() == voor
    assert lees_casus(kb, pad) == ilse
