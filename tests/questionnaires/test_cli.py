"""`advies intake` and `advies zelfcheck` as commands: the non-interactive twin (--antwoorden),
no terminal without answers (a clear error, exit 2, never a hang), and the self-check's result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from typer.testing import CliRunner

from advies.case.files import lees_casus
from advies.cli.app import app
from advies.knowledge.model import Kennisbank
from advies.questionnaires.model import Vragenlijst
from advies.questionnaires.selfcheck import als_tekst, beoordeel_zelfcheck

ILSE = Path(__file__).parents[2] / "voorbeelden" / "ilse-coordinatoren.yaml"
ADVIES = Path(sys.executable).parent / "advies"


def draai(*args: str) -> tuple[int, str, str]:
    uitkomst = CliRunner().invoke(app, list(args))
    return uitkomst.exit_code, uitkomst.stdout, uitkomst.stderr


@pytest.mark.parametrize("commando", ["intake", "zelfcheck"])
@pytest.mark.parametrize(
    "omleiding",
    ["< /dev/null", "echo ja |", "0<&-"],
    ids=["stdin-dev-null", "stdin-pipe", "stdin-gesloten"],
)
def test_zonder_terminal_en_zonder_antwoorden_een_nederlandse_fout_en_code_2(
    commando: str, omleiding: str, casusmap: Path
) -> None:
    regel = (
        f"{omleiding} {ADVIES} {commando}"
        if omleiding.endswith("|")
        else f"{ADVIES} {commando} {omleiding}"
    )
    uitkomst = subprocess.run(
        ["bash", "-c", regel], capture_output=True, text=True, timeout=30, env={**os.environ}
    )
    assert uitkomst.returncode == 2
    assert "heeft een terminal nodig" in uitkomst.stderr
    assert f"advies {commando} --antwoorden" in uitkomst.stderr
    assert "Traceback" not in uitkomst.stderr + uitkomst.stdout
    assert not casusmap.exists()


def test_de_intake_met_een_antwoordenbestand_schrijft_de_casus_alleen_voor_de_eigenaar(
    kb: Kennisbank, casusmap: Path
) -> None:
    code, uit, _ = draai("intake", "--antwoorden", str(ILSE))
    assert code == 0
    pad = casusmap / "coordinatoren-zorgdistricten.yaml"
    assert f"Casusbestand: {pad}" in uit
    assert "Oordeel: GO ONDER VOORWAARDEN; voorwaarden: Steun voor zelfstandig leren" in uit
    assert f"advies beoordeel {pad}" in uit
    assert oct(casusmap.stat().st_mode & 0o777) == "0o700"
    assert oct(pad.stat().st_mode & 0o777) == "0o600"
    assert lees_casus(kb, pad).antwoorden == lees_casus(kb, ILSE).antwoorden


def test_de_intake_met_antwoorden_in_json_markeert_de_rest_als_onbekend(
    kb: Kennisbank, tmp_path: Path, casusmap: Path
) -> None:
    bestand = tmp_path / "antwoorden.json"
    bestand.write_text(
        json.dumps({"meta": {"naam": "Proef"}, "antwoorden": {"deelname": "verplicht"}})
    )
    code, uit, _ = draai(
        "intake", "proef", "--antwoorden", str(bestand), "--map", str(tmp_path / "elders")
    )
    assert code == 0, uit
    casus = lees_casus(kb, tmp_path / "elders" / "proef.yaml")
    assert casus.antwoorden == {
        "deelname": "verplicht"
    }  # zelf_aangemeld stays open: initiatief unknown
    onbekend = casus.meta.model_dump()["intake"]["onbekend"]
    assert {"initiatief", "zelf_aangemeld", "groepsgrootte", "coach"} <= set(onbekend)
    assert "Oordeel: ONVOLDOENDE INFORMATIE" in uit


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        (
            "antwoorden:\n  deelname: soms\n",
            "regel 2: feit 'deelname': ongeldige waarde 'soms'. Toegestaan: vrijwillig",
        ),
        (
            "antwoorden:\n  groepsgrootte: 500\n",
            "feit 'groepsgrootte': ongeldige waarde 500 (buiten het bereik)",
        ),
        (
            "antwoorden:\n  deelnamen: vrijwillig\n",
            "onbekend feit 'deelnamen'. Bedoelt u 'deelname'?",
        ),
        ("meta: {organisatie: X}\nantwoorden: {}\n", "'naam' ontbreekt; deze vraag is verplicht"),
    ],
)
def test_een_fout_in_het_antwoordenbestand_noemt_bestand_feit_en_wat_mag(
    tmp_path: Path, casusmap: Path, inhoud: str, verwacht: str
) -> None:
    bestand = tmp_path / "antwoorden.yaml"
    bestand.write_text(inhoud)
    code, _, fout = draai("intake", "--antwoorden", str(bestand))
    assert code == 2
    assert str(bestand) in fout and verwacht in fout


def test_de_zelfcheck_met_antwoorden_geeft_json(
    tmp_path: Path, snapshot: SnapshotAssertion
) -> None:
    code, uit, _ = draai("zelfcheck", "--antwoorden", str(ILSE), "--format", "json")
    assert code == 0
    data = json.loads(uit)
    assert data["verdict"] == "go_onder_voorwaarden"
    assert [a["voorwaarde"] for a in data["eerst_regelen"]] == [
        "veiligheid",
        "commitment",  # the wish is the manager's, not the group's (VDL, casus Ilse)
        "methodisch",
    ]
    assert data == snapshot


def test_het_scherm_van_de_zelfcheck_voor_de_manager_van_ilse(
    kb: Kennisbank, zelfcheck_vl: Vragenlijst, snapshot: SnapshotAssertion
) -> None:
    scherm = als_tekst(beoordeel_zelfcheck(kb, zelfcheck_vl, lees_casus(kb, ILSE).antwoorden))
    assert scherm.startswith("Dit wijst op: GO ONDER VOORWAARDEN")
    # in order; commitment is arranged at the start: the wish is the manager's (VDL, casus Ilse)
    assert "[●●!◐◐◐◐◐◐]" in scherm
    assert scherm == snapshot


def test_onbekend_is_nooit_vervuld(
    kb: Kennisbank, zelfcheck_vl: Vragenlijst, snapshot: SnapshotAssertion
) -> None:
    uitslag = beoordeel_zelfcheck(kb, zelfcheck_vl, {"groepsgrootte": 6})
    assert uitslag.telling == {
        "vervuld": 0,
        "voorwaarde": 0,
        "te_regelen": 0,
        "onbekend": 9,
        "niet_vervuld": 0,
    }
    assert uitslag.verdict == "onvoldoende_informatie"
    assert all(a.status == "onbekend" for a in uitslag.eerst_regelen)
    assert als_tekst(uitslag) == snapshot


def test_een_no_go_zegt_wat_beter_past(kb: Kennisbank, zelfcheck_vl: Vragenlijst) -> None:
    antwoorden = {**lees_casus(kb, ILSE).antwoorden, "gedeelde_conflicten": True}
    scherm = als_tekst(beoordeel_zelfcheck(kb, zelfcheck_vl, antwoorden))
    assert scherm.startswith("Dit wijst op: NO GO")
    assert (
        "Waarom intervisie hier niet past:" in scherm
        and "Deelnemers zitten samen in een conflict" in scherm
    )


def test_de_zelfcheck_zet_wat_een_start_in_de_weg_staat_voorop(
    kb: Kennisbank, zelfcheck_vl: Vragenlijst
) -> None:
    """A team with a shared conflict: the conflict is what to deal with first, and nothing that
    would only matter for a group that starts is listed beside it."""
    antwoorden = {
        **lees_casus(kb, ILSE).antwoorden,
        "gedeelde_conflicten": True,
        "samenwerking": "zelfde_team",
    }
    uitslag = beoordeel_zelfcheck(kb, zelfcheck_vl, antwoorden)
    assert [a.status for a in uitslag.eerst_regelen] == ["blokkade"]
    assert uitslag.eerst_regelen[0].naam == "Deelnemers zitten samen in een conflict"
    assert "teamcoaching" in uitslag.eerst_regelen[0].tekst


def test_het_waarom_van_de_zelfcheck_spreekt_de_taal_van_een_leidinggevende(
    kb: Kennisbank, zelfcheck_vl: Vragenlijst
) -> None:
    from advies.questionnaires.model import waarom

    vraag = zelfcheck_vl.vraag("vrijwillig")
    tekst = waarom(vraag, kb, None, zelfcheck_vl.publiek)
    assert "DWANG" not in tekst and "voorwaardelijk" not in tekst
    assert "kan iets worden wat u vooraf moet regelen" in tekst


def test_de_zelfcheck_opslaan_en_de_coach_gaat_verder_met_de_intake(
    kb: Kennisbank, tmp_path: Path, casusmap: Path, intake_vl: Vragenlijst
) -> None:
    bestand = tmp_path / "manager.yaml"
    bestand.write_text(
        "antwoorden:\n  deelname: vrijwillig\n  zelf_aangemeld: true\n  groepsgrootte: 6\n"
    )
    code, uit, _ = draai("zelfcheck", "--antwoorden", str(bestand), "--opslaan", "afdeling-zorg")
    pad = casusmap / "afdeling-zorg.yaml"
    assert code == 0 and f"advies intake {pad}" in uit
    assert oct(pad.stat().st_mode & 0o777) == "0o600"

    aanvulling = tmp_path / "coach.yaml"
    aanvulling.write_text(
        "meta: {naam: Afdeling zorg, coach: Ilse}\nantwoorden: {initiatief: leidinggevende}\n"
    )
    code, uit, _ = draai("intake", str(pad), "--antwoorden", str(aanvulling))
    assert code == 0, uit
    casus = lees_casus(kb, pad)
    assert casus.antwoorden == {
        "deelname": "vrijwillig",
        "zelf_aangemeld": True,
        "groepsgrootte": 6,
        "initiatief": "leidinggevende",
    }
    assert casus.meta.coach == "Ilse" and casus.meta.datum
