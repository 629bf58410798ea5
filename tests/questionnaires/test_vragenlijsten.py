"""The questionnaires as data: every question maps onto known facts and values, every fact the
rules read can be asked, and "Waarom vragen we dit?" comes from the rules themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from advies.case.fact_values import controleer_feit
from advies.errors import KennisbankFout
from advies.knowledge.model import Bevindingsregel, Kennisbank, Sleutelvoorwaarde
from advies.questionnaires.model import Vragenlijst, laad_vragenlijst, waarom

VRAGENLIJSTEN = ["intake", "zelfcheck"]


@pytest.mark.parametrize("naam", VRAGENLIJSTEN)
def test_elke_vraag_vult_een_bekend_feit_met_toegestane_waarden(kb: Kennisbank, naam: str) -> None:
    vl = laad_vragenlijst(kb, naam)
    for vraag in vl.vragen:
        assert vraag.vult or vraag.meta, vraag.id
        for feit in vraag.vult:
            assert feit in kb.feiten, (vraag.id, feit)
        for keuze in vraag.keuzes:
            zet = {vraag.feit: keuze.waarde} if vraag.feit else keuze.feiten
            for feit, waarde in ({} if keuze.onbekend else zet).items():
                assert controleer_feit(kb, str(feit), waarde, bestand=naam, regel=None) == waarde


@pytest.mark.parametrize("naam", VRAGENLIJSTEN)
def test_elke_keuzevraag_biedt_precies_een_keer_weet_ik_niet(kb: Kennisbank, naam: str) -> None:
    vl = laad_vragenlijst(kb, naam)
    for vraag in vl.vragen:
        if vraag.type == "keuze":
            onbekend = [k for k in vraag.keuzes if k.onbekend]
            assert [k.tekst for k in onbekend] == ["Weet ik niet"], vraag.id


def test_elk_feit_dat_de_regels_lezen_kan_de_intake_vragen(
    kb: Kennisbank, intake_vl: Vragenlijst
) -> None:
    gelezen = {f for regel in kb.regels() for f in regel.feiten}
    gevraagd = {f for v in intake_vl.vragen for f in v.vult}
    assert gelezen - gevraagd == set()


def test_de_intake_vraagt_de_beschrijvende_gegevens(intake_vl: Vragenlijst) -> None:
    velden = {v.meta for v in intake_vl.vragen if v.meta}
    assert {"naam", "opdrachtgever", "organisatie", "coach", "hulpvraag"} <= velden


def test_de_zelfcheck_vraagt_wat_het_oordeel_en_de_sleutelvoorwaarden_lezen(
    kb: Kennisbank, zelfcheck_vl: Vragenlijst
) -> None:
    beslissend = {
        f
        for regel in kb.regels()
        if (isinstance(regel, Bevindingsregel) and regel.ernst in ("blokkerend", "voorwaardelijk"))
        or isinstance(regel, Sleutelvoorwaarde)
        for f in regel.feiten
    }
    gevraagd = {f for v in zelfcheck_vl.vragen for f in v.vult}
    assert beslissend - gevraagd == set()


def test_de_zelfcheck_is_kort_met_ongeveer_een_dozijn_vragen(zelfcheck_vl: Vragenlijst) -> None:
    assert 10 <= len(zelfcheck_vl.vragen) <= 18
    assert len(zelfcheck_vl.vragen) < sum(
        len(v.vult) for v in zelfcheck_vl.vragen
    )  # some map onto two


def test_waarom_noemt_elke_bevinding_en_sleutelvoorwaarde_die_het_feit_leest(
    kb: Kennisbank, intake_vl: Vragenlijst
) -> None:
    tekst = waarom(intake_vl.vraag("werkproblemen"), kb)
    lezers = [r for r in kb.regels() if "werkproblemen" in r.feiten]
    for regel in lezers:
        if isinstance(regel, Bevindingsregel):
            assert regel.code in tekst
        if isinstance(regel, Sleutelvoorwaarde):
            assert regel.naam in tekst
    assert "HH, De valkuilen van intervisie" in tekst  # the sources come along


def test_waarom_zegt_het_als_het_antwoord_het_advies_niet_meer_verandert(
    kb: Kennisbank, intake_vl: Vragenlijst
) -> None:
    vraag = intake_vl.vraag("deelname")
    assert "verandert dit antwoord het advies niet meer" in waarom(vraag, kb, [])
    assert "niet meer" not in waarom(vraag, kb, ["dwang"])


def test_een_beschrijvende_vraag_legt_uit_uit_de_vragenlijst(
    kb: Kennisbank, intake_vl: Vragenlijst
) -> None:
    assert waarom(intake_vl.vraag("naam"), kb) == intake_vl.vraag("naam").waarom


GOED = """\
naam: proef
titel: Proef
inleiding: Proef
vragen:
  - id: deelname
    feit: deelname
    type: keuze
    tekst: Vrijwillig?
    keuzes:
      - {tekst: Ja, waarde: vrijwillig}
      - {tekst: Weet ik niet, onbekend: true}
"""


@pytest.mark.parametrize(
    ("fout", "vervang", "door"),
    [
        ("onbekend feit", "feit: deelname", "feit: deelnam"),
        ("vrijwillig", "waarde: vrijwillig", "waarde: vrijwilig"),
        ("weet ik niet", "      - {tekst: Weet ik niet, onbekend: true}\n", ""),
        (
            "onbekend feit",
            "type: keuze\n",
            "type: keuze\n    when: {feit: bestaat_niet, is: true}\n",
        ),
        ("'feit', 'feiten', 'meta' of 'gesprek'", "    feit: deelname\n", ""),
        # only a question about the talk knows the talk's verdict
        ("'tenzij_oordeel'", "type: keuze\n", "type: keuze\n    tenzij_oordeel: [no_go]\n"),
        ("no_go", "type: keuze\n", "type: keuze\n    tenzij_oordeel: [nee]\n"),
    ],
)
def test_een_kapotte_vragenlijst_wordt_geweigerd_met_bestand_en_vraag(
    kb: Kennisbank, tmp_path: Path, fout: str, vervang: str, door: str
) -> None:
    pad = tmp_path / "proef.yaml"
    pad.write_text(GOED, encoding="utf-8")
    laad_vragenlijst(kb, pad)  # the unbroken one loads
    pad.write_text(GOED.replace(vervang, door), encoding="utf-8")
    with pytest.raises(KennisbankFout) as uitzondering:
        laad_vragenlijst(kb, pad)
    bericht = uitzondering.value.bericht()
    assert str(pad) in bericht and "vraag deelname" in bericht and fout in bericht
