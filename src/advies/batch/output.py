"""What a batch writes per case: a compact JSON line, today's full line, or a spreadsheet row.

The compact line holds what differs per case (codes, not texts); the texts and sources behind the
codes are the knowledge base's, printed once by `advies regels --format json`. The CSV is made for
a spreadsheet in a Dutch locale: semicolons, UTF-8 with a byte-order mark (so Excel does not read
it as Windows-1252), CRLF, every text quoted (LibreOffice also splits on commas unless told
otherwise), and cells that could start a formula made harmless.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import orjson

from advies.case.model import Casus
from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank

FORMATEN = ("jsonl", "csv")
Schrijver = Callable[[list[tuple[int, Casus, Advies]]], bytes]  # a block's lines, in order

CSV_KOLOMMEN = (
    "regel",
    "id",
    "naam",
    "oordeel",
    "blokkerend",
    "voorwaarden",
    "open vragen",
    "deelnemers per groep",  # "7 + 7": two groups; a bare "groepen" read as their number
    "vorm",
    "eerste methode",
)
_FORMULE = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as the start of a formula
_BOM = "\ufeff"


def eigen_id(casus: Casus) -> Any:
    """The case's own id from its file (`meta.id`), if it has one."""
    extra = casus.meta.__pydantic_extra__ or {}
    waarde = extra.get("id")
    return waarde if waarde is None or isinstance(waarde, str | int) else str(waarde)


# the same small objects recur in every line: made once (their keys are few: codes, facts)
_BEVINDINGEN: dict[tuple[str, str, str | None], dict[str, Any]] = {}
_VRAGEN: dict[tuple[str, bool], dict[str, Any]] = {}


def _bevinding(code: str, soort: str, ernst: str | None) -> dict[str, Any]:
    deel = _BEVINDINGEN.get((code, soort, ernst))
    if deel is None:
        deel = _BEVINDINGEN[code, soort, ernst] = {"code": code, "soort": soort, "ernst": ernst}
    return deel


def _vraag(feit: str, beslissend: bool) -> dict[str, Any]:
    deel = _VRAGEN.get((feit, beslissend))
    if deel is None:
        deel = _VRAGEN[feit, beslissend] = {"feit": feit, "beslissend": beslissend}
    return deel


def compact(advies: Advies, casus: Casus, nummer: int) -> dict[str, Any]:
    """The compact line of one case, as data: what differs per case, by code."""
    samenstelling, begeleiding = advies.samenstelling, advies.begeleiding
    return {
        "regel": nummer,
        "id": eigen_id(casus),
        "naam": advies.casus,
        "verdict": advies.verdict,
        "bevindingen": [_bevinding(b.code, b.soort, b.ernst) for b in advies.bevindingen],
        "blokkades": [b.code for b in advies.blokkades],
        "voorwaarden": [b.code for b in advies.voorwaarden],
        "geweigerd": [b.code for b in advies.bevindingen if b.geweigerd],
        "open_vragen": [_vraag(v.feit, v.beslissend) for v in advies.open_vragen],
        "voorstel": {
            "groepen": samenstelling.groepen,
            "aanvullen": samenstelling.aanvullen,
            "vorm": begeleiding.vorm.code if begeleiding.vorm else None,
            "stijl": begeleiding.stijl.code if begeleiding.stijl else None,
            "methoden": [m.code for m in advies.methoden],
        },
        "kennisbank_versie": advies.kennisbank_versie,
    }


def _jsonl(blok: list[tuple[int, Casus, Advies]]) -> bytes:
    return b"".join(orjson.dumps(compact(a, c, n)) + b"\n" for n, c, a in blok)


def _volledig(blok: list[tuple[int, Casus, Advies]]) -> bytes:
    return b"".join(a.json_regel() + b"\n" for _, _, a in blok)


def veilige_cel(waarde: Any) -> str:
    """A cell as text that a spreadsheet shows as it is: never run as a formula."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(_FORMULE) else tekst


def csv_rij(kb: Kennisbank, advies: Advies, casus: Casus, nummer: int) -> list[Any]:
    """One spreadsheet row, in words: titles of findings, names of forms and methods."""
    samenstelling, begeleiding = advies.samenstelling, advies.begeleiding
    groepen = " + ".join(map(str, samenstelling.groepen))
    if samenstelling.aanvullen:
        n = samenstelling.aanvullen
        groepen += f" (na {n} deelnemer{'s' if n > 1 else ''} erbij)"
    return [
        nummer,
        veilige_cel(eigen_id(casus)),
        veilige_cel(advies.casus),
        advies.verdict_label,
        "; ".join(b.titel + (" (geweigerd)" if b.geweigerd else "") for b in advies.blokkades),
        "; ".join(b.titel for b in advies.voorwaarden),
        "; ".join(
            kb.feiten[v.feit].get("label", v.feit) for v in advies.open_vragen if v.beslissend
        ),
        groepen,
        begeleiding.vorm.naam if begeleiding.vorm else "",
        advies.methoden[0].naam if advies.methoden else "",
    ]


def _csv_schrijver(kb: Kennisbank) -> Schrijver:
    def schrijf(blok: list[tuple[int, Casus, Advies]]) -> bytes:
        buffer = io.StringIO()
        # every text quoted: LibreOffice's import dialog also splits on commas by default
        rijen = csv.writer(
            buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC
        )
        rijen.writerows(csv_rij(kb, a, c, n) for n, c, a in blok)
        return buffer.getvalue().encode("utf-8")

    return schrijf


def schrijver(kb: Kennisbank, formaat: str, volledig: bool) -> Schrijver:
    if formaat == "csv":
        return _csv_schrijver(kb)
    return _volledig if volledig else _jsonl


def begin(formaat: str) -> bytes:
    """What the output starts with: the header row of a spreadsheet, after its byte-order mark."""
    if formaat != "csv":
        return b""
    return (_BOM + ";".join(CSV_KOLOMMEN) + "\r\n").encode("utf-8")
