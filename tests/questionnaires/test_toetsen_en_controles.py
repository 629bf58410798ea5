"""The intake's keys and its checks, through the real prompts on prompt_toolkit's pipe input:
`?` shows why without answering, `←` and `<` go back to the previous question, the pointer starts
on "weet ik niet" where the first answer would block or set a condition (derived from the
rules), and answers that contradict each other get a gentle question before the review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from advies.case.files import lees_casus
from advies.case.model import Casus
from advies.errors import KennisbankFout
from advies.knowledge.conditions import geldt
from advies.knowledge.model import Kennisbank
from advies.questionnaires import prompts
from advies.questionnaires.answering import bestand_beantwoorder
from advies.questionnaires.flow import begin_keuze, tegenstrijdig, vragen_beantwoord
from advies.questionnaires.intake import Intake
from advies.questionnaires.model import Vraag, Vragenlijst, laad_vragenlijst
from advies.questionnaires.state import ONBEKEND, Antwoord, Stand

from .test_prompts import (
    ENTER,
    LINKS,
    OMLAAG,
    Gevraagd,
    Toetsenbord,
    kies,
    nieuwe_intake,
    overzicht,
)


def test_vraagteken_bij_een_keuze_toont_waarom_en_laat_de_aanwijzer_staan(
    kb: Kennisbank,
    mini_vl: Vragenlijst,
    casusmap: Path,
    toetsenbord: Toetsenbord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    getoond: list[str] = []
    monkeypatch.setattr(prompts, "meld", lambda tekst="", zacht=False: getoond.append(tekst))
    gevraagd = Gevraagd(kb, mini_vl)
    # at initiatief: down to the second answer, "?", then Enter: the second answer, not a fake one
    with toetsenbord("Mini" + ENTER, OMLAAG + "?" + ENTER, kies(2), "6" + ENTER, ENTER):
        casus = nieuwe_intake(kb, mini_vl, None, casusmap).voer_uit(gevraagd, overzicht)
    assert casus.antwoorden["initiatief"] == "leidinggevende"
    assert gevraagd.ids.count("initiatief") == 1
    assert "Waarom vragen we dit?" in getoond
    assert any("INITIATIEF_OPDRACHTGEVER" in t for t in getoond)
    assert not any("Waarom vragen we dit?" in str(w) for w in casus.antwoorden.values())


def test_pijl_links_gaat_terug_naar_de_vorige_vraag_en_daarna_verder(
    kb: Kennisbank, mini_vl: Vragenlijst, casusmap: Path, toetsenbord: Toetsenbord
) -> None:
    gevraagd = Gevraagd(kb, mini_vl)
    # initiatief: De deelnemers; at deelname "←"; initiatief again (pointer on De deelnemers):
    # one down to De leidinggevende; then deelname, zelf_aangemeld, the number, the review
    with toetsenbord("Mini" + ENTER, kies(0), LINKS, kies(1), kies(0), kies(0), "6" + ENTER, ENTER):
        casus = nieuwe_intake(kb, mini_vl, None, casusmap).voer_uit(gevraagd, overzicht)
    assert gevraagd.ids == [
        "naam",
        "initiatief",
        "deelname",
        "initiatief",
        "deelname",
        "zelf_aangemeld",
        "groepsgrootte",
    ]
    assert casus.antwoorden["initiatief"] == "leidinggevende"
    assert lees_casus(kb, casusmap / "mini.yaml").antwoorden["initiatief"] == "leidinggevende"


def test_kleiner_dan_teken_bij_een_getal_gaat_terug_en_twee_keer_terug_gaat_verder_terug(
    kb: Kennisbank, mini_vl: Vragenlijst, casusmap: Path, toetsenbord: Toetsenbord
) -> None:
    gevraagd = Gevraagd(kb, mini_vl)
    with toetsenbord(
        "Mini" + ENTER,
        kies(0),
        kies(0),
        kies(0),
        "<" + ENTER,  # at the number: back to zelf_aangemeld
        LINKS,  # and back once more, to deelname
        OMLAAG + ENTER,  # deelname: Deels verplicht
        "6" + ENTER,
        ENTER,
    ):
        casus = nieuwe_intake(kb, mini_vl, None, casusmap).voer_uit(gevraagd, overzicht)
    assert gevraagd.ids[4:] == ["groepsgrootte", "zelf_aangemeld", "deelname", "groepsgrootte"]
    assert casus.antwoorden == {
        "initiatief": "deelnemers",
        "deelname": "gemengd",
        "zelf_aangemeld": True,
        "groepsgrootte": 6,
    }


def test_terug_bij_de_eerste_vraag_stelt_die_vraag_opnieuw(
    kb: Kennisbank, mini_vl: Vragenlijst, casusmap: Path, toetsenbord: Toetsenbord
) -> None:
    gevraagd = Gevraagd(kb, mini_vl)
    with toetsenbord("<" + ENTER, "Mini" + ENTER, kies(0), kies(0), kies(0), "6" + ENTER, ENTER):
        nieuwe_intake(kb, mini_vl, None, casusmap).voer_uit(gevraagd, overzicht)
    assert gevraagd.ids[:2] == ["naam", "naam"]


def _keuzevragen(vl: Vragenlijst) -> list[Vraag]:
    return [v for v in vl.vragen if v.type == "keuze"]


def _maakt_waar(vraag: Vraag, index: int, kb: Kennisbank) -> list[str]:
    keuze = vraag.keuzes[index]
    if keuze.onbekend:
        return []
    zet = {vraag.feit: keuze.waarde} if vraag.feit else dict(keuze.feiten)
    return [
        b.code
        for b in kb.bevindingen
        if b.ernst in ("blokkerend", "voorwaardelijk") and geldt(b.conditie, zet) is True
    ]


@pytest.mark.parametrize("lijst", ["intake", "zelfcheck"])
def test_de_aanwijzer_begint_nooit_op_een_antwoord_dat_blokkeert_of_een_voorwaarde_maakt(
    kb: Kennisbank, lijst: str
) -> None:
    vl = laad_vragenlijst(kb, lijst)
    for vraag in _keuzevragen(vl):
        start = begin_keuze(vraag, Stand(), kb)
        assert start is not None
        assert not _maakt_waar(vraag, start, kb), (vraag.id, vraag.keuzes[start].tekst)
        if not _maakt_waar(vraag, 0, kb):
            assert start == 0, vraag.id  # nothing to avoid: the order of the questionnaire


def test_bij_een_gedeeld_conflict_en_de_baas_in_de_groep_staat_de_aanwijzer_op_weet_ik_niet(
    kb: Kennisbank, intake_vl: Vragenlijst
) -> None:
    for vraag_id in ("gedeelde_conflicten", "leidinggevende_in_groep", "hierarchie_in_groep"):
        vraag = intake_vl.vraag(vraag_id)
        assert vraag.keuzes[0].tekst == "Ja"
        assert vraag.keuzes[begin_keuze(vraag, Stand(), kb) or 0].onbekend
    # a known answer is where the pointer starts, whatever it means
    vraag = intake_vl.vraag("gedeelde_conflicten")
    assert begin_keuze(vraag, Stand(antwoorden={"gedeelde_conflicten": True}), kb) == 0


def test_een_vraag_is_enkelvoud() -> None:
    assert vragen_beantwoord(1) == "1 vraag beantwoord"
    assert vragen_beantwoord(0) == "0 vragen beantwoord"
    assert vragen_beantwoord(9) == "9 vragen beantwoord"


# --- answers that contradict each other ------------------------------------------------------


class Tegenspraak:
    """The terminal's gentle question, answered from a list; notes what it was asked."""

    def __init__(self, *antwoorden: int | None):
        self.antwoorden = list(antwoorden)
        self.gevraagd: list[tuple[str, list[tuple[str, str]]]] = []

    def __call__(self, tekst: str, rijen: list[tuple[str, str]]) -> int | None:
        self.gevraagd.append((tekst, rijen))
        return self.antwoorden.pop(0)


