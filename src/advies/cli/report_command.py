"""`advies rapport`: the written go/no-go advice for the dwingend adviesgesprek. A thin layer over
advies.report.render_report; registered on the app in app.py."""

from __future__ import annotations

import os
import warnings
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from advies.cli.handling import fouten_afhandelen, toon


class RapportFormaat(StrEnum):
    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"


class Publiek(StrEnum):
    klant = "klant"
    coach = "coach"


_EXTENSIES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}


def rapport(
    casus: Annotated[
        Path, typer.Argument(metavar="CASUS", help="Casusbestand (.yaml)", readable=False)
    ],
    format: Annotated[
        RapportFormaat | None,
        typer.Option(
            "--format", "-f", help="md, html, docx of pdf (standaard: volgt --uitvoer, anders md)"
        ),
    ] = None,
    uitvoer: Annotated[
        Path | None,
        typer.Option(
            "--uitvoer",
            "-o",
            metavar="BESTAND",
            help="Uitvoerbestand; verplicht voor docx en pdf, anders naar het scherm",
            readable=False,
        ),
    ] = None,
    voor: Annotated[
        Publiek,
        typer.Option(
            "--voor", help="klant: het advies zelf; coach: met redeneerboom en regels die vuurden"
        ),
    ] = Publiek.klant,
    sjabloon: Annotated[
        Path | None,
        typer.Option(
            "--sjabloon",
            metavar="BESTAND",
            help="Eigen sjabloon met briefhoofd: .docx voor Word, .typ (Typst) voor PDF; "
            "zie docs/sjabloon.md",
            readable=False,
        ),
    ] = None,
) -> None:
    """Schrijf het go/no-go-advies voor het dwingend adviesgesprek, in Markdown, HTML, Word of PDF.

    Voorbeeld:

        advies rapport voorbeelden/ilse-coordinatoren.yaml -o advies-ilse.pdf
    """

    with fouten_afhandelen():
        from advies.case.atomic import schrijf_atomisch
        from advies.case.files import lees_casus
        from advies.engine.evaluation import evalueer
        from advies.errors import AdviesError
        from advies.knowledge.loading import laad_kennisbank
        from advies.report.errors import SjabloonWaarschuwing, TekensFout, UitvoerKeuzeFout
        from advies.report.render import render_report

        gekozen = _formaat(format, uitvoer)
        if gekozen in ("docx", "pdf") and uitvoer is None:
            raise UitvoerKeuzeFout(
                f"een {gekozen}-bestand kan niet naar het scherm; geef een bestand op met "
                f"--uitvoer, bijvoorbeeld --uitvoer advies.{gekozen}"
            )
        _past_sjabloon(sjabloon, gekozen)
        if uitvoer is not None:
            _controleer_uitvoer(uitvoer, casus, gekozen)
            _controleer_map(uitvoer)
        kb = laad_kennisbank()
        lezing = lees_casus(kb, casus)
        advies = evalueer(lezing, kb)
        _let_op(lezing, advies, kb)
        with warnings.catch_warnings(record=True) as gezien:
            warnings.simplefilter("always", SjabloonWaarschuwing)
            try:
                inhoud = render_report(lezing, advies, kb, gekozen, voor.value, sjabloon)  # type: ignore[arg-type]
            except TekensFout as fout:  # the characters are in the case: name its file
                raise TekensFout(fout.message, bestand=str(casus)) from None
        for w in gezien:
            if issubclass(w.category, SjabloonWaarschuwing):
                toon(f"waarschuwing: {w.message}", err=True)
        if uitvoer is None:
            toon(str(inhoud), nl=False)
            return
        try:
            schrijf_atomisch(uitvoer, inhoud)
        except AdviesError as fout:
            raise UitvoerKeuzeFout(
                f"{fout.message}; kies met --uitvoer een map waarin u mag schrijven",
                bestand=str(uitvoer),
            ) from None
        toon(f"geschreven: {uitvoer}", err=True)
        if lezing.gesprek is None:  # the advice is given: the case keeps what it said
            from advies.case.locking import InGebruik
            from advies.casework.records import leg_vast

            try:
                leg_vast(kb, casus, "rapport", advies)
            except InGebruik as fout:  # the report is written; say what is not
                toon(
                    f"waarschuwing: niet vastgelegd in het casusbestand: {fout.bericht()}", err=True
                )


