"""Bad input to `advies beoordeel`: exit code 2 and a Dutch message that says what is wrong.

Each message names the file, the line where there is one, the fact, the bad value and what is
allowed; no traceback, no hang. Runs the real CLI in-process through typer's CliRunner.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from advies.case.fact_values import weigerbare_codes
from advies.cli.app import app
from advies.errors import InvoerFout
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank

runner = CliRunner()


def beoordeel(pad: Path, *opties: str) -> Result:
    return runner.invoke(app, ["beoordeel", str(pad), *opties])


def geweigerd(result: Result, *delen: str) -> str:
    """Assert a refusal with exit code 2 whose message holds every part; return the message."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    bericht = result.stderr
    assert bericht.startswith("fout: "), bericht
    for deel in delen:
        assert deel in bericht, f"{deel!r} ontbreekt in: {bericht}"
    return bericht


def schrijf(tmp_path: Path, naam: str, tekst: str) -> Path:
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def casus(tmp_path: Path, antwoorden: str, naam: str = "casus.yaml") -> Path:
    """A case file whose answers start on line 3."""
    return schrijf(tmp_path, naam, "versie: 1\nantwoorden:\n" + antwoorden)


# --- YAML case files ------------------------------------------------------------------------


def test_broken_yaml_names_the_line_where_it_breaks_and_where_the_bracket_opened(
    tmp_path: Path,
) -> None:
    pad = casus(tmp_path, "  deelname: vrijwillig\n  groepsgrootte: [6\n  tijd: beperkt\n")
    geweigerd(
        beoordeel(pad),
        str(pad),
        "regel 5",
        "geen geldige YAML: een lijst die met [ begint, wordt niet met ] gesloten",
        "het stuk begon op regel 4",
    )


def test_an_unclosed_quote_points_back_to_its_first_line(tmp_path: Path) -> None:
    pad = casus(tmp_path, '  deelname: "vrijwillig\n  tijd: beperkt\n  locatie: buiten_werk\n')
    geweigerd(beoordeel(pad), "sluit elk aanhalingsteken", "het stuk begon op regel 3")


def test_a_tab_for_indentation_is_refused_with_its_line(tmp_path: Path) -> None:
    pad = casus(tmp_path, "\tdeelname: vrijwillig\n")
    geweigerd(beoordeel(pad), "regel 3", "geen geldige YAML: een tab; spring in met spaties")


