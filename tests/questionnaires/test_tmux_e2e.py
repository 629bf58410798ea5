"""End to end in a real terminal (tmux): the coach answers, breaks off with Ctrl-C, resumes,
changes an answer in the review and gets the verdict. The test reads the screen as a user would:
it finds the question on screen and answers it with the facts of Ilse's case, moving the pointer
key by key and waiting after each key for the screen to show its effect: no step depends on how
fast the machine is."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from advies.case.files import lees_casus
from advies.knowledge.model import Kennisbank
from advies.questionnaires.model import Vraag, Vragenlijst

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(
    TMUX is None, reason="tmux is niet geïnstalleerd; de e2e-test draait in tmux"
)
ADVIES = Path(sys.executable).parent / "advies"
ILSE = Path(__file__).parents[2] / "voorbeelden" / "ilse-coordinatoren.yaml"


WACHTTIJD = 90.0  # the bound on every wait; under load a cold start takes seconds, never this


class Scherm:
    """A tmux server of this test's own (-L, a socket no other test or user shares, no tmux.conf).

    Every start is a new session on it; nothing is killed until the test ends, so no session is
    ever started while another one is being torn down. Every step waits for what it expects to
    see (a bounded wait that returns as soon as it is there), never for a fixed time.
    """

    def __init__(self, socket: str):
        self.socket = socket
        self.sessie = ""
        self.aantal = 0

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(TMUX), "-f", "/dev/null", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=30,
        )

    def start(self, commando: str, omgeving: dict[str, str]) -> None:
        self.aantal += 1
        self.sessie = f"e2e-{self.aantal}"
        env = " ".join(f"{k}={shlex.quote(v)}" for k, v in omgeving.items())
        # the shell stays after the command, so its last screen and exit code can be read
        uit = self.tmux(
            "new-session",
            "-d",
            "-s",
            self.sessie,
            "-x",
            "120",
            "-y",
            "50",
            f"env {env} {commando}; echo EINDE=$?; exec sleep 3600",
        )
        assert uit.returncode == 0, f"tmux start niet: {uit.stderr}"

    def tekst(self) -> str:
        """The whole pane, with what scrolled off the top: nothing is missed on a busy screen."""
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", self.sessie).stdout

    def wacht_tot(self, gelukt: Callable[[str], bool], wat: str) -> str:
        einde = time.monotonic() + WACHTTIJD
        while True:
            scherm = self.tekst()
            if gelukt(scherm):
                return scherm
            if time.monotonic() > einde:
                raise AssertionError(f"niet op het scherm: {wat}\n--- scherm ---\n{scherm}")
            time.sleep(0.05)

    def wacht_op(self, patroon: str) -> str:
        return self.wacht_tot(lambda scherm: re.search(patroon, scherm) is not None, repr(patroon))

    def toets(self, *toetsen: str) -> None:
        uit = self.tmux("send-keys", "-t", self.sessie, *toetsen)
        assert uit.returncode == 0, f"tmux send-keys: {uit.stderr}"


@pytest.fixture
def scherm() -> Iterator[Scherm]:
    s = Scherm(f"advies-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    yield s
    s.tmux("kill-server")


def aanwijzer(scherm: str) -> str:
    """The line the pointer (») is on in the list being asked, or "" while there is none."""
    regels = [r.rstrip() for r in scherm.splitlines() if r.startswith(" » ")]
    return regels[-1][3:] if regels else ""


def kies_regel(s: Scherm, past: Callable[[str], bool], toets: str, wat: str) -> None:
    """Move the pointer with the arrow keys, one key at a time, each time waiting until the
    pointer has moved, until it is on the line wanted; then Enter."""
    for _ in range(60):
        nu = aanwijzer(s.wacht_tot(lambda scherm: aanwijzer(scherm) != "", "een keuzelijst"))
        if past(nu):
            s.toets("Enter")
            return
        s.toets(toets)
        s.wacht_tot(lambda scherm, nu=nu: aanwijzer(scherm) not in ("", nu), "de aanwijzer gaat")
    raise AssertionError(f"{wat} niet te kiezen\n{s.tekst()}")


def vraag_op_scherm(vl: Vragenlijst, scherm: str, nummer: int) -> Vraag:
    regel = next(r for r in scherm.splitlines() if r.startswith(f"[{nummer}/"))
    return next(v for v in vl.vragen if v.tekst in regel)


def kies_antwoord(s: Scherm, vraag: Vraag, waarde: Any) -> None:
    """Type the answer, or pick it as a user does: arrows until the pointer is on it."""
    if vraag.type != "keuze":
        s.toets(str(waarde) if waarde is not None else "", "Enter")
        return
    keuze = next(
        k
        for k in vraag.keuzes
        if (k.onbekend and waarde is None)
        or (not k.onbekend and k.waarde == waarde and type(k.waarde) is type(waarde))
    )
    kies_regel(s, lambda regel: regel == keuze.tekst, "Down", repr(keuze.tekst))


def beantwoord(
    s: Scherm, vl: Vragenlijst, waarden: dict[str, Any], van: int, tot: int | None
) -> int:
    """Answer the questions numbered `van` on, until `tot` or the review screen; returns the next
    number. Each answer waits for the next question, as a user waits for the screen."""
    nummer = van
    while tot is None or nummer < tot:
        scherm = s.wacht_op(rf"(?m)^\[{nummer}/|Overzicht: klopt alles\?")
        if not re.search(rf"(?m)^\[{nummer}/", scherm):
            break
        vraag = vraag_op_scherm(vl, scherm, nummer)
        kies_antwoord(s, vraag, waarden.get(vraag.id))
        nummer += 1
    return nummer


def test_intake_in_tmux_afbreken_hervatten_wijzigen_en_oordeel(
    kb: Kennisbank, intake_vl: Vragenlijst, scherm: Scherm, casusmap: Path
) -> None:
    ilse = lees_casus(kb, ILSE)
    meta = ilse.meta.model_dump()
    waarden: dict[str, Any] = {
        v.id: meta.get(v.meta) if v.meta else ilse.antwoorden.get(str(v.feit))
        for v in intake_vl.vragen
    }
    waarden["hulpvraag"] = "Ze zijn weinig reflectief; intervisie moet helpen."
    waarden["leervraag"] = (
        None  # the client does not know yet: "Weet ik niet", changed in the review
    )
    omgeving = {
        "ADVIES_MAP": str(casusmap),
        "ADVIES_CACHE": os.environ.get("ADVIES_CACHE", ""),
        "NO_COLOR": "1",
    }

    scherm.start(f"{ADVIES} intake", omgeving)
    scherm.wacht_op("Intake met de opdrachtgever")
    volgende = beantwoord(scherm, intake_vl, waarden, 1, 10)
    scherm.wacht_op(rf"(?m)^\[{volgende}/")
    scherm.toets("C-c")
    tekst = scherm.wacht_op("EINDE=130")
    assert "Voortgang is opgeslagen in" in tekst and "Traceback" not in tekst
    pad = Path(re.search(r"Ga verder met: advies intake (\S+)", tekst).group(1))  # type: ignore[union-attr]
    assert pad == casusmap / "coordinatoren-zorgdistricten.yaml"
    bewaard = lees_casus(kb, pad)  # five descriptive answers, three facts and one "weet ik niet"
    assert list(bewaard.antwoorden) == ["initiatief", "werkproblemen", "casustype"]
    assert bewaard.meta.model_dump()["intake"]["onbekend"] == ["leervraag"]

    scherm.start(f"{ADVIES} intake {pad}", omgeving)
    scherm.wacht_op(
        r"Verder met de intake van Coördinatoren zorgdistricten \(9 vragen beantwoord\)"
    )
    beantwoord(scherm, intake_vl, waarden, 10, None)
    tekst = scherm.wacht_op(r"Overzicht: klopt alles\?")
    assert re.search(r"Leervraag\s+Weet ik niet", tekst)
    kies_regel(scherm, lambda regel: regel.startswith("Leervraag "), "Down", "Leervraag")
    scherm.wacht_op(r"Antwoord wijzigen")  # what to do with it: change it, or write a note
    scherm.toets("Enter")
    scherm.wacht_op(r"\? Wat wil de groep eigenlijk leren\?")
    kies_regel(
        scherm,
        lambda regel: regel.startswith("Reflecteren op het eigen handelen"),
        "Up",
        "Reflecteren",
    )
    tekst = scherm.wacht_op(r"Leervraag\s+Reflecteren op het eigen handelen")
    scherm.toets("Enter")  # the pointer is back on "Klaar"
    tekst = scherm.wacht_op("EINDE=0")
    assert "Oordeel: GO ONDER VOORWAARDEN; voorwaarden: Steun voor zelfstandig leren" in tekst
    assert f"Schriftelijk advies: advies rapport {pad}" in tekst
    assert lees_casus(kb, pad).antwoorden == ilse.antwoorden


def test_gesprek_in_tmux_afbreken_hervatten_en_overzicht(
    kb: Kennisbank, tmp_path: Path, scherm: Scherm
) -> None:
    """The talk: decide the first condition, break off, resume where it stopped, go through the
    rest with the default answers, check the review and finish."""
    pad = tmp_path / "ilse.yaml"
    shutil.copy(ILSE, pad)
    omgeving = {"ADVIES_CACHE": str(tmp_path / "cache"), "COLUMNS": "120"}
    scherm.start(f"{ADVIES} gesprek {pad}", omgeving)
    scherm.wacht_op(r"Voorwaarde: Steun voor zelfstandig leren\. Wat heeft")
    scherm.toets("Enter")  # Toegezegd
    scherm.wacht_op(r"Notitie bij deze voorwaarde")
    scherm.toets("In januari", "Enter")
    scherm.wacht_op(r"Voorwaarde: Vertrouwelijkheid vooraf vastleggen\. Wat heeft")
    scherm.toets("C-c")
    tekst = scherm.wacht_op("EINDE=130")
    assert f"Ga verder met: advies gesprek {pad}" in tekst
    bewaard = lees_casus(kb, pad)
    assert bewaard.gesprek is not None
    besluit = bewaard.gesprek.voorwaarden["GESLOTEN_LEERKLIMAAT"]
    assert (besluit.besluit, besluit.notitie) == ("akkoord", "In januari")

    scherm.start(f"{ADVIES} gesprek {pad}", omgeving)
    tekst = scherm.wacht_op(r"Voorwaarde: Vertrouwelijkheid vooraf vastleggen\. Wat heeft")
    nummer = int(re.findall(r"(?m)^\[(\d+)/", tekst)[-1])
    while "Overzicht van het gesprek" not in tekst:  # every further question: its default
        scherm.toets("Enter")
        nummer += 1
        tekst = scherm.wacht_op(rf"(?m)^\[{nummer}/|Overzicht van het gesprek: klopt alles\?")
    assert re.search(r"Steun voor zelfstandig leren.*\s+Toegezegd", tekst)
    scherm.toets("Enter")  # Klaar
    tekst = scherm.wacht_op("EINDE=0")
    assert f"Bevestiging van het gesprek: advies rapport {pad}" in tekst
    assert lees_casus(kb, pad).vastgelegd.gesprek is not None
