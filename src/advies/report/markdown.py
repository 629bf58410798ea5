"""The advice document as Markdown: CommonMark, pipe tables, the chart as an inline SVG block."""

from __future__ import annotations

from advies.knowledge.model import Bron
from advies.report.chart import als_svg
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
from advies.report.md_escape import md_tekst
from advies.report.text import bronnen_tekst

_STATUS_TEKEN = {
    "vervuld": "✓",
    "voorwaarde": "!",
    "te_regelen": "→",
    "onbekend": "?",
    "niet_vervuld": "✗",
}


def _bron(bronnen: tuple[Bron, ...]) -> str:
    return f" *({md_tekst(bronnen_tekst(bronnen), in_regel=True)})*" if bronnen else ""


def _inline(tekst: str, vet: str | None, bronnen: tuple[Bron, ...]) -> str:
    delen = [f"**{md_tekst(vet)}**"] if vet else []
    if tekst:
        delen.append(md_tekst(tekst))
    return " ".join(delen) + _bron(bronnen)


def _punten(punten: tuple[Punt, ...], genummerd: bool, inspringen: str = "") -> list[str]:
    regels = []
    for i, p in enumerate(punten, 1):
        teken = f"{i}. " if genummerd else "- "
        regels.append(inspringen + teken + _inline(p.tekst, p.vet, p.bronnen))
        if p.sub:
            regels += _punten(p.sub, False, inspringen + " " * len(teken))
    return regels


def _cel(tekst: str) -> str:
    return tekst.replace("\n", " ")  # a table row is one line


def _tabel(tabel: Tabel) -> list[str]:
    kolommen = [md_tekst(k, in_regel=True) for k in tabel.kolommen]
    regels = ["| " + " | ".join(kolommen) + " |", "|" + " --- |" * len(kolommen)]
    for rij in tabel.rijen:
        cellen = []
        for cel in rij:
            tekst = md_tekst(cel.tekst, in_regel=True)
            tekst = f"**{tekst}**" if cel.vet and tekst else tekst
            if cel.status:
                tekst = f"{_STATUS_TEKEN[cel.status]} {tekst}"
            if cel.bronnen:
                bron = md_tekst(bronnen_tekst(cel.bronnen), in_regel=True)
                tekst = f"{tekst} *({bron})*" if tekst else bron
            cellen.append(_cel(tekst))
        regels.append("| " + " | ".join(cellen) + " |")
    return regels


def _blok(blok: Blok) -> list[str]:
    if isinstance(blok, Alinea):
        tekst = _inline(blok.tekst, blok.vet, blok.bronnen)
        if blok.stijl == "citaat":
            return [f"> {tekst}"]
        return [f"*{tekst}*" if blok.stijl == "klein" and not blok.bronnen else tekst]
    if isinstance(blok, Lijst):
        return _punten(blok.punten, blok.genummerd)
    if isinstance(blok, Tabel):
        return _tabel(blok)
    if isinstance(blok, Grafiek):
        return [als_svg(blok)]
    if isinstance(blok, Kader):
        regels = [f"> **{md_tekst(blok.kop)}**"]
        for binnen in blok.blokken:
            regels.append(">")
            regels += [f"> {r}" if r else ">" for r in _blok(binnen)]
        return regels
    raise TypeError(f"onbekend blok {type(blok).__name__}")


def _sectie(sectie: Sectie, niveau: int) -> list[str]:
    regels = [f"{'#' * niveau} {md_tekst(sectie.kop)}", ""]
    for blok in sectie.blokken:
        regels += [*_blok(blok), ""]
    for sub in sectie.subsecties:
        regels += _sectie(sub, niveau + 1)
    return regels


def als_markdown(doc: Document) -> str:
    regels = [f"# {md_tekst(doc.titel)}", ""]
    if doc.ondertitel:
        regels += [f"**{md_tekst(doc.ondertitel)}**  ", f"*{md_tekst(doc.versie_label)}*", ""]
    else:
        regels += [f"*{md_tekst(doc.versie_label)}*", ""]
    regels += [f"- **{md_tekst(g.label)}:** {md_tekst(g.waarde)}" for g in doc.gegevens]
    regels.append("")
    if doc.aan:  # the addressee, a line each (a hard line break in Markdown)
        regels += ["  \n".join(md_tekst(r) for r in doc.aan), ""]
    if doc.aanhef:
        regels += [md_tekst(doc.aanhef), ""]
    for sectie in doc.secties:
        regels += _sectie(sectie, 2)
    regels += ["---", "", f"*{md_tekst(doc.voetregel)}*", ""]
    return "\n".join(regels)
