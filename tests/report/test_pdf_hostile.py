"""Hostile text in a case reaches the PDF literally, or is refused in Dutch: Typst markup is never
read as markup, control characters are taken out, very long names and words stay inside the
page, Arabic and Hebrew print in the shipped fonts, and what no font can show is named."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from typer.testing import CliRunner

from advies.case.model import Casus
from advies.cli.app import app
from advies.engine.evaluation import evalueer
from advies.report.errors import TekensFout
from advies.report.font import letterbestanden
from advies.report.pdf import glyphs
from advies.report.pdf.data import schoon
from advies.report.pdf.typeset import als_png
from advies.report.render import render_report
from advies.report.sections import bouw_document

from .conftest import VASTE_DATUM, VOORBEELDEN
from .pdf_reading import lettertypen, plat, tekst, zonder_witruimte

MARKUP = "Jan #set text(red) $x$ ] #{panic()} <script>alert(1)</script> *vet* _schuin_ @ref `code` \\ // x /* y"
CONTROLE = "tab\there, bel\x07, nul\x00, esc\x1b[31m, csi\x9b, rtl\u202eesrever\u202c, bom\ufeff, tag\U000e0041."
LANG_WOORD = "Lang" + "a" * 3000


def _met(gevallen: dict[str, Any], kb: Any, **meta: str) -> tuple[Casus, Any]:
    casus, _ = gevallen["go_onder_voorwaarden"]
    nieuw = casus.model_copy(update={"meta": casus.meta.model_copy(update=meta)})
    return nieuw, evalueer(nieuw, kb)


def _pdf(gevallen: dict[str, Any], kb: Any, **meta: str) -> bytes:
    casus, advies = _met(gevallen, kb, **meta)
    return render_report(casus, advies, kb, "pdf", "klant", datum=VASTE_DATUM)  # type: ignore[return-value]


def test_typst_markup_in_every_field_comes_out_literally(gevallen, kb):
    velden = ("naam", "opdrachtgever", "organisatie", "coach", "hulpvraag")
    pdf = _pdf(gevallen, kb, **dict.fromkeys(velden, MARKUP))
    vlak = zonder_witruimte(tekst(pdf)[1])
    # the title block, the data, the question, the closing and the running header
    assert vlak.count(zonder_witruimte(MARKUP)) >= 6


def test_control_and_reordering_characters_are_taken_out(gevallen, kb):
    pdf = _pdf(gevallen, kb, naam=CONTROLE, opdrachtgever=CONTROLE, hulpvraag=CONTROLE)
    gelezen = tekst(pdf)[1]
    assert "tab here, bel, nul, esc[31m, csi, rtlesrever, bom, tag." in plat(gelezen)
    for teken in ("\x07", "\x00", "\x1b", "\x9b", "\u202e", "\ufeff", "\U000e0041"):
        assert teken not in gelezen


def test_the_cleaning_keeps_newlines_and_drops_lone_surrogates():
    assert schoon("a\r\nb\rc\td\x85e\ud800f") == "a\nb\nc de" + "f"


def test_very_long_names_and_words_stay_inside_the_page(gevallen, kb):
    casus, advies = _met(
        gevallen,
        kb,
        naam=LANG_WOORD,
        opdrachtgever=LANG_WOORD,
        organisatie="Organisatie " * 300,
        hulpvraag=LANG_WOORD + " " + "woord " * 3000,
    )
    pdf = render_report(casus, advies, kb, "pdf", "klant", datum=VASTE_DATUM)
    aantal, gelezen = tekst(pdf)  # type: ignore[arg-type]
    assert aantal < 40
    # nothing cut in the body: the word is in the title block, the data and the question (a
    # page break puts the running header inside it, so count the runs of a)
    runs = re.findall(r"a{100,}", zonder_witruimte(gelezen))
    assert sum(len(r) for r in runs) >= 3 * 3000
    # nothing is drawn in the right margin (20 mm) of any page: the long word was broken
    doc = bouw_document(casus, advies, kb, voor="klant", datum=VASTE_DATUM)
    for nummer, png in enumerate(als_png(doc, ppi=40), 1):
        beeld = Image.open(io.BytesIO(png)).convert("L")
        marge = beeld.crop((beeld.width - round(19 / 25.4 * 40), 0, beeld.width, beeld.height))
        assert marge.getextrema()[0] > 250, f"pagina {nummer} heeft inkt in de rechtermarge"


def test_arabic_and_hebrew_print_in_the_shipped_fonts(gevallen, kb):
    pdf = _pdf(
        gevallen,
        kb,
        naam="Team שלום",
        opdrachtgever="Fatima El Amrani (فاطمة)",
        hulpvraag="Ελένη en Дмитрий vragen: מה שלומך? كيف حالك؟",
    )
    fonts = {f.split("-")[0] for f in lettertypen(pdf)}
    assert {"SourceSansPro", "NotoSansArabic", "Heebo"} <= fonts
    vlak = plat(tekst(pdf)[1])
    assert "שלום" in vlak and "Ελένη" in vlak and "Дмитрий" in vlak


def test_characters_no_font_has_are_refused_naming_the_field(gevallen, kb):
    casus, advies = _met(gevallen, kb, naam="Team 王小明", opdrachtgever="manager 🙂")
    with pytest.raises(TekensFout) as fout:
        render_report(casus, advies, kb, "pdf", "klant", datum=VASTE_DATUM)
    bericht = fout.value.message
    assert "‘王’ (U+738B)" in bericht and "‘🙂’ (U+1F642)" in bericht
    assert "meta.naam" in bericht and "meta.opdrachtgever" in bericht
    assert "--format docx" in bericht


def test_a_character_only_typst_itself_can_show_is_not_refused(gevallen, kb):
    # ∀ and ★ are in none of the shipped fonts, but in fonts that come with Typst
    assert glyphs.onbekende_tekens("∀★", letterbestanden()) == ["∀", "★"]
    pdf = _pdf(gevallen, kb, hulpvraag="voor ∀ deelnemers een ★")
    assert "voor ∀ deelnemers een ★" in plat(tekst(pdf)[1])


def test_the_cli_refuses_unprintable_text_with_the_case_file_and_exit_code_2(tmp_path: Path):
    casus = tmp_path / "casus.yaml"
    bron = (VOORBEELDEN / "ilse-coordinatoren.yaml").read_text(encoding="utf-8")
    casus.write_text(
        bron.replace("naam: Coördinatoren", "naam: 王 Coördinatoren"), encoding="utf-8"
    )
    doel = tmp_path / "advies.pdf"
    doel.write_bytes(b"vorige versie")
    uit = CliRunner().invoke(app, ["rapport", str(casus), "-o", str(doel)])
    assert uit.exit_code == 2
    assert f"fout: {casus}: de PDF kan deze tekens niet tonen: ‘王’ (U+738B)" in uit.stderr
    assert "meta.naam" in uit.stderr and "Traceback" not in uit.output
    assert doel.read_bytes() == b"vorige versie"
    assert sorted(os.listdir(tmp_path)) == ["advies.pdf", "casus.yaml"]


def test_the_font_check_reads_the_character_maps():
    ssp = letterbestanden()[0]
    bekend = glyphs.tekens_in(ssp)
    assert {ord(c) for c in "aé€‘’–ĳΩЖ"} <= bekend
    assert ord("王") not in bekend and ord("ש") not in bekend
    assert bekend >= glyphs.ZEKER  # the characters checked without reading a font


def test_typst_is_asked_once_more_than_there_are_missing_characters():
    gevraagd = []

    def probeer(t: str) -> str | None:
        gevraagd.append(t)
        return next((c for c in t if c in "王🙂"), None)

    assert glyphs.ontbrekend(["x", "王", "y", "🙂"], probeer) == ["王", "🙂"]
    assert gevraagd == ["x王y🙂", "xy🙂", "xy"]


def test_long_runs_get_break_points_that_keep_letters_and_accents_together():
    from advies.report.pdf.data import breek_lang

    assert breek_lang("kort woord " + "x" * 39) == "kort woord " + "x" * 39
    gebroken = breek_lang("e\u0301" * 30)
    assert gebroken.replace("\xad", "") == "e\u0301" * 30
    assert "\xad\u0301" not in gebroken and gebroken.count("\xad") >= 4
