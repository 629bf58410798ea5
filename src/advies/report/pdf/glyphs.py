"""Which characters of the advice can the PDF show? Checked before Typst sets the document, so
that text no font has is named in Dutch, with the field it is in, and never silently dropped.

Typst itself does not warn: without PDF/A it draws an empty box, with PDF/A it stops at the first
character it cannot show, in English. The fast check reads the character maps of the shipped
fonts (a small reader of the TrueType 'cmap' table, formats 4 and 12); a character none of them
has is then tried in Typst (the `probeer` function), which also knows its own built-in fonts and
those beside a coach's template. What still fails is refused.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path

from advies.report.errors import TekensFout
from advies.report.language import opsomming
from advies.report.pdf.data import schoon, zichtbaar

MAXIMUM = 12  # characters named in one message; a whole text in another script needs no more


@cache
def tekens_in(pad: Path) -> frozenset[int]:
    """The code points a font file maps to a glyph (its Unicode 'cmap' subtables)."""
    data = pad.read_bytes()
    aantal = struct.unpack_from(">H", data, 4)[0]
    cmap = next(
        struct.unpack_from(">I", data, 12 + 16 * i + 8)[0]
        for i in range(aantal)
        if data[12 + 16 * i : 16 + 16 * i] == b"cmap"
    )
    codes: set[int] = set()
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, codering, plek = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, codering) not in ((3, 1), (3, 10), (0, 3), (0, 4)):
            continue
        tabel = cmap + plek
        formaat = struct.unpack_from(">H", data, tabel)[0]
        if formaat == 4:
            codes |= _formaat_4(data, tabel)
        elif formaat == 12:
            for k in range(struct.unpack_from(">I", data, tabel + 12)[0]):
                begin, eind, _ = struct.unpack_from(">III", data, tabel + 16 + 12 * k)
                codes.update(range(begin, eind + 1))
    return frozenset(codes)


def _formaat_4(data: bytes, t: int) -> set[int]:
    """Segments of 16-bit code points; a code that maps to glyph 0 is missing."""
    n = struct.unpack_from(">H", data, t + 6)[0] // 2
    eind = struct.unpack_from(f">{n}H", data, t + 14)
    begin = struct.unpack_from(f">{n}H", data, t + 16 + 2 * n)
    delta = struct.unpack_from(f">{n}h", data, t + 16 + 4 * n)
    ro_plek = t + 16 + 6 * n
    ro = struct.unpack_from(f">{n}H", data, ro_plek)
    codes = set()
    for k in range(n):
        for c in range(begin[k], eind[k] + 1):
            if c == 0xFFFF:
                continue
            if ro[k] == 0:
                glyph = (c + delta[k]) & 0xFFFF
            else:
                glyph = struct.unpack_from(
                    ">H", data, ro_plek + 2 * k + ro[k] + 2 * (c - begin[k])
                )[0]
                glyph = (glyph + delta[k]) & 0xFFFF if glyph else 0
            if glyph:
                codes.add(c)
    return codes


# Characters Source Sans Pro certainly has (a test checks): ASCII, Latin-1, Latin Extended-A
# and the usual punctuation. Most advice has nothing else, and then no font file is read.
ZEKER = frozenset([*range(0x20, 0x7F), *range(0xA0, 0x17F), *map(ord, "‘’‚“”„–—…•€™·′″")])


def onbekende_tekens(tekst: Iterable[str], bestanden: Iterable[Path]) -> list[str]:
    """The visible characters in `tekst` that none of the font files maps, in reading order."""
    anders = [c for c in dict.fromkeys(tekst) if ord(c) not in ZEKER and zichtbaar(c)]
    if not anders:
        return []
    bekend: frozenset[int] = frozenset().union(*(tekens_in(p) for p in bestanden))
    return [c for c in anders if ord(c) not in bekend]


def ontbrekend(kandidaten: list[str], probeer: Callable[[str], str | None]) -> list[str]:
    """The candidates Typst cannot show either. `probeer(tekst)` sets the text under PDF/A and
    returns None when it can, else the text of the first cluster it could not show; each round
    removes what failed, so this takes one try more than there are missing characters."""
    over, mist = list(kandidaten), list[str]()
    while over and len(mist) < MAXIMUM:
        fout = probeer("".join(over))
        if fout is None:
            break
        weg = [c for c in over if c in fout] or over  # an unreadable answer: refuse them all
        mist += weg
        over = [c for c in over if c not in weg]
    return mist


def controleer(
    plaatsen: Iterable[tuple[str, str]],
    bestanden: Iterable[Path],
    probeer: Callable[[str], str | None],
    velden: Mapping[str, str] | None = None,
) -> None:
    """Raise TekensFout naming the characters no font can show and where they are: the fields of
    the case that hold them (`velden`: dotted path to text), else the places in the advice."""
    plaatsen = list(plaatsen)
    kandidaten = onbekende_tekens((c for _, t in plaatsen for c in t), bestanden)
    if not kandidaten:
        return
    mist = ontbrekend(kandidaten, probeer)
    if not mist:
        return
    # a coach's own meta key may hold anything: no control character goes to the terminal
    waar = [schoon(veld) for veld, t in (velden or {}).items() if any(c in t for c in mist)]
    if not waar:
        waar = list(dict.fromkeys(p for p, t in plaatsen if any(c in t for c in mist)))
    raise TekensFout(_melding(mist, waar))


def _melding(mist: list[str], waar: list[str]) -> str:
    tekens = ", ".join(f"‘{c}’ (U+{ord(c):04X})" for c in mist[:MAXIMUM])
    meer = " en meer" if len(mist) >= MAXIMUM else ""
    plekken = opsomming([*waar[:6], *([f"nog {len(waar) - 6} plaatsen"] if len(waar) > 6 else [])])
    return (
        f"de PDF kan deze tekens niet tonen: {tekens}{meer}; ze staan in {plekken}. "
        "De lettertypen van advies kennen het Latijnse schrift (met accenten), Grieks, Cyrillisch, "
        "Arabisch en Hebreeuws, maar geen Chinees, Japans, Koreaans of emoji. Schrijf deze tekst "
        "in een van die schriften, of maak het advies als Word-bestand (--format docx)."
    )
