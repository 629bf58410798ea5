"""One question as a page shows it, for the intake and the self-check alike: what the template
lays out, taken from the questionnaire and the flow (nothing decided here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from advies.knowledge.model import Kennisbank
from advies.questionnaires.answering import nog_van_belang
from advies.questionnaires.answers import huidige_keuze, huidige_tekst
from advies.questionnaires.flow import begin_keuze
from advies.questionnaires.model import Vraag, Vragenlijst, Waarom, waarom_delen
from advies.questionnaires.state import Stand

LANGE_TEKST = 200  # a text question allowing more than this gets a text area


@dataclass(frozen=True)
class KeuzeVeld:
    waarde: str
    tekst: str
    gekozen: bool
    focus: bool  # where the keyboard starts: the chosen answer, else as the terminal's pointer


@dataclass(frozen=True)
class Vraagveld:
    id: str
    soort: str  # keuze, getal, tekst, lange_tekst
    tekst: str
    help: str
    waarom: Waarom
    keuzes: tuple[KeuzeVeld, ...] = ()
    waarde: str = ""
    min: int | None = None
    max: int | None = None
    max_lengte: int | None = None
    verplicht: bool = False
    hint: str = ""  # how to answer a typed question
    fout: str | None = None
    nummer: int | None = None
    totaal: int | None = None
    verborgen: dict[str, str] = field(default_factory=dict)  # the answers a form carries along


def vraagveld(
    kb: Kennisbank,
    vl: Vragenlijst,
    vraag: Vraag,
    stand: Stand,
    *,
    voortgang: tuple[int, int] | None,
    fout: str | None = None,
    invoer: str | None = None,
    verborgen: dict[str, str] | None = None,
) -> Vraagveld:
    """The question with its current answer chosen (or what was just typed, after an error)."""
    v = vraag.validatie
    gekozen = huidige_keuze(vraag, stand) if vraag.keuzes else None
    # where the keyboard starts: where the terminal's pointer starts (the answer known now; else
    # never on a choice that would block, unasked)
    focus = begin_keuze(vraag, stand, kb) if vraag.keuzes else None
    geldig = invoer is not None and invoer.isascii() and invoer.isdigit() and len(invoer) < 4
    if geldig and vraag.keuzes and int(str(invoer)) < len(vraag.keuzes):
        gekozen = focus = int(str(invoer))  # what was just chosen, shown again with the message
    soort: str = vraag.type
    if vraag.type == "tekst" and (v.max_lengte or 0) > LANGE_TEKST:
        soort = "lange_tekst"
    if vraag.type == "getal":
        hint = f"Een getal van {v.min} tot en met {v.max}. Leeg laten = weet ik niet."
    elif vraag.type == "tekst":
        hint = "Verplicht." if v.verplicht else "Leeg laten = weet ik niet."
    else:
        hint = ""
    return Vraagveld(
        id=vraag.id,
        soort=soort,
        tekst=vraag.tekst,
        help=" ".join((vraag.help or "").split()),
        waarom=waarom_delen(vraag, kb, nog_van_belang(kb, vraag, stand), vl.publiek),
        keuzes=tuple(
            KeuzeVeld(str(i), k.tekst, i == gekozen, i == (focus or 0))
            for i, k in enumerate(vraag.keuzes)
        ),
        waarde=invoer if invoer is not None and not vraag.keuzes else huidige_tekst(vraag, stand),
        min=v.min,
        max=v.max,
        max_lengte=v.max_lengte,
        verplicht=v.verplicht,
        hint=hint,
        fout=fout,
        nummer=voortgang[0] if voortgang else None,
        totaal=voortgang[1] if voortgang else None,
        verborgen=verborgen or {},
    )


def formulierwaarde(formulier: Any, naam: str) -> str | None:
    """One field of a submitted form as text (a file upload is not an answer)."""
    waarde = formulier.get(naam)
    return waarde if isinstance(waarde, str) else None
