"""Reading a batch file: JSON Lines or CSV (an HR export), one case per line or row.

Each case comes with the line it starts on, for messages; its values are validated later, where the
case is evaluated (run.py), so a batch spread over workers validates in parallel.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from advies.case.input_files import MB, lees_tekstbestand, open_invoerbestand
from advies.case.model import controleer_feit
from advies.errors import InvoerFout
from advies.knowledge.model import Kennisbank


def _regels_jsonl(tekst: str) -> list[tuple[int, Any]]:
    # split on newlines only: str.splitlines also splits on characters JSON strings may hold as
    # they are, such as the line separator U+2028 that Word puts in pasted text
    return [
        (nummer, regel) for nummer, regel in enumerate(tekst.split("\n"), start=1) if regel.strip()
    ]


def _dialect(kopregel: str) -> Any:
    """Comma, semicolon (a Dutch Excel export) or tab, read from the header row."""
    try:
        return csv.Sniffer().sniff(kopregel, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _regels_csv(kb: Kennisbank, tekst: str, bestand: str) -> list[tuple[int, Any]]:
    """CSV rows as case objects: one column per fact, `meta.<veld>` columns for descriptive data."""
    reader = csv.DictReader(io.StringIO(tekst), dialect=_dialect(tekst.splitlines()[0]))
    kolommen = reader.fieldnames or []
    if not kolommen:
        raise InvoerFout(
            "de eerste regel is leeg; die hoort per kolom een feit te noemen",
            bestand=bestand,
            regel=1,
        )
    for nummer, kolom in enumerate(kolommen, start=1):
        if not kolom.strip():
            raise InvoerFout(
                f"kolom {nummer} heeft geen naam; de eerste regel noemt per kolom een feit",
                bestand=bestand,
                regel=1,
            )
        if not kolom.startswith("meta."):
            controleer_feit(kb, kolom, None, bestand=bestand, regel=1)  # an unknown fact is named
    # the line each row starts on: csv only counts the lines read so far, and a quoted value may
    # hold line breaks; the empty lines csv skips are skipped here too
    lijnen = tekst.split("\n")  # as StringIO hands them to csv
    gelezen = reader.line_num
    rijen = []
    for rij in reader:
        begin = gelezen + 1
        while lijnen[begin - 1] in ("", "\r"):
            begin += 1
        gelezen = reader.line_num
        if None in rij:
            raise InvoerFout(
                f"deze rij heeft meer waarden dan er kolommen zijn ({len(kolommen)})",
                bestand=bestand,
                regel=begin,
            )
        antwoorden = {
            k: v if v and v.strip() else None for k, v in rij.items() if not k.startswith("meta.")
        }
        if any("\n" in v for v in antwoorden.values() if v):
            # only a quote left open makes an answer run over lines (a note in meta may)
            raise InvoerFout(
                'een aanhalingsteken (") in deze rij wordt niet gesloten, zodat de rij doorloopt '
                f"tot regel {reader.line_num}",
                bestand=bestand,
                regel=begin,
            )
        meta = {k[5:]: v for k, v in rij.items() if k.startswith("meta.") and v}
        rijen.append((begin, {"meta": meta, "antwoorden": antwoorden}))
    if not rijen:
        raise InvoerFout("het bestand heeft alleen een kopregel en geen casussen", bestand=bestand)
    return rijen


MAX_BATCH = 500 * MB  # read whole into memory: a bound until the batch is read as a stream


def lees_batchregels(kb: Kennisbank, pad: Path) -> list[tuple[int, Any]]:
    """(line number, raw case) for every case in the file; validation comes later, per case."""
    soort = pad.suffix.lower()
    if soort not in (".jsonl", ".csv"):
        raise InvoerFout(
            "onbekend batchformaat; gebruik .jsonl (JSON Lines) of .csv", bestand=str(pad)
        )
    # the shared reader: regular files only (a FIFO would block), and a bound on what is held
    tekst = lees_tekstbestand(pad, max_grootte=MAX_BATCH, soort="batchbestand")
    return _regels_jsonl(tekst) if soort == ".jsonl" else _regels_csv(kb, tekst, str(pad))


def tel_casussen(pad: Path) -> int | None:
    """How many cases a batch file holds, for the progress bar (None when it cannot be read)."""
    try:
        with open_invoerbestand(pad, max_grootte=MAX_BATCH, soort="batchbestand") as f:
            if pad.suffix.lower() == ".csv":
                # records, not lines: a quoted note may run over lines
                tekst = io.TextIOWrapper(f, encoding="utf-8-sig", errors="replace", newline="")
                dialect = _dialect(tekst.readline())
                return sum(1 for rij in csv.reader(tekst, dialect) if rij)
            return sum(1 for regel in f if regel.strip())
    except (OSError, csv.Error, InvoerFout):
        return None
