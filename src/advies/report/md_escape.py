"""Text in Markdown as text: what a client's name or request holds is shown, never interpreted.

A Markdown viewer passes HTML through (`<script>`, `<img onerror=...>`) and follows links
(`[klik](javascript:...)`); the HTML report escapes its text, and so does this. Characters that
start markup anywhere are backslash-escaped (CommonMark shows `\\*` as `*`); at the start of a line,
also what would make it a heading, a list, a quote or a code block there. The text of the rules
goes through the same function: the document model holds text, not Markdown.
"""

from __future__ import annotations

import re

# anywhere: HTML, links and images, emphasis, code, tables, entities, and the escape itself; an
# underscore only where it can start or end emphasis (inside a word, as in zelf_aangemeld, it
# cannot), an ampersand only where it would start an entity (&lt;)
_OVERAL = re.compile(r"([\\`*\[\]<>|~]|(?<!\w)_|_(?!\w)|&(?=#?\w+;))")
# at the start of a line: a heading, a list item, a numbered item, a setext underline or a rule
_REGELBEGIN = re.compile(r"^([#+\-=])", re.MULTILINE)
_NUMMER = re.compile(r"^(\d+)([.)])", re.MULTILINE)


def md_tekst(tekst: str, *, in_regel: bool = False) -> str:
    """`tekst` escaped for Markdown; a line break stays (within a paragraph it is a space).
    `in_regel`: the text stands inside a line (a table cell), never at its start."""
    tekst = _OVERAL.sub(r"\\\1", tekst)
    if in_regel:
        return tekst
    # leading spaces would make an indented code block or a deeper list
    tekst = "\n".join(regel.lstrip() for regel in tekst.split("\n"))
    tekst = _REGELBEGIN.sub(r"\\\1", tekst)
    return _NUMMER.sub(r"\1\\\2", tekst)
