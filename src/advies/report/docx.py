"""The advice document as Word: a docxtpl template (letterhead, styles, header and footer) fills
its tags, then python-docx writes the whole document model at the place of {{p inhoud }}.

(docxtpl's own subdocuments would need docxcompose as an extra dependency; writing into the
rendered document at a marker does the same with what docxtpl already brings.)

Only built-in style names are used in the body (Heading 1-3, List Bullet 1-3, Table Grid) and the
rest is direct formatting, so a coach's own template based on ours keeps working (docs/sjabloon.md).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from advies.knowledge.model import Bron
from advies.report.chart import KLEUR, als_png
from advies.report.document import (
    Alinea,
    Blok,
    Document,
    Grafiek,
    Kader,
    Lijst,
    Punt,
    Sectie,
    Tabel,
)
from advies.report.docx_template import CONTEXT, MARKER, STANDAARD, Plek, laad_sjabloon, omgeving
from advies.report.errors import SjabloonFout
from advies.report.text import bronnen_tekst

__all__ = ["CONTEXT", "STANDAARD", "als_docx"]  # the template's names, kept here too

_TEKSTBREEDTE_CM = 16.6
_GRIJS = "5B6168"
_KADER = {"oordeel": "EEF3F8", "coach": "F4EFF9", "let_op": "FFF6E5"}
_RAND = {"oordeel": "1F4E79", "coach": "6A3D9A", "let_op": "B26A00"}


def als_docx(doc: Document, sjabloon: Path | None = None) -> bytes:
    from jinja2 import TemplateError

    tpl = laad_sjabloon(sjabloon)
    naam = str(sjabloon or STANDAARD)
    context = {
        "titel": doc.titel,
        "ondertitel": doc.ondertitel,
        "versie_label": doc.versie_label,
        "gegevens": [{"label": g.label, "waarde": g.waarde} for g in doc.gegevens],
        "inhoud": Plek(),
        "voetregel": doc.voetregel,
        "datum": doc.datum,
        "oordeel": doc.verdict_label,
    }
    try:
        tpl.render(context, jinja_env=omgeving(), autoescape=True)  # the env it was checked with
    except TemplateError as fout:
        raise SjabloonFout(f"het sjabloon kan niet worden ingevuld: {fout}", bestand=naam) from None
    _vul_in(tpl.docx, doc, naam)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def _vul_in(word: Any, doc: Document, naam: str) -> None:
    """Write the sections at the end of the body, then move them to where the marker stands."""
    body = word.element.body
    plekken = [
        p for p in body.iter("{*}p") if "".join(t.text or "" for t in p.iter("{*}t")) == MARKER
    ]
    if len(plekken) != 1:
        raise SjabloonFout(
            "{{p inhoud }} moet precies één keer in de tekst van het sjabloon staan, in een eigen "
            "alinea (niet in de kop- of voettekst).",
            bestand=naam,
        )
    plek = plekken[0]
    al_daar = set(body.iterchildren())
    if doc.aan:
        alinea = word.add_paragraph()
        for i, regel in enumerate(doc.aan):
            if i:
                alinea.add_run().add_break()
            alinea.add_run(regel)
    if doc.aanhef:
        word.add_paragraph(doc.aanhef)
    for sectie in doc.secties:
        _sectie(word, sectie, 1)
    for element in [
        e for e in body.iterchildren() if e not in al_daar and not e.tag.endswith("sectPr")
    ]:
        plek.addprevious(element)
    plek.getparent().remove(plek)


def _sectie(d: Any, sectie: Sectie, niveau: int) -> None:
    d.add_heading(sectie.kop, level=min(niveau, 3))
    blokken = list(sectie.blokken)
    while blokken:
        blok = blokken.pop(0)
        volgende = blokken[0] if blokken else None
        if isinstance(blok, Alinea) and isinstance(volgende, Grafiek):
            # one paragraph for the chart and its introduction: Word and LibreOffice then move
            # them, with the headings above, to the next page together
            _alinea(d, blok)
            _grafiek(d, volgende, d.paragraphs[-1])
            blokken.pop(0)
            continue
        _blok(d, blok)
        if isinstance(blok, Alinea) and isinstance(volgende, Lijst | Tabel):
            d.paragraphs[-1].paragraph_format.keep_with_next = True  # an introduction
    for sub in sectie.subsecties:
        _sectie(d, sub, niveau + 1)


def _run_bronnen(p: Any, bronnen: tuple[Bron, ...], haakjes: bool = True) -> None:
    from docx.shared import Pt, RGBColor

    if not bronnen:
        return
    tekst = f" ({bronnen_tekst(bronnen)})" if haakjes else bronnen_tekst(bronnen)
    run = p.add_run(tekst)
    run.italic = True
    run.font.size = Pt(8.5)
    run.font.color.rgb = RGBColor.from_string(_GRIJS)


def _inline(p: Any, tekst: str, vet: str | None, bronnen: tuple[Bron, ...]) -> None:
    if vet:
        p.add_run(vet).bold = True
        if tekst:
            p.add_run(" ")
    if tekst:
        p.add_run(tekst)
    _run_bronnen(p, bronnen)


def _alinea(d: Any, a: Alinea) -> None:
    from docx.shared import Cm, Pt, RGBColor

    p = d.add_paragraph()
    _inline(p, a.tekst, a.vet, a.bronnen)
    if a.stijl == "citaat":
        p.paragraph_format.left_indent = Cm(0.8)
        for run in p.runs:
            run.italic = True
    elif a.stijl == "klein":
        for run in p.runs:
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor.from_string(_GRIJS)
        p.paragraph_format.keep_with_next = True  # a short note belongs to what follows it
    if a.vet and not a.tekst:  # a lead-in that introduces what follows
        p.paragraph_format.keep_with_next = True


def _punten(d: Any, punten: tuple[Punt, ...], genummerd: bool, diepte: int = 1) -> None:
    from docx.shared import Cm

    for i, punt in enumerate(punten, 1):
        if genummerd:
            p = d.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.75)
            p.paragraph_format.first_line_indent = Cm(-0.75)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))
            p.paragraph_format.space_after = Cm(0.1)
            p.add_run(f"{i}.\t")
        else:
            p = d.add_paragraph(
                style="List Bullet" if diepte == 1 else f"List Bullet {min(diepte, 3)}"
            )
            if diepte > 3:
                p.paragraph_format.left_indent = Cm(0.63 * diepte)
        _inline(p, punt.tekst, punt.vet, punt.bronnen)
        if punt.sub:
            _punten(d, punt.sub, False, diepte + 1)


def _arcering(cel: Any, kleur: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), kleur)
    cel._tc.get_or_add_tcPr().append(shd)


def _tabel(d: Any, t: Tabel) -> None:
    from docx.oxml import OxmlElement
    from docx.shared import Cm, Pt, RGBColor

    tabel = d.add_table(rows=1 + len(t.rijen), cols=len(t.kolommen))
    tabel.style = "Table Grid"
    tabel.autofit = False
    totaal = sum(t.breedtes)
    breedtes = [Cm(_TEKSTBREEDTE_CM * b / totaal) for b in t.breedtes]
    for kolom, breedte in zip(tabel.columns, breedtes, strict=True):
        kolom.width = breedte  # the grid: LibreOffice reads this, Word the cell widths
    grootte = Pt(8) if t.klein else Pt(9.5)
    for r, rij in enumerate(tabel.rows):
        trpr = rij._tr.get_or_add_trPr()
        verbied = OxmlElement("w:cantSplit")
        trpr.append(verbied)
        if r == 0:
            kop = OxmlElement("w:tblHeader")  # repeat the header row on every page
            trpr.append(kop)
        for k, cel in enumerate(rij.cells):
            cel.width = breedtes[k]
            p = cel.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            if r == 0:
                run = p.add_run(t.kolommen[k])
                run.bold = True
                _arcering(cel, "E8EEF4")
            else:
                c = t.rijen[r - 1][k]
                if c.tekst:
                    run = p.add_run(c.tekst)
                    run.bold = c.vet
                    if c.status:
                        run.bold = True
                        run.font.color.rgb = RGBColor.from_string(
                            KLEUR[c.status].lstrip("#").upper()
                        )
                _run_bronnen(p, c.bronnen, haakjes=bool(c.tekst))
            for run in p.runs:
                if run.font.size is None:
                    run.font.size = grootte
    d.add_paragraph().paragraph_format.space_after = Pt(2)


def _grafiek(d: Any, g: Grafiek, bij: Any = None) -> None:
    """The chart as a PNG; in paragraph `bij` (its introduction) when given."""
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    if bij is None:
        d.add_picture(io.BytesIO(als_png(g)), width=Cm(15.5))
        bij = d.paragraphs[-1]
    else:
        bij.add_run().add_break(WD_BREAK.LINE)
        bij.add_run().add_picture(io.BytesIO(als_png(g)), width=Cm(15.5))
    bij.paragraph_format.keep_together = True


def _kader(d: Any, k: Kader) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    tabel = d.add_table(rows=1, cols=1)
    cel = tabel.cell(0, 0)
    tabel.columns[0].width = cel.width = Cm(_TEKSTBREEDTE_CM)
    _arcering(cel, _KADER[k.kind])
    randen = OxmlElement("w:tcBorders")
    for zijde in ("top", "left", "bottom", "right"):
        rand = OxmlElement(f"w:{zijde}")
        rand.set(qn("w:val"), "single" if zijde == "left" else "nil")
        if zijde == "left":
            rand.set(qn("w:sz"), "24")
            rand.set(qn("w:color"), _RAND[k.kind])
        randen.append(rand)
    cel._tc.get_or_add_tcPr().append(randen)
    kop = cel.paragraphs[0]
    run = kop.add_run(k.kop)
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor.from_string(_RAND[k.kind])
    for binnen in k.blokken:
        _blok(cel, binnen)
    cel.paragraphs[-1].paragraph_format.space_after = Pt(2)
    d.add_paragraph().paragraph_format.space_after = Pt(0)


def _blok(d: Any, blok: Blok) -> None:
    if isinstance(blok, Alinea):
        _alinea(d, blok)
    elif isinstance(blok, Lijst):
        _punten(d, blok.punten, blok.genummerd)
    elif isinstance(blok, Tabel):
        _tabel(d, blok)
    elif isinstance(blok, Grafiek):
        _grafiek(d, blok)
    elif isinstance(blok, Kader):
        _kader(d, blok)
    else:
        raise TypeError(f"onbekend blok {type(blok).__name__}")
