"""Reading a batch file as a stream: JSON Lines or CSV (an HR export), one case per line or row.

The file is read in chunks and handed on a case at a time, each with the line it starts on, so
memory does not grow with the file. The cases' values are checked later, where they are evaluated
(cases.py), so a batch spread over workers checks in parallel; what can only be found while
reading (a line too long, a cell over the limit, bytes that are not UTF-8) travels with its line as
a `Leesfout` and is reported in its place, after every case before it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from advies.case.fact_values import controleer_feit
from advies.case.input_files import open_invoerbestand
from advies.errors import InvoerFout
from advies.knowledge.model import Kennisbank

REGEL_GRENS = 1 << 20  # bytes in one line of a batch file; a case needs a few hundred
CEL_GRENS = 128 * 1024  # characters in one CSV cell (the csv module's own default)
_STUK = 1 << 20  # bytes read at a time
_EINDE = re.compile(rb"\r\n|\r|\n")  # a line ends as Windows, Unix or an old Mac ends it
_BOM = b"\xef\xbb\xbf"
SOORTEN = (".jsonl", ".csv")


class Leesfout(InvoerFout):
    """A problem found while reading, in the place of the case it spoils. `fataal`: reading cannot
    go on after it (a CSV whose quotes are off), so it stops the batch even with --doorgaan."""

    def __init__(
        self, message: str, *, bestand: str | None = None, regel: int | None = None, fataal: bool
    ):
        super().__init__(message, bestand=bestand, regel=regel)
        self.fataal = fataal

    def __reduce__(self) -> tuple[Any, ...]:
        return (_herstel, (self.message, self.bestand, self.regel, self.fataal))


def _herstel(message: str, bestand: str | None, regel: int | None, fataal: bool) -> Leesfout:
    return Leesfout(message, bestand=bestand, regel=regel, fataal=fataal)


@dataclass(frozen=True)
class Kop:
    """What every case of a batch shares: the file, its kind and (CSV) its columns."""

    bestand: str
    soort: str  # ".jsonl" or ".csv"
    kolommen: tuple[str, ...] = ()
    scheidingsteken: str = ","


def open_batch(pad: Path) -> IO[bytes]:
    """The batch file, opened for reading; refused with a Dutch message when it is none."""
    naam = str(pad)
    if pad.suffix.lower() not in SOORTEN:
        raise InvoerFout("onbekend batchformaat; gebruik .jsonl (JSON Lines) of .csv", bestand=naam)
    # regular files only (a FIFO would never end), no size bound: a batch is read as a stream
    return open_invoerbestand(pad, max_grootte=None, soort="batchbestand")


def lijnen(f: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line with its ending) for every line, split on CR LF, LF and a lone CR (an
    old Mac export). A line over REGEL_GRENS comes as None, and memory holds no more of it."""
    nummer = 0
    rest = b""
    te_lang = False  # inside a line that was too long: skip to its end
    eerste = True
    while stuk := f.read(_STUK):
        if eerste:
            stuk = stuk.removeprefix(_BOM)
            eerste = False
        buffer = rest + stuk
        # a CR at the end may be the first half of CR LF: it waits for the next chunk
        heel = len(buffer) - 1 if buffer.endswith(b"\r") else len(buffer)
        begin = 0
        for einde in _EINDE.finditer(buffer, 0, heel):
            nummer += 1
            if te_lang:
                te_lang = False
            elif einde.start() - begin > REGEL_GRENS:
                yield nummer, None
            else:
                yield nummer, buffer[begin : einde.end()]
            begin = einde.end()
        rest = buffer[begin:]
        if len(rest) > REGEL_GRENS:
            if not te_lang:
                yield nummer + 1, None
            te_lang = True
            rest = rest[-1:] if rest.endswith(b"\r") else b""
    if rest and not te_lang:
        yield nummer + 1, rest if len(rest) <= REGEL_GRENS else None


def fout_te_lang(bestand: str, nummer: int) -> Leesfout:
    return Leesfout(
        f"deze regel is langer dan {REGEL_GRENS // 1024} KB; een casus past ruim in minder",
        bestand=bestand,
        regel=nummer,
        fataal=False,
    )


def jsonl_regels(f: IO[bytes], bestand: str) -> Iterator[tuple[int, Any]]:
    """(line, the JSON text as bytes) for every line that is not blank; a line over the limit as
    a Leesfout. Parsing happens where the case is evaluated."""
    for nummer, lijn in lijnen(f):
        if lijn is None:
            yield nummer, fout_te_lang(bestand, nummer)
        elif not lijn.isspace():
            yield nummer, lijn.rstrip(b"\r\n")


