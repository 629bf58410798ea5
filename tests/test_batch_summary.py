"""The end of a batch: counts per verdict, what to arrange first, what blocks, what to find out,
and the lines not read; and the knowledge base as data, to look up the codes of a compact line."""

from __future__ import annotations

import io
import json
from pathlib import Path

from typer.testing import CliRunner

from advies.batch.run import Instellingen, beoordeel_batch
from advies.batch.summary import ONLEESBAAR_BEWAARD, Telling, samenvatting
from advies.case.model import maak_casus
from advies.cli.app import app
from advies.engine.evaluation import evalueer_blok
from advies.knowledge.model import Kennisbank

VRIJWILLIG = {
    "deelname": "vrijwillig",
    "initiatief": "deelnemers",
    "zelf_aangemeld": True,
    "leervraag": "reflectie",
    "werkproblemen": "ja",
    "groepsgrootte": 6,
    "leidinggevende_in_groep": False,
    "hierarchie_in_groep": False,
    "gedeelde_conflicten": False,
    "tegenstrijdige_belangen": False,
    "leerklimaat": "open",
    "vertrouwelijkheid": "gegarandeerd",
    "tijd": "gefaciliteerd",
    "sessieduur": 90,
    "voorgelicht": True,
}


def _telling(kb: Kennisbank, antwoorden: list[dict[str, object]]) -> Telling:
    casussen = [maak_casus(kb, {"antwoorden": a}, bestand="x") for a in antwoorden]
    telling = Telling()
    for advies in evalueer_blok(casussen, kb, kern=True):
        telling.tel(advies)
    return telling


def test_the_summary_fills_in_no_place_a_single_case_would_fill(kb: Kennisbank) -> None:
    """GROEP_TE_GROOT and SESSIE_TE_KORT name {groepen} and {werkvorm} in a case's advice; over
    many groups the summary says what holds for all of them, thresholds filled in."""
    te_groot = {**VRIJWILLIG, "groepsgrootte": 30}
    te_kort = {**VRIJWILLIG, "sessieduur": 40}
    telling = _telling(kb, [te_groot, te_kort])
    assert {"GROEP_TE_GROOT", "SESSIE_TE_KORT"} <= set(telling.voorwaarden)
    tekst = " ".join(samenvatting(telling, kb, "hr.csv").split())
    assert "{" not in tekst and "}" not in tekst
    groep = kb.drempels
    assert f"groepen van {groep['groep_min']} tot {groep['groep_max']} deelnemers" in tekst
    assert f"nooit korter dan {groep['sessieduur_min']} minuten" in tekst


def test_the_summary_counts_verdicts_and_names_what_to_arrange_first(kb: Kennisbank) -> None:
    verplicht = {**VRIJWILLIG, "deelname": "verplicht"}  # only DWANG in the way
    te_groot = {**verplicht, "groepsgrootte": 30}  # DWANG and GROEP_TE_GROOT
    conflict = {**VRIJWILLIG, "gedeelde_conflicten": True}  # blocked
    onbekend = {k: v for k, v in VRIJWILLIG.items() if k != "tijd"}  # a decisive question open
    telling = _telling(kb, [verplicht, verplicht, te_groot, conflict, onbekend, VRIJWILLIG])
    assert telling.casussen == 6
    assert telling.verdicts == {
        "go_onder_voorwaarden": 3,
        "no_go": 1,
        "onvoldoende_informatie": 1,
        "go": 1,
    }
    assert telling.voorwaarden["DWANG"] == 3
    assert telling.enige_voorwaarde["DWANG"] == 2  # for the group that is too big it is not
    assert telling.blokkades == {"GEDEELDE_CONFLICTEN": 1}
    assert telling.open_vragen == {"tijd": 1}

    tekst = samenvatting(telling, kb, "hr.csv")
    assert tekst.startswith(f"Samenvatting van hr.csv (kennisbank {kb.versie})\n")
    assert "6 casussen gelezen, 6 beoordeeld." in tekst
    assert "  - Regel eerst: deelname is niet vrijwillig (bij 3 groepen)." in tekst
    assert "(1 groep wacht op dit antwoord)." in " ".join(tekst.split())
    assert "1. Deelname is niet vrijwillig [DWANG]" in tekst
    assert "bij 3 groepen (50%); voor 2 groepen is dit de enige voorwaarde." in tekst
    assert "Wat te regelen: " + " ".join(kb.bevinding("DWANG").voorwaarde.split()[:4]) in tekst
    assert "1. Deelnemers zitten samen in een conflict [GEDEELDE_CONFLICTEN]" in tekst
    assert "; wat wel past: " in tekst and "conflictbemiddeling" in tekst
    assert kb.feiten["tijd"]["vraag"] in tekst.replace("\n     ", " ")
    assert "Niet gelezen" not in tekst and "storing" not in tekst


