"""A coach's own Typst template (--sjabloon eigen.typ): checked before Typst runs, and its errors
told in Dutch with the file and line in the coach's own file, never as a traceback.

The template's folder is Typst's root (it can read its logo there, and nothing outside) and an
extra font folder. A template may import only `@advies/sjabloon`: a `@preview/` package would be
downloaded from the internet, and advies makes no network calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from advies.report.errors import SjabloonFout
from advies.report.pdf import PAKKET
from advies.report.pdf.data import schoon

MAX_GROOTTE = 1_000_000  # bytes: a template is a page of text, never a megabyte
MAX_BESTANDEN = 200  # .typ files in the template's folder checked for imports from the internet
_LEES = "Zie docs/sjabloon.md."


class TypstMelding(Protocol):
    """What typst.TypstError and typst.TypstWarning carry (this module does not import typst)."""

    message: str
    diagnostic: str
    hints: list[str]


@dataclass(frozen=True)
class Sjabloon:
    pad: Path  # resolved
    naam: str  # as the user gave it, for messages
    map: Path  # Typst's root and an extra font folder


def controleer_sjabloon(pad: Path) -> Sjabloon:
    """The template, checked: a regular .typ file of UTF-8 text in a folder of its own, importing
    nothing from the internet. Every problem is a SjabloonFout naming the file."""
    naam = str(pad)
    if not pad.exists():
        raise SjabloonFout(f"sjabloon niet gevonden. {_LEES}", bestand=naam)
    if pad.is_dir():
        raise SjabloonFout(f"dit is een map, geen Typst-sjabloon (.typ). {_LEES}", bestand=naam)
    if not pad.is_file():
        raise SjabloonFout("dit is geen gewoon bestand; geef een .typ-bestand op", bestand=naam)
    if pad.suffix.lower() != ".typ":
        raise SjabloonFout(
            f"een PDF-sjabloon is een Typst-bestand (.typ); een Word-sjabloon (.docx) hoort bij "
            f"--format docx. {_LEES}",
            bestand=naam,
        )
    echt = pad.resolve()
    if echt.parent in (Path.home().resolve(), Path(echt.anchor)):
        raise SjabloonFout(
            "zet het sjabloon, met zijn logo en eventuele lettertypen, in een eigen map: het "
            "sjabloon kan alle bestanden in zijn map lezen",
            bestand=naam,
        )
    for bestand in [echt, *_andere_typ(echt)]:
        _geen_internet(bestand, naam if bestand == echt else str(bestand))
    return Sjabloon(pad=echt, naam=naam, map=echt.parent)


def _andere_typ(sjabloon: Path) -> list[Path]:
    """Other .typ files in the template's folder tree (it may import them), at most a few."""
    gevonden = []
    for pad in sjabloon.parent.rglob("*.typ"):
        if pad != sjabloon and pad.is_file():
            gevonden.append(pad)
            if len(gevonden) >= MAX_BESTANDEN:
                break
    return gevonden


def _geen_internet(pad: Path, naam: str) -> None:
    if pad.stat().st_size > MAX_GROOTTE:
        raise SjabloonFout("het sjabloon is groter dan 1 MB; dat is geen sjabloon", bestand=naam)
    try:
        tekst = pad.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SjabloonFout(
            "het sjabloon is geen tekst in UTF-8; bewaar het als platte tekst (UTF-8)",
            bestand=naam,
        ) from None
    for nummer, regel in enumerate(tekst.splitlines(), 1):
        if '"@preview/' in regel and not regel.lstrip().startswith("//"):
            raise SjabloonFout(
                "het sjabloon importeert een pakket uit de Typst-catalogus (@preview/…); dat zou "
                "van internet worden gehaald, en advies maakt geen netwerkverbindingen. Gebruik "
                f"alleen {PAKKET} en bestanden in de map van het sjabloon. {_LEES}",
                bestand=naam,
                regel=nummer,
            )


# ---------------------------------------------------------------------------------------------
# Typst's messages in Dutch. The common ones are translated; any other is quoted after a Dutch
# sentence that names the file and the line.

_SOORTEN = {
    "color": 'een kleur, zoals rgb("#1f4e79")',
    "string": "tekst tussen aanhalingstekens",
    "str": "tekst tussen aanhalingstekens",
    "length": "een maat, zoals 12pt of 5mm",
    "ratio": "een percentage",
    "integer": "een geheel getal",
    "float": "een getal",
    "content": "inhoud tussen [ en ]",
    "dictionary": "een woordenboek, zoals (sleutel: waarde)",
    "array": "een lijst, zoals (a, b)",
    "boolean": "true of false",
    "bool": "true of false",
    "function": "een functie",
    "gradient": "een kleurverloop",
    "tiling": "een patroon",
    "relative length": "een maat of percentage",
    "none": "none",
    "auto": "auto",
}


def _soort(naam: str) -> str:
    delen = [_SOORTEN.get(d.strip(), d.strip()) for d in re.split(r",\s*(?:or\s+)?|\s+or\s+", naam)]
    return " of ".join(d for d in delen if d)


