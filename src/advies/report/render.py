"""One entry point: build the document model once, then hand it to the renderer of the format.

The document libraries (jinja2, docxtpl, Pillow, typst) are imported only here, per format, so
`advies beoordeel` never pays for them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from advies.case.model import Casus
from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank
from advies.report.document import Voor
from advies.report.sections import bouw_document

Formaat = Literal["md", "html", "docx", "pdf"]
FORMATEN: tuple[str, ...] = ("md", "html", "docx", "pdf")


def render_report(
    casus: Casus,
    advies: Advies,
    kb: Kennisbank,
    format: Formaat = "md",
    voor: Voor = "klant",
    sjabloon: Path | None = None,
    *,
    datum: date | None = None,
) -> bytes | str:
    """The written advice in one format: text for md and html, bytes for docx and pdf.

    `sjabloon` is the coach's own template: a Word file (.docx) for docx, a Typst file (.typ) for
    pdf (None: the one shipped with advies). `datum` is used when the case has no meta.datum
    (default: today). Everything is rendered in memory; nothing is written.
    """
    doc = bouw_document(casus, advies, kb, voor=voor, datum=datum)
    if format == "md":
        from advies.report.markdown import als_markdown

        return als_markdown(doc)
    if format == "html":
        from advies.report.html import als_html

        return als_html(doc)
    if format == "docx":
        from advies.report.docx import als_docx

        return als_docx(doc, sjabloon)
    if format == "pdf":
        from advies.report.pdf.data import casus_velden
        from advies.report.pdf.typeset import als_pdf

        dag = _datum(casus.meta.datum) or datum or date.today()
        return als_pdf(doc, sjabloon, velden=casus_velden(casus), datum=dag)
    raise ValueError(f"onbekend formaat {format!r}; kies uit {', '.join(FORMATEN)}")


def _datum(waarde: date | str | None) -> date | None:
    """The case's own date, when it is one (meta.datum may also be free text)."""
    if isinstance(waarde, str):
        try:
            return date.fromisoformat(waarde.strip())
        except ValueError:
            return None
    return waarde
