"""The one document model of the written advice: every format renders this tree and nothing else.

The tree is deliberately generic (sections holding paragraphs, lists, tables, boxes and the chart),
so a renderer that handles these few block types cannot lose content; what the advice says is
decided once, in `sections.py`, from the case, the advice and the knowledge base.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from advies.case.model import Verdict
from advies.knowledge.model import Bron

Voor = Literal["klant", "coach"]
Status = Literal["vervuld", "voorwaarde", "te_regelen", "onbekend", "niet_vervuld"]
KaderSoort = Literal["oordeel", "coach", "let_op"]
AlineaStijl = Literal["gewoon", "citaat", "klein"]


@dataclass(frozen=True)
class Alinea:
    tekst: str
    vet: str | None = None  # a bold lead-in before the text
    bronnen: tuple[Bron, ...] = ()
    stijl: AlineaStijl = "gewoon"
    soort: str = field(default="alinea", init=False)


@dataclass(frozen=True)
class Punt:
    tekst: str
    vet: str | None = None
    bronnen: tuple[Bron, ...] = ()
    sub: tuple[Punt, ...] = ()  # nested points: the reason tree


@dataclass(frozen=True)
class Lijst:
    punten: tuple[Punt, ...]
    genummerd: bool = False
    soort: str = field(default="lijst", init=False)


@dataclass(frozen=True)
class Cel:
    tekst: str
    bronnen: tuple[Bron, ...] = ()
    vet: bool = False
    status: Status | None = None  # colours the cell where a format can


@dataclass(frozen=True)
class Tabel:
    kolommen: tuple[str, ...]
    rijen: tuple[tuple[Cel, ...], ...]
    breedtes: tuple[int, ...]  # relative column widths
    klein: bool = False
    soort: str = field(default="tabel", init=False)


@dataclass(frozen=True)
class Balk:
    label: str
    status: Status
    status_label: str


@dataclass(frozen=True)
class Grafiek:
    titel: str
    samenvatting: str
    balken: tuple[Balk, ...]
    soort: str = field(default="grafiek", init=False)


@dataclass(frozen=True)
class Kader:
    """A highlighted box: the verdict, the coach's judgement, a provisional notice."""

    kind: KaderSoort
    kop: str
    blokken: tuple[Alinea | Lijst, ...]
    soort: str = field(default="kader", init=False)


Blok = Alinea | Lijst | Tabel | Grafiek | Kader


@dataclass(frozen=True)
class Sectie:
    kop: str
    blokken: tuple[Blok, ...] = ()
    subsecties: tuple[Sectie, ...] = ()
    anker: str = ""


@dataclass(frozen=True)
class Gegeven:
    label: str
    waarde: str


@dataclass(frozen=True)
class Document:
    titel: str
    ondertitel: str
    versie_label: str
    gegevens: tuple[Gegeven, ...]
    secties: tuple[Sectie, ...]
    voetregel: str
    voor: Voor
    verdict: Verdict
    verdict_label: str
    datum: str
    aan: tuple[str, ...] = ()  # the addressee, a line each
    aanhef: str = ""  # how the letter opens: "Beste Marja,"

    def blokken(self) -> Iterator[Blok]:
        """Every block, depth first, boxes included: for tests and for collecting citations."""

        def loop(sectie: Sectie) -> Iterator[Blok]:
            for blok in sectie.blokken:
                yield blok
                if isinstance(blok, Kader):
                    yield from blok.blokken
            for sub in sectie.subsecties:
                yield from loop(sub)

        for sectie in self.secties:
            yield from loop(sectie)

    def bronnen(self) -> list[Bron]:
        """Every citation in the document, in reading order."""
        gevonden: list[Bron] = []

        def punten(ps: tuple[Punt, ...]) -> None:
            for p in ps:
                gevonden.extend(p.bronnen)
                punten(p.sub)

        for blok in self.blokken():
            if isinstance(blok, Alinea):
                gevonden.extend(blok.bronnen)
            elif isinstance(blok, Lijst):
                punten(blok.punten)
            elif isinstance(blok, Tabel):
                for rij in blok.rijen:
                    for cel in rij:
                        gevonden.extend(cel.bronnen)
        return gevonden
