"""The coach's appendix: the reason tree and the rules that fired, as document blocks.

The same grouping as text.uitleg_boom (the terminal's version), built as nested points so
that every format can show it as a real tree instead of box-drawing characters.
"""

from __future__ import annotations

from advies.engine.advice import Advies, Bevinding, TraceStap
from advies.report.content import Teksten
from advies.report.document import Alinea, Cel, Lijst, Punt, Sectie, Tabel
from advies.report.text import gelezen_tekst


def _blad(t: Teksten, b: Bevinding, stap: TraceStap) -> Punt:
    geweigerd = f"; {t['coach.geweigerd']}" if b.geweigerd else ""
    return Punt(
        f"regel {b.regel}{geweigerd}",
        vet=b.code,
        sub=(
            Punt(f"als {stap.conditie}"),
            Punt(f"gelezen: {gelezen_tekst(stap.feiten, t['coach.onbekend'])}"),
        ),
        bronnen=tuple(stap.bronnen),
    )


def redeneerboom(t: Teksten, advies: Advies) -> Punt:
    per_regel = {s.regel: s for s in advies.trace}
    groepen = advies.per_gewicht()
    takken = [
        Punt(
            str(len(items) or t["coach.geen"]),
            vet=f"{t[f'coach.groepen.{naam}']}:",
            sub=tuple(_blad(t, b, per_regel[b.regel]) for b in items),
        )
        for naam, items in groepen
    ]
    open_ = tuple(
        Punt(
            t.vul("coach.nodig_voor", regels=", ".join(v.regels)),
            vet=f"{v.feit}{' (' + t['coach.beslissend'] + ')' if v.beslissend else ''}:",
        )
        for v in advies.open_vragen
    )
    takken.append(
        Punt(str(len(open_) or t["coach.geen"]), vet=f"{t['coach.groepen.open']}:", sub=open_)
    )
    voorstel: list[Punt] = []
    for keuze, soort in ((advies.begeleiding.vorm, "vorm"), (advies.begeleiding.stijl, "stijl")):
        if keuze:
            voorstel.append(
                Punt(
                    f"regel {keuze.regel}: als {per_regel[keuze.regel].conditie}",
                    vet=f"{soort} {keuze.code}",
                )
            )
    voorstel += [
        Punt(f"regels {', '.join(m.regels)}", vet=f"methode {m.code}") for m in advies.methoden
    ]
    takken.append(Punt("", vet=f"{t['coach.groepen.voorstel']}:", sub=tuple(voorstel)))
    verdict = advies.trace[-1]
    return Punt(
        f"{advies.verdict_label} [{verdict.regel}]",
        vet="Oordeel:",
        bronnen=tuple(verdict.bronnen),
        sub=tuple(takken),
    )


def regeltabel(t: Teksten, advies: Advies) -> Tabel:
    rijen = tuple(
        (
            Cel(s.regel),
            Cel(t[f"coach.uitkomst.{s.uitkomst}"]),
            Cel(s.conditie),
            Cel(gelezen_tekst(s.feiten, t["coach.onbekend"])),
            Cel("", tuple(s.bronnen)),
        )
        for s in advies.trace
    )
    return Tabel(tuple(t["coach.regels_kolommen"]), rijen, (29, 9, 22, 20, 20), klein=True)


def coach_bijlage(t: Teksten, advies: Advies) -> Sectie:
    return Sectie(
        t["coach.kop"],
        (Alinea(t["coach.inleiding"]),),
        (
            Sectie(t["coach.boom_kop"], (Lijst((redeneerboom(t, advies),)),)),
            Sectie(t["coach.regels_kop"], (regeltabel(t, advies),)),
        ),
        anker="coach",
    )