def test_a_line_indented_out_of_step_says_so_in_dutch(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  deelname: vrijwillig\n   tijd: beperkt\n")
    geweigerd(beoordeel(pad), "regel 4", "een dubbele punt waar die niet kan staan", "inspringen")
    pad = casus(tmp_path, "  deelname: vrijwillig\n tijd: beperkt\n")
    geweigerd(beoordeel(pad), "regel 4", "het inspringen klopt niet")


def test_a_line_without_a_colon_is_named_itself(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  deelname: vrijwillig\n  tijd\n  locatie: buiten_werk\n")
    bericht = geweigerd(beoordeel(pad), "regel 4:", "een regel zonder dubbele punt")
    assert "het stuk begon" not in bericht


def test_a_value_starting_with_a_reserved_character_asks_for_quotes(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  deelname: vrijwillig\n  tijd: @beperkt\n")
    geweigerd(beoordeel(pad), "regel 4", "zet de waarde tussen aanhalingstekens")


def test_a_fact_given_twice_is_refused_with_the_line_of_the_second(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  deelname: vrijwillig\n  deelname: verplicht\n")
    geweigerd(beoordeel(pad), "regel 4", "'deelname' staat twee keer")


def test_an_unknown_fact_gets_a_suggestion(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  deelname: vrijwillig\n  groepgrootte: 6\n")
    geweigerd(
        beoordeel(pad),
        str(pad),
        "regel 4",
        "onbekend feit 'groepgrootte'",
        "Bedoelt u 'groepsgrootte'?",
        "Bekende feiten: initiatief, deelname",
    )


def test_a_wrong_value_for_a_choice_lists_the_allowed_values(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  initiatief: deelnemers\n  deelname: vrijwilig\n")
    toegestaan = ", ".join(laad_kennisbank().feiten["deelname"]["waarden"])
    geweigerd(
        beoordeel(pad), "regel 4", "feit 'deelname'", "'vrijwilig'", f"Toegestaan: {toegestaan}"
    )


def test_a_yes_no_value_for_a_choice_is_shown_as_written(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  deelname: true\n")
    geweigerd(beoordeel(pad), "regel 3", "feit 'deelname'", "ongeldige waarde true.", "vrijwillig")


def test_a_word_for_a_number_says_a_whole_number_is_expected(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  groepsgrootte: zes\n")
    geweigerd(
        beoordeel(pad),
        "regel 3",
        "feit 'groepsgrootte'",
        "'zes'",
        "geen geheel getal",
        "een geheel getal van 1 tot en met 200",
    )


def test_a_fraction_for_a_number_is_refused(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  groepsgrootte: 6.5\n")
    geweigerd(beoordeel(pad), "regel 3", "feit 'groepsgrootte'", "6.5", "geen geheel getal")


def test_a_list_for_a_yes_no_fact_is_refused_as_written(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  voorgelicht: [true]\n")
    geweigerd(
        beoordeel(pad), "regel 3", "feit 'voorgelicht'", "[true]", "true of false (ja of nee)"
    )


@pytest.mark.parametrize(
    ("feit", "waarde", "bereik"),
    [
        ("groepsgrootte", "-3", "van 1 tot en met 200"),
        ("sessieduur", "-90", "van 15 tot en met 480"),
        ("bijeenkomsten", "0", "van 1 tot en met 100"),
        ("groepsgrootte", "99999999999999999999", "van 1 tot en met 200"),
    ],
)
def test_a_number_out_of_range_names_the_range(
    tmp_path: Path, feit: str, waarde: str, bereik: str
) -> None:
    pad = casus(tmp_path, f"  {feit}: {waarde}\n")
    geweigerd(
        beoordeel(pad),
        "regel 3",
        f"feit '{feit}'",
        f"ongeldige waarde {waarde} (buiten het bereik)",
        bereik,
    )


def test_an_unknown_refused_condition_lists_the_codes_that_can_be_refused(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  deelname: verplicht\n  geweigerde_voorwaarden: [DWANG, ONZIN]\n")
    codes = ", ".join(weigerbare_codes(laad_kennisbank()))
    geweigerd(
        beoordeel(pad), "regel 4", "geweigerde_voorwaarden", "'ONZIN'", f"Toegestaan: {codes}"
    )


def test_a_refused_condition_that_is_no_code_is_named(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  geweigerde_voorwaarden: [[DWANG], 3]\n")
    geweigerd(beoordeel(pad), "regel 3", 'onbekende code ["DWANG"]', "Toegestaan: ")


def test_a_blocking_finding_cannot_be_refused(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  geweigerde_voorwaarden: [GEDEELDE_CONFLICTEN]\n")
    geweigerd(beoordeel(pad), "regel 3", "'GEDEELDE_CONFLICTEN'", "DWANG")


@pytest.mark.parametrize("inhoud", ["", "\n\n   \n"], ids=["leeg", "witruimte"])
def test_an_empty_file_says_it_is_empty(tmp_path: Path, inhoud: str) -> None:
    pad = schrijf(tmp_path, "leeg.yaml", inhoud)
    geweigerd(beoordeel(pad), str(pad), "het bestand is leeg")


def test_a_file_of_only_comments_is_not_a_case(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "commentaar.yaml", "# nog in te vullen\n")
    geweigerd(beoordeel(pad), str(pad), "een casus moet een mapping zijn")


def test_a_binary_file_is_refused_as_not_text(tmp_path: Path) -> None:
    pad = tmp_path / "foto.yaml"
    pad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    geweigerd(beoordeel(pad), str(pad), "geen tekstbestand")


def test_a_file_in_another_encoding_is_refused_with_line_and_column(tmp_path: Path) -> None:
    pad = tmp_path / "latin1.yaml"
    pad.write_bytes("versie: 1\nmeta: {naam: Coördinatoren}\n".encode("latin-1"))
    geweigerd(
        beoordeel(pad), str(pad), "regel 2", "geen UTF-8-tekst", "0xf6 in kolom 16", "als UTF-8"
    )


@pytest.mark.parametrize("versie", ["7", "twee", "true"])
def test_an_unknown_file_version_is_refused(tmp_path: Path, versie: str) -> None:
    pad = schrijf(
        tmp_path, "casus.yaml", f"meta: {{naam: x}}\nversie: {versie}\nantwoorden: {{}}\n"
    )
    geweigerd(beoordeel(pad), "regel 2", "onbekende versie", versie, "leest versie 1")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    pad = tmp_path / "bestaat-niet.yaml"
    geweigerd(beoordeel(pad), str(pad), "bestand niet gevonden")


def test_a_folder_is_not_a_case_file(tmp_path: Path) -> None:
    pad = tmp_path / "map.yaml"
    pad.mkdir()
    geweigerd(beoordeel(pad), str(pad), "dit is een map")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_says_so(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  deelname: vrijwillig\n")
    pad.chmod(0)
    geweigerd(beoordeel(pad), str(pad), "geen leesrechten")


@pytest.fixture()
def geen_hang() -> Iterator[None]:
    """Fail instead of hanging the test run if parsing ever expands what it reads."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def te_lang(*_: object) -> None:
        raise TimeoutError("de invoer werd na 10 s nog gelezen")

    vorige = signal.signal(signal.SIGALRM, te_lang)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, vorige)


def billion_laughs(niveaus: int = 10, breedte: int = 10) -> str:
    """Each level lists the previous one `breedte` times: 10**10 strings once expanded."""
    regels = ['  a0: &a0 "hahahahahahahahahahaha"']
    for i in range(1, niveaus):
        regels.append(f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * breedte) + "]")
    return "versie: 1\nmeta:\n" + "\n".join(regels) + "\nantwoorden: {}\n"


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path: Path, geen_hang: None) -> None:
    pad = schrijf(tmp_path, "bom.yaml", billion_laughs())
    start = time.perf_counter()
    result = beoordeel(pad)
    duur = time.perf_counter() - start
    geweigerd(result, str(pad), "regel 4", "aliassen", "schrijf de waarde voluit")
    assert duur < 1.0, f"het weigeren duurde {duur:.2f} s"


def test_a_single_alias_is_refused_too(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  tijd: &t beperkt\n  locatie: *t\n")
    geweigerd(beoordeel(pad), "regel 4", "aliassen")


@pytest.mark.parametrize(
    "inhoud",
    ["- deelname: vrijwillig\n", "gewoon een zin\n", "42\n"],
    ids=["lijst", "tekst", "getal"],
)
def test_a_top_level_that_is_not_a_mapping_is_refused(tmp_path: Path, inhoud: str) -> None:
    pad = schrijf(tmp_path, "casus.yaml", inhoud)
    geweigerd(
        beoordeel(pad),
        str(pad),
        "een casus moet een mapping zijn met 'versie', 'meta' en 'antwoorden'",
    )


def test_answers_that_are_not_a_mapping_are_refused(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "casus.yaml", "versie: 1\nantwoorden: [deelname, tijd]\n")
    geweigerd(beoordeel(pad), "'antwoorden' moet een mapping van feiten naar waarden zijn")


def test_an_unknown_section_is_named_with_its_line(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "casus.yaml", "versie: 1\nantwoord:\n  deelname: vrijwillig\n")
    geweigerd(
        beoordeel(pad), "regel 2", "onbekend onderdeel 'antwoord'", "versie, meta, antwoorden"
    )


def test_a_number_as_a_name_is_taken_as_text_and_a_list_is_refused(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "casus.yaml", "versie: 1\nmeta:\n  naam: 7\nantwoorden: {}\n")
    uitkomst = beoordeel(pad, "--format", "json")
    assert uitkomst.exit_code == 0 and json.loads(uitkomst.stdout)["casus"] == "7"
    pad = schrijf(tmp_path, "casus.yaml", "versie: 1\nmeta:\n  naam: [a, b]\nantwoorden: {}\n")
    geweigerd(beoordeel(pad), "regel 3", '\'meta.naam\' moet een tekst zijn; gevonden: ["a", "b"]')


@pytest.mark.parametrize("tijdstip", ["2026-13-45", "2026-02-30", "2026-11-24 25:61:00"])
def test_an_impossible_date_or_time_is_named_with_its_line(tmp_path: Path, tijdstip: str) -> None:
    pad = schrijf(tmp_path, "casus.yaml", f"versie: 1\nmeta:\n  coach: Tom\n  datum: {tijdstip}\n")
    geweigerd(beoordeel(pad), "regel 4", f"'{tijdstip}' bestaat niet als datum of tijd")


@pytest.mark.parametrize(
    ("oordeel", "delen"),
    [
        (
            "  verdict: go\n  reden: Ken de groep.\n  extra: x\n",
            ["regel 5", "'oordeel_coach.extra'"],
        ),
        ("  verdict: misschien\n  reden: Ken de groep.\n", ["regel 3", "is 'misschien'", "no_go"]),
        ("  verdict: go\n  reden: 12\n", ["regel 4", "'oordeel_coach.reden' moet een tekst zijn"]),
        ("  verdict: go\n", ["'oordeel_coach.reden' moet een tekst zijn", "gevonden: null"]),
    ],
)
def test_a_coachs_judgement_names_what_is_wrong_in_it(
    tmp_path: Path, oordeel: str, delen: list[str]
) -> None:
    pad = schrijf(tmp_path, "casus.yaml", "versie: 1\noordeel_coach:\n" + oordeel)
    geweigerd(beoordeel(pad), *delen)


def test_a_python_tag_is_refused_not_run(tmp_path: Path) -> None:
    pad = casus(tmp_path, "  deelname: !!python/object/apply:os.system [echo hallo]\n")
    geweigerd(beoordeel(pad), "regel 3", "geen geldige YAML")


# --- batches --------------------------------------------------------------------------------


def jsonl(tmp_path: Path, regels: list[str], naam: str = "batch.jsonl") -> Path:
    return schrijf(tmp_path, naam, "\n".join(regels) + "\n")


GOED = json.dumps({"antwoorden": {"deelname": "vrijwillig", "groepsgrootte": 6}})


def test_a_bad_json_line_is_named_by_its_line_number(tmp_path: Path) -> None:
    pad = jsonl(tmp_path, [GOED, '{"antwoorden": {"deelname": "vrijwillig"}'])
    geweigerd(
        beoordeel(pad, "--format", "jsonl"),
        str(pad),
        "regel 2",
        "geen geldige JSON in kolom 42: de regel houdt op voordat het object af is",
    )


@pytest.mark.parametrize(
    ("regel", "uitleg"),
    [
        ('{"antwoorden": {"deelname": "vrijwillig",}}', "een komma vlak voor } of ]"),
        ("{'antwoorden': {}}", 'een naam staat niet tussen dubbele aanhalingstekens ("naam")'),
        ('{"antwoorden": {"deelname" "vrijwillig"}}', "na een naam hoort een dubbele punt"),
        (
            '{"antwoorden": {"leidinggevende_in_groep": True}}',
            "true, false of null in kleine letters",
        ),
        ('{"antwoorden": {}} {"antwoorden": {}}', "zet één casus op elke regel"),
    ],
)
def test_a_json_mistake_is_explained_in_dutch(tmp_path: Path, regel: str, uitleg: str) -> None:
    pad = jsonl(tmp_path, [GOED, regel])
    geweigerd(beoordeel(pad), "regel 2", "geen geldige JSON in kolom", uitleg)


def test_a_bad_value_in_a_json_line_names_line_fact_and_allowed_values(tmp_path: Path) -> None:
    pad = jsonl(tmp_path, [GOED, "", json.dumps({"antwoorden": {"tijd": "soms"}})])
    geweigerd(
        beoordeel(pad),
        "regel 3",
        "feit 'tijd'",
        "'soms'",
        "gefaciliteerd, beperkt, niet_gefaciliteerd",
    )


def test_a_json_line_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    pad = jsonl(tmp_path, [GOED, "[1, 2]"])
    geweigerd(beoordeel(pad), "regel 2", "een casus moet een mapping zijn")


def test_a_bad_line_deep_in_a_large_batch_is_named_when_workers_evaluate_it(tmp_path: Path) -> None:
    regels = [GOED] * 700  # large enough for worker processes
    regels[650] = json.dumps({"antwoorden": {"groepsgrootte": -4}})
    pad = jsonl(tmp_path, regels)
    geweigerd(
        beoordeel(pad, "--werkers", "2"),
        "regel 651",
        "feit 'groepsgrootte'",
        "-4",
        "buiten het bereik",
    )


def test_a_bad_csv_value_is_named_by_its_row_line(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "hr.csv", "deelname;groepsgrootte\nvrijwillig;6\nvrijwillig;zes\n")
    geweigerd(beoordeel(pad), str(pad), "regel 3", "feit 'groepsgrootte'", "'zes'", "geheel getal")


def test_an_unknown_csv_column_gets_a_suggestion(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "hr.csv", "deelname,groepgrootte\nvrijwillig,6\n")
    geweigerd(
        beoordeel(pad),
        str(pad),
        "regel 1",
        "onbekend feit 'groepgrootte'",
        "Bedoelt u 'groepsgrootte'?",
    )


def test_a_csv_row_with_too_many_values_is_named(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "hr.csv", "deelname,groepsgrootte\nvrijwillig,6\nvrijwillig,6,7\n")
    geweigerd(beoordeel(pad), "regel 3", "meer waarden dan er kolommen zijn (2)")
    # a row whose quoted note runs over two lines is named by its first line
    pad = schrijf(tmp_path, "hr.csv", 'deelname,meta.notitie\nvrijwillig,"a\nb",7\n')
    geweigerd(beoordeel(pad), "regel 2:", "meer waarden dan er kolommen zijn (2)")


def test_a_csv_rows_line_skips_blank_lines_and_counts_line_breaks_in_notes(tmp_path: Path) -> None:
    tekst = (
        "deelname,groepsgrootte,meta.notitie\r\n\r\n"
        'vrijwillig,6,"een notitie\r\nover twee regels"\r\n\r\n'
        "verplicht,zes,\r\n"
    )
    pad = schrijf(tmp_path, "hr.csv", tekst)
    geweigerd(beoordeel(pad), "regel 6:", "'zes'")


def test_an_unclosed_quote_in_a_csv_row_names_the_line_where_it_opened(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "hr.csv", 'deelname,groepsgrootte\nvrijwillig,6\n"vrijwillig,7\n')
    geweigerd(beoordeel(pad), "regel 3:", 'een aanhalingsteken (") in deze rij wordt niet gesloten')


@pytest.mark.parametrize(
    ("tekst", "delen"),
    [
        ("deelname,groepsgrootte\n", ["alleen een kopregel en geen casussen"]),
        ("deelname,,groepsgrootte\nvrijwillig,,6\n", ["regel 1:", "kolom 2 heeft geen naam"]),
        ("\ndeelname\nvrijwillig\n", ["regel 1:", "de eerste regel is leeg"]),
    ],
)
def test_a_csv_without_cases_or_column_names_is_refused(
    tmp_path: Path, tekst: str, delen: list[str]
) -> None:
    geweigerd(beoordeel(schrijf(tmp_path, "hr.csv", tekst)), *delen)


def test_an_unknown_batch_format_is_refused(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "batch.jsonl", GOED + "\n")
    geweigerd(beoordeel(pad, "--format", "md"), str(pad), "een batch geeft jsonl- of csv-uitvoer")


def test_a_key_twice_in_a_json_case_is_refused_as_in_yaml_and_a_batch(kb: Kennisbank) -> None:
    """The web API and an answers file read JSON too: the json module would keep the last value."""
    from advies.case.files import lees_casus_json

    with pytest.raises(InvoerFout) as fout:
        lees_casus_json(
            kb, '{"antwoorden": {"deelname": "verplicht", "deelname": "vrijwillig"}}', "a.json"
        )
    assert "'deelname' staat twee keer" in fout.value.message
