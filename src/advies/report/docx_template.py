"""The Word template (--sjabloon, or the one shipped with advies): opened as any input file, and
checked before anything is rendered: its tags complete within a paragraph, and nothing in it but
the documented variables (template_check.py), because a template from a colleague's mail must
not run code."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any

from advies.report.errors import SjabloonFout

STANDAARD = Path(__file__).resolve().parent / "templates" / "advies.docx"
CONTEXT = (
    "titel",
    "ondertitel",
    "versie_label",
    "gegevens",
    "inhoud",
    "voetregel",
    "datum",
    "oordeel",
)
MAX_SJABLOON = 50_000_000  # a letterhead with a logo is some hundreds of kB


def laad_sjabloon(sjabloon: Path | None) -> Any:
    """Open and check the template; every way it can be unusable becomes a SjabloonFout."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    from advies.case.input_files import lees_bytes
    from advies.errors import AdviesError
    from advies.report.template_check import NietToegestaan, controleer

    pad = sjabloon or STANDAARD
    naam = str(pad)
    wat_nu = "Gebruik een .docx op basis van het standaardsjabloon (zie docs/sjabloon.md)."
    if not pad.exists():
        raise SjabloonFout(f"sjabloon niet gevonden. {wat_nu}", bestand=naam)
    try:  # a regular file of a sensible size, as every input (a FIFO would block the reader)
        data = lees_bytes(pad, max_grootte=MAX_SJABLOON, soort="Word-sjabloon")
    except AdviesError as fout:
        raise SjabloonFout(f"{fout.message}. {wat_nu}", bestand=naam) from None
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except Exception as fout:  # python-docx raises several kinds for a file that is no .docx
        raise SjabloonFout(
            f"geen bruikbaar Word-bestand (.docx): {type(fout).__name__}. {wat_nu}", bestand=naam
        ) from None
    _controleer_alineas(tpl.docx, naam)
    try:
        gebruikt = controleer(omgeving(), _bronnen(tpl), {"gegevens": _GEGEVEN})
    except TemplateError as fout:
        regel = getattr(fout, "lineno", None)
        plaats = f" (bij regel {regel} van de document-XML)" if regel else ""
        raise SjabloonFout(
            f"een Jinja-tag in het sjabloon is kapot{plaats}: {fout}. Controleer dat elke "
            "{{ ... }} en {% ... %} compleet is en dat Word er geen opmaak middenin heeft gezet.",
            bestand=naam,
        ) from None
    except NietToegestaan as fout:
        raise SjabloonFout(
            f"het sjabloon bevat de tag '{fout.tag}', en die is niet toegestaan: {fout.wat}. Een "
            f"sjabloon gebruikt alleen de tags {', '.join(CONTEXT)} (zie docs/sjabloon.md), "
            "zonder iets aan te roepen",
            bestand=naam,
        ) from None
    onbekend = gebruikt - set(CONTEXT)
    if onbekend:
        raise SjabloonFout(
            f"onbekende tag(s) in het sjabloon: {', '.join(sorted(onbekend))}. "
            f"Toegestaan: {', '.join(CONTEXT)}",
            bestand=naam,
        )
    if "inhoud" not in gebruikt:
        raise SjabloonFout(
            "het sjabloon heeft geen plek voor het advies. Zet {{p inhoud }} in een eigen alinea "
            "(zie docs/sjabloon.md).",
            bestand=naam,
        )
    return tpl


_GEGEVEN = frozenset({"label", "waarde"})  # the fields of an item of `gegevens`


@functools.cache
def omgeving() -> Any:
    from advies.report.template_check import sandbox

    return sandbox()


def _bronnen(tpl: Any) -> list[str]:
    """Every part docxtpl renders as a template, as it hands them to Jinja: the body, headers,
    footers and footnotes (after docxtpl's own clean-up of its tags), and the document's
    properties (title, subject, author, ...)."""
    delen = [tpl.patch_xml(tpl.get_xml())]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        delen += [tpl.patch_xml(tpl.get_part_xml(deel)) for _, deel in tpl.get_headers_footers(uri)]
    for deel in tpl.docx.part.package.parts:
        if deel.content_type.endswith("wordprocessingml.footnotes+xml"):
            delen.append(tpl.patch_xml(deel.blob.decode("utf-8")))
    eigenschappen = tpl.docx.core_properties
    for naam in ("author", "comments", "identifier", "language", "subject", "title"):
        delen.append(getattr(eigenschappen, naam) or "")
    # docxtpl puts each paragraph on a line of its own before Jinja sees it: lines then say where
    return [re.sub(r"<w:p([ >])", r"\n<w:p\1", deel) for deel in delen]


class Plek:
    """What {{p inhoud }} renders to: one marker paragraph, replaced by the advice afterwards."""

    def __html__(self) -> str:
        return f"<w:p><w:r><w:t>{MARKER}</w:t></w:r></w:p>"

    __str__ = __html__


MARKER = "advies-inhoud-8d1f"


def _controleer_alineas(word: Any, naam: str) -> None:
    """Every tag opens and closes within one paragraph. docxtpl itself would silently drop
    the text of a tag left open, so check before it does."""
    delen = [word.element.body]
    for sectie in word.sections:
        delen += [sectie.header._element, sectie.footer._element]
    for deel in delen:
        for alinea in deel.iter("{*}p"):
            tekst = "".join(t.text or "" for t in alinea.iter("{*}t"))
            if tekst.count("{{") != tekst.count("}}") or tekst.count("{%") != tekst.count("%}"):
                raise SjabloonFout(
                    f"een Jinja-tag in het sjabloon is kapot: '{tekst.strip()[:60]}' opent een tag "
                    "die in dezelfde alinea niet sluit. "
                    "Maak de tag compleet ({{ ... }} of {% ... %}).",
                    bestand=naam,
                )