def test_a_fact_without_a_column_is_named_in_the_summary(kb: Kennisbank) -> None:
    telling = _telling(kb, [{k: v for k, v in VRIJWILLIG.items() if k != "tijd"}])
    telling.kolommen = tuple(k for k in VRIJWILLIG if k != "tijd")
    assert "het bestand heeft geen kolom 'tijd'" in samenvatting(telling, kb, "hr.csv")


def test_unreadable_lines_are_kept_up_to_a_limit_and_all_counted(kb: Kennisbank) -> None:
    totaal = Telling()
    for blok in range(3):
        telling = Telling()
        for i in range(ONLEESBAAR_BEWAARD):
            telling.onleesbare(blok * 1000 + i + 1, f"fout {i}")
        totaal.voeg_toe(telling)
    assert totaal.onleesbaar_totaal == 3 * ONLEESBAAR_BEWAARD
    assert len(totaal.onleesbaar) == ONLEESBAAR_BEWAARD
    tekst = samenvatting(totaal, kb, "x.jsonl")
    assert f"Niet gelezen en overgeslagen: {3 * ONLEESBAAR_BEWAARD} regels" in tekst
    assert "  regel 1: fout 0" in tekst
    assert f"… en nog {3 * ONLEESBAAR_BEWAARD - 20}" in tekst


def test_every_code_in_a_compact_line_is_in_the_knowledge_base_as_data(
    kb: Kennisbank, tmp_path: Path
) -> None:
    uit = CliRunner().invoke(app, ["regels", "--format", "json"])
    assert uit.exit_code == 0
    data = json.loads(uit.stdout)
    assert data["kennisbank_versie"] == kb.versie
    pad = tmp_path / "batch.jsonl"
    pad.write_text(
        "".join(
            json.dumps({"antwoorden": a}) + "\n"
            for a in (VRIJWILLIG, {**VRIJWILLIG, "gedeelde_conflicten": True}, {})
        ),
        encoding="utf-8",
    )
    regels = io.BytesIO()
    beoordeel_batch(pad, regels, Instellingen(), kb=kb)
    for regel in map(json.loads, regels.getvalue().splitlines()):
        assert regel["verdict"] in data["verdicts"]
        for b in regel["bevindingen"]:
            assert data["bevindingen"][b["code"]]["ernst"] == b["ernst"]
            assert data["bevindingen"][b["code"]]["titel"]
        assert all(v["feit"] in data["feiten"] for v in regel["open_vragen"])
        voorstel = regel["voorstel"]
        if regel["verdict"] == "no_go":  # no intervision proposed
            assert voorstel == {
                "groepen": [],
                "aanvullen": 0,
                "vorm": None,
                "stijl": None,
                "methoden": [],
            }
            continue
        assert voorstel["vorm"] in data["vormen"] and voorstel["stijl"] in data["stijlen"]
        assert all(m in data["methoden"] for m in voorstel["methoden"])
    assert data["bevindingen"]["DWANG"]["als_tekst"].startswith("deelname is verplicht")
    assert data["bevindingen"]["DWANG"]["bronnen"][0]["sleutel"] == "VDL"


def test_regels_json_takes_no_rule_id() -> None:
    uit = CliRunner().invoke(app, ["regels", "dwang", "--format", "json"])
    assert uit.exit_code == 2
    assert "--format json geeft de hele kennisbank" in uit.stderr


def test_a_share_of_a_few_groups_among_many_is_not_shown_as_none() -> None:
    from advies.batch.summary import _deel

    assert [_deel(n, 100_000) for n in (0, 22, 600, 99_990, 100_000)] == [
        "0%",
        "<1%",
        "1%",
        ">99%",
        "100%",
    ]
    assert _deel(1, 0) == "-"
