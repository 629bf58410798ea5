"""The terminal: the ONLY module that imports questionary and prompt_toolkit.

One function per question type and the review screen. Ctrl-C raises KeyboardInterrupt (we use
`unsafe_ask`, so an interrupt is never mistaken for an empty answer); the caller saves and exits.
Imported only when a questionnaire is really asked, so other commands do not pay for it.
"""

from __future__ import annotations

import shutil
import signal
import textwrap
from collections.abc import Callable
from types import FrameType
from typing import Any, Literal

import questionary
from prompt_toolkit.application import run_in_terminal
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys
from questionary import Choice, Separator, Style

from advies.case.talk import Notitie
from advies.case.visible_text import zichtbaar
from advies.questionnaires.answers import (
    antwoord_uit_keuze,
    antwoord_uit_tekst,
    notitie_uit_invoer,
    onbekend_tekst,
)
from advies.questionnaires.flow import TERUG_TEKEN, WAAROM
from advies.questionnaires.model import Vraag
from advies.questionnaires.state import TERUG, Antwoord

_TERUG_KEUZE = "terug"
_GETOOND: set[str] = set()
_KLAAR = -1
_PIJLTJES = "(pijltjes en Enter)"
_GEEN_REDEN = "Dit gegeven komt in het casusbestand; geen regel leest het."
# readable without colour too: the pointer and the answer carry the meaning, colour only helps
STIJL = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("answer", "fg:ansigreen bold"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
        ("instruction", "fg:ansibrightblack"),
    ]
)


def meld(tekst: str = "", *, zacht: bool = False) -> None:
    """Print between questions, wrapped to the terminal (through prompt_toolkit, so tests can
    swallow it). A line starting with "- " keeps its continuation lines under its text."""
    breedte = max(40, min(shutil.get_terminal_size().columns, 100) - 1)
    regels = []
    for regel in zichtbaar(tekst).splitlines() or [""]:
        inspringen = regel[: len(regel) - len(regel.lstrip())]
        vervolg = inspringen + ("  " if regel.lstrip().startswith("- ") else "")
        regels += textwrap.wrap(
            regel, breedte, subsequent_indent=vervolg, break_on_hyphens=False
        ) or [""]
    questionary.print("\n".join(regels), style="fg:ansibrightblack" if zacht else "")


def stel_vraag(
    vraag: Vraag,
    *,
    voortgang: tuple[int, int] | None,
    waarom: Callable[[], str],
    huidige_keuze: int | None = None,
    huidige_tekst: str = "",
) -> Antwoord:
    """Ask until the answer is valid. `?` shows why we ask (at a choice: at once, above the
    question; at a text: typed, then Enter); `←` or `<` goes back (state.TERUG)."""
    kop = f"[{voortgang[0]}/{voortgang[1]}]" if voortgang else "?"
    if vraag.help:
        meld(vraag.help, zacht=True)

    def reden() -> str:
        return "Waarom vragen we dit?\n" + (waarom() or _GEEN_REDEN)

    while True:
        antwoord: Antwoord | None
        if vraag.type == "keuze":
            antwoord = _keuzevraag(vraag, kop, huidige_keuze, reden)
        else:
            antwoord = _tekstvraag(vraag, kop, huidige_tekst)
        if antwoord is not None:
            if antwoord.terug:
                waarheen = "de vorige vraag" if voortgang else "het overzicht"
                meld(f"  (terug naar {waarheen})", zacht=True)
            return antwoord
        _toon_reden(reden())


def _toon_reden(tekst: str) -> None:
    kop, _, rest = tekst.partition("\n")
    meld(kop)
    meld(rest, zacht=True)