def _let_op(casus: Any, advies: Any, kb: Any) -> None:
    """Say so when today's rules decide otherwise than the advice given earlier in this case."""
    from advies.casework.records import verschil

    oud = verschil(casus, advies)
    if oud is not None:
        toon(oud.tekst(kb), err=True)


def _controleer_uitvoer(uitvoer: Path, casus: Path, gekozen: str) -> None:
    """Never write a report over a case file: not its own (also not through a link), not another
    (a .yaml name is refused already: no format has that extension)."""
    from advies.case.files import lijkt_casusbestand
    from advies.report.errors import UitvoerKeuzeFout

    ander = f"kies een andere naam, bijvoorbeeld --uitvoer advies.{gekozen}"
    if uitvoer.is_dir():
        raise UitvoerKeuzeFout("dit is een map; geef een bestandsnaam op", bestand=str(uitvoer))
    try:
        zelfde = os.path.samefile(uitvoer, casus)
    except OSError:
        zelfde = False
    if zelfde:
        raise UitvoerKeuzeFout(
            f"dit is het casusbestand zelf: het rapport zou de casus overschrijven; {ander}",
            bestand=str(uitvoer),
        )
    if lijkt_casusbestand(uitvoer):
        raise UitvoerKeuzeFout(
            f"dit is een casusbestand: advies schrijft er geen rapport overheen; {ander}",
            bestand=str(uitvoer),
        )


def _formaat(format: RapportFormaat | None, uitvoer: Path | None) -> str:
    """The format: as given, else from the output's extension, else Markdown on the screen. An
    extension that is not the format's, or that names no format we write, is refused: a report
    never lands in a file whose name promises something else."""
    from advies.report.errors import UitvoerKeuzeFout

    if uitvoer is None:
        return format.value if format is not None else "md"
    extensie = uitvoer.suffix.lower()
    van_naam = _EXTENSIES.get(extensie)
    if format is None:
        if van_naam is None:
            wat = f"de extensie {uitvoer.suffix}" if extensie else "een naam zonder extensie"
            raise UitvoerKeuzeFout(
                f"uit {wat} volgt geen formaat; advies schrijft .md, .html, .docx en .pdf "
                "(of kies het formaat met --format)",
                bestand=str(uitvoer),
            )
        return van_naam
    if extensie and van_naam != format.value:
        raise UitvoerKeuzeFout(
            f"de extensie {uitvoer.suffix} past niet bij --format {format.value}; "
            f"gebruik bijvoorbeeld --uitvoer {uitvoer.stem}.{format.value}",
            bestand=str(uitvoer),
        )
    return format.value


def _past_sjabloon(sjabloon: Path | None, formaat: str) -> None:
    """A template belongs to Word (.docx) or to the PDF (.typ, Typst), and only to those."""
    from advies.errors import AdviesError

    if sjabloon is None:
        return
    if formaat not in ("docx", "pdf"):
        raise AdviesError(
            f"--sjabloon geldt alleen voor --format docx (.docx) of pdf (.typ), niet voor {formaat}"
        )
    nodig = {"docx": ".docx", "pdf": ".typ"}[formaat]
    if sjabloon.suffix.lower() in (".docx", ".typ") and sjabloon.suffix.lower() != nodig:
        soort = "een Word-sjabloon (.docx)" if formaat == "docx" else "een Typst-sjabloon (.typ)"
        raise AdviesError(
            f"--format {formaat} heeft {soort} nodig, geen {sjabloon.suffix}-bestand; "
            "zie docs/sjabloon.md",
            bestand=str(sjabloon),
        )


def _controleer_map(uitvoer: Path) -> None:
    """The output's folder must exist: a typing error in a path never creates folders."""
    from advies.report.errors import UitvoerKeuzeFout

    map_ = uitvoer.parent
    if map_.is_dir():
        return
    if map_.exists():
        wat = f"{map_} is een bestand, geen map; kies met --uitvoer een map waarin u mag schrijven"
    else:
        wat = (
            f"de map {map_} bestaat niet; maak haar eerst aan, "
            "of kies met --uitvoer een map die er al is"
        )
    raise UitvoerKeuzeFout(wat, bestand=str(uitvoer))
