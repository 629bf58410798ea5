"""The advice as PDF: the document model as JSON into a Typst template, compiled in memory to a
tagged PDF/A-2b with the shipped fonts embedded. The one module that imports typst.

The system's fonts are ignored, so a PDF looks the same on every machine; the creation date is
the advice's date, so the same advice gives the same bytes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import warnings
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final, Literal

from advies.report.content import laad_teksten
from advies.report.document import Document
from advies.report.errors import SjabloonWaarschuwing
from advies.report.font import LETTERS, letterbestanden, lettermappen
from advies.report.pdf import PAKKETTEN, STANDAARD
from advies.report.pdf.data import als_data, teksten
from advies.report.pdf.glyphs import controleer
from advies.report.pdf.template import Sjabloon, als_fout, als_waarschuwing, controleer_sjabloon

PDF_STANDAARD: Final = (
    "a-2b"  # PDF/A-2b: for the archive; Typst tags the PDF for screen readers too
)


def als_pdf(
    doc: Document,
    sjabloon: Path | None = None,
    *,
    velden: Mapping[str, str] | None = None,
    datum: date | None = None,
) -> bytes:
    """The PDF of the document, with the shipped template or a coach's own (`sjabloon`, a .typ).

    `velden` are the texts of the case by field (meta.naam …), so that text no font can show is
    refused naming its field; `datum` is the PDF's creation date (default: today).
    """
    return _zet(doc, sjabloon, velden=velden, datum=datum, formaat="pdf")[0]


def als_png(doc: Document, sjabloon: Path | None = None, ppi: float = 40) -> list[bytes]:
    """Every page as a PNG: for tests that look at colours, and for a quick look."""
    return _zet(doc, sjabloon, velden=None, datum=None, formaat="png", ppi=ppi)


def _zet(
    doc: Document,
    sjabloon: Path | None,
    *,
    velden: Mapping[str, str] | None,
    datum: date | None,
    formaat: Literal["pdf", "png"],
    ppi: float | None = None,
) -> list[bytes]:
    import typst

    eigen = controleer_sjabloon(sjabloon) if sjabloon is not None else None
    mappen = [str(m) for m in lettermappen()]
    if eigen is not None:
        mappen.append(str(eigen.map))  # a coach may put font files beside the template
    # the shipped fonts, those beside a coach's template, and Typst's own; never the system's
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=mappen)
    data = als_data(doc)
    letters = [letter.familie for letter in LETTERS]
    controleer(
        teksten(data),
        letterbestanden(),
        lambda tekst: _probeer(tekst, letters, fonts),
        velden,
    )
    t = laad_teksten()
    dag = datum or date.today()
    with _zonder_netwerk():
        try:
            uit, meldingen = typst.compile_with_warnings(
                eigen.pad if eigen else STANDAARD,
                root=eigen.map if eigen else STANDAARD.parent,
                font_paths=fonts,
                ignore_system_fonts=True,
                package_path=str(PAKKETTEN),
                sys_inputs={
                    "data": json.dumps(data, ensure_ascii=False),
                    "teksten": json.dumps({"pagina": t["pagina"]}, ensure_ascii=False),
                    "letters": json.dumps(letters),
                    "auteur": _auteur(data, t["gegevens.coach"], t["onbekend"]),
                },
                timestamp=datetime(dag.year, dag.month, dag.day, tzinfo=UTC),
                **(
                    {"pdf_standards": PDF_STANDAARD}
                    if formaat == "pdf"
                    else {"format": formaat, "ppi": ppi}
                ),
            )
        except typst.TypstError as fout:
            if eigen is None:  # the shipped template failing is a bug, not the user's to fix
                raise RuntimeError(f"het standaardsjabloon faalt: {fout.message}") from None
            raise als_fout(fout, eigen) from None
    _waarschuw(meldingen, eigen)
    return [uit] if isinstance(uit, bytes) else list(uit or [])


def _probeer(tekst: str, letters: list[str], fonts: Any) -> str | None:
    """Set `tekst` under PDF/A with the same fonts: None when Typst can show it all, else the
    text of the first cluster it cannot."""
    import typst

    bron = b"#set text(font: json(bytes(sys.inputs.letters)))\n#sys.inputs.tekst\n"
    try:
        typst.compile(
            bron,
            font_paths=fonts,
            ignore_system_fonts=True,
            sys_inputs={"tekst": tekst, "letters": json.dumps(letters)},
            pdf_standards=PDF_STANDAARD,
        )
    except typst.TypstError as fout:
        m = re.search(r'the text `"(.+?)"` could not be displayed', fout.message)
        return m.group(1) if m else fout.message
    return None


def _auteur(data: dict[str, Any], label: str, onbekend: str) -> str:
    """The coach's name for the PDF's metadata, when the advice names one."""
    for gegeven in data["gegevens"]:
        if gegeven["label"] == label and gegeven["waarde"] != onbekend:
            return str(gegeven["waarde"])
    return ""


def _waarschuw(meldingen: list[Any], eigen: Sjabloon | None) -> None:
    for melding in meldingen:
        warnings.warn(als_waarschuwing(melding, eigen), SjabloonWaarschuwing, stacklevel=4)


_NETWERK = threading.Lock()
_PROXY = ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "http_proxy", "HTTP_PROXY")


@contextlib.contextmanager
def _zonder_netwerk() -> Iterator[None]:
    """Typst downloads a `@preview/` package a template imports. The template check refuses
    those, and as a second wall every download goes, while Typst runs, through a proxy on
    port 0 of this machine, which refuses it at once: advies makes no network calls."""
    with _NETWERK:
        oud = {k: os.environ.get(k) for k in (*_PROXY, "no_proxy", "NO_PROXY")}
        try:
            for k in _PROXY:
                os.environ[k] = "http://127.0.0.1:0"
            os.environ.pop("no_proxy", None)
            os.environ.pop("NO_PROXY", None)
            yield
        finally:
            for k, v in oud.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
