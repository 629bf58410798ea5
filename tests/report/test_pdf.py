"""The PDF advice read back with pypdf: text, page numbers, Unicode, citations."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from advies.report.render import render_report

from .conftest import VASTE_DATUM


def _pdf(gevallen, kb, verdict: str, voor: str = "klant") -> bytes:  # type: ignore[no-untyped-def]
    casus, advies = gevallen[verdict]
    return render_report(casus, advies, kb, "pdf", voor, datum=VASTE_DATUM)  # type: ignore[return-value]


def _tekst(data: bytes) -> tuple[int, str]:
    lezer = PdfReader(io.BytesIO(data))
    return len(lezer.pages), "\n".join(p.extract_text() for p in lezer.pages)


def _plat(tekst: str) -> str:
    return " ".join(tekst.split())


@pytest.mark.parametrize(
    "verdict", ["go", "go_onder_voorwaarden", "no_go", "onvoldoende_informatie"]
)
def test_the_pdf_is_a4_with_numbered_pages(gevallen, kb, verdict):
    data = _pdf(gevallen, kb, verdict)
    lezer = PdfReader(io.BytesIO(data))
    pagina = lezer.pages[0].mediabox
    assert (round(float(pagina.width) / 72 * 25.4), round(float(pagina.height) / 72 * 25.4)) == (
        210,
        297,
    )
    aantal, tekst = _tekst(data)
    assert aantal >= 3
    assert f"pagina 1 van {aantal}" in tekst and f"pagina {aantal} van {aantal}" in tekst


def test_the_pdf_says_the_verdict_and_the_conditions(gevallen, kb):
    _, tekst = _tekst(_pdf(gevallen, kb, "go_onder_voorwaarden"))
    plat = _plat(tekst)
    assert "Advies over de start van intervisie" in plat
    assert "Go onder voorwaarden" in plat
    assert "Wat de coach u vraagt toe te zeggen" in plat
    assert "Basismodel intervisie" in plat


def test_the_pdf_lists_the_full_reference_of_every_cited_source(gevallen, kb):
    casus, advies = gevallen["no_go"]
    from advies.report.sections import bouw_document

    gebruikt = {b.sleutel for b in bouw_document(casus, advies, kb, voor="coach").bronnen()}
    plat = _plat(_tekst(_pdf(gevallen, kb, "no_go", "coach"))[1])
    for sleutel in gebruikt:
        # compare the start of each reference: a long one may be hyphen-free but wrapped
        assert _plat(kb.bronnen[sleutel].volledig)[:60] in plat


def test_the_pdf_keeps_dutch_typography_that_latin1_fonts_lose(gevallen, kb):
    casus, advies = gevallen["go"]
    bijzonder = "‘Samen leren’ – een budget van €\u00a0500, coördinatie en reïntegratie"
    met = casus.model_copy(update={"meta": casus.meta.model_copy(update={"hulpvraag": bijzonder})})
    data = render_report(met, advies, kb, "pdf", "klant", datum=VASTE_DATUM)
    plat = _plat(_tekst(data)[1])  # type: ignore[arg-type]
    for teken in ("‘Samen leren’", "–", "€", "coördinatie", "reïntegratie"):
        assert teken in plat


def test_the_same_advice_gives_the_same_pdf(gevallen, kb):
    assert _pdf(gevallen, kb, "go") == _pdf(gevallen, kb, "go")


def test_the_coach_pdf_contains_the_rules_that_fired(gevallen, kb):
    _, tekst = _tekst(_pdf(gevallen, kb, "no_go", "coach"))
    plat = _plat(tekst)
    assert "Regels die vuurden" in plat and "gedeelde_conflicten" in plat
    _, klant = _tekst(_pdf(gevallen, kb, "no_go", "klant"))
    assert "Regels die vuurden" not in klant
