"""The key-condition chart: one bar per condition, its length and colour telling met, unknown or
not met (the word is printed beside it too, so the chart also reads in black and white).

The layout is computed once as shapes in pixels; SVG (HTML, Markdown) and PNG (DOCX, via Pillow)
draw the same shapes. The PDF's Typst template draws its own chart with the same colours.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from advies.report.document import Grafiek

BREEDTE = 680
_RIJ = 25
_KOP = 56
_LABEL_X = 0
_BALK_X = 300
_BALK_B = 270
_STATUS_X = 584
# green met, amber a condition to accept, blue-grey arranged at the start, grey unknown, red not
# met (only under a no go); the word beside the bar says it too, for print in black and white
KLEUR = {
    "vervuld": "#2e7d32",
    "voorwaarde": "#b26a00",
    "te_regelen": "#4f6d8a",
    "onbekend": "#8a8a8a",
    "niet_vervuld": "#c62828",
}
_DEEL = {
    "vervuld": 1.0,
    "voorwaarde": 0.6,
    "te_regelen": 0.75,
    "onbekend": 0.5,
    "niet_vervuld": 0.1,
}
SPOOR = "#e6e9ec"
INKT = "#222222"
GRIJS = "#555555"
LETTERS = "'Source Sans Pro','Segoe UI',Helvetica,Arial,sans-serif"


@dataclass(frozen=True)
class Rechthoek:
    x: float
    y: float
    b: float
    h: float
    kleur: str


@dataclass(frozen=True)
class Tekst:
    x: float
    y: float  # baseline
    tekst: str
    grootte: float
    kleur: str = INKT
    vet: bool = False


Vorm = Rechthoek | Tekst


def opmaak(g: Grafiek) -> tuple[float, float, list[Vorm]]:
    """Width, height and the shapes of the chart."""
    vormen: list[Vorm] = [
        Tekst(_LABEL_X, 20, g.titel, 15, vet=True),
        Tekst(_LABEL_X, 42, g.samenvatting, 12.5, kleur=GRIJS),
    ]
    for i, balk in enumerate(g.balken):
        y = _KOP + i * _RIJ
        vormen.append(Tekst(_LABEL_X, y + 17, balk.label, 13))
        vormen.append(Rechthoek(_BALK_X, y + 5, _BALK_B, 16, SPOOR))
        vormen.append(
            Rechthoek(_BALK_X, y + 5, _BALK_B * _DEEL[balk.status], 16, KLEUR[balk.status])
        )
        vormen.append(
            Tekst(_STATUS_X, y + 17, balk.status_label, 13, kleur=KLEUR[balk.status], vet=True)
        )
    hoogte = _KOP + len(g.balken) * _RIJ + 4
    return BREEDTE, hoogte, vormen


def als_svg(g: Grafiek) -> str:
    """Inline SVG without blank lines (so it also stands as one HTML block in Markdown)."""
    breedte, hoogte, vormen = opmaak(g)
    regels = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {breedte:g} {hoogte:g}" '
        f'width="100%" role="img" aria-label="{escape(g.titel, {chr(34): "&quot;"})}" '
        f'style="max-width:{breedte:g}px;font-family:{LETTERS}">',
        f"<title>{escape(g.titel)}: {escape(g.samenvatting)}</title>",
    ]
    for v in vormen:
        if isinstance(v, Rechthoek):
            regels.append(
                f'<rect x="{v.x:g}" y="{v.y:g}" width="{v.b:g}" height="{v.h:g}" rx="3" '
                f'fill="{v.kleur}"/>'
            )
        else:
            gewicht = ' font-weight="bold"' if v.vet else ""
            regels.append(
                f'<text x="{v.x:g}" y="{v.y:g}" font-size="{v.grootte:g}" '
                f'fill="{v.kleur}"{gewicht}>'
                f"{escape(v.tekst)}</text>"
            )
    regels.append("</svg>")
    return "\n".join(regels)


def als_png(g: Grafiek, schaal: float = 2.5) -> bytes:
    """A PNG at `schaal` times the pixel size (sharp in print at 16 cm wide)."""
    from PIL import Image, ImageDraw, ImageFont

    from advies.report.font import lettertype

    breedte, hoogte, vormen = opmaak(g)
    beeld = Image.new("RGB", (round(breedte * schaal), round(hoogte * schaal)), "white")
    teken = ImageDraw.Draw(beeld)
    fonts: dict[tuple[bool, float], ImageFont.FreeTypeFont] = {}
    for v in vormen:
        if isinstance(v, Rechthoek):
            vak = (v.x * schaal, v.y * schaal, (v.x + v.b) * schaal, (v.y + v.h) * schaal)
            teken.rounded_rectangle(vak, radius=3 * schaal, fill=v.kleur)
        else:
            sleutel = (v.vet, v.grootte)
            if sleutel not in fonts:
                fonts[sleutel] = ImageFont.truetype(
                    str(lettertype("B" if v.vet else "")), round(v.grootte * schaal)
                )
            teken.text(
                (v.x * schaal, v.y * schaal),
                v.tekst,
                font=fonts[sleutel],
                fill=v.kleur,
                anchor="ls",  # x at the left, y on the baseline, as in SVG
            )
    buffer = io.BytesIO()
    beeld.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
