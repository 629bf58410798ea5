"""Text from a file, made safe to show on a terminal.

A terminal obeys control characters: `ESC ] 52` writes the clipboard, `ESC [ 2J` clears the
screen, a carriage return overwrites what was just printed. A case name, an unknown fact's name or a
file name can carry them, so everything a file puts on the screen goes through `zichtbaar` first:
each control character is shown as its escape (`\\x1b`) instead of being obeyed. Line breaks and
tabs stay, so multi-line messages keep their shape. Lone surrogates (a file name that is not
UTF-8) are shown the same way rather than crash the write to the terminal.
"""

from __future__ import annotations

import re

# the bidirectional embeddings, overrides and isolates: a terminal, a browser and Word show the text
# after one in another order than it was written ("Trojan Source"); the marks LRM and RLM, which
# only nudge one neighbour, are not among them
LEESRICHTING = "\u202a-\u202e\u2066-\u2069"
# C0 except tab and newline, DEL, C1 (0x9b is a one-character CSI), lone surrogates, and the above
_ONZICHTBAAR = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{LEESRICHTING}]")


def _escape(teken: re.Match[str]) -> str:
    code = ord(teken[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def zichtbaar(tekst: str) -> str:
    """`tekst` with every control character (except newline and tab) shown as `\\xNN`."""
    if _ONZICHTBAAR.search(tekst) is None:
        return tekst
    return _ONZICHTBAAR.sub(_escape, tekst)


# what a text in a case may not hold: the above, and the two non-characters XML refuses (a Word
# document could not be written with them)
_ONGELDIG = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff{LEESRICHTING}]")


def ongeldig_teken(tekst: str) -> int | None:
    """The index of the first character that does not belong in a text of a case, or None."""
    gevonden = _ONGELDIG.search(tekst)
    return None if gevonden is None else gevonden.start()


def keert_leesrichting(teken: str) -> bool:
    """Whether `teken` is one of the characters that reorder the text after it."""
    return re.fullmatch(f"[{LEESRICHTING}]", teken) is not None
