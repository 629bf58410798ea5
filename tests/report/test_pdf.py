"""The PDF advice read back with pypdf: text, pages, PDF/A, tags, fonts, citations."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest

from advies.case.files import lees_casus
from advies.engine.evaluation import evalueer
from advies.report.render import render_report
from advies.report.sections import bouw_document

from .conftest import VASTE_DATUM, VOORBEELDEN
from .pdf_reading import getagd, lettertypen, lezer, pdfa, plat, tekst, zonder_witruimte

GELEVERD = {"SourceSansPro", "NotoSansArabic", "Heebo"}  # the families advies ships


def _pdf(gevallen, kb, verdict: str, voor: str = "klant") -> bytes:  # type: ignore[no-untyped-def]
    casus, advies = gevallen[verdict]
    return render_report(casus, advies, kb, "pdf", voor, datum=VASTE_DATUM)  # type: ignore[return-value]


@pytest.fixture(scope="module")
def voorbeelden(kb):  # type: ignore[no-untyped-def]
    """Every example case in voorbeelden/, for the client and the coach: (document, PDF)."""
    uit = {}
    for pad in sorted(VOORBEELDEN.glob("*.yaml")):
        casus = lees_casus(kb, pad)
        advies = evalueer(casus, kb)
        for voor in ("klant", "coach"):
            doc = bouw_document(casus, advies, kb, voor=voor, datum=VASTE_DATUM)  # type: ignore[arg-type]
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # the shipped template warns about nothing
                pdf = render_report(casus, advies, kb, "pdf", voor, datum=VASTE_DATUM)  # type: ignore[arg-type]
            uit[(pad.stem, voor)] = (doc, pdf)
    return uit


def _voorbeelden() -> list[tuple[str, str]]:
    return [(p.stem, v) for p in sorted(VOORBEELDEN.glob("*.yaml")) for v in ("klant", "coach")]


@pytest.mark.parametrize(("naam", "voor"), _voorbeelden())
def test_every_example_reads_back_as_a_tagged_pdfa_with_all_its_headings(voorbeelden, naam, voor):
    doc, pdf = voorbeelden[(naam, voor)]
    aantal, gelezen = tekst(pdf)
    assert aantal >= 1  # a no go to the client is short: no proposal, steps or appendix
    assert pdfa(pdf) == "2B"
    assert getagd(pdf)
    assert lezer(pdf).trailer["/Root"]["/Lang"] == "nl-NL"
    vlak = zonder_witruimte(gelezen)
    gezocht = [doc.titel, doc.ondertitel, doc.versie_label, doc.voetregel]
    gezocht += [g.waarde for g in doc.gegevens]

    def koppen(secties):  # type: ignore[no-untyped-def]
        for s in secties:
            gezocht.append(s.kop)
            koppen(s.subsecties)

    koppen(doc.secties)
    assert [z for z in gezocht if zonder_witruimte(z) not in vlak] == []
    assert f"pagina 1 van {aantal}" in gelezen and f"pagina {aantal} van {aantal}" in gelezen


@pytest.mark.parametrize(("naam", "voor"), _voorbeelden())
def test_every_example_embeds_only_the_shipped_fonts(voorbeelden, naam, voor):
    _, pdf = voorbeelden[(naam, voor)]
    gebruikt = lettertypen(pdf)
    assert gebruikt and {f.split("-")[0] for f in gebruikt} <= GELEVERD


def test_the_coach_version_is_longer_and_the_client_version_has_no_appendix(voorbeelden):
    for naam in {n for n, _ in voorbeelden}:
        klant = len(lezer(voorbeelden[(naam, "klant")][1]).pages)
        coach = len(lezer(voorbeelden[(naam, "coach")][1]).pages)
        assert coach > klant
        assert "Redeneerboom" not in tekst(voorbeelden[(naam, "klant")][1])[1]
        assert "Redeneerboom" in tekst(voorbeelden[(naam, "coach")][1])[1]


def test_the_metadata_name_the_advice_its_coach_and_its_date(voorbeelden):
    _, pdf = voorbeelden[("ilse-coordinatoren", "klant")]
    info = lezer(pdf).metadata
    assert info is not None
    assert info.title == "Advies over de start van intervisie · Coördinatoren zorgdistricten"
    assert info.author == "Ilse"
    assert info.creation_date is not None and info.creation_date.date() == date(2026, 11, 24)


@pytest.mark.parametrize(
    "verdict", ["go", "go_onder_voorwaarden", "no_go", "onvoldoende_informatie"]
)
def test_the_pdf_is_a4_with_numbered_pages(gevallen, kb, verdict):
    data = _pdf(gevallen, kb, verdict)
    pagina = lezer(data).pages[0].mediabox
    assert (round(float(pagina.width) / 72 * 25.4), round(float(pagina.height) / 72 * 25.4)) == (
        210,
        297,
    )
    aantal, gelezen = tekst(data)
    assert aantal >= 2
    assert f"pagina 1 van {aantal}" in gelezen and f"pagina {aantal} van {aantal}" in gelezen


def test_the_pdf_says_the_verdict_and_the_conditions(gevallen, kb):
    vlak = plat(tekst(_pdf(gevallen, kb, "go_onder_voorwaarden"))[1])
    assert "Advies over de start van intervisie" in vlak
    assert "Go onder voorwaarden" in vlak
    assert "Wat ik u vraag toe te zeggen" in vlak
    assert "Basismodel intervisie" in vlak


def test_the_pdf_lists_the_full_reference_of_every_cited_source(gevallen, kb):
    casus, advies = gevallen["no_go"]
    gebruikt = {b.sleutel for b in bouw_document(casus, advies, kb, voor="coach").bronnen()}
    vlak = plat(tekst(_pdf(gevallen, kb, "no_go", "coach"))[1])
    for sleutel in gebruikt:
        # compare the start of each reference: a long one may be hyphen-free but wrapped
        assert plat(kb.bronnen[sleutel].volledig)[:60] in vlak


def test_the_pdf_keeps_dutch_typography_that_latin1_fonts_lose(gevallen, kb):
    casus, advies = gevallen["go"]
    bijzonder = "‘Samen leren’ – een budget van €\u00a0500, coördinatie en reïntegratie"
    met = casus.model_copy(update={"meta": casus.meta.model_copy(update={"hulpvraag": bijzonder})})
    data = render_report(met, advies, kb, "pdf", "klant", datum=VASTE_DATUM)
    vlak = plat(tekst(data)[1])  # type: ignore[arg-type]
    for teken in ("‘Samen leren’", "–", "€", "coördinatie", "reïntegratie"):
        assert teken in vlak


def test_the_same_advice_gives_the_same_pdf(gevallen, kb):
    assert _pdf(gevallen, kb, "go") == _pdf(gevallen, kb, "go")


def test_the_coach_pdf_contains_the_rules_that_fired(gevallen, kb):
    vlak = plat(tekst(_pdf(gevallen, kb, "no_go", "coach"))[1])
    assert "Regels die vuurden" in vlak and "gedeelde_conflicten" in vlak
    assert "Regels die vuurden" not in tekst(_pdf(gevallen, kb, "no_go", "klant"))[1]


def test_the_pdf_template_ships_inside_the_package():
    from advies.report.pdf import PAKKETTEN, STANDAARD, VOORBEELD

    assert STANDAARD.is_file() and VOORBEELD.is_file()
    assert (PAKKETTEN / "advies" / "sjabloon" / "0.1.0" / "typst.toml").is_file()
    assert Path(STANDAARD).suffix == ".typ"


def test_the_confirmation_letter_after_the_talk_opens_with_its_addressee(kb, tmp_path):
    """The letter of issue 13: addressee and salutation before the first section, in the PDF."""
    import shutil

    from typer.testing import CliRunner

    from advies.cli.app import app

    pad = tmp_path / "ilse.yaml"
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", pad)
    tekst_ = pad.read_text(encoding="utf-8").replace(
        "  coach: Ilse\n",
        "  coach: Ilse\n  geadresseerde: Marja de Boer / Postbus 12, 8000 AA Zwolle\n"
        "  aanhef: Beste Marja,\n",
    )
    pad.write_text(tekst_, encoding="utf-8")
    antwoorden = tmp_path / "gesprek.yaml"
    antwoorden.write_text(
        "gesprek:\n  datum: 2026-12-05\n  voorwaarden:\n"
        "    GESLOTEN_LEERKLIMAAT: {besluit: akkoord}\n"
        "    VERTROUWELIJKHEID_ONZEKER: {besluit: akkoord}\n"
        "    NIET_VOORGELICHT: {besluit: akkoord}\n",
        encoding="utf-8",
    )
    uit = CliRunner().invoke(app, ["gesprek", str(pad), "--antwoorden", str(antwoorden)])
    assert uit.exit_code == 0, uit.output
    casus = lees_casus(kb, pad)
    pdf = render_report(casus, evalueer(casus, kb), kb, "pdf", "klant", datum=VASTE_DATUM)
    vlak = plat(tekst(pdf)[1])  # type: ignore[arg-type]
    assert vlak.startswith("Bevestiging van het adviesgesprek")
    begin = vlak.index("Marja de Boer Postbus 12, 8000 AA Zwolle Beste Marja,")
    assert vlak.index("Datum") < begin < vlak.index("Wat we hebben afgesproken")
    assert pdfa(pdf) == "2B"  # type: ignore[arg-type]
