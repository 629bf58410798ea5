"""What the terminal shows around a question is Dutch too: questionary's own English hints
("(Use arrow keys)", "(y/N)", "Yes"/"No") never reach the coach (user test: the note in the review
asked "Ook in de brief aan de opdrachtgever? (y/N)" and answered "No")."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from advies.case.talk import Notitie
from advies.knowledge.model import Kennisbank
from advies.questionnaires import prompts
from advies.questionnaires.talk import Gespreksronde

ENTER = "\r"
ILSE = Path(__file__).parents[2] / "voorbeelden" / "ilse-coordinatoren.yaml"
OMLAAG = "\x1b[B"
ENGELS = re.compile(r"Use arrow keys|\(y/N\)|\(Y/n\)|\bYes\b|\bNo\b")


def _op_het_scherm(*toetsen: str, vraag: Callable[[], object]) -> tuple[object, str]:
    scherm = io.StringIO()
    uitvoer = Vt100_Output(scherm, lambda: Size(rows=40, columns=120), term="xterm")
    with create_pipe_input() as invoer, create_app_session(input=invoer, output=uitvoer):
        invoer.send_text("".join(toetsen))
        invoer.close()
        uitkomst = vraag()
    return uitkomst, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", scherm.getvalue())


def test_een_notitie_ook_voor_de_brief_kiezen_gaat_in_het_nederlands() -> None:
    uitkomst, tekst = _op_het_scherm(
        OMLAAG + ENTER,  # "Notitie schrijven of wijzigen"
        "Karin wil verslag" + ENTER,
        OMLAAG + ENTER,  # "Ja, ook in de brief"
        vraag=lambda: prompts.rijactie("Vertrouwelijkheid", None),
    )
    assert uitkomst == Notitie(tekst="Karin wil verslag", voor_klant=True)
    assert "Ja, ook in de brief" in tekst
    assert ENGELS.search(tekst) is None, ENGELS.search(tekst)


def test_een_notitie_blijft_standaard_alleen_voor_de_coach() -> None:
    uitkomst, tekst = _op_het_scherm(
        OMLAAG + ENTER,
        "alleen voor mij" + ENTER,
        ENTER,
        vraag=lambda: prompts.rijactie("Vertrouwelijkheid", None),
    )
    assert uitkomst == Notitie(tekst="alleen voor mij", voor_klant=False)
    assert ENGELS.search(tekst) is None, ENGELS.search(tekst)


def test_een_notitie_voor_de_brief_houdt_die_keuze_als_standaard() -> None:
    huidig = Notitie(tekst="oud", voor_klant=True)
    uitkomst, _ = _op_het_scherm(
        OMLAAG + ENTER, ENTER, ENTER, vraag=lambda: prompts.rijactie("X", huidig)
    )
    assert uitkomst == Notitie(tekst="oud", voor_klant=True)


def test_het_overzicht_van_het_gesprek_noemt_een_lege_keuze_in_haar_eigen_woorden(
    kb: Kennisbank, tmp_path: Path
) -> None:
    """ "Nee, ik onderschrijf het advies" stood as "Weet ik niet" in the talk's review, and an
    empty note ("leeg laten mag") as if the coach did not know it. The advice it subscribes to
    is named (user test: the question was answered blind)."""
    pad = tmp_path / "ilse.yaml"
    shutil.copy(ILSE, pad)
    ronde = Gespreksronde(kb, pad, houd_ctrl_c=False)
    ronde.sluit()
    code = next(v.gesprek for v in ronde.vl.vragen if v.gesprek and v.gesprek.endswith(".notitie"))
    assert code is not None
    ronde.stand.onbekend |= {"oordeel_coach.verdict", code, "afspraken.informeert_groep"}
    rijen = {
        v.id: antwoord for v, _, antwoord in ronde.rijen() if v.sleutel in ronde.stand.onbekend
    }
    assert rijen["oordeel"] == "Nee, ik onderschrijf het advies (go onder voorwaarden)"
    assert rijen["informeert_groep"] == "Niet nodig of nog niet afgesproken"
    assert [t for i, t in rijen.items() if i.startswith("notitie.")] == ["(leeg)"]


def test_een_lang_label_in_het_overzicht_wordt_bij_een_woord_afgebroken() -> None:
    """User test: "Notitie bij Groepen van vijf tot a" on the talk's review screen."""
    label = "Notitie bij Groepen van vijf tot acht deelnemers"
    _, tekst = _op_het_scherm(
        ENTER,
        vraag=lambda: prompts.kies_in_overzicht(
            [(label, "De directeur opent zelf.")], titel="Overzicht", klaar="Klaar"
        ),
    )
    rij = next(r for r in tekst.splitlines() if "De directeur opent zelf." in r)
    afgekort = rij.split("…")[0].split("Notitie", 1)[1]
    assert "…" in rij
    assert label.startswith(f"Notitie{afgekort} ")  # ends on a whole word


def test_the_terminal_checks_a_note_as_the_browser_does() -> None:
    """Too long or with a control character: said in Dutch, never cut or stored silently."""
    from advies.questionnaires.answers import NOTITIE_MAX, STUURTEKEN_MELDING
    from advies.questionnaires.prompts import _notitie_klopt

    assert _notitie_klopt("Karin stapt uit de groep.") is True
    assert _notitie_klopt("a\x1bb") == STUURTEKEN_MELDING
    assert f"hooguit {NOTITIE_MAX} tekens" in str(_notitie_klopt("x" * (NOTITIE_MAX + 1)))
