"""Advice that can be reproduced: when an advice is written or a talk recorded, the case keeps
the knowledge-base version and what the advice said; later, today's rules are compared with it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from advies.case.model import Casus
from advies.case.session import CasusSessie
from advies.case.talk import Vastlegging
from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank

Moment = Literal["rapport", "gesprek"]


def leg_vast(kb: Kennisbank, pad: Path, moment: Moment, advies: Advies) -> None:
    """Keep in the case file what this advice said and with which rules (read again under the
    file's lock, so nothing written by another step in the meantime is lost, and the coach's
    comments stay). Raises InGebruik when an intake or talk has the case open elsewhere."""
    with CasusSessie(kb, pad) as sessie:
        casus = sessie.open(wacht=2.0)
        if casus is None:  # removed meanwhile: nothing to record in
            return
        record = casus.vastgelegd.model_copy(update={moment: advies.vastlegging()})
        sessie.bewaar(casus.model_copy(update={"vastgelegd": record}))


@dataclass(frozen=True)
class Verschil:
    moment: Moment
    toen: Vastlegging
    nu: Vastlegging

    def tekst(self, kb: Kennisbank) -> str:
        """In Dutch: what the advice was, what today's rules say, and what changed."""
        toen, nu = self.toen, self.nu
        zin = (
            f"Let op: het {'advies' if self.moment == 'rapport' else 'adviesgesprek'} van "
            f"{toen.datum} ging uit van de regels van {toen.kennisbank} "
            f"({kb.verdicts[toen.verdict].label.lower()}); met de regels van nu "
            f"({nu.kennisbank}) luidt het {kb.verdicts[nu.verdict].label.lower()}."
        )
        delen = gewijzigde_codes(toen, nu)
        return zin + (f" Wat er veranderde: {'; '.join(delen)}." if delen else "")


def gewijzigde_codes(toen: Vastlegging, nu: Vastlegging) -> list[str]:
    """The conditions and blockers that came or went between two records, in Dutch."""
    delen = []
    for soort, oud, nieuw in (
        ("voorwaarde", toen.voorwaarden, nu.voorwaarden),
        ("blokkade", toen.blokkades, nu.blokkades),
    ):
        erbij = [c for c in nieuw if c not in oud]
        eraf = [c for c in oud if c not in nieuw]
        if erbij:
            delen.append(f"nieuw als {soort}: {', '.join(erbij)}")
        if eraf:
            delen.append(f"geen {soort} meer: {', '.join(eraf)}")
    return delen


def verschil(casus: Casus, advies: Advies) -> Verschil | None:
    """The latest record, if today's knowledge base is another and would advise otherwise."""
    for moment in ("gesprek", "rapport"):
        toen = getattr(casus.vastgelegd, moment)
        if toen is None:
            continue
        nu = advies.vastlegging()
        if toen.kennisbank != nu.kennisbank and _kern(toen) != _kern(nu):
            return Verschil(moment, toen, nu)
        return None
    return None


def _kern(v: Vastlegging) -> tuple[str, list[str], list[str]]:
    """What a record's advice comes down to. A no go puts no conditions; a record written before
    conditions were kept by the rules' verdict may still hold those of a coach's own verdict."""
    voorwaarden = [] if v.verdict == "no_go" else sorted(v.voorwaarden)
    return v.verdict, voorwaarden, sorted(v.blokkades)
