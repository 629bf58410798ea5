"""A batch from an HR export: values as people type them (capitals, spaces around them, ja/nee
and j/n) are read as the values they mean; a value that means nothing is still refused, naming
the line, the fact and what is allowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advies.case.fact_values import controleer_feit
from advies.cli.app import app
from advies.errors import InvoerFout
from advies.knowledge.model import Kennisbank


@pytest.mark.parametrize(
    ("feit", "gegeven", "bedoeld"),
    [
        ("deelname", "Vrijwillig", "vrijwillig"),
        ("deelname", " VERPLICHT ", "verplicht"),
        ("samenwerking", "Zelfde_Team", "zelfde_team"),
        ("zelf_aangemeld", "Ja", True),
        ("zelf_aangemeld", " j ", True),
        ("gedeelde_conflicten", "NEE", False),
        ("gedeelde_conflicten", "n", False),
        ("groepsgrootte", " 7 ", 7),
    ],
)
def test_a_value_is_read_whatever_its_case_and_spaces(
    kb: Kennisbank, feit: str, gegeven: str, bedoeld: object
) -> None:
    assert controleer_feit(kb, feit, gegeven, bestand="hr.csv", regel=2) == bedoeld


def test_a_csv_from_an_hr_export_gives_the_advice_of_the_clean_values(
    tmp_path: Path, kb: Kennisbank
) -> None:
    export = tmp_path / "hr-export.csv"
    export.write_text(
        "meta.naam;deelname;zelf_aangemeld;gedeelde_conflicten;leervraag;groepsgrootte\n"
        "Team A; Vrijwillig ;JA;n;Reflectie; 7\n"
        "Team B;Verplicht;Nee;J;teamvraagstuk;9\n",
        encoding="utf-8",
    )
    schoon = tmp_path / "schoon.jsonl"
    schoon.write_text(
        "\n".join(
            json.dumps({"meta": {"naam": naam}, "antwoorden": antwoorden})
            for naam, antwoorden in (
                (
                    "Team A",
                    {
                        "deelname": "vrijwillig",
                        "zelf_aangemeld": True,
                        "gedeelde_conflicten": False,
                        "leervraag": "reflectie",
                        "groepsgrootte": 7,
                    },
                ),
                (
                    "Team B",
                    {
                        "deelname": "verplicht",
                        "zelf_aangemeld": False,
                        "gedeelde_conflicten": True,
                        "leervraag": "teamvraagstuk",
                        "groepsgrootte": 9,
                    },
                ),
            )
        )
        + "\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    uit = runner.invoke(app, ["beoordeel", str(export), "--werkers", "1"])
    verwacht = runner.invoke(app, ["beoordeel", str(schoon), "--werkers", "1"])
    assert uit.exit_code == verwacht.exit_code == 0, uit.output
    # the line number a compact line carries differs (the CSV has a header); nothing else may
    adviezen = [{**json.loads(r), "regel": None} for r in uit.stdout.splitlines()]
    assert adviezen == [{**json.loads(r), "regel": None} for r in verwacht.stdout.splitlines()]
    assert [a["verdict"] for a in adviezen] == ["onvoldoende_informatie", "no_go"]


def test_a_value_that_means_nothing_is_still_refused(kb: Kennisbank) -> None:
    with pytest.raises(InvoerFout) as fout:
        controleer_feit(kb, "deelname", "Misschien", bestand="hr.csv", regel=3)
    assert "hr.csv, regel 3: feit 'deelname': ongeldige waarde 'Misschien'" in fout.value.bericht()
    assert "Toegestaan: vrijwillig, gemengd, verplicht" in fout.value.bericht()
