"""Citations as numbered endnotes, for the client's letter: a manager reads a paragraph without
three to six places in brackets, and finds them, numbered, at the end. The coach's version keeps
them inline, where a coach checks them against the sources.

One endnote per source per section of the letter, its places joined: a go letter cites some
fifty different sets of places, and a list that long is not read. A paragraph carries the
numbers of the notes of the sources it cites ("[3, 5]"); each of them names the source and every
place in it that the section cites, so every citation stays traceable to its source and place.
"""

from __future__ import annotations

import dataclasses
import re

from advies.knowledge.model import Bron
from advies.report.document import Alinea, Blok, Cel, Kader, Lijst, Punt, Sectie, Tabel


class Noten:
    """The endnotes of one letter, numbered in reading order: one per source per section."""

    def __init__(self) -> None:
        self.per_sleutel: dict[tuple[str, str], int] = {}
        self.plaatsen: dict[int, list[Bron]] = {}

    def nummer(self, sectie: str, bron: Bron) -> int:
        n = self.per_sleutel.setdefault((sectie, bron.sleutel), len(self.per_sleutel) + 1)
        plaatsen = self.plaatsen.setdefault(n, [])
        if all(_vergelijk(b) != _vergelijk(bron) for b in plaatsen):
            plaatsen.append(bron)
        return n

    def merk(self, tekst: str, bronnen: tuple[Bron, ...], sectie: str) -> str:
        if not bronnen:
            return tekst
        teken = f"[{_reeks(sorted({self.nummer(sectie, b) for b in bronnen}))}]"
        return f"{tekst} {teken}" if tekst else teken

    def lijst(self) -> list[tuple[int, tuple[Bron, ...]]]:
        """Each note's places, one by one, in the order of the source (§2.3 before §3.3)."""
        return [(n, tuple(sorted(self.plaatsen[n], key=_vergelijk))) for n in sorted(self.plaatsen)]

    def noten(self) -> list[tuple[int, Bron]]:
        """Each note as one citation: its source once, its places joined ("VOR, §3.3; §3.4")."""
        return [
            (n, Bron(sleutel=b[0].sleutel, plaats="; ".join(x.plaats for x in b)))
            for n, b in self.lijst()
        ]


def _vergelijk(bron: Bron) -> str:
    """A place as compared and sorted: the rules write "§3.4, Duidelijke afspraken vooraf" and
    "§3.4 Duidelijke afspraken vooraf" for the same place, and a note names it once."""
    # "§" sorts before letters, so a section's numbered paragraphs come before its appendix
    return re.sub(r"[\s,]+", " ", bron.plaats).strip().casefold().replace("§", "\t")


def _reeks(nummers: list[int]) -> str:
    """Note numbers as a reader scans them: 2, 3, 4 and 7 as '2–4, 7'."""
    delen: list[str] = []
    begin = vorig = nummers[0]
    for n in [*nummers[1:], None]:
        if n is not None and n == vorig + 1:
            vorig = n
            continue
        delen.append(
            f"{begin}–{vorig}"
            if vorig - begin >= 2
            else ", ".join(str(x) for x in range(begin, vorig + 1))
        )
        if n is not None:
            begin = vorig = n
    return ", ".join(delen)


def als_noten(secties: tuple[Sectie, ...], noten: Noten) -> tuple[Sectie, ...]:
    """The sections with every citation replaced by its endnotes' numbers; a top-level section
    and its subsections share their notes."""
    return tuple(_sectie(s, noten, s.anker or s.kop) for s in secties)


def _sectie(s: Sectie, noten: Noten, naam: str) -> Sectie:
    return dataclasses.replace(
        s,
        blokken=tuple(_blok(b, noten, naam) for b in s.blokken),
        subsecties=tuple(_sectie(sub, noten, naam) for sub in s.subsecties),
    )


def _blok(blok: Blok, noten: Noten, naam: str) -> Blok:
    if isinstance(blok, Alinea):
        if not blok.bronnen:
            return blok
        tekst = noten.merk(blok.tekst, blok.bronnen, naam)
        return dataclasses.replace(blok, tekst=tekst, bronnen=())
    if isinstance(blok, Lijst):
        return dataclasses.replace(blok, punten=tuple(_punt(p, noten, naam) for p in blok.punten))
    if isinstance(blok, Tabel):
        return dataclasses.replace(
            blok, rijen=tuple(tuple(_cel(c, noten, naam) for c in rij) for rij in blok.rijen)
        )
    if isinstance(blok, Kader):
        return dataclasses.replace(
            blok,
            blokken=tuple(
                b
                for b in (_blok(x, noten, naam) for x in blok.blokken)
                if isinstance(b, Alinea | Lijst)
            ),
        )
    return blok


def _punt(p: Punt, noten: Noten, naam: str) -> Punt:
    return dataclasses.replace(
        p,
        tekst=noten.merk(p.tekst, p.bronnen, naam),
        bronnen=(),
        sub=tuple(_punt(s, noten, naam) for s in p.sub),
    )


def _cel(c: Cel, noten: Noten, naam: str) -> Cel:
    if not c.bronnen:
        return c
    return dataclasses.replace(c, tekst=noten.merk(c.tekst, c.bronnen, naam), bronnen=())
