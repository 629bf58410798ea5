"""Every source cited in any format of the advice resolves to its full reference in that file."""

from __future__ import annotations

import html
import io
import re

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from advies.report.render import render_report
from advies.report.sections import bouw_document

from .conftest import VASTE_DATUM


def _tekst(formaat: str, data: str | bytes) -> str:
    if formaat == "md":  # as a viewer shows it: a backslash before punctuation escapes it
        return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(data))
    if formaat == "html":
        return html.unescape(str(data))
    if formaat == "docx":
        doc = WordDocument(io.BytesIO(data))  # type: ignore[arg-type]
        cellen = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cellen)
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)  # type: ignore[arg-type]


@pytest.mark.parametrize("formaat", ["md", "html", "docx", "pdf"])
@pytest.mark.parametrize("voor", ["klant", "coach"])
def test_every_cited_key_resolves_to_a_full_reference(gevallen, kb, formaat, voor):
    for casus, advies in gevallen.values():
        sleutels = {b.sleutel for b in bouw_document(casus, advies, kb, voor=voor).bronnen()}
        assert sleutels, "an advice without any citation"
        assert sleutels <= set(kb.bronnen)
        tekst = " ".join(
            _tekst(
                formaat, render_report(casus, advies, kb, formaat, voor, datum=VASTE_DATUM)
            ).split()
        )
        for sleutel in sleutels:
            volledig = " ".join(kb.bronnen[sleutel].volledig.split())
            assert f"{sleutel}, " in tekst  # cited in the text, as "KEY, place"
            assert volledig[:60] in tekst, f"{sleutel}: full reference missing in {formaat}"