def _nederlands(bericht: str, sjabloon: Sjabloon | None) -> str | None:
    """The Dutch for a Typst message we know, else None."""
    if m := re.fullmatch(r"assertion failed: (.+)", bericht, re.S):
        return m.group(1)
    if m := re.fullmatch(r"panicked with: (.+)", bericht, re.S):
        return m.group(1).strip('"').replace('\\"', '"')
    if bericht == "unclosed delimiter":
        return "een haakje of accolade wordt hier geopend maar niet gesloten"
    if bericht == "unclosed string":
        return "een tekst tussen aanhalingstekens wordt niet gesloten"
    if m := re.fullmatch(r"unknown variable: (.+)", bericht):
        return (
            f"de naam ‘{m.group(1)}’ is onbekend: een tikfout, of iets dat niet uit "
            f"{PAKKET} komt of nog niet gedefinieerd is"
        )
    if m := re.fullmatch(r'dictionary does not contain key "(.+)"', bericht):
        return (
            f"het woordenboek heeft geen sleutel ‘{m.group(1)}’ (de velden van d en stijl "
            "staan in docs/sjabloon.md)"
        )
    if m := re.fullmatch(r"expected (.+?), found (.+)", bericht):
        return f"hier hoort {_soort(m.group(1))}, maar er staat {_soort(m.group(2))}"
    if m := re.fullmatch(r"file not found \(searched at (.+)\)", bericht):
        gezocht = Path(m.group(1))
        if sjabloon is not None and gezocht.is_relative_to(sjabloon.map):
            gezocht = gezocht.relative_to(sjabloon.map)
        return (
            f"het bestand {gezocht} is niet gevonden; een sjabloon kan alleen bestanden in zijn "
            "eigen map (en de mappen daarin) lezen"
        )
    if m := re.match(r'path `"(.+?)"` would escape the project root', bericht):
        return (
            f"het bestand {m.group(1)} ligt buiten de map van het sjabloon; een sjabloon kan alleen "
            "bestanden in zijn eigen map (en de mappen daarin) lezen"
        )
    if m := re.fullmatch(r"package not found \(searched for (.+)\)", bericht):
        return f"het pakket {m.group(1)} bestaat niet; advies levert {PAKKET}"
    if bericht.startswith("failed to download package"):
        return (
            "het sjabloon probeert een pakket van internet te halen; advies maakt geen "
            f"netwerkverbindingen. Gebruik alleen {PAKKET}"
        )
    if m := re.match(r'PDF/A-\w+ error: the text `"(.+?)"` could not be displayed', bericht):
        return (
            f"het teken ‘{m.group(1)}’ staat in geen van de lettertypen en kan daarom niet in de "
            "PDF; zet een lettertype dat het kent in de map van het sjabloon"
        )
    if m := re.fullmatch(r"unknown font family: (.+)", bericht):
        return (
            f"het lettertype ‘{m.group(1)}’ is niet gevonden; de tekst staat nu in Source Sans "
            "Pro. Zet het lettertypebestand (.ttf of .otf) in de map van het sjabloon"
        )
    return None


def _plaats(melding: TypstMelding, sjabloon: Sjabloon | None) -> tuple[str | None, int, int]:
    """File (as the user knows it), line and column (both 1-based) of the first error, at its
    first place in the coach's own files: a mistake in the arguments of a library function is
    reported where the coach called it, not inside the library."""
    eerste = re.split(r"\n(?=(?:error|warning): )", melding.diagnostic)[0]
    plekken = re.findall(r"^\s*┌─ (.+):(\d+):(\d+)\s*$", eerste, re.M)
    eigen = [p for p in plekken if not p[0].startswith("@")]
    if not eigen:
        return None, 0, 0
    pad, regel, kolom = eigen[0]
    echt = (Path.cwd() / pad).resolve()
    if sjabloon is None:
        naam = echt.name
    elif echt == sjabloon.pad:
        naam = sjabloon.naam
    elif echt.is_relative_to(sjabloon.map):
        naam = str(Path(sjabloon.naam).parent / echt.relative_to(sjabloon.map))
    else:
        naam = str(echt)
    return naam, int(regel), int(kolom) + 1  # Typst counts columns from 0


def _veilig(tekst: str, maximum: int = 400) -> str:
    """Typst quotes the template: no control characters to the terminal, no endless lines."""
    tekst = " ".join(schoon(tekst).split())
    return tekst if len(tekst) <= maximum else tekst[:maximum] + "…"


def als_fout(melding: TypstMelding, sjabloon: Sjabloon | None) -> SjabloonFout:
    """A Typst error as a SjabloonFout: 'eigen.typ, regel 3: het PDF-sjabloon bevat een fout
    (kolom 32): …'."""
    naam, regel, kolom = _plaats(melding, sjabloon)
    bericht = _veilig(melding.message)
    nl = _nederlands(bericht, sjabloon)
    waar = f" (kolom {kolom})" if kolom else ""
    tekst = f"het PDF-sjabloon bevat een fout{waar}"
    tekst += f": {nl}" if nl else f". Typst meldt: {bericht}"
    if not nl:  # Typst's hints fit its own message (and speak of its command line)
        tekst += "".join(f" (Typst-tip: {_veilig(h, 200)})" for h in melding.hints[:2])
    return SjabloonFout(
        tekst,
        bestand=naam or (sjabloon.naam if sjabloon else None),
        regel=regel or None,
    )


def als_waarschuwing(melding: TypstMelding, sjabloon: Sjabloon | None) -> str:
    """A Typst warning in Dutch, with its place when it has one."""
    naam, regel, _ = _plaats(melding, sjabloon)
    bericht = _veilig(melding.message)
    plaats = f"{naam}, regel {regel}: " if naam else (f"{sjabloon.naam}: " if sjabloon else "")
    nl = _nederlands(bericht, sjabloon)
    return plaats + (nl if nl else f"Typst waarschuwt: {bericht}")
