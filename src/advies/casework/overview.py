"""`advies casussen`: the cases in the case folder, newest first, with their stage and verdict; a
broken case file is a row with its error and never stops the list. With another knowledge base
beside the shipped one, it lists the cases whose verdict or conditions would change: how whoever
maintains the rules checks a change on real cases before shipping it.
"""

from __future__ import annotations

import textwrap
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from advies.case.files import lees_casus
from advies.case.model import Casus
from advies.casework.records import gewijzigde_codes, verschil
from advies.engine.evaluation import evalueer
from advies.errors import AdviesError
from advies.knowledge.model import Kennisbank
from advies.questionnaires.case_folder import EXTENSIES, gewoon_bestand

Stadium = Literal["intake onvolledig", "advies klaar", "gesprek gehouden", "gestart"]


@dataclass(frozen=True)
class Rij:
    bestand: str
    naam: str
    opdrachtgever: str
    gewijzigd: str  # ISO date and time of the file's last change
    stadium: Stadium | None
    oordeel: str | None
    fout: str | None = None  # a file that cannot be read as a case
    let_op: str | None = None  # today's rules decide otherwise than the advice given
    met_andere_regels: str | None = None  # --regels: what the other rules would change


def stadium(casus: Casus, verdict: str, vandaag: date | None = None) -> Stadium:
    """Where a case stands. Without the intake's own bookkeeping (a case written by hand), the
    intake counts as done once nothing decisive is still unknown."""
    if casus.gesprek is not None:
        start = casus.gesprek.afspraken.startdatum
        if isinstance(start, str):
            try:
                start = date.fromisoformat(start)
            except ValueError:
                start = None
        if isinstance(start, date) and start <= (vandaag or date.today()):
            return "gestart"
        return "gesprek gehouden"
    boek = casus.meta.model_dump().get("intake")
    klaar = boek.get("klaar") if isinstance(boek, dict) else verdict != "onvoldoende_informatie"
    return "advies klaar" if klaar else "intake onvolledig"


def casusbestanden(map_: Path) -> list[Path]:
    """The case files in the folder, newest first: regular YAML files (not a link to a file
    elsewhere, which a name in the folder could not open either), no hidden ones; a `.yml` only
    where no `.yaml` has its name (a name opens the `.yaml` first, as casus_in_map does)."""
    if not map_.is_dir():
        return []
    eerst = EXTENSIES[0]
    paden = [
        p
        for p in map_.iterdir()
        if p.suffix in EXTENSIES
        and not p.name.startswith(".")
        and not (p.suffix != eerst and p.with_suffix(eerst).exists())
        and gewoon_bestand(p) is not None
    ]
    return sorted(paden, key=lambda p: p.stat().st_mtime, reverse=True)


def overzicht(kb: Kennisbank, map_: Path, andere: Kennisbank | None = None) -> list[Rij]:
    rijen = []
    for pad in casusbestanden(map_):
        gewijzigd = datetime.fromtimestamp(pad.stat().st_mtime).isoformat(timespec="minutes")
        try:
            casus = lees_casus(kb, pad)
        except AdviesError as fout:
            plaats = f" (regel {fout.regel})" if fout.regel else ""
            rijen.append(
                Rij(str(pad), pad.stem, "", gewijzigd, None, None, fout=fout.message + plaats)
            )
            continue
        advies = evalueer(casus, kb, wat_als=False)
        oud = verschil(casus, advies)
        rijen.append(
            Rij(
                bestand=str(pad),
                naam=casus.meta.naam or pad.stem,
                opdrachtgever=casus.meta.opdrachtgever or "",
                gewijzigd=gewijzigd,
                stadium=stadium(casus, advies.verdict),
                oordeel=kb.verdicts[advies.eindoordeel].label,
                let_op=oud.tekst(kb) if oud else None,
                met_andere_regels=_met_andere_regels(kb, andere, casus, advies.vastlegging())
                if andere
                else None,
            )
        )
    return rijen


def _met_andere_regels(kb: Kennisbank, andere: Kennisbank, casus: Casus, nu: Any) -> str | None:
    """What the other rules would decide otherwise for this case; None when nothing changes."""
    try:
        ander = evalueer(casus, andere, wat_als=False).vastlegging()
    except AdviesError as fout:
        return f"niet te beoordelen met de andere regels: {fout.message}"
    delen = []
    if ander.verdict != nu.verdict:
        delen.append(
            f"oordeel {kb.verdicts[nu.verdict].label.lower()} wordt "
            f"{andere.verdicts[ander.verdict].label.lower()}"
        )
    delen += gewijzigde_codes(nu, ander)
    return "; ".join(delen) or None


def als_data(rijen: list[Rij]) -> list[dict[str, Any]]:
    return [asdict(r) for r in rijen]


def als_tabel(rijen: list[Rij], breedte: int = 100) -> str:
    """The list for the terminal: one row per case, notes indented under it."""
    if not rijen:
        return "Geen casussen in deze map.\n"
    kolommen = [
        (r.naam, r.opdrachtgever, r.gewijzigd.replace("T", " "), r.stadium or "-", r.oordeel or "-")
        for r in rijen
    ]
    kop = ("Casus", "Opdrachtgever", "Gewijzigd", "Stadium", "Oordeel")
    maat = [min(30, max(len(k[i]) for k in [kop, *kolommen])) for i in range(5)]
    regels = ["  ".join(k.ljust(maat[i])[: maat[i]] for i, k in enumerate(kop)).rstrip()]
    for rij, cellen in zip(rijen, kolommen, strict=True):
        regels.append("  ".join(c.ljust(maat[i])[: maat[i]] for i, c in enumerate(cellen)).rstrip())
        for noot in (
            rij.fout and f"kan niet gelezen worden: {rij.fout}",
            rij.let_op,
            rij.met_andere_regels,
        ):
            if noot:
                regels += textwrap.wrap(
                    noot, breedte, initial_indent="    ", subsequent_indent="    "
                )
    return "\n".join(regels) + "\n"