def _scheidingsteken(kopregel: str) -> str:
    """Comma, semicolon (a Dutch Excel export) or tab, read from the header row. Only that is
    taken from the sniffer: it also guesses how quotes are escaped, and from a header without
    quotes it guesses wrong (a doubled "" would no longer be one quote)."""
    try:
        return csv.Sniffer().sniff(kopregel, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _tekstlijnen(
    lijst: Iterator[tuple[int, bytes | None]], bestand: str, nummer: list[int]
) -> Iterator[str]:
    """Decoded lines for the csv module; `nummer` holds the line being read, for messages."""
    for n, lijn in lijst:
        nummer[0] = n
        if lijn is None:
            raise Leesfout(
                f"deze regel is langer dan {REGEL_GRENS // 1024} KB; is dit een CSV-bestand?",
                bestand=bestand,
                regel=n,
                fataal=True,
            )
        if b"\x00" in lijn:
            raise Leesfout(
                "de regel bevat een nul-byte; dit is geen tekstbestand (binaire inhoud)",
                bestand=bestand,
                regel=n,
                fataal=True,
            )
        try:
            yield lijn.decode("utf-8")
        except UnicodeDecodeError as fout:
            raise Leesfout(
                f"het bestand is geen UTF-8-tekst (onleesbare byte 0x{lijn[fout.start]:02x} in "
                f"kolom {fout.start + 1}); sla het op als CSV UTF-8",
                bestand=bestand,
                regel=n,
                fataal=True,
            ) from None


class CsvLezer:
    """A CSV batch: the header checked first (known facts, names, no column twice), then the
    rows as (line the row starts on, its values). Values become a case in cases.py."""

    def __init__(self, kb: Kennisbank, f: IO[bytes], bestand: str):
        self.bestand = bestand
        self._nummer = [0]
        tekst = _tekstlijnen(lijnen(f), bestand, self._nummer)
        kopregel = next(tekst, "")
        if not kopregel.strip():
            if kopregel or next(tekst, None) is not None:
                raise InvoerFout(
                    "de eerste regel is leeg; die hoort per kolom een feit te noemen",
                    bestand=bestand,
                    regel=1,
                )
            raise InvoerFout("het bestand is leeg", bestand=bestand)
        self.scheidingsteken = _scheidingsteken(kopregel)
        csv.field_size_limit(CEL_GRENS)
        self._reader = csv.reader(_met_eerste(kopregel, tekst), delimiter=self.scheidingsteken)
        self.kolommen = tuple(self._lees_kop(kb))

    def _lees_kop(self, kb: Kennisbank) -> list[str]:
        kolommen = self._volgende() or []
        gezien: dict[str, int] = {}
        for nummer, kolom in enumerate(kolommen, start=1):
            if not kolom.strip():
                raise InvoerFout(
                    f"kolom {nummer} heeft geen naam; de eerste regel noemt per kolom een feit",
                    bestand=self.bestand,
                    regel=1,
                )
            if kolom in gezien:
                raise InvoerFout(
                    f"kolom '{kolom}' staat twee keer in de kopregel (kolom {gezien[kolom]} en "
                    f"{nummer}); welke waarde zou gelden? Houd er één over",
                    bestand=self.bestand,
                    regel=1,
                )
            gezien[kolom] = nummer
            if not kolom.startswith("meta."):
                controleer_feit(kb, kolom, None, bestand=self.bestand, regel=1)
        return kolommen

    def _volgende(self) -> list[str] | None:
        try:
            return next(self._reader, None)
        except csv.Error as fout:
            raise Leesfout(
                _csv_probleem(str(fout)), bestand=self.bestand, regel=self._nummer[0], fataal=True
            ) from None

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        gelezen = self._reader.line_num
        while True:
            try:
                rij = self._volgende()
            except Leesfout as fout:
                yield (fout.regel or gelezen + 1), fout
                return
            if rij is None:
                return
            begin, gelezen = gelezen + 1, self._reader.line_num
            if rij:  # an empty line is no case
                yield begin, (rij, gelezen)


def _met_eerste(eerste: str, rest: Iterator[str]) -> Iterator[str]:
    yield eerste
    yield from rest


def _csv_probleem(probleem: str) -> str:
    if "field larger than field limit" in probleem:
        return (
            f"een cel is groter dan {CEL_GRENS // 1024} KB, de grens voor één cel; staat er ergens "
            'een aanhalingsteken (") dat niet gesloten wordt?'
        )
    if "NUL" in probleem:
        return "de regel bevat een nul-byte; dit is geen tekstbestand (binaire inhoud)"
    return f"geen geldige CSV (de lezer meldt: {probleem})"


def tel_casussen(pad: Path) -> int | None:
    """How many cases a batch file holds, for the progress bar (None when it cannot be read)."""
    try:
        with open_batch(pad) as f:
            if pad.suffix.lower() != ".csv":
                return sum(1 for _, lijn in lijnen(f) if lijn is None or not lijn.isspace())
            tekst = (lijn.decode("utf-8", "replace") for _, lijn in lijnen(f) if lijn)
            kop = next(tekst, "")
            # records, not lines: a quoted note may run over lines
            return sum(1 for rij in csv.reader(tekst, delimiter=_scheidingsteken(kop)) if rij)
    except (OSError, csv.Error, InvoerFout):
        return None
