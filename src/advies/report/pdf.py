"""The advice document as PDF: A4, page numbers, made with fpdf2 and the Source Sans Pro font that
pip installs (fpdf2's built-in fonts cover Latin-1 only). The chart is drawn as vectors."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from advies.knowledge.model import Bron
from advies.report.chart import Rechthoek, opmaak
from advies.report.content import laad_teksten
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
from advies.report.font import lettertype
from advies.report.text import bronnen_tekst

LETTER = "SourceSans"
INKT = (31, 35, 40)
GRIJS = (91, 97, 104)
ACCENT = (31, 78, 121)
LIJN = (213, 217, 222)
VLAK = {"oordeel": (238, 243, 248), "coach": (244, 239, 249), "let_op": (255, 246, 229)}
RAND = {"oordeel": ACCENT, "coach": (106, 61, 154), "let_op": (178, 106, 0)}
STATUS = {
    "vervuld": (46, 125, 50),
    "voorwaarde": (178, 106, 0),
    "te_regelen": (79, 109, 138),
    "onbekend": (107, 107, 107),
    "niet_vervuld": (198, 40, 40),
}
REGEL = 5.0  # line height of body text, mm
_MARKERS = ("**", "__", "~~", "--")


def _hex(kleur: str) -> tuple[int, int, int]:
    kleur = kleur.lstrip("#")
    return int(kleur[0:2], 16), int(kleur[2:4], 16), int(kleur[4:6], 16)


def _md_veilig(tekst: str) -> str:
    """Escape fpdf2's markdown markers in our own text, so only our markup is markup."""
    tekst = tekst.replace("\\", "\\\\")
    for m in _MARKERS:
        tekst = tekst.replace(m, "\\" + m)
    return tekst


def _pdf_klasse() -> Any:
    from fpdf import FPDF

    class AdviesPdf(FPDF):
        kop_tekst = ""
        voet_tekst = ""
        pagina_tekst = "{nummer}/{totaal}"

        def header(self) -> None:
            if self.page_no() == 1:
                return
            self.set_font(LETTER, "", 8.5)
            self.set_text_color(*GRIJS)
            self.set_xy(self.l_margin, 9)
            self.cell(0, 4, self.kop_tekst)
            self.set_y(self.t_margin)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(LETTER, "", 8.5)
            self.set_text_color(*GRIJS)
            self.cell(0, 4, self.voet_tekst)
            self.set_x(self.l_margin)
            pagina = self.pagina_tekst.format(nummer=self.page_no(), totaal="{nb}")
            self.cell(0, 4, pagina, align="R")

    return AdviesPdf


