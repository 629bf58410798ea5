"""Citations as numbered endnotes, for the client's letter: a manager reads a paragraph without
three to six places in brackets, and finds them, numbered, at the end. The coach's version keeps
them inline, where a coach checks them against the sources."""

from __future__ import annotations

import dataclasses

from advies.knowledge.model import Bron
from advies.report.document import Alinea, Blok, Cel, Kader, Lijst, Punt, Sectie, Tabel


class Noten:
    """The endnotes of one letter, numbered in reading order; the same places share a number."""

    def __init__(self) -> None:
        self.per_bronnen: dict[tuple[Bron, ...], int] = {}

    def nummer(self, bronnen: tuple[Bron, ...]) -> int:
        return self.per_bronnen.setdefault(bronnen, len(self.per_bronnen) + 1)

    def merk(self, tekst: str, bronnen: tuple[Bron, ...]) -> str:
        if not bronnen:
            return tekst
        teken = f"[{self.nummer(bronnen)}]"
        return f"{tekst} {teken}" if tekst else teken

    def lijst(self) -> list[tuple[int, tuple[Bron, ...]]]:
        return sorted(((n, b) for b, n in self.per_bronnen.items()), key=lambda x: x[0])


def als_noten(secties: tuple[Sectie, ...], noten: Noten) -> tuple[Sectie, ...]:
    """The sections with every citation replaced by its endnote's number."""
    return tuple(_sectie(s, noten) for s in secties)


def _sectie(s: Sectie, noten: Noten) -> Sectie:
    return dataclasses.replace(
        s,
        blokken=tuple(_blok(b, noten) for b in s.blokken),
        subsecties=tuple(_sectie(sub, noten) for sub in s.subsecties),
    )


def _blok(blok: Blok, noten: Noten) -> Blok:
    if isinstance(blok, Alinea):
        if not blok.bronnen:
            return blok
        return dataclasses.replace(blok, tekst=noten.merk(blok.tekst, blok.bronnen), bronnen=())
    if isinstance(blok, Lijst):
        return dataclasses.replace(blok, punten=tuple(_punt(p, noten) for p in blok.punten))
    if isinstance(blok, Tabel):
        return dataclasses.replace(
            blok, rijen=tuple(tuple(_cel(c, noten) for c in rij) for rij in blok.rijen)
        )
    if isinstance(blok, Kader):
        return dataclasses.replace(
            blok,
            blokken=tuple(
                b for b in (_blok(x, noten) for x in blok.blokken) if isinstance(b, Alinea | Lijst)
            ),
        )
    return blok


def _punt(p: Punt, noten: Noten) -> Punt:
    return dataclasses.replace(
        p,
        tekst=noten.merk(p.tekst, p.bronnen),
        bronnen=(),
        sub=tuple(_punt(s, noten) for s in p.sub),
    )


def _cel(c: Cel, noten: Noten) -> Cel:
    if not c.bronnen:
        return c
    return dataclasses.replace(c, tekst=noten.merk(c.tekst, c.bronnen), bronnen=())
