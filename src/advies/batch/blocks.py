"""One block of a batch, from raw lines to output: read and check each case, evaluate the block in
one engine session, write its lines and count it for the summary.

The same in a worker process and, for a small batch, in the main process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advies.batch.cases import lees_casus
from advies.batch.output import schrijver
from advies.batch.reading import Kop, Leesfout
from advies.batch.summary import Telling
from advies.case.model import Casus
from advies.engine.evaluation import evalueer_blok
from advies.errors import AdviesError, InvoerFout
from advies.knowledge.model import Kennisbank

BLOK = 256  # cases per block: one engine session, one write, one step of the progress bar

Regels = list[tuple[int, Any]]  # (line, raw case) as reading.py hands them on


@dataclass
class Blokuitkomst:
    tekst: bytes  # the block's output, whole lines
    telling: Telling
    fout: AdviesError | None  # the first bad case: nothing after it is in `tekst`


@dataclass(frozen=True)
class Opdracht:
    """What every block of one batch is evaluated with."""

    kop: Kop
    formaat: str = "jsonl"
    volledig: bool = False
    doorgaan: bool = False  # skip unreadable cases (counted in the summary) instead of stopping
    wat_als: bool = False


class Verwerker:
    def __init__(self, kb: Kennisbank, opdracht: Opdracht):
        self.kb = kb
        self.opdracht = opdracht
        self._schrijf = schrijver(kb, opdracht.formaat, opdracht.volledig)

    def verwerk(self, regels: Regels) -> Blokuitkomst:
        kb, opdracht = self.kb, self.opdracht
        telling = Telling()
        casussen: list[tuple[int, Casus]] = []
        fout: AdviesError | None = None
        for nummer, ruw in regels:
            try:
                casussen.append((nummer, lees_casus(kb, opdracht.kop, nummer, ruw)))
            except InvoerFout as f:
                if opdracht.doorgaan and not (isinstance(f, Leesfout) and f.fataal):
                    telling.onleesbare(nummer, f.message)
                    continue
                fout = f
                break
        adviezen = evalueer_blok(
            [c for _, c in casussen], kb, wat_als=opdracht.wat_als, kern=not opdracht.volledig
        )
        for advies in adviezen:
            telling.tel(advies)
        tekst = self._schrijf([(n, c, a) for (n, c), a in zip(casussen, adviezen, strict=True)])
        return Blokuitkomst(tekst, telling, fout)
