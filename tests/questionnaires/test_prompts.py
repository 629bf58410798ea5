"""The intake through the real prompts, driven by prompt_toolkit's pipe input: branches, a
validation retry, "Waarom vragen we dit?", Ctrl-C and resume, changing an answer in the review."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from advies.case.files import lees_casus
from advies.errors import Afgebroken
from advies.knowledge.model import Kennisbank
from advies.questionnaires import prompts
from advies.questionnaires.answering import terminal_beantwoorder
from advies.questionnaires.flow import begin_keuze
from advies.questionnaires.intake import Intake
from advies.questionnaires.model import Vraag, Vragenlijst
from advies.questionnaires.state import Antwoord, Stand

ENTER = "\r"
OMLAAG = "\x1b[B"
OMHOOG = "\x1b[A"
LINKS = "\x1b[D"
CTRL_C = "\x03"
WISSEN = "\x7f"
ILSE = Path(__file__).parents[2] / "voorbeelden" / "ilse-coordinatoren.yaml"
Toetsenbord = Callable[..., AbstractContextManager[None]]


def kies(n: int) -> str:
    """Keys that pick the n-th choice (0-based) from the top of a list."""
    return OMLAAG * n + ENTER


def overzicht(rijen: list[tuple[str, str]]) -> int | None:
    return prompts.kies_in_overzicht(rijen, titel="Overzicht", klaar="Klaar")


class Gevraagd:
    """The terminal answerer, noting which questions it asked."""

    def __init__(self, kb: Kennisbank, vl: Vragenlijst):
        self.echt = terminal_beantwoorder(kb, vl)
        self.ids: list[str] = []

    def __call__(self, vraag: Vraag, stand: Stand, voortgang: tuple[int, int] | None) -> Antwoord:
        self.ids.append(vraag.id)
        return self.echt(vraag, stand, voortgang)


def nieuwe_intake(kb: Kennisbank, vl: Vragenlijst, pad: Path | None, map_: Path) -> Intake:
    return Intake(kb, vl, pad, map_, meld=lambda _: None)


def test_verplichte_deelname_slaat_zelf_aanmelden_over(
    kb: Kennisbank, mini_vl: Vragenlijst, casusmap: Path, toetsenbord: Toetsenbord
) -> None:
    run = nieuwe_intake(kb, mini_vl, None, casusmap)
    gevraagd = Gevraagd(kb, mini_vl)
    with toetsenbord("Mini" + ENTER, kies(1), kies(2), "6" + ENTER, ENTER):
        casus = run.voer_uit(gevraagd, overzicht)
    assert gevraagd.ids == ["naam", "initiatief", "deelname", "groepsgrootte"]
    assert casus.antwoorden == {
        "initiatief": "leidinggevende",
        "deelname": "verplicht",
        "zelf_aangemeld": False,
        "groepsgrootte": 6,
    }
    assert run.pad == casusmap / "mini.yaml"
    opgeslagen = lees_casus(kb, run.pad)
    assert opgeslagen.antwoorden == casus.antwoorden
    assert opgeslagen.meta.model_dump()["intake"] == {
        "onbekend": [],
        "afgeleid": ["zelf_aangemeld"],
        "klaar": True,
    }


def test_bij_de_beroepsgroep_wordt_zelf_aanmelden_wel_gevraagd(
    kb: Kennisbank, mini_vl: Vragenlijst, casusmap: Path, toetsenbord: Toetsenbord
) -> None:
    run = nieuwe_intake(kb, mini_vl, None, casusmap)
    gevraagd = Gevraagd(kb, mini_vl)
    with toetsenbord("Mini" + ENTER, kies(2), kies(2), kies(0), "6" + ENTER, ENTER):
        casus = run.voer_uit(gevraagd, overzicht)
    assert gevraagd.ids == ["naam", "initiatief", "deelname", "zelf_aangemeld", "groepsgrootte"]
    assert casus.antwoorden["zelf_aangemeld"] is True


def test_een_ongeldig_getal_wordt_opnieuw_gevraagd_tot_het_klopt(
    kb: Kennisbank, mini_vl: Vragenlijst, casusmap: Path, toetsenbord: Toetsenbord
) -> None:
    run = nieuwe_intake(kb, mini_vl, None, casusmap)
    getal = "0" + ENTER + WISSEN + "300" + ENTER + WISSEN * 3 + "7" + ENTER
    with toetsenbord("Mini" + ENTER, kies(0), kies(0), kies(0), getal, ENTER):
        casus = run.voer_uit(Gevraagd(kb, mini_vl), overzicht)
    assert casus.antwoorden["groepsgrootte"] == 7


def test_waarom_vragen_we_dit_toont_de_regels_en_vraagt_opnieuw(
    kb: Kennisbank,
    mini_vl: Vragenlijst,
    casusmap: Path,
    toetsenbord: Toetsenbord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    getoond: list[str] = []
    monkeypatch.setattr(prompts, "meld", lambda tekst="", zacht=False: getoond.append(tekst))
    run = nieuwe_intake(kb, mini_vl, None, casusmap)
    gevraagd = Gevraagd(kb, mini_vl)
    with toetsenbord(
        "Mini" + ENTER,
        kies(0),
        "?" + kies(0),  # the key "?" shows why, the question stays; then the first answer
        kies(0),
        "?" + ENTER,
        "6" + ENTER,
        ENTER,
    ):
        casus = run.voer_uit(gevraagd, overzicht)
    assert casus.antwoorden["deelname"] == "vrijwillig"
    assert gevraagd.ids.count("deelname") == 1  # shown inside the same question, not re-asked
    uitleg = "\n".join(getoond)
    assert "DWANG" in uitleg and "sleutelvoorwaarde Commitment" in uitleg
    assert "GROEP_TE_KLEIN" in uitleg  # the "?" typed at the number question


def test_ctrl_c_bewaart_alles_en_een_nieuwe_start_gaat_verder_bij_de_eerste_open_vraag(
    kb: Kennisbank, mini_vl: Vragenlijst, casusmap: Path, toetsenbord: Toetsenbord
) -> None:
    run = nieuwe_intake(kb, mini_vl, None, casusmap)
    with toetsenbord("Mini" + ENTER, kies(3), CTRL_C), pytest.raises(Afgebroken) as stop:
        run.voer_uit(Gevraagd(kb, mini_vl), overzicht)
    pad = casusmap / "mini.yaml"
    assert stop.value.exit_code == 130
    assert f"Voortgang is opgeslagen in {pad}" in stop.value.message
    assert f"advies intake {pad}" in stop.value.message
    bewaard = lees_casus(kb, pad)
    assert bewaard.meta.naam == "Mini" and bewaard.antwoorden == {}
    assert bewaard.meta.model_dump()["intake"]["onbekend"] == ["initiatief"]  # "weet ik niet" kept

    verder = nieuwe_intake(kb, mini_vl, pad, casusmap)
    gevraagd = Gevraagd(kb, mini_vl)
    with toetsenbord(kies(0), kies(0), "6" + ENTER, ENTER):
        casus = verder.voer_uit(gevraagd, overzicht)
    assert gevraagd.ids == ["deelname", "zelf_aangemeld", "groepsgrootte"]
    assert casus.antwoorden == {
        "deelname": "vrijwillig",
        "zelf_aangemeld": True,
        "groepsgrootte": 6,
    }


def test_zonder_naam_is_er_na_ctrl_c_niets_bewaard(
    kb: Kennisbank, mini_vl: Vragenlijst, casusmap: Path, toetsenbord: Toetsenbord
) -> None:
    run = nieuwe_intake(kb, mini_vl, None, casusmap)
    with toetsenbord(CTRL_C), pytest.raises(Afgebroken) as stop:
        run.voer_uit(Gevraagd(kb, mini_vl), overzicht)
    assert "nog niets opgeslagen" in stop.value.message
    assert not casusmap.exists() or not list(casusmap.iterdir())


def test_in_het_overzicht_een_antwoord_wijzigen_opent_de_tak_die_erbij_hoort(
    kb: Kennisbank, mini_vl: Vragenlijst, casusmap: Path, toetsenbord: Toetsenbord
) -> None:
    run = nieuwe_intake(kb, mini_vl, None, casusmap)
    gevraagd = Gevraagd(kb, mini_vl)
    eerst = ["Mini" + ENTER, kies(1), kies(2), "6" + ENTER]  # verplicht: zelf_aangemeld derived
    # the review: Klaar, then naam, initiatief, deelname; deelname's current choice is "Verplicht"
    wijzig = [kies(3), OMHOOG * 2 + ENTER, kies(0), ENTER]
    with toetsenbord(*eerst, *wijzig):
        casus = run.voer_uit(gevraagd, overzicht)
    assert gevraagd.ids == [
        "naam",
        "initiatief",
        "deelname",
        "groepsgrootte",
        "deelname",
        "zelf_aangemeld",
    ]
    assert casus.antwoorden["deelname"] == "vrijwillig"
    assert casus.antwoorden["zelf_aangemeld"] is True
    assert lees_casus(kb, casusmap / "mini.yaml").meta.model_dump()["intake"]["afgeleid"] == []


def toetsen_voor(vraag: Vraag, waarde: Any, kb: Kennisbank, eerder: dict[str, Any]) -> str:
    """The keys a coach presses: from where the pointer starts (which depends on the answers
    before) to the answer."""
    if vraag.type != "keuze":
        return f"{'' if waarde is None else waarde}{ENTER}"
    index = next(
        i
        for i, k in enumerate(vraag.keuzes)
        if (k.onbekend and waarde is None)
        or (not k.onbekend and k.waarde == waarde and type(k.waarde) is type(waarde))
    )
    start = begin_keuze(vraag, Stand(antwoorden=dict(eerder)), kb) or 0
    stap = OMLAAG if index >= start else OMHOOG
    return stap * abs(index - start) + ENTER


def vroeger(vl: Vragenlijst, vraag: Vraag) -> set[str]:
    """The facts the questions before this one fill."""
    plaats = vl.vragen.index(vraag)
    return {f for v in vl.vragen[:plaats] for f in v.vult}


def test_de_hele_intake_van_ilse_door_de_terminal_geeft_haar_casus(
    kb: Kennisbank, intake_vl: Vragenlijst, casusmap: Path, toetsenbord: Toetsenbord
) -> None:
    ilse = lees_casus(kb, ILSE)
    meta = ilse.meta.model_dump()
    toetsen = [
        toetsen_voor(
            v,
            meta.get(v.meta) if v.meta else ilse.antwoorden.get(str(v.feit)),
            kb,
            {f: w for f, w in ilse.antwoorden.items() if f in vroeger(intake_vl, v)},
        )
        for v in intake_vl.vragen
    ]
    pad = casusmap / "ilse.yaml"
    with toetsenbord(*toetsen, ENTER):
        casus = nieuwe_intake(kb, intake_vl, pad, casusmap).voer_uit(
            Gevraagd(kb, intake_vl), overzicht
        )
    assert casus.antwoorden == ilse.antwoorden
    assert lees_casus(kb, pad).meta.hulpvraag == " ".join(str(ilse.meta.hulpvraag).split())
    assert oct(pad.stat().st_mode & 0o777) == "0o600"
