"""The document model as the data a Typst template receives, cleaned of what no font can show
and with break points in words too long for a line.

Control characters and the invisible characters that reorder or hide text are taken out here,
inside the PDF renderer: a bell or an escape in a name has no glyph (PDF/A would refuse the file)
and a right-to-left override can make a name read backwards ("a‮edcba" as "aabcde").
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from advies.case.model import Casus
from advies.knowledge.model import Bron
from advies.report.document import Document

# Removed: C0 and C1 controls but the newline, DEL, the bidi embeddings, overrides and isolates
# (U+202A-202E, U+2066-2069), the interlinear annotation marks, the byte order mark and the tag
# characters (invisible copies of ASCII). A tab becomes a space, a carriage return a newline.
_WEG: dict[int, int | None] = dict.fromkeys(
    [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        *range(0xFFF9, 0xFFFC),
        0xFEFF,
        *range(0xE0000, 0xE0080),
    ]
)
_WEG[0x09] = 0x20
_WEG[0x0D] = 0x0A


def schoon(tekst: str) -> str:
    """The text without control and reordering characters; CRLF and CR become one newline.
    Lone surrogates (possible from a YAML escape) are dropped: no font has them, and they are no
    valid UTF-8 for Typst."""
    tekst = tekst.replace("\r\n", "\n").translate(_WEG)
    if any(0xD800 <= ord(c) <= 0xDFFF for c in tekst):
        tekst = "".join(c for c in tekst if not 0xD800 <= ord(c) <= 0xDFFF)
    return tekst


_LANG = re.compile(r"[^\s\xad]{40,}")


def breek_lang(tekst: str, stuk: int = 12) -> str:
    """A soft hyphen every `stuk` characters in a run of 40 or more without a space (a pasted URL,
    a hostile name): Typst never breaks a word it cannot hyphenate, and would let it run off the
    page. Real Dutch words are shorter and keep their own hyphenation. Never before a combining
    mark or after a joiner, so a letter and its accent stay together."""

    def knip(m: re.Match[str]) -> str:
        uit: list[str] = []
        sinds = 0
        for teken in m.group(0):
            if sinds >= stuk and not unicodedata.combining(teken) and uit[-1] != "\u200d":
                uit.append("\xad")
                sinds = 0
            uit.append(teken)
            sinds += 1
        return "".join(uit)

    return _LANG.sub(knip, tekst)


def _gewoon(waarde: Any) -> Any:
    """Dataclasses, pydantic models and tuples as dicts and lists; every string cleaned."""
    if isinstance(waarde, str):
        return breek_lang(schoon(waarde))
    if isinstance(waarde, Bron):  # the most common object: skip pydantic's model_dump
        return {
            "sleutel": breek_lang(schoon(waarde.sleutel)),
            "plaats": breek_lang(schoon(waarde.plaats)),
        }
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return {f.name: _gewoon(getattr(waarde, f.name)) for f in dataclasses.fields(waarde)}
    if isinstance(waarde, BaseModel):
        return {k: _gewoon(v) for k, v in waarde.model_dump().items()}
    if isinstance(waarde, list | tuple):
        return [_gewoon(w) for w in waarde]
    if isinstance(waarde, dict):
        return {str(k): _gewoon(v) for k, v in waarde.items()}
    return waarde


def als_data(doc: Document) -> dict[str, Any]:
    """The document as JSON-ready data: what `sys.inputs.data` holds (docs/sjabloon.md)."""
    data: dict[str, Any] = _gewoon(doc)
    return data


def teksten(data: Any, plaats: str = "") -> Iterator[tuple[str, str]]:
    """Every string in the data with a place a person can find back: 'ondertitel',
    'gegevens › Opdrachtgever', 'sectie ‘Uw vraag’'."""
    if isinstance(data, str):
        yield plaats, data
    elif isinstance(data, Mapping):
        if "kop" in data and isinstance(data["kop"], str) and "blokken" in data:
            plaats = (
                f"{plaats} › ‘{data['kop'][:60]}’" if plaats else f"sectie ‘{data['kop'][:60]}’"
            )
        for sleutel, waarde in data.items():
            if sleutel in ("soort", "anker", "stijl", "kind", "status", "voor", "verdict"):
                continue
            if sleutel in ("secties", "subsecties", "blokken", "balken", "rijen", "punten", "sub"):
                yield from teksten(waarde, plaats)
            elif "label" in data and sleutel == "waarde":
                yield from teksten(waarde, f"{plaats or 'gegevens'} › {data['label']}")
            else:
                yield from teksten(waarde, plaats or sleutel)
    elif isinstance(data, list):
        for waarde in data:
            yield from teksten(waarde, plaats)


def casus_velden(casus: Casus) -> dict[str, str]:
    """Every text in the case by its dotted path (meta.opdrachtgever, oordeel_coach.reden), so an
    error can name the field to correct."""
    velden: dict[str, str] = {}

    def loop(waarde: Any, pad: str) -> None:
        if isinstance(waarde, str):
            velden[pad] = waarde
        elif isinstance(waarde, dict):
            for k, v in waarde.items():
                loop(v, f"{pad}.{k}" if pad else str(k))
        elif isinstance(waarde, list):
            for i, v in enumerate(waarde):
                loop(v, f"{pad}[{i}]")

    loop(casus.model_dump(mode="json"), "")
    return velden


def zichtbaar(teken: str) -> bool:
    """A character that needs a glyph: not white space, not an invisible format character."""
    return not teken.isspace() and unicodedata.category(teken) != "Cf"
