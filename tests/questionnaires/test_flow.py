"""The pure flow: `when` branches with their default, goal-driven skipping, validation of typed
input, and what "weet ik niet" does to the state. No terminal involved."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from advies.case.atomic import schrijf_atomisch
from advies.case.files import lees_casus
from advies.case.model import Casus
from advies.engine.evaluation import evalueer
from advies.knowledge.conditions import geldt, parse
from advies.knowledge.model import Kennisbank
from advies.questionnaires.answering import ononderbroken
from advies.questionnaires.answers import antwoord_tekst, antwoord_uit_tekst
from advies.questionnaires.flow import nodige_feiten, te_stellen, zet_antwoord
from advies.questionnaires.intake import oordeelregel
from advies.questionnaires.model import Vragenlijst
from advies.questionnaires.state import ONBEKEND, Antwoord, Stand

ILSE = Path(__file__).parents[2] / "voorbeelden" / "ilse-coordinatoren.yaml"


def ids(vragen: list) -> list[str]:
    return [v.id for v in vragen]


@pytest.mark.parametrize(
    ("antwoorden", "verwacht"),
    [
        ({"deelname": "vrijwillig"}, True),
        ({"deelname": "verplicht", "initiatief": "beroepsgroep"}, True),
        ({"deelname": "verplicht", "initiatief": "leidinggevende"}, False),
        ({"deelname": "verplicht"}, None),  # initiatief unknown: undecided
        ({}, None),
    ],
)
def test_een_when_voorwaarde_is_driewaardig(
    kb: Kennisbank, antwoorden: dict, verwacht: bool | None
) -> None:
    conditie = parse(
        {
            "een_van": [
                {"feit": "deelname", "in": ["vrijwillig", "gemengd"]},
                {"feit": "initiatief", "is": "beroepsgroep"},
            ]
        },
        kb.feiten,
        kb.drempels,
    )
    assert geldt(conditie, antwoorden) is verwacht


def test_de_operator_onbekend_is_nooit_onbeslist(kb: Kennisbank) -> None:
    conditie = parse({"feit": "ervaring", "onbekend": True}, kb.feiten, kb.drempels)
    assert geldt(conditie, {}) is True
    assert geldt(conditie, {"ervaring": "geen"}) is False


def test_verplichte_deelname_slaat_zelf_aanmelden_over_en_vult_de_standaard_in(
    kb: Kennisbank, mini_vl: Vragenlijst
) -> None:
    stand = Stand(
        meta={"naam": "x"}, antwoorden={"initiatief": "leidinggevende", "deelname": "verplicht"}
    )
    assert ids(te_stellen(mini_vl, kb, stand)) == ["groepsgrootte"]
    assert stand.antwoorden["zelf_aangemeld"] is False
    assert stand.afgeleid == {"zelf_aangemeld"}


def test_bij_een_beroepsgroep_wordt_zelf_aanmelden_wel_gevraagd(
    kb: Kennisbank, mini_vl: Vragenlijst
) -> None:
    stand = Stand(
        meta={"naam": "x"}, antwoorden={"initiatief": "beroepsgroep", "deelname": "verplicht"}
    )
    assert ids(te_stellen(mini_vl, kb, stand)) == ["zelf_aangemeld", "groepsgrootte"]
    assert "zelf_aangemeld" not in stand.antwoorden


def test_een_afgeleid_antwoord_vervalt_als_de_tak_verandert(
    kb: Kennisbank, mini_vl: Vragenlijst
) -> None:
    stand = Stand(
        meta={"naam": "x"}, antwoorden={"initiatief": "leidinggevende", "deelname": "verplicht"}
    )
    te_stellen(mini_vl, kb, stand)
    zet_antwoord(stand, mini_vl.vraag("deelname"), Antwoord({"deelname": "vrijwillig"}), wis=True)
    assert ids(te_stellen(mini_vl, kb, stand))[0] == "zelf_aangemeld"
    assert "zelf_aangemeld" not in stand.antwoorden and not stand.afgeleid


def test_een_vraag_die_het_advies_niet_meer_kan_veranderen_wordt_overgeslagen(
    kb: Kennisbank, intake_vl: Vragenlijst
) -> None:
    # a profession's requirement and no self-selection: whether taking part is voluntary no longer
    # matters to any rule (DWANG excludes the profession; commitment fails on zelf_aangemeld)
    stand = Stand(antwoorden={"initiatief": "beroepsgroep", "zelf_aangemeld": False})
    assert "deelname" not in ids(te_stellen(intake_vl, kb, stand))
    stand = Stand(antwoorden={"initiatief": "leidinggevende", "zelf_aangemeld": False})
    assert "deelname" in ids(te_stellen(intake_vl, kb, stand))


def test_zonder_antwoorden_vraagt_de_intake_alles_in_volgorde(
    kb: Kennisbank, intake_vl: Vragenlijst
) -> None:
    assert ids(te_stellen(intake_vl, kb, Stand())) == ids(list(intake_vl.vragen))


def test_weet_ik_niet_wordt_onthouden_en_niet_opnieuw_gevraagd(
    kb: Kennisbank, mini_vl: Vragenlijst
) -> None:
    stand = Stand(meta={"naam": "x"})
    zet_antwoord(stand, mini_vl.vraag("initiatief"), ONBEKEND)
    assert stand.onbekend == {"initiatief"} and "initiatief" not in stand.antwoorden
    assert "initiatief" not in ids(te_stellen(mini_vl, kb, stand))
    assert antwoord_tekst(mini_vl.vraag("initiatief"), stand, kb) == "Weet ik niet"


def test_weet_ik_niet_op_een_vraag_over_twee_feiten_laat_het_bekende_feit_staan(
    kb: Kennisbank, zelfcheck_vl: Vragenlijst
) -> None:
    stand = Stand(antwoorden={"deelname": "verplicht"})
    zet_antwoord(stand, zelfcheck_vl.vraag("vrijwillig"), ONBEKEND)
    assert stand.antwoorden == {"deelname": "verplicht"}
    zet_antwoord(stand, zelfcheck_vl.vraag("vrijwillig"), ONBEKEND, wis=True)  # changed in a review
    assert stand.antwoorden == {}


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("6", Antwoord({"groepsgrootte": 6})),
        (" 12 ", Antwoord({"groepsgrootte": 12})),
        ("", ONBEKEND),
        ("0", "Dat kan niet: vul een getal in van 1 tot en met 200."),
        ("201", "Dat kan niet: vul een getal in van 1 tot en met 200."),
        (
            "zes",
            "Vul een heel getal in van 1 tot en met 200, of laat het leeg als u het niet weet.",
        ),
        ("-3", "Vul een heel getal in van 1 tot en met 200, of laat het leeg als u het niet weet."),
    ],
)
def test_een_getal_wordt_gecontroleerd_met_een_bericht_dat_zegt_wat_wel_mag(
    mini_vl: Vragenlijst, tekst: str, verwacht: object
) -> None:
    assert antwoord_uit_tekst(mini_vl.vraag("groepsgrootte"), tekst) == verwacht


def test_een_verplichte_tekst_mag_niet_leeg_en_niet_te_lang(mini_vl: Vragenlijst) -> None:
    vraag = mini_vl.vraag("naam")
    assert antwoord_uit_tekst(vraag, "  ") == "Dit is nodig om verder te gaan; vul iets in."
    assert antwoord_uit_tekst(vraag, "x" * 41) == "Dat is te lang: hooguit 40 tekens."
    assert antwoord_uit_tekst(vraag, "Coördinatoren") == Antwoord({"naam": "Coördinatoren"})


def test_een_ctrl_c_tijdens_het_bewaren_wacht_tot_het_bestand_er_heel_staat(tmp_path: Path) -> None:
    pad = tmp_path / "casus.yaml"
    with pytest.raises(KeyboardInterrupt), ononderbroken():
        os.kill(os.getpid(), signal.SIGINT)  # arrives in the middle of a save
        schrijf_atomisch(pad, "versie: 1\n")
    assert pad.read_text() == "versie: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["casus.yaml"]  # no temporary file left


@pytest.mark.parametrize(
    ("wijziging", "verwacht"),
    [
        (
            {},
            "Oordeel: GO ONDER VOORWAARDEN; voorwaarden: Steun voor zelfstandig leren; Vertrouwelijkheid",
        ),
        ({"gedeelde_conflicten": True}, "Oordeel: NO GO; wat beter past: "),
        (
            {"vertrouwelijkheid": None},
            "Oordeel: ONVOLDOENDE INFORMATIE; eerst te beantwoorden: vertrouwelijkheid",
        ),
    ],
)
def test_de_intake_eindigt_met_het_oordeel_op_een_regel(
    kb: Kennisbank, wijziging: dict, verwacht: str
) -> None:
    antwoorden = dict(lees_casus(kb, ILSE).antwoorden)
    antwoorden.update(wijziging)
    antwoorden = {f: w for f, w in antwoorden.items() if w is not None}
    regel = oordeelregel(evalueer(Casus(antwoorden=antwoorden), kb, wat_als=False), kb)
    assert regel.startswith(verwacht) and "\n" not in regel


def test_bij_een_no_go_vraagt_de_intake_niet_meer_naar_het_voorstel(kb: Kennisbank) -> None:
    """Once a block stands, nothing but another block can change the advice: the questions that
    only feed the proposal, its conditions and details are skipped."""
    open_start = nodige_feiten(kb, {"groepsgrootte": 6})
    assert {"casustype", "sessieduur", "ervaring", "vertrouwelijkheid"} <= set(open_start)
    bij_no_go = nodige_feiten(kb, {"groepsgrootte": 6, "gedeelde_conflicten": True})
    assert not {"casustype", "sessieduur", "ervaring", "vertrouwelijkheid"} & set(bij_no_go)
    assert {"werkproblemen", "leervraag"} <= set(bij_no_go)  # another block could still add