def _keuzevraag(vraag: Vraag, kop: str, huidig: int | None, reden: Callable[[], str]) -> Antwoord:
    if "toetsen" not in _GETOOND:  # once per run is enough
        meld(
            "Kies met de pijltjes en Enter; ? toont waarom we het vragen, ← de vorige vraag.",
            zacht=True,
        )
        _GETOOND.add("toetsen")
    keuzes = [Choice(k.tekst, value=i) for i, k in enumerate(vraag.keuzes)]
    vraagscherm = questionary.select(
        vraag.tekst,
        choices=keuzes,
        default=keuzes[huidig] if huidig is not None else None,
        qmark=kop,
        style=STIJL,
        instruction="(? waarom, ← terug)",
    )
    toetsen = vraagscherm.application.key_bindings  # questionary's own: ours are added to them
    assert isinstance(toetsen, KeyBindings)

    @toetsen.add("?", eager=True)
    def _waarom(event: Any) -> None:
        # printed above the question, which stays where it is with the pointer where it was
        run_in_terminal(lambda: _toon_reden(reden()))

    @toetsen.add(Keys.Left, eager=True)
    @toetsen.add(TERUG_TEKEN, eager=True)
    def _terug(event: Any) -> None:
        event.app.exit(result=_TERUG_KEUZE)

    gekozen = _vraag(vraagscherm)
    if gekozen == _TERUG_KEUZE:
        return TERUG
    return antwoord_uit_keuze(vraag, gekozen)


def _tekstvraag(vraag: Vraag, kop: str, huidig: str) -> Antwoord | None:
    def valideer(tekst: str) -> bool | str:
        if tekst.strip() in (WAAROM, TERUG_TEKEN):
            return True
        uitkomst = antwoord_uit_tekst(vraag, tekst)
        return uitkomst if isinstance(uitkomst, str) else True

    # the hint goes above the question: questionary keeps an instruction next to the answer
    if vraag.type == "getal":
        hint = f"Een getal van {vraag.validatie.min} tot en met {vraag.validatie.max}. "
    else:
        hint = ""
    # how to answer "weet ik niet" and how to ask why: once per run is enough
    if "leeg" not in _GETOOND and not vraag.validatie.verplicht:
        hint += "Leeg laten mag. " if vraag.gesprek else "Leeg laten = weet ik niet. "
        _GETOOND.add("leeg")
    if "waarom" not in _GETOOND:
        hint += f"Typ ? voor: waarom vragen we dit? Typ {TERUG_TEKEN} voor de vorige vraag."
        _GETOOND.add("waarom")
    if hint:
        meld(hint, zacht=True)
    tekst = _vraag(
        questionary.text(vraag.tekst, default=huidig, validate=valideer, qmark=kop, style=STIJL)
    )
    if tekst.strip() == TERUG_TEKEN:
        return TERUG
    if not tekst.strip():
        meld(f"  ({onbekend_tekst(vraag).strip('()').lower()})", zacht=True)
    if tekst.strip() == WAAROM:
        return None
    uitkomst = antwoord_uit_tekst(vraag, tekst)
    assert not isinstance(uitkomst, str)  # the validator let only valid input through
    return uitkomst


def _vraag(vraag: questionary.Question) -> Any:
    """Ask one question; a Ctrl-C at any moment of it ends it with KeyboardInterrupt.

    At the prompt, Ctrl-C is a key (the terminal is in raw mode) and questionary raises
    KeyboardInterrupt for it. A SIGINT that arrives otherwise (while the prompt is set up or taken
    down, or from `kill -INT`) is not left to prompt_toolkit's own handler, which ignores one that
    comes as the prompt finishes: it is noted, ends a running prompt, and is raised once the
    prompt is over.
    """
    ontvangen = False
    app: Any = None

    def noteer(signum: int, frame: FrameType | None) -> None:
        nonlocal ontvangen
        ontvangen = True
        lus = getattr(app, "loop", None)
        if app is not None and app.is_running and lus is not None:
            lus.call_soon_threadsafe(_stop, app)

    try:
        vorige = signal.signal(signal.SIGINT, noteer)
    except ValueError:  # not the main thread: prompt_toolkit's own handling
        return vraag.unsafe_ask()

    def bij_start() -> None:  # one that came before the prompt ran ends it at once
        if ontvangen:
            _stop(app)

    try:
        app = vraag.application
        antwoord = app.run(handle_sigint=False, pre_run=bij_start)
    finally:
        signal.signal(signal.SIGINT, vorige)
    if ontvangen:
        raise KeyboardInterrupt
    return antwoord


def _stop(app: Any) -> None:
    if app.is_running and not app.future.done():
        app.exit(exception=KeyboardInterrupt, style="class:aborting")


