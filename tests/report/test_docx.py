"""The Word advice read back with python-docx, and a bad or a coach's own template."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document as WordDocument

from advies.report.errors import SjabloonFout
from advies.report.render import render_report

from .conftest import VASTE_DATUM


@pytest.fixture(scope="module")
def word(gevallen, kb) -> bytes:
    casus, advies = gevallen["go_onder_voorwaarden"]
    return render_report(casus, advies, kb, "docx", "klant", datum=VASTE_DATUM)  # type: ignore[return-value]


def _tekst(doc) -> str:  # type: ignore[no-untyped-def]
    delen = [p.text for p in doc.paragraphs]
    for tabel in doc.tables:
        for rij in tabel.rows:
            delen += [c.text for c in rij.cells]
    return "\n".join(delen)


def test_the_word_advice_has_the_sections_as_real_headings(word):
    doc = WordDocument(io.BytesIO(word))
    koppen = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Het advies in het kort") in koppen
    assert ("Heading 1", "Wat ik u vraag toe te zeggen") in koppen
    assert ("Heading 1", "Bijlage: voor de startbijeenkomst") in koppen
    assert ("Heading 2", "Sleutelvoorwaarden") in koppen
    assert ("Heading 2", "Startbijeenkomst") in koppen
    assert doc.paragraphs[0].text == "Advies over de start van intervisie"


def test_the_word_advice_has_the_key_condition_table_and_the_session_plan(word, gevallen):
    doc = WordDocument(io.BytesIO(word))
    kopregels = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["Sleutelvoorwaarde", "Stand", "Toelichting"] in kopregels
    sleutel = doc.tables[kopregels.index(["Sleutelvoorwaarde", "Stand", "Toelichting"])]
    _, advies = gevallen["go_onder_voorwaarden"]
    assert [r.cells[0].text for r in sleutel.rows[1:]] == [
        s.naam for s in advies.sleutelvoorwaarden
    ]
    assert ["Stap", "Minuten", "Wat er gebeurt"] in kopregels


def test_the_word_advice_cites_its_sources_and_lists_their_full_references(word, kb):
    tekst = _tekst(WordDocument(io.BytesIO(word)))
    # the client's letter numbers its citations and lists their places at the end
    assert re.search(r"\[\d+\]", tekst)
    # one note per source per section, its places joined: "VDL, inleiding (casus Ilse); tabel i.1"
    assert re.search(r"VDL, [^\n]*tabel i\.1", tekst)
    for sleutel in ("VDL", "VOR", "HH", "KCB"):
        assert " ".join(kb.bronnen[sleutel].volledig.split()) in tekst


def test_the_word_advice_contains_the_chart_as_an_image(word):
    doc = WordDocument(io.BytesIO(word))
    assert len(doc.inline_shapes) == 1
    afbeeldingen = [p for p in doc.part.package.parts if p.content_type == "image/png"]
    assert afbeeldingen and afbeeldingen[0].blob[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_word_advice_fills_every_template_tag(word):
    doc = WordDocument(io.BytesIO(word))
    xml = (
        doc.element.xml + doc.sections[0].header._element.xml + doc.sections[0].footer._element.xml
    )
    assert "{{" not in xml and "{%" not in xml
    assert "Coördinatoren zorgdistricten" in doc.sections[0].header.paragraphs[0].text
    assert "regels" in doc.sections[0].footer.paragraphs[0].text


def _eigen_sjabloon(pad: Path, body: list[str]) -> Path:
    doc = WordDocument()
    doc.sections[0].header.paragraphs[0].text = "Praktijk De Kring · briefhoofd"
    for regel in body:
        doc.add_paragraph(regel)
    doc.save(str(pad))
    return pad


def test_a_coach_can_use_their_own_letterhead_template(gevallen, kb, tmp_path):
    sjabloon = _eigen_sjabloon(
        tmp_path / "kring.docx", ["{{ titel }}", "Datum: {{ datum }}", "{{p inhoud }}", "Groet"]
    )
    casus, advies = gevallen["go"]
    uit = render_report(casus, advies, kb, "docx", "klant", sjabloon, datum=VASTE_DATUM)
    doc = WordDocument(io.BytesIO(uit))  # type: ignore[arg-type]
    assert doc.sections[0].header.paragraphs[0].text == "Praktijk De Kring · briefhoofd"
    teksten = [p.text for p in doc.paragraphs]
    assert teksten[:2] == ["Advies over de start van intervisie", "Datum: 18 november 2026"]
    assert teksten[-1] == "Groet"  # the advice goes where {{p inhoud }} stood, not at the end
    assert "Het advies in het kort" in teksten


@pytest.mark.parametrize(
    ("body", "melding"),
    [
        (["{{ titel", "{{p inhoud }}"], "Jinja-tag in het sjabloon is kapot"),
        (["{% if titel %}{{ titel }}", "{{p inhoud }}"], "Jinja-tag in het sjabloon is kapot"),
        (["{{ titel }}"], "geen plek voor het advies"),
        (["{{ opdrachtgevr }}", "{{p inhoud }}"], "onbekende tag(s) in het sjabloon: opdrachtgevr"),
    ],
)
def test_a_template_with_bad_tags_gets_a_clear_error(gevallen, kb, tmp_path, body, melding):
    sjabloon = _eigen_sjabloon(tmp_path / "fout.docx", body)
    casus, advies = gevallen["go"]
    with pytest.raises(SjabloonFout) as fout:
        render_report(casus, advies, kb, "docx", "klant", sjabloon)
    assert melding in fout.value.bericht()
    assert str(sjabloon) in fout.value.bericht()


@pytest.mark.parametrize("inhoud", [b"geen word-bestand", b"PK\x03\x04 kapotte zip"])
def test_a_file_that_is_no_word_document_gets_a_clear_error(gevallen, kb, tmp_path, inhoud):
    sjabloon = tmp_path / "sjabloon.docx"
    sjabloon.write_bytes(inhoud)
    casus, advies = gevallen["go"]
    with pytest.raises(SjabloonFout, match=r"geen bruikbaar Word-bestand \(\.docx\)"):
        render_report(casus, advies, kb, "docx", "klant", sjabloon)


def test_a_missing_template_gets_a_clear_error(gevallen, kb, tmp_path):
    casus, advies = gevallen["go"]
    with pytest.raises(SjabloonFout, match="sjabloon niet gevonden"):
        render_report(casus, advies, kb, "docx", "klant", tmp_path / "weg.docx")
