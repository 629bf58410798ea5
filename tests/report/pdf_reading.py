"""Reading a PDF back with pypdf, for the PDF tests: text, pages, PDF/A, tags, fonts."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def lezer(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def tekst(data: bytes) -> tuple[int, str]:
    r = lezer(data)
    return len(r.pages), "\n".join(p.extract_text() for p in r.pages)


def plat(t: str) -> str:
    """Text as one line of words. Typst's hyphenation comes back as a soft hyphen (U+00AD) at
    the end of a line; a line broken after a real hyphen keeps the hyphen."""
    t = re.sub(r"\xad\s*", "", t)
    t = re.sub(r"-\n", "-", t)
    return " ".join(t.split())


def zonder_witruimte(t: str) -> str:
    """For long words broken by the template: no white space, no hyphen of either kind."""
    return re.sub(r"[\s\xad-]+", "", t)


def pdfa(data: bytes) -> str | None:
    """'2B' when the XMP metadata says PDF/A-2b."""
    xmp = lezer(data).xmp_metadata
    if xmp is None:
        return None
    ruw = xmp.stream.get_data().decode("utf-8", "replace")
    deel = re.search(r"pdfaid:part(?:>|=\")(\d)", ruw)
    soort = re.search(r"pdfaid:conformance(?:>|=\")(\w)", ruw)
    return f"{deel.group(1)}{soort.group(1)}" if deel and soort else None


def getagd(data: bytes) -> bool:
    """A tagged PDF: a structure tree and MarkInfo /Marked true."""
    root = lezer(data).trailer["/Root"]
    return "/StructTreeRoot" in root and bool(root.get("/MarkInfo", {}).get("/Marked"))


def lettertypen(data: bytes) -> set[str]:
    """The fonts used on the pages, without the subset prefix (ABCDEF+)."""
    namen = set()
    for pagina in lezer(data).pages:
        for font in pagina["/Resources"].get("/Font", {}).values():
            namen.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    return namen
