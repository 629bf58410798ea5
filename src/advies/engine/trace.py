"""The reason tree: each rule that fired with the facts it read, refusals, and the verdict."""

from __future__ import annotations

from typing import Any

from advies.engine.adapter import Uitkomst
from advies.engine.advice import TraceStap
from advies.engine.parts_store import Delen
from advies.knowledge.model import Kennisbank, Regel


def trace(
    d: Delen, antwoorden: dict[str, Any], uitkomst: Uitkomst, verdict: str
) -> list[TraceStap]:
    kb = d.kb
    volledig = {**d.leeg, **antwoorden}
    stappen = []
    for vuur in uitkomst.gevuurd:
        regel, lees = d.vuur(vuur)
        sleutel = (vuur, lees(volledig))  # one fact's value, or a tuple of them
        stappen.append(d.geef(sleutel, _maak_stap, kb, regel, vuur[1], volledig))
    for code in uitkomst.geweigerd:
        stappen.append(
            TraceStap(
                regel=f"geweigerd.{code}",
                uitkomst="geweigerd",
                conditie=f"{code} staat in geweigerde_voorwaarden",
                feiten={"geweigerde_voorwaarden": antwoorden.get("geweigerde_voorwaarden")},
                bronnen=kb.geweigerd.bronnen,
            )
        )
    stappen.append(d.geef(("oordeel", verdict), _maak_oordeelstap, kb, verdict))
    return stappen


def _maak_oordeelstap(kb: Kennisbank, verdict: str) -> TraceStap:
    return TraceStap(
        regel=f"oordeel.{verdict}",
        uitkomst="verdict",
        conditie="beslist nadat alle bevindingen bekend zijn",
        feiten={},
        bronnen=kb.verdicts[verdict].bronnen,
    )


def _maak_stap(kb: Kennisbank, regel: Regel, status: str, volledig: dict[str, Any]) -> TraceStap:
    return TraceStap(
        regel=regel.id,
        uitkomst=status,
        conditie=kb.beschrijf(regel),
        feiten={f: volledig[f] for f in regel.feiten},
        bronnen=regel.bronnen,
    )
