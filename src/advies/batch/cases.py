"""One line or row of a batch file as a checked case, or the Dutch error that names it.

This runs where the case is evaluated (in a worker, for a large batch), so checking is spread over
the workers too.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from advies.batch.reading import Kop, Leesfout
from advies.case.input_files import MAX_NESTING, zonder_dubbele_sleutels
from advies.case.model import Casus, maak_casus
from advies.case.parse_errors import json_probleem
from advies.errors import InvoerFout
from advies.knowledge.model import Kennisbank

_SCHEIDINGSTEKENS = {",": "een komma", ";": "een puntkomma", "\t": "een tab"}


def lees_casus(kb: Kennisbank, kop: Kop, nummer: int, ruw: Any) -> Casus:
    """The case on line `nummer`: `ruw` is a JSON line (bytes), a CSV row with the line it ends
    on, or a Leesfout found while reading."""
    if isinstance(ruw, Leesfout):
        raise ruw
    data = (
        _uit_json(kop.bestand, nummer, ruw) if kop.soort == ".jsonl" else _uit_csv(kop, nummer, ruw)
    )
    return maak_casus(kb, data, bestand=kop.bestand, regel=nummer)


# --- JSON Lines --------------------------------------------------------------------------------


def _uit_json(bestand: str, nummer: int, lijn: bytes) -> Any:
    try:
        data = orjson.loads(lijn)
    except orjson.JSONDecodeError as fout:
        raise _json_fout(bestand, nummer, lijn, fout) from None
    # orjson keeps the last of two equal keys without a word; a line without more colons than
    # keys cannot hold one twice, so only the rare line with a colon in a text is read again
    if isinstance(data, dict) and lijn.count(b":") != _sleutels(data, bestand, nummer):
        json.loads(lijn, object_pairs_hook=zonder_dubbele_sleutels(bestand, nummer))
    return data


_DIEPTE = MAX_NESTING  # levels of [ and { a case may have, as in a case file; it needs 3


def _sleutels(data: Any, bestand: str, nummer: int, diepte: int = 1) -> int:
    """The keys of every object in `data`; deeper nesting than a case can have is refused (the
    json module, which reads the line again, would run out of stack on it)."""
    if diepte > _DIEPTE:
        raise InvoerFout(
            f"de haakjes [ en {{ zijn dieper genest dan {_DIEPTE} niveaus; een casus heeft er "
            "hooguit 3",
            bestand=bestand,
            regel=nummer,
        )
    if type(data) is dict:
        aantal = len(data)
        binnen = data.values()
    else:
        aantal = 0
        binnen = data
    for waarde in binnen:
        if type(waarde) is dict or type(waarde) is list:
            aantal += _sleutels(waarde, bestand, nummer, diepte + 1)
    return aantal


def _json_fout(bestand: str, nummer: int, lijn: bytes, fout: orjson.JSONDecodeError) -> InvoerFout:
    if b"\x00" in lijn:
        return InvoerFout(
            "de regel bevat een nul-byte; dit is geen tekstbestand (binaire inhoud)",
            bestand=bestand,
            regel=nummer,
        )
    try:
        lijn.decode("utf-8")
    except UnicodeDecodeError as onleesbaar:
        return InvoerFout(
            f"de regel is geen UTF-8-tekst (onleesbare byte 0x{lijn[onleesbaar.start]:02x} in "
            f"kolom {onleesbaar.start + 1}); sla het bestand op als UTF-8",
            bestand=bestand,
            regel=nummer,
        )
    if "depth limit" in fout.msg:
        probleem = (
            "de haakjes [ en { zijn dieper genest dan 1024 niveaus; een casus heeft er hooguit 3"
        )
    else:
        probleem = json_probleem(fout.msg)
    return InvoerFout(
        f"geen geldige JSON in kolom {fout.colno}: {probleem}", bestand=bestand, regel=nummer
    )


# --- CSV ---------------------------------------------------------------------------------------


def _uit_csv(kop: Kop, nummer: int, ruw: tuple[list[str], int]) -> dict[str, Any]:
    """A CSV row as a case object: one column per fact, `meta.<veld>` columns for what describes
    the case. An empty cell is an unknown fact."""
    rij, tot = ruw
    kolommen = kop.kolommen
    if len(rij) > len(kolommen):
        raise InvoerFout(
            f"deze rij heeft meer waarden dan er kolommen zijn ({len(kolommen)})",
            bestand=kop.bestand,
            regel=nummer,
        )
    if len(rij) < len(kolommen):
        _zelfde_scheidingsteken(kop, nummer, rij)
    antwoorden: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for kolom, waarde in zip(kolommen, rij, strict=False):
        if kolom.startswith("meta."):
            if waarde:
                if "\r" in waarde:  # a line break in a note, as Windows or an old Mac wrote it
                    waarde = waarde.replace("\r\n", "\n").replace("\r", "\n")
                meta[kolom[5:]] = waarde
        elif waarde and not waarde.isspace():
            if "\n" in waarde or "\r" in waarde:
                # only a quote left open makes an answer run over lines (a note in meta may)
                raise InvoerFout(
                    'een aanhalingsteken (") in deze rij wordt niet gesloten, zodat de rij '
                    f"doorloopt tot regel {tot}",
                    bestand=kop.bestand,
                    regel=nummer,
                )
            antwoorden[kolom] = waarde
    return {"meta": meta, "antwoorden": antwoorden}


def _zelfde_scheidingsteken(kop: Kop, nummer: int, rij: list[str]) -> None:
    """A row with fewer values than columns, which another separator would split into more: the
    row was written with another separator than its header, and its values would land in the
    wrong columns (or all in the first)."""
    eigen = kop.scheidingsteken
    tekst = eigen.join(rij)
    for teken in _SCHEIDINGSTEKENS:
        if teken != eigen and len(tekst.split(teken)) > len(rij):
            raise InvoerFout(
                f"deze rij scheidt de waarden met {_teken(teken)}, de kopregel met "
                f"{_teken(eigen)}; gebruik in het hele bestand hetzelfde scheidingsteken",
                bestand=kop.bestand,
                regel=nummer,
            )


def _teken(teken: str) -> str:
    naam = _SCHEIDINGSTEKENS.get(teken, "het teken")
    return naam if teken == "\t" else f"{naam} ('{teken}')"