def kies_in_overzicht(rijen: list[tuple[str, str]], *, titel: str, klaar: str) -> int | None:
    """The review screen: every answer as a row; pick one to change it, or `klaar` to finish.

    Returns the index of the row to change, or None when the user is done.
    """
    breedte = min(34, max((len(label) for label, _ in rijen), default=0))
    keuzes: list[Choice | Separator] = [Choice(klaar, value=_KLAAR), Separator(" ")]
    keuzes += [
        Choice(f"{_kort(zichtbaar(label), breedte):<{breedte}}  {_kort(zichtbaar(tekst))}", value=i)
        for i, (label, tekst) in enumerate(rijen)
    ]
    gekozen = _vraag(
        questionary.select(
            titel,
            choices=keuzes,
            qmark="✔",
            style=STIJL,
            instruction="(kies een antwoord om het te wijzigen)",
        )
    )
    return None if gekozen == _KLAAR else int(gekozen)


def rijactie(label: str, huidig: Notitie | None) -> Notitie | Literal["wijzig"] | None:
    """What to do with an answer picked in the review: change it, or write a note on it (for the
    coach's version; for the client's letter too when the coach says so)."""
    keuze = kies_uit(label, ["Antwoord wijzigen", "Notitie schrijven of wijzigen"])
    if keuze is None:
        return None
    if keuze == 0:
        return "wijzig"
    tekst = _vraag(
        questionary.text(
            "Notitie (alleen voor u, tenzij u hierna kiest dat de opdrachtgever haar ook leest):",
            default=huidig.tekst if huidig else "",
            validate=_notitie_klopt,
            qmark="✎",
            style=STIJL,
        )
    )
    if not tekst.strip():
        return None
    # a choice in words, not questionary.confirm: that one answers in English ("(y/N)", "Yes")
    # and does not take the "j" a Dutch user types
    alleen_voor_mij = Choice("Nee, alleen voor mij", value=False)
    ook_in_brief = Choice("Ja, ook in de brief", value=True)
    voor_klant = _vraag(
        questionary.select(
            "Ook in de brief aan de opdrachtgever?",
            choices=[alleen_voor_mij, ook_in_brief],
            default=ook_in_brief if huidig and huidig.voor_klant else alleen_voor_mij,
            qmark="✎",
            style=STIJL,
            instruction=_PIJLTJES,
        )
    )
    notitie = notitie_uit_invoer(tekst, bool(voor_klant))
    return notitie if isinstance(notitie, Notitie) else None


def kies_uit(titel: str, opties: list[str]) -> int | None:
    """A small menu; None when the user goes back (Esc is not a key questionary knows: the last
    option is "Terug")."""
    gekozen = _vraag(
        questionary.select(
            titel,
            choices=[Choice(o, value=i) for i, o in enumerate(opties)]
            + [Choice("Terug", value=-1)],
            qmark="✔",
            style=STIJL,
            instruction=_PIJLTJES,  # questionary's own is English: "(Use arrow keys)"
        )
    )
    return None if gekozen == -1 else int(gekozen)


def kies_bij_tegenspraak(tekst: str, rijen: list[tuple[str, str]]) -> int | None:
    """Two answers that do not fit together: the gentle question, then "it is right" or the answer
    to change. Returns the index of the row to change, or None when it is right as it is."""
    meld("")
    meld(tekst)
    keuzes = [Choice("Het klopt zo; ga verder", value=_KLAAR)]
    keuzes += [
        Choice(f"Wijzig: {label} ({_kort(antwoord, 40)})", value=i)
        for i, (label, antwoord) in enumerate(rijen)
    ]
    gekozen = _vraag(
        questionary.select(
            "Wat wilt u doen?",
            choices=keuzes,
            qmark="!",
            style=STIJL,
            instruction=_PIJLTJES,
        )
    )
    return None if gekozen == _KLAAR else int(gekozen)


def _kort(tekst: str, lengte: int = 60) -> str:
    """One line per answer on the review screen; a long answer (the request) is shortened."""
    tekst = " ".join(tekst.split())
    if len(tekst) <= lengte:
        return tekst
    deel = tekst[: lengte - 1]
    if tekst[lengte - 1] != " " and " " in deel:  # not in the middle of a word
        deel = deel.rsplit(" ", 1)[0]
    return deel.rstrip(" ,;:") + "…"


def _notitie_klopt(tekst: str) -> bool | str:
    """The terminal checks a note as the browser does (answers.notitie_uit_invoer)."""
    uitkomst = notitie_uit_invoer(tekst, False)
    return uitkomst if isinstance(uitkomst, str) else True