def _alles_weet_ik_niet(vraag: Vraag, stand: Stand, voortgang: Any) -> Antwoord:
    return ONBEKEND


def _klaar(rijen: list[tuple[str, str]]) -> None:
    return None


def _intake_met(kb: Kennisbank, vl: Vragenlijst, map_: Path, antwoorden: dict[str, Any]) -> Intake:
    run = Intake(kb, vl, map_ / "tegenspraak.yaml", map_, meld=lambda _: None)
    run.vul_aan(Casus.model_validate({"meta": {"naam": "T"}, "antwoorden": antwoorden}))
    return run


@pytest.mark.parametrize(
    ("antwoorden", "controle"),
    [
        ({"samenwerking": "geen", "gedeelde_conflicten": True}, "conflict_zonder_samenwerking"),
        (
            {"leidinggevende_in_groep": True, "hierarchie_in_groep": False},
            "leidinggevende_zonder_hierarchie",
        ),
        ({"groepsgrootte": 1, "samenwerking": "zelfde_team"}, "te_klein_voor_wat_genoemd_is"),
    ],
)
def test_tegenstrijdige_antwoorden_krijgen_een_vraag_voor_het_overzicht(
    kb: Kennisbank,
    intake_vl: Vragenlijst,
    casusmap: Path,
    antwoorden: dict[str, Any],
    controle: str,
) -> None:
    assert [c.id for c in tegenstrijdig(intake_vl, Stand(antwoorden=dict(antwoorden)))] == [
        controle
    ]
    vraag = Tegenspraak(None)  # "it is right as it is"
    run = _intake_met(kb, intake_vl, casusmap, antwoorden)
    run.voer_uit(_alles_weet_ik_niet, _klaar, tegenspraak=vraag)
    tekst, rijen = vraag.gevraagd[0]
    assert tekst == next(c.tekst for c in intake_vl.controles if c.id == controle)
    assert len(vraag.gevraagd) == 1
    assert {label for label, _ in rijen} >= {
        str(kb.feiten[f]["label"]) for f in antwoorden
    }  # the answers concerned, by their label, with what was answered
    bewaard = lees_casus(kb, casusmap / "tegenspraak.yaml")
    assert bewaard.meta.model_dump()["intake"]["bevestigd"] == [controle]
    assert bewaard.antwoorden == {**bewaard.antwoorden, **antwoorden}

    # confirmed once: a resumed intake does not ask again
    vraag_weer = Tegenspraak()
    Intake(kb, intake_vl, casusmap / "tegenspraak.yaml", casusmap, meld=lambda _: None).voer_uit(
        _alles_weet_ik_niet, _klaar, tegenspraak=vraag_weer
    )
    assert vraag_weer.gevraagd == []


