"""Build the default Word template of `advies rapport --format docx`:
src/advies/report/templates/advies.docx.

The binary is committed, and this script rebuilds it, so a change to the letterhead or the styles
is a reviewable change to code. Run from the repository root:

    python tools/maak_docx_sjabloon.py

The template holds the letterhead, the styles, the header and footer (with page numbers) and
these Jinja tags, which a coach's own template must use too (docs/sjabloon.md):
{{ titel }}, {{ ondertitel }}, {{ versie_label }}, a table row loop over `gegevens`
(g.label, g.waarde), {{p inhoud }} (the whole advice) and, in the footer, {{ voetregel }}.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

ROOT = Path(__file__).resolve().parent.parent
DOEL = ROOT / "src" / "advies" / "report" / "templates" / "advies.docx"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
GRIJS = RGBColor(0x5B, 0x61, 0x68)
LETTER = "Calibri"


def _veld(alinea, code: str) -> None:  # type: ignore[no-untyped-def]
    """A Word field (PAGE, NUMPAGES), filled in by Word and LibreOffice when they lay out pages."""
    veld = OxmlElement("w:fldSimple")
    veld.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    kleur = OxmlElement("w:color")
    kleur.set(qn("w:val"), str(GRIJS))
    grootte = OxmlElement("w:sz")
    grootte.set(qn("w:val"), "17")
    rpr.extend([kleur, grootte])
    run.append(rpr)
    tekst = OxmlElement("w:t")
    tekst.text = "1"
    run.append(tekst)
    veld.append(run)
    alinea._p.append(veld)


def _stijlen(doc) -> None:  # type: ignore[no-untyped-def]
    normaal = doc.styles["Normal"]
    normaal.font.name = LETTER
    normaal.font.size = Pt(10.5)
    normaal.element.rPr.rFonts.set(qn("w:eastAsia"), LETTER)
    normaal.paragraph_format.space_after = Pt(5)
    normaal.paragraph_format.line_spacing = 1.12
    for naam, grootte, voor, na in (
        ("Title", 22, 0, 2),
        ("Heading 1", 15, 16, 5),
        ("Heading 2", 12.5, 11, 3),
        ("Heading 3", 11, 8, 2),
    ):
        stijl = doc.styles[naam]
        stijl.font.name = LETTER
        stijl.font.size = Pt(grootte)
        stijl.font.bold = True
        stijl.font.italic = False
        stijl.font.color.rgb = (
            ACCENT if naam in ("Title", "Heading 1", "Heading 2") else RGBColor(0x1F, 0x23, 0x28)
        )
        rpr = stijl.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), LETTER)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts.get(qn(attr)) is not None:
                del fonts.attrib[qn(attr)]
        stijl.paragraph_format.space_before = Pt(voor)
        stijl.paragraph_format.space_after = Pt(na)
        stijl.paragraph_format.keep_with_next = True
    # the Title style of the default template has a blue rule below it; keep ours plain
    titel = doc.styles["Title"].element.get_or_add_pPr()
    for rand in titel.findall(qn("w:pBdr")):
        titel.remove(rand)
    for naam in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number"):
        doc.styles[naam].font.name = LETTER
        doc.styles[naam].paragraph_format.space_after = Pt(3)


def _kop_en_voet(doc, pagina: str) -> None:  # type: ignore[no-untyped-def]
    sectie = doc.sections[0]
    kop = sectie.header.paragraphs[0]
    kop.text = "{{ titel }} · {{ ondertitel }}"
    for run in kop.runs:
        run.font.size = Pt(8.5)
        run.font.color.rgb = GRIJS
    voet = sectie.footer.paragraphs[0]
    breedte = sectie.page_width - sectie.left_margin - sectie.right_margin
    tabs = voet.paragraph_format.tab_stops
    for positie in (Twips(4680), Twips(9360)):  # the Footer style's own centre and right tabs
        tabs.add_tab_stop(positie, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(breedte, WD_TAB_ALIGNMENT.RIGHT)
    voor, _, rest = pagina.partition("{nummer}")
    midden, _, na = rest.partition("{totaal}")
    voet.add_run("{{ voetregel }}\t" + voor)
    _veld(voet, "PAGE")
    voet.add_run(midden)
    _veld(voet, "NUMPAGES")
    if na:
        voet.add_run(na)
    for run in voet.runs:
        run.font.size = Pt(8.5)
        run.font.color.rgb = GRIJS


def _gegevens(doc) -> None:  # type: ignore[no-untyped-def]
    tabel = doc.add_table(rows=3, cols=2)
    tabel.autofit = False
    tabel.cell(0, 0).text = "{%tr for g in gegevens %}"
    tabel.cell(1, 0).text = "{{ g.label }}"
    tabel.cell(1, 1).text = "{{ g.waarde }}"
    tabel.cell(2, 0).text = "{%tr endfor %}"
    tabel.columns[0].width, tabel.columns[1].width = Cm(3.6), Cm(13.0)
    for rij in tabel.rows:
        rij.cells[0].width = Cm(3.6)
        rij.cells[1].width = Cm(13.0)
    for run in tabel.cell(1, 0).paragraphs[0].runs:
        run.font.bold = True
        run.font.color.rgb = GRIJS
    for cel in tabel.cell(1, 0), tabel.cell(1, 1):
        cel.paragraphs[0].paragraph_format.space_after = Pt(1)


def maak(doel: Path = DOEL) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from advies.report.content import laad_teksten

    doc = Document()
    sectie = doc.sections[0]
    sectie.orientation = WD_ORIENT.PORTRAIT
    sectie.page_width, sectie.page_height = Cm(21), Cm(29.7)
    sectie.left_margin = sectie.right_margin = Cm(2.2)
    sectie.top_margin, sectie.bottom_margin = Cm(2.0), Cm(2.0)
    sectie.header_distance = sectie.footer_distance = Cm(1.0)
    _stijlen(doc)
    _kop_en_voet(doc, laad_teksten()["pagina"])
    doc.add_paragraph("{{ titel }}", style="Title")
    ondertitel = doc.add_paragraph()
    run = ondertitel.add_run("{{ ondertitel }}")
    run.font.size, run.font.bold = Pt(13), True
    versie = doc.add_paragraph()
    run = versie.add_run("{{ versie_label }}")
    run.font.italic, run.font.color.rgb = True, GRIJS
    _gegevens(doc)
    doc.add_paragraph("{{p inhoud }}")
    kern = doc.core_properties
    kern.title = "Advies over de start van intervisie"
    kern.author = "advies"
    kern.comments = "Sjabloon voor advies rapport --format docx; zie docs/sjabloon.md"
    doel.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(doel))
    print(f"geschreven: {doel.relative_to(ROOT)}")


if __name__ == "__main__":
    maak()
