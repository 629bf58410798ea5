"""`advies beoordeel BATCH`: a line or row per case on stdout, a progress bar and the summary on
stderr (or the summary in a file), and the exit code that says whether every case was evaluated."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from advies.errors import AdviesError, InvoerFout


def beoordeel_batch_cli(
    pad: Path,
    *,
    formaat: str,
    volledig: bool,
    doorgaan: bool,
    wat_als: bool,
    werkers: int | None,
    samenvatting: Path | None,
) -> None:
    from advies.batch.reading import tel_casussen
    from advies.batch.run import Instellingen, beoordeel_batch, verloren_fout
    from advies.batch.summary import getal
    from advies.batch.summary import samenvatting as als_tekst
    from advies.case.atomic import schrijf_atomisch
    from advies.knowledge.loading import laad_kennisbank

    if volledig and formaat == "csv":
        raise AdviesError("--volledig geldt voor jsonl-uitvoer; een CSV-rij bevat de kern")
    if samenvatting is not None and samenvatting.resolve() == pad.resolve():
        raise AdviesError(
            "--samenvatting noemt de batch zelf; kies een ander bestand voor de samenvatting",
            bestand=str(pad),
        )
    kb = laad_kennisbank()
    instellingen = Instellingen(formaat, volledig, doorgaan, wat_als, werkers)
    totaal = tel_casussen(pad) if sys.stderr.isatty() else None
    sys.stdout.flush()
    uit = sys.stdout.buffer
    if not totaal:
        telling = beoordeel_batch(pad, uit, instellingen, kb=kb)
    else:
        with typer.progressbar(length=totaal, label="Beoordelen", file=sys.stderr) as balk:
            telling = beoordeel_batch(pad, uit, instellingen, kb=kb, voortgang=balk.update)
    uit.flush()
    tekst = als_tekst(telling, kb, str(pad))
    if samenvatting is not None:
        schrijf_atomisch(samenvatting, tekst)
    else:
        typer.echo("\n" + tekst, err=True, nl=False)
    fout = verloren_fout(telling)
    if fout is not None:
        raise fout
    if telling.onleesbaar_totaal:
        n = telling.onleesbaar_totaal
        raise InvoerFout(
            f"{getal(n)} {'regel is' if n == 1 else 'regels zijn'} overgeslagen (--doorgaan); "
            "de samenvatting noemt ze",
            bestand=str(pad),
        )
