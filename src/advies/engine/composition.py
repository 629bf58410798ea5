"""Group composition: how many groups of what size, who does not join, and the composition
advice the rules give."""

from __future__ import annotations

import math
from typing import Any

from advies.engine.advice import Samenstelling, SamenstellingsAdvies
from advies.engine.parts_store import Delen
from advies.knowledge.model import Bevindingsregel, Samenstellingsregel


def verdeel_groepen(n: int, minimum: int, maximum: int, ideaal: int) -> tuple[list[int], int]:
    """Groups within [minimum, maximum], as close to ideaal as possible, and how many people to
    recruit when no split of n fits (9 with 5..8: two groups of 5 after recruiting one; 3: one)."""
    laagste = max(1, math.ceil(n / maximum))
    if n < laagste * minimum:
        aanvullen = laagste * minimum - n
        return _verdeel(n + aanvullen, laagste), aanvullen
    hoogste = max(laagste, n // minimum)
    aantal = min(range(laagste, hoogste + 1), key=lambda k: (abs(n / k - ideaal), k))
    return _verdeel(n, aantal), 0


def _verdeel(n: int, aantal: int) -> list[int]:
    basis, rest = divmod(n, aantal)
    return [basis + 1] * rest + [basis] * (aantal - rest)


def samenstelling(
    d: Delen, antwoorden: dict[str, Any], waar: dict[str, list[Any]], geen_start: bool
) -> Samenstelling:
    regels = (
        ()
        if geen_start
        else (
            *(r.id for r in waar["bevinding"] if r.samenstelling),  # already in reading order
            *(r.id for r in waar["samenstelling"]),
        )
    )
    n = antwoorden.get("groepsgrootte")
    sleutel = ("samenstelling", n, regels, geen_start)
    return d.geef(sleutel, _maak_samenstelling, d, n, regels, geen_start)


def _maak_samenstelling(
    d: Delen, n: int | None, regels: tuple[str, ...], geen_start: bool
) -> Samenstelling:
    kb = d.kb
    minimum = kb.drempel(kb.grootte.min)
    maximum = kb.drempel(kb.grootte.max)
    ideaal = kb.drempel(kb.grootte.ideaal)
    samenstellingsregels = [r for r in map(kb.regel, regels) if isinstance(r, Samenstellingsregel)]
    # who does not join (who manages another, one of a clashing pair in a single group) is not
    # counted in the groups
    # one group, unless a finding splits them or those who stay do not fit in one; in one
    # group those who only leave a single group (one of a clashing pair) do not join either
    niet_mee, wie = _niet_mee(samenstellingsregels, een_groep=True)
    splitsen = any(
        r.splitst_groepen for r in map(kb.regel, regels) if isinstance(r, Bevindingsregel)
    )
    if n and (splitsen or n - niet_mee > maximum):
        niet_mee, wie = _niet_mee(samenstellingsregels, een_groep=False)
    if n:
        niet_mee = min(niet_mee, n - 1)  # at least one of those named takes part
    groepen: list[int] = []
    aanvullen = 0
    if n and not geen_start:
        groepen, aanvullen = verdeel_groepen(n - niet_mee, minimum, maximum, ideaal)
    een_groep = len(groepen) == 1
    adviezen = []
    for regel_id in regels:
        r = kb.regel(regel_id)
        bronnen = r.bronnen
        if isinstance(r, Bevindingsregel):
            tekst = r.samenstelling or ""
        else:
            assert isinstance(r, Samenstellingsregel)
            if een_groep and r.bij_een_groep is not None:
                tekst, bronnen = r.bij_een_groep, r.bronnen_bij_een_groep or r.bronnen
            else:
                tekst = r.advies
        if tekst:
            adviezen.append(SamenstellingsAdvies(tekst=tekst, regel=r.id, bronnen=bronnen))
    return Samenstelling(
        groepsgrootte=n,
        aantal_groepen=len(groepen) or None,
        groepen=groepen,
        aanvullen=aanvullen,
        niet_mee=niet_mee if n else 0,
        niet_mee_wie=wie if n else [],
        minimum=minimum,
        maximum=maximum,
        ideaal=ideaal,
        adviezen=adviezen,
    )


def _niet_mee(regels: list[Samenstellingsregel], *, een_groep: bool) -> tuple[int, list[str]]:
    """How many named people do not join, and who they are. Rules that count the same people
    (`telt_als`) count once, the largest number."""
    per_soort: dict[str, tuple[int, str | None]] = {}
    for r in regels:
        aantal = r.telt_niet_mee + (r.telt_niet_mee_bij_een_groep if een_groep else 0)
        if not aantal:
            continue
        soort = r.telt_als or r.id
        if aantal > per_soort.get(soort, (0, None))[0]:
            per_soort[soort] = (aantal, r.niet_mee_tekst)
    return sum(a for a, _ in per_soort.values()), [w for _, w in per_soort.values() if w]
