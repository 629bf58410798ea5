"""Running a questionnaire: at a terminal, or from an answers file (the non-interactive twin).

Both go through the same flow (`flow.doorloop`): the answers file fills the case first, then
every question the flow still asks is answered "weet ik niet", exactly as a resumed intake would
skip what is known and ask the rest.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from advies.case.files import lees_casus, lees_casus_json
from advies.case.input_files import lees_tekstbestand
from advies.case.model import Casus
from advies.errors import AdviesError, InvoerFout
from advies.knowledge.model import Kennisbank
from advies.questionnaires.answers import antwoord_uit_tekst, huidige_tekst
from advies.questionnaires.flow import Beantwoorder, begin_keuze, nodige_feiten
from advies.questionnaires.model import Vraag, Vragenlijst, controleer_antwoord, waarom
from advies.questionnaires.state import ONBEKEND, Antwoord, Stand


class GeenTerminal(AdviesError):
    """Asked to run a questionnaire interactively where nobody can answer."""


def vereis_terminal(commando: str) -> None:
    """Refuse at once, rather than hang or crash, when stdin or stdout is not a terminal."""

    def is_tty(stroom: Any) -> bool:
        try:
            return bool(stroom is not None and not stroom.closed and stroom.isatty())
        except (ValueError, OSError):
            return False

    if not (is_tty(sys.stdin) and is_tty(sys.stdout)):
        raise GeenTerminal(
            f"'advies {commando}' stelt vragen en heeft een terminal nodig, maar de invoer of "
            "uitvoer is geen terminal (een pipe, een bestand of gesloten). Geef de antwoorden "
            f"mee in een bestand: advies {commando} --antwoorden ANTWOORDEN.yaml (YAML of JSON "
            "met 'antwoorden', of een volledig casusbestand)"
        )


def lees_antwoorden(kb: Kennisbank, vl: Vragenlijst, pad: Path) -> Casus:
    """An answers file: YAML or JSON with `antwoorden` (and `meta`), or a whole case file.

    Values are checked as in a case file (same messages), then against the questionnaire's own
    validation (its number ranges and the choices it offers).
    """
    if pad.suffix.lower() == ".json":
        # the nesting, size and JSON checks of a case in JSON (case.files)
        casus = lees_casus_json(kb, lees_tekstbestand(pad, soort="antwoordenbestand"), str(pad))
    else:
        casus = lees_casus(kb, pad)
    for feit, waarde in casus.antwoorden.items():
        controleer_antwoord(kb, vl, feit, waarde, bestand=str(pad))
    _controleer_teksten(vl, casus, str(pad))
    return casus


def _controleer_teksten(vl: Vragenlijst, casus: Casus, bestand: str) -> None:
    """The descriptive answers get the checks the terminal gives them (length, required)."""
    meta = casus.meta.model_dump(exclude_none=True)
    for vraag in vl.vragen:
        if vraag.meta is None or vraag.meta not in meta:
            continue
        tekst = str(meta[vraag.meta])
        grens = vraag.validatie.max_lengte
        if grens is not None and len(tekst.strip()) > grens:
            raise InvoerFout(
                f"'meta.{vraag.meta}' is {len(tekst.strip())} tekens lang; de {vl.naam} staat "
                f"hooguit {grens} tekens toe",
                bestand=bestand,
            )
        uitkomst = antwoord_uit_tekst(vraag, tekst)
        if isinstance(uitkomst, str):
            raise InvoerFout(f"'meta.{vraag.meta}': {uitkomst}", bestand=bestand)


def stand_uit_casus(casus: Casus, sectie: str) -> Stand:
    """The state of a questionnaire from a case file; its bookkeeping lives in `meta.<sectie>`."""
    meta = casus.meta.model_dump(mode="json", exclude_none=True)
    boek = meta.pop(sectie, None) or {}
    if not isinstance(boek, dict):
        boek = {}
    antwoorden = dict(casus.antwoorden)
    return Stand(
        antwoorden=antwoorden,
        meta=meta,
        onbekend={str(s) for s in boek.get("onbekend") or []},
        afgeleid={str(f) for f in boek.get("afgeleid") or [] if f in antwoorden},
        bevestigd={str(c) for c in boek.get("bevestigd") or []},
    )


def casus_uit_stand(basis: Casus, stand: Stand, sectie: str, **extra: Any) -> Casus:
    """The case file to save: the answers, the descriptive data and the bookkeeping in meta."""
    boek: dict[str, Any] = {
        "onbekend": sorted(stand.onbekend),
        "afgeleid": sorted(stand.afgeleid),
        **({"bevestigd": sorted(stand.bevestigd)} if stand.bevestigd else {}),
        **extra,
    }
    meta = {**{k: v for k, v in stand.meta.items() if k != sectie}, sectie: boek}
    return basis.model_copy(
        update={"meta": basis.meta.model_validate(meta), "antwoorden": dict(stand.antwoorden)}
    )


def vul_aan(stand: Stand, casus: Casus) -> None:
    """Answers given in a file count as answered, also where "weet ik niet" was said before."""
    for feit, waarde in casus.antwoorden.items():
        stand.antwoorden[feit] = waarde
        stand.onbekend.discard(feit)
        stand.afgeleid.discard(feit)
    for veld, waarde in casus.meta.model_dump(mode="json", exclude_none=True).items():
        if veld not in ("intake", "zelfcheck"):
            stand.meta[veld] = waarde
            stand.onbekend.discard(veld)


def bestand_beantwoorder(bestand: str) -> Beantwoorder:
    """The twin: what the file did not answer is unknown; a required field is an error."""

    def beantwoord(vraag: Vraag, stand: Stand, voortgang: tuple[int, int] | None) -> Antwoord:
        if vraag.validatie.verplicht:
            raise InvoerFout(
                f"'{vraag.meta or vraag.id}' ontbreekt; deze vraag is verplicht ({vraag.tekst})",
                bestand=bestand,
            )
        return ONBEKEND

    return beantwoord


def terminal_beantwoorder(kb: Kennisbank, vl: Vragenlijst) -> Beantwoorder:
    from advies.questionnaires import prompts

    def beantwoord(vraag: Vraag, stand: Stand, voortgang: tuple[int, int] | None) -> Antwoord:
        return prompts.stel_vraag(
            vraag,
            voortgang=voortgang,
            waarom=lambda: waarom(vraag, kb, nog_van_belang(kb, vraag, stand), vl.publiek),
            huidige_keuze=begin_keuze(vraag, stand, kb) if vraag.keuzes else None,
            huidige_tekst=huidige_tekst(vraag, stand),
        )

    return beantwoord


def nog_van_belang(kb: Kennisbank, vraag: Vraag, stand: Stand) -> list[str]:
    """Rules that still need this question's facts, as if it were not answered yet."""
    zonder = {f: w for f, w in stand.antwoorden.items() if f not in vraag.vult}
    nodig = nodige_feiten(kb, zonder)
    return [r for f in vraag.vult for r in nodig.get(f, [])]


@contextlib.contextmanager
def ononderbroken() -> Iterator[None]:
    """Hold a Ctrl-C until the block is done, so a save is never cut in half."""
    ontvangen: list[int] = []

    def onthoud(signum: int, frame: FrameType | None) -> None:
        ontvangen.append(signum)

    try:
        oud = signal.signal(signal.SIGINT, onthoud)
    except ValueError:  # not the main thread: nothing to hold
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, oud)
        if ontvangen:
            raise KeyboardInterrupt