def als_pdf(doc: Document) -> bytes:
    pdf = _pdf_klasse()(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font(LETTER, "", str(lettertype("")))
    pdf.add_font(LETTER, "B", str(lettertype("B")))
    pdf.add_font(LETTER, "I", str(lettertype("I")))
    pdf.set_title(f"{doc.titel}: {doc.ondertitel}" if doc.ondertitel else doc.titel)
    pdf.set_author("advies")
    pdf.set_lang("nl")
    pdf.set_creation_date(_vaste_datum())
    pdf.kop_tekst = f"{doc.titel} · {doc.ondertitel}" if doc.ondertitel else doc.titel
    pdf.voet_tekst = doc.voetregel
    pdf.pagina_tekst = laad_teksten()["pagina"]
    pdf.add_page()
    _titelblok(pdf, doc)
    for sectie in doc.secties:
        _sectie(pdf, sectie, 2)
    return bytes(pdf.output())


def _vaste_datum() -> Any:
    """A fixed creation date: the same advice gives the same PDF."""
    from datetime import datetime

    return datetime(2000, 1, 1, tzinfo=UTC)


def _font(
    pdf: Any, stijl: str = "", grootte: float = 10.5, kleur: tuple[int, int, int] = INKT
) -> None:
    pdf.set_font(LETTER, stijl, grootte)
    pdf.set_text_color(*kleur)


def _titelblok(pdf: Any, doc: Document) -> None:
    _font(pdf, "B", 21, ACCENT)
    pdf.multi_cell(0, 9, doc.titel, align="L", new_x="LMARGIN", new_y="NEXT")
    if doc.ondertitel:
        _font(pdf, "B", 13)
        pdf.multi_cell(0, 6.5, doc.ondertitel, align="L", new_x="LMARGIN", new_y="NEXT")
    _font(pdf, "I", 10, GRIJS)
    pdf.cell(0, 6, doc.versie_label, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for g in doc.gegevens:
        _font(pdf, "B", 10, GRIJS)
        pdf.cell(34, 5, g.label)
        _font(pdf, "", 10)
        pdf.multi_cell(0, 5, g.waarde, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(3)
    _font(pdf, "", 10.5)
    for regel in doc.aan:
        pdf.multi_cell(0, 5, regel, align="L", new_x="LMARGIN", new_y="NEXT")
    if doc.aan:
        pdf.ln(3)
    if doc.aanhef:
        pdf.multi_cell(0, 5, doc.aanhef, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)


def _ruimte(pdf: Any, nodig: float) -> None:
    """Start a new page unless `nodig` mm are left: keeps headings with what follows them."""
    if pdf.get_y() + nodig > pdf.h - pdf.b_margin:
        pdf.add_page()


def _bij_kop(pdf: Any, sectie: Sectie) -> float:
    """The room a heading needs below it, so that it never ends a page alone: the chart with its
    introduction, or else a few lines; a heading without text of its own takes its first
    subsection's heading along."""
    blokken = sectie.blokken
    if len(blokken) >= 2 and isinstance(blokken[0], Alinea) and isinstance(blokken[1], Grafiek):
        return 30 + _grafiek_hoogte(pdf, blokken[1])
    if blokken and isinstance(blokken[0], Grafiek):
        return 16 + _grafiek_hoogte(pdf, blokken[0])
    if not blokken and sectie.subsecties:
        return 18 + _bij_kop(pdf, sectie.subsecties[0])
    return 32


def _sectie(pdf: Any, sectie: Sectie, niveau: int) -> None:
    grootte = {2: 14.5, 3: 12, 4: 11}.get(niveau, 11)
    _ruimte(pdf, _bij_kop(pdf, sectie))
    pdf.ln(4 if niveau == 2 else 2)
    _font(pdf, "B", grootte, ACCENT if niveau <= 3 else INKT)
    pdf.multi_cell(0, grootte * 0.5, sectie.kop, align="L", new_x="LMARGIN", new_y="NEXT")
    if niveau == 2:
        pdf.set_draw_color(*LIJN)
        pdf.set_line_width(0.3)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.8, pdf.w - pdf.r_margin, pdf.get_y() + 0.8)
        pdf.ln(2.5)
    else:
        pdf.ln(1)
    for i, blok in enumerate(sectie.blokken):
        volgende = sectie.blokken[i + 1] if i + 1 < len(sectie.blokken) else None
        if isinstance(blok, Alinea) and isinstance(volgende, Grafiek):
            # the chart's introduction stays with it
            _ruimte(pdf, 14 + _grafiek_hoogte(pdf, volgende))
        elif isinstance(blok, Alinea) and isinstance(volgende, Lijst | Tabel):
            _ruimte(pdf, 24)  # an introduction stays with the first lines of what it introduces
        _blok(pdf, blok)
    for sub in sectie.subsecties:
        _sectie(pdf, sub, niveau + 1)


def _lopend(
    pdf: Any,
    tekst: str,
    vet: str | None,
    bronnen: tuple[Bron, ...],
    *,
    stijl: str = "",
    grootte: float = 10.5,
    kleur: tuple[int, int, int] = INKT,
) -> None:
    """Running text from the current position; continuation lines start at the left margin."""
    if vet:
        _font(pdf, "B", grootte, kleur)
        pdf.write(REGEL, vet + (" " if tekst else ""))
    if tekst:
        _font(pdf, stijl, grootte, kleur)
        pdf.write(REGEL, tekst)
    if bronnen:
        _font(pdf, "I", 8.5, GRIJS)
        pdf.write(REGEL, f" ({bronnen_tekst(bronnen)})")
    pdf.ln(REGEL)


def _ingesprongen(pdf: Any, links: float, teken: str, punt: Punt, diepte: int) -> None:
    _ruimte(pdf, 12)
    oud = pdf.l_margin
    pdf.set_x(links)
    _font(pdf, "B" if teken[0].isdigit() else "", 10.5, ACCENT if not teken[0].isdigit() else INKT)
    pdf.cell(5 if not teken[0].isdigit() else 6, REGEL, teken)
    pdf.set_left_margin(links + (5 if not teken[0].isdigit() else 6))
    _lopend(pdf, punt.tekst, punt.vet, punt.bronnen, grootte=10.5 if diepte == 0 else 10)
    pdf.set_left_margin(oud)
    pdf.ln(0.8)
    for sub in punt.sub:
        _ingesprongen(pdf, links + 5, "–" if diepte >= 1 else "•", sub, diepte + 1)


def _lijst(pdf: Any, lijst: Lijst) -> None:
    for i, punt in enumerate(lijst.punten, 1):
        _ingesprongen(pdf, pdf.l_margin + 1, f"{i}." if lijst.genummerd else "•", punt, 0)
    pdf.ln(1.5)


def _alinea(pdf: Any, a: Alinea) -> None:
    if a.vet and not a.tekst:
        _ruimte(pdf, 20)
    if a.stijl == "citaat":
        oud = pdf.l_margin
        start = pdf.get_y()
        pdf.set_left_margin(oud + 6)
        pdf.set_x(oud + 6)
        _lopend(pdf, a.tekst, a.vet, a.bronnen, stijl="I")
        pdf.set_draw_color(*LIJN)
        pdf.set_line_width(0.8)
        pdf.line(oud + 1.5, start + 0.5, oud + 1.5, pdf.get_y() - 0.5)
        pdf.set_left_margin(oud)
    elif a.stijl == "klein":
        _lopend(pdf, a.tekst, a.vet, a.bronnen, grootte=9.5, kleur=GRIJS)
    else:
        _lopend(pdf, a.tekst, a.vet, a.bronnen)
    pdf.ln(2)


def _tabel(pdf: Any, t: Tabel) -> None:
    from fpdf.fonts import FontFace

    grootte = 8 if t.klein else 9.5
    _ruimte(pdf, 30)
    _font(pdf, "", grootte)
    pdf.set_fill_color(255, 255, 255)  # the chart leaves its last bar colour behind
    kop = FontFace(emphasis="BOLD", color=ACCENT, fill_color=(232, 238, 244), size_pt=grootte)
    with pdf.table(
        col_widths=t.breedtes,
        headings_style=kop,
        line_height=grootte * 0.48,
        padding=(1.2, 1.5, 1.2, 1.5),
        markdown=True,
        borders_layout="HORIZONTAL_LINES",
        first_row_as_headings=True,
        text_align="LEFT",
        v_align="TOP",
        cell_fill_mode="NONE",
    ) as tabel:
        tabel.row(list(t.kolommen))
        for rij in t.rijen:
            r = tabel.row()
            for cel in rij:
                tekst = _md_veilig(cel.tekst)
                if cel.vet and tekst:
                    tekst = f"**{tekst}**"
                if cel.bronnen:
                    bron = _md_veilig(bronnen_tekst(cel.bronnen))
                    tekst = f"{tekst} __({bron})__" if tekst else f"__{bron}__"
                stijl = None
                if cel.status:
                    stijl = FontFace(emphasis="BOLD", color=STATUS[cel.status], size_pt=grootte)
                r.cell(tekst, style=stijl)
    pdf.ln(3)


def _grafiek_schaal(pdf: Any, breedte: float) -> float:
    return float(min(pdf.epw, 160) / breedte)


def _grafiek_hoogte(pdf: Any, g: Grafiek) -> float:
    breedte, hoogte, _ = opmaak(g)
    return hoogte * _grafiek_schaal(pdf, breedte) + 4


def _grafiek(pdf: Any, g: Grafiek) -> None:
    breedte, hoogte, vormen = opmaak(g)
    schaal = _grafiek_schaal(pdf, breedte)
    _ruimte(pdf, hoogte * schaal + 4)
    x0, y0 = pdf.l_margin, pdf.get_y() + 1
    for v in vormen:
        if isinstance(v, Rechthoek):
            pdf.set_fill_color(*_hex(v.kleur))
            pdf.rect(
                x0 + v.x * schaal,
                y0 + v.y * schaal,
                v.b * schaal,
                v.h * schaal,
                style="F",
                round_corners=True,
                corner_radius=0.8,
            )
        else:
            # the font size scales with the drawing: px * (mm per px) / (mm per pt)
            _font(pdf, "B" if v.vet else "", v.grootte * schaal / 0.3528, _hex(v.kleur))
            pdf.text(x0 + v.x * schaal, y0 + v.y * schaal, v.tekst)
    pdf.set_y(y0 + hoogte * schaal + 3)


def _kader_regels(k: Kader) -> list[tuple[str, float, tuple[int, int, int]]]:
    """The box's paragraphs as fpdf2 markdown, each with its size and colour."""
    regels = []
    for binnen in k.blokken:
        if isinstance(binnen, Alinea):
            delen = [f"**{_md_veilig(binnen.vet)}**"] if binnen.vet else []
            if binnen.tekst:
                delen.append(_md_veilig(binnen.tekst))
            if binnen.bronnen:
                delen.append(f"__({_md_veilig(bronnen_tekst(binnen.bronnen))})__")
            klein = binnen.stijl == "klein"
            regels.append((" ".join(delen), 9.5 if klein else 10.5, GRIJS if klein else INKT))
        else:
            for p in binnen.punten:
                tekst = f"**{_md_veilig(p.vet)}** " if p.vet else ""
                regels.append((f"• {tekst}{_md_veilig(p.tekst)}", 10.5, INKT))
    return regels


def _kader(pdf: Any, k: Kader) -> None:
    """A shaded box with a coloured bar; measured first so that it never breaks across pages."""
    binnen = pdf.epw - 10
    regels = _kader_regels(k)
    _font(pdf, "B", 12.5)
    hoogte = 3 + pdf.multi_cell(binnen, 6, k.kop, align="L", dry_run=True, output="HEIGHT") + 1
    for tekst, grootte, _ in regels:
        _font(pdf, "", grootte)
        hoogte += (
            pdf.multi_cell(
                binnen, REGEL, tekst, markdown=True, align="L", dry_run=True, output="HEIGHT"
            )
            + 1.5
        )
    hoogte += 1.5
    _ruimte(pdf, hoogte + 2)
    x, start = pdf.l_margin, pdf.get_y()
    pdf.set_fill_color(*VLAK[k.kind])
    pdf.rect(x, start, pdf.epw, hoogte, style="F")
    pdf.set_fill_color(*RAND[k.kind])
    pdf.rect(x, start, 1.4, hoogte, style="F")
    pdf.set_xy(x + 5, start + 3)
    _font(pdf, "B", 12.5, RAND[k.kind])
    pdf.multi_cell(binnen, 6, k.kop, align="L", new_x="LEFT", new_y="NEXT")
    pdf.ln(1)
    for tekst, grootte, kleur in regels:
        pdf.set_x(x + 5)
        _font(pdf, "", grootte, kleur)
        pdf.multi_cell(binnen, REGEL, tekst, markdown=True, align="L", new_x="LEFT", new_y="NEXT")
        pdf.ln(1.5)
    pdf.set_xy(x, start + hoogte + 3)


def _blok(pdf: Any, blok: Blok) -> None:
    if isinstance(blok, Alinea):
        _alinea(pdf, blok)
    elif isinstance(blok, Lijst):
        _lijst(pdf, blok)
    elif isinstance(blok, Tabel):
        _tabel(pdf, blok)
    elif isinstance(blok, Grafiek):
        _grafiek(pdf, blok)
    elif isinstance(blok, Kader):
        _kader(pdf, blok)
    else:
        raise TypeError(f"onbekend blok {type(blok).__name__}")
