"""What the promises of an advice look at, how they are registered, and the helpers they share.

The promises themselves are in `coherence_advice.py` (the advice and its proposal) and
`coherence_letter.py` (the wording of the client's letter); `coherence.py` gathers them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from advies.case.model import Casus
from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank
from advies.report.content import laad_teksten
from advies.report.document import Document, Sectie, Tabel


@dataclass(frozen=True)
class Controle:
    """What a promise looks at: the case, its advice, and the client's letter built from them."""

    casus: Casus
    advies: Advies
    kb: Kennisbank
    klant: Document
    klant_tekst: str  # the client's letter as Markdown, for what it may not say


@dataclass(frozen=True)
class Breuk:
    belofte: str
    wat: str


Belofte = Callable[[Controle], list[str]]
BELOFTEN: dict[str, tuple[str, Belofte]] = {}


def belofte(code: str, tekst: str) -> Callable[[Belofte], Belofte]:
    def registreer(f: Belofte) -> Belofte:
        BELOFTEN[code] = (tekst, f)
        return f

    return registreer


def gebroken_beloften(c: Controle) -> list[Breuk]:
    return [Breuk(code, wat) for code, (_, f) in BELOFTEN.items() for wat in f(c)]


def voorlopig(a: Advies) -> bool:
    """A proposal made while facts it reads are still unknown: provisional, also where the coach
    judged that enough was known (the letter then lists the open questions)."""
    return "onvoldoende_informatie" in (a.verdict, a.eindoordeel) or any(
        v.beslissend for v in a.open_vragen
    )


def ankers(doc: Document) -> set[str]:
    return {s.anker for s in doc.secties if s.anker}


def sectie(doc: Document, anker: str) -> Sectie | None:
    return next((s for s in doc.secties if s.anker == anker), None)


def teksten_van(s: Sectie) -> list[str]:
    """Every text in a section, its boxes, lists, tables and subsections."""
    uit: list[str] = [s.kop]
    for blok in s.blokken:
        uit += list(_blok_teksten(blok))
    for sub in s.subsecties:
        uit += teksten_van(sub)
    return uit


def _blok_teksten(blok: object) -> Iterator[str]:
    for veld in ("tekst", "vet", "kop", "titel", "samenvatting"):
        waarde = getattr(blok, veld, None)
        if isinstance(waarde, str):
            yield waarde
    for p in getattr(blok, "punten", ()):
        yield from _blok_teksten(p)
    for p in getattr(blok, "sub", ()):
        yield from _blok_teksten(p)
    for b in getattr(blok, "blokken", ()):
        yield from _blok_teksten(b)
    for rij in getattr(blok, "rijen", ()):
        for cel in rij:
            yield cel.tekst


def sleuteltabel(doc: Document) -> Tabel | None:
    """The key-condition table of the letter's analysis, if it has one."""
    kolommen = tuple(laad_teksten()["analyse.kolommen"])
    for s in doc.secties:
        for sub in (s, *s.subsecties):
            for blok in sub.blokken:
                if isinstance(blok, Tabel) and blok.kolommen == kolommen:
                    return blok
    return None