def test_een_tegenstrijdig_antwoord_wijzigen_lost_de_tegenspraak_op(
    kb: Kennisbank, intake_vl: Vragenlijst, casusmap: Path
) -> None:
    run = _intake_met(
        kb, intake_vl, casusmap, {"samenwerking": "geen", "gedeelde_conflicten": True}
    )
    vraag = Tegenspraak(0)  # change the first answer concerned: samenwerking

    def beantwoord(v: Vraag, stand: Stand, voortgang: Any) -> Antwoord:
        if v.id == "samenwerking":
            return Antwoord({"samenwerking": "zelfde_team"})
        return ONBEKEND

    casus = run.voer_uit(beantwoord, _klaar, tegenspraak=vraag)
    assert casus.antwoorden["samenwerking"] == "zelfde_team"
    assert len(vraag.gevraagd) == 1
    assert "bevestigd" not in casus.meta.model_dump()["intake"]


def test_uit_een_antwoordenbestand_wordt_tegenspraak_gemeld_niet_gevraagd(
    kb: Kennisbank, intake_vl: Vragenlijst, casusmap: Path
) -> None:
    gemeld: list[str] = []
    run = Intake(kb, intake_vl, casusmap / "b.yaml", casusmap, meld=gemeld.append)
    run.vul_aan(
        Casus.model_validate(
            {
                "meta": {"naam": "B"},
                "antwoorden": {"samenwerking": "geen", "gedeelde_conflicten": True},
            }
        )
    )
    run.voer_uit(bestand_beantwoorder("antwoorden.yaml"), None)
    assert [m for m in gemeld if m.startswith("Let op: ")] == [
        "Let op: "
        + next(c.tekst for c in intake_vl.controles if c.id == "conflict_zonder_samenwerking")
    ]


def test_een_controle_moet_kloppen_met_de_feiten_en_de_vragen(
    kb: Kennisbank, tmp_path: Path
) -> None:
    basis = (Path(__file__).parent / "mini.yaml").read_text(encoding="utf-8")
    for controle, fout in (
        (
            "{id: x, als: {feit: deelname, is: verplicht}, tekst: t, vragen: [onbekend]}",
            "onbekende vraag 'onbekend'",
        ),
        (
            "{id: x, als: {feit: groepsgrootte, kleiner_dan: 2}, tekst: t, vragen: [deelname]}",
            "geen vraag voor het feit groepsgrootte",
        ),
        (
            "{id: x, als: {feit: deelname, is: misschien}, tekst: t, vragen: [deelname]}",
            "onbekende waarde 'misschien'",
        ),
    ):
        pad = tmp_path / "lijst.yaml"
        pad.write_text(basis + f"controles:\n  - {controle}\n", encoding="utf-8")
        with pytest.raises(KennisbankFout, match=fout):
            laad_vragenlijst(kb, pad)
