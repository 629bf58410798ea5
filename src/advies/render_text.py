"""The advice as terminal text, as Markdown, and the reason tree (`--uitleg`). Rendering only."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from .advice import Advies, Bevinding
from .conditions import toon_waarde
from .kennisbank import Bron, Kennisbank

BREEDTE = 88
_SOORT_KOP = {
    "contra_indicatie": "Contra-indicaties",
    "aandachtspunt": "Aandachtspunten",
    "indicatie": "Indicaties",
}
_STATUS = {"vervuld": "vervuld", "niet_vervuld": "niet vervuld", "onbekend": "onbekend"}


def bronnen_tekst(bronnen: Iterable[Bron]) -> str:
    return "; ".join(str(b) for b in bronnen)


def _wrap(tekst: str, inspringen: str = "  ") -> str:
    return textwrap.fill(" ".join(tekst.split()), BREEDTE, initial_indent=inspringen, subsequent_indent=inspringen)


def _punt(tekst: str, inspringen: str = "  ") -> str:
    """A bullet whose continuation lines line up under the text, not under the dash."""
    return textwrap.fill(
        " ".join(tekst.split()), BREEDTE, initial_indent=inspringen + "- ", subsequent_indent=inspringen + "  "
    )


def _ernst(b: Bevinding) -> str:
    if b.geweigerd:
        return "geweigerd, blokkerend"
    return b.ernst or "indicatie"


def als_tekst(advies: Advies) -> str:
    """Plain text for the terminal: the verdict first, then what it rests on and the proposal."""
    regels: list[str] = []
    if advies.casus:
        regels.append(f"Casus: {advies.casus}")
    regels.append(f"Oordeel: {advies.verdict_label.upper()}")
    regels.append(_wrap(advies.verdict_zin, ""))
    if advies.oordeel_coach:
        oc = advies.oordeel_coach
        regels += ["", f"Oordeel van de coach: {oc.verdict.replace('_', ' ')}", _wrap(oc.reden)]
    beslissend = [v for v in advies.open_vragen if v.beslissend and advies.verdict == "onvoldoende_informatie"]
    if beslissend:
        regels += ["", "Eerst te beantwoorden"]
        for v in beslissend:
            regels.append(f"  - {v.vraag} ({v.feit})")
            regels.append(_wrap(v.waarom, "    "))
    if advies.alternatief:
        regels += ["", "Wat past in plaats van intervisie"]
        for a in advies.alternatief:
            regels.append(f"  - {a.naam}")
            regels.append(_wrap(a.uitleg, "    "))
    if advies.voorwaarden:
        regels += ["", "Voorwaarden voor het adviesgesprek"]
        for i, b in enumerate(advies.voorwaarden, 1):
            regels.append(f"  {i}. {b.titel} [{b.code}]")
            regels.append(_wrap(b.voorwaarde or "", "     "))
            regels.append(f"     Bron: {bronnen_tekst(b.bronnen)}")
    for soort, kop in _SOORT_KOP.items():
        items = advies.van_soort(soort)
        if not items:
            continue
        regels += ["", kop]
        if soort == "indicatie":  # what is in order needs no explanation at the terminal
            regels += [f"  + {b.titel} [{b.code}]" for b in items]
            continue
        for b in items:
            ernst = f" ({_ernst(b)})" if soort != "indicatie" else ""
            regels.append(f"  - {b.titel} [{b.code}]{ernst}")
            regels.append(_wrap(b.uitleg, "    "))
            regels.append(f"    Bron: {bronnen_tekst(b.bronnen)}")
    regels += ["", *_voorstel_tekst(advies)]
    overig = [v for v in advies.open_vragen if v not in beslissend]
    if overig:
        regels += ["", "Nog uit te zoeken"]
        regels += [f"  - {v.vraag} ({v.feit})" for v in overig]
    if advies.wat_als:
        regels += ["", "Wat het oordeel zou veranderen"]
        regels += [_punt(w.zin) for w in advies.wat_als]
    regels += ["", f"Kennisbank {advies.kennisbank_versie} · advies {advies.advies_versie}"]
    return "\n".join(regels) + "\n"


def _voorstel_tekst(advies: Advies) -> list[str]:
    s = advies.samenstelling
    regels = ["Voorstel"]
    if s.groepsgrootte:
        if s.aantal_groepen and s.aantal_groepen > 1:
            verdeling = " + ".join(str(g) for g in s.groepen)
            regels.append(f"  Groepen: {s.aantal_groepen} groepen ({verdeling}) van {s.groepsgrootte} deelnemers")
        else:
            regels.append(f"  Groep: één groep van {s.groepsgrootte} (streef naar {s.minimum}-{s.maximum})")
    else:
        regels.append(f"  Groep: {s.minimum} tot {s.maximum} deelnemers per groep")
    for a in s.adviezen:
        regels.append(_punt(a.tekst, "    "))
    b = advies.begeleiding
    if b.vorm:
        extra = f", {b.begeleide_bijeenkomsten} begeleide bijeenkomsten" if b.begeleide_bijeenkomsten else ""
        regels.append(f"  Begeleiding: {b.vorm.naam}{extra}")
        regels.append(_wrap(b.vorm.reden, "    "))
    if b.stijl:
        regels.append(f"  Stijl: {b.stijl.naam}")
        regels.append(_wrap(b.stijl.reden, "    "))
    if advies.methoden:
        regels.append("  Methoden, in deze volgorde:")
        for i, m in enumerate(advies.methoden, 1):
            duur = f", ca. {m.duur_minuten} min" if m.duur_minuten else ""
            regels.append(f"    {i}. {m.naam}{duur}")
            regels.append(_wrap(m.redenen[0], "       "))
    return regels


def als_markdown(advies: Advies, kb: Kennisbank) -> str:
    """Markdown for a wiki or an e-mail; the same content as the text, with sources spelled out."""
    md: list[str] = [f"# Advies intervisie{': ' + advies.casus if advies.casus else ''}", ""]
    md += [f"**Oordeel: {advies.verdict_label}.** {advies.verdict_zin}", ""]
    if advies.oordeel_coach:
        oc = advies.oordeel_coach
        md += [f"**Oordeel van de coach:** {oc.verdict.replace('_', ' ')}. {oc.reden}", ""]
    beslissend = [v for v in advies.open_vragen if v.beslissend and advies.verdict == "onvoldoende_informatie"]
    if beslissend:
        md += ["## Eerst te beantwoorden", ""]
        md += [f"- **{v.vraag}** ({v.feit}) {v.waarom}" for v in beslissend]
        md.append("")
    if advies.alternatief:
        md += ["## Wat past in plaats van intervisie", ""]
        md += [f"- **{a.naam}.** {' '.join(a.uitleg.split())} *({bronnen_tekst(a.bronnen)})*" for a in advies.alternatief]
        md.append("")
    if advies.voorwaarden:
        md += ["## Voorwaarden", ""]
        md += [
            f"{i}. **{b.titel}.** {' '.join((b.voorwaarde or '').split())} *({bronnen_tekst(b.bronnen)})*"
            for i, b in enumerate(advies.voorwaarden, 1)
        ]
        md.append("")
    for soort, kop in _SOORT_KOP.items():
        items = advies.van_soort(soort)
        if items:
            md += [f"## {kop}", "", "| code | bevinding | ernst | toelichting | bron |", "| --- | --- | --- | --- | --- |"]
            for b in items:
                ernst = _ernst(b) if soort != "indicatie" else ""
                md.append(
                    f"| {b.code} | {b.titel} | {ernst} | {' '.join(b.uitleg.split())} | {bronnen_tekst(b.bronnen)} |"
                )
            md.append("")
    md += ["## Voorstel", ""]
    md += [regel.strip() if regel.startswith("  ") and not regel.startswith("    ") else regel for regel in _voorstel_tekst(advies)[1:]]
    md.append("")
    if any(v not in beslissend for v in advies.open_vragen):
        md += ["## Nog uit te zoeken", ""]
        md += [f"- {v.vraag} ({v.feit})" for v in advies.open_vragen if v not in beslissend]
        md.append("")
    if advies.wat_als:
        md += ["## Wat het oordeel zou veranderen", ""]
        md += [f"- {w.zin}" for w in advies.wat_als]
        md.append("")
    gebruikt = sorted({b.sleutel for stap in advies.trace for b in stap.bronnen})
    md += ["## Bronnen", ""]
    md += [f"- **{k}**: {kb.bronnen[k].volledig}" for k in gebruikt if k in kb.bronnen]
    md += ["", f"*Kennisbank {advies.kennisbank_versie} · advies {advies.advies_versie}*", ""]
    return "\n".join(md)


def uitleg_boom(advies: Advies) -> str:
    """The reason tree: the verdict at the root, under it every rule that fired with what it read."""
    regels = [f"Oordeel: {advies.verdict_label}  [{advies.trace[-1].regel}; {bronnen_tekst(advies.trace[-1].bronnen)}]"]
    takken: list[tuple[str, list[str]]] = []
    per_regel = {s.regel: s for s in advies.trace}
    groepen = [
        ("blokkerend", [b for b in advies.bevindingen if b.ernst == "blokkerend" or b.geweigerd]),
        ("voorwaardelijk", [b for b in advies.bevindingen if b.ernst == "voorwaardelijk" and not b.geweigerd]),
        ("advies", [b for b in advies.bevindingen if b.ernst == "advies"]),
        ("indicatie", advies.van_soort("indicatie")),
    ]
    for naam, items in groepen:
        blad = []
        for b in items:
            stap = per_regel[b.regel]
            blad.append(f"{b.code} (regel {b.regel}{', geweigerd door de opdrachtgever' if b.geweigerd else ''})")
            blad.append(f"  als {stap.conditie}")
            blad.append(f"  gelezen: {_feiten(stap.feiten)}")
            blad.append(f"  bron: {bronnen_tekst(stap.bronnen)}")
        takken.append((f"{naam}: {len(items) or 'geen'}", blad))
    open_blad = []
    for v in advies.open_vragen:
        open_blad.append(f"{v.feit} onbekend{' (beslissend)' if v.beslissend else ''}: nodig voor {', '.join(v.regels)}")
    takken.append((f"open vragen: {len(advies.open_vragen) or 'geen'}", open_blad))
    voorstel = []
    for keuze, soort in ((advies.begeleiding.vorm, "vorm"), (advies.begeleiding.stijl, "stijl")):
        if keuze:
            stap = per_regel[keuze.regel]
            voorstel.append(f"{soort} {keuze.code} (regel {keuze.regel}): als {stap.conditie}")
    for m in advies.methoden:
        voorstel.append(f"methode {m.code} (regels {', '.join(m.regels)})")
    takken.append(("voorstel", voorstel))
    for i, (kop, blad) in enumerate(takken):
        laatste = i == len(takken) - 1
        regels.append(("└─ " if laatste else "├─ ") + kop)
        for j, regel in enumerate(blad):
            prefix = "   " if laatste else "│  "
            regels.append(prefix + regel if regel.startswith("  ") else prefix + ("• " + regel))
    regels.append(f"Kennisbank {advies.kennisbank_versie}")
    return "\n".join(regels) + "\n"


def _feiten(feiten: dict[str, object]) -> str:
    if not feiten:
        return "-"
    return ", ".join(f"{k} = {'onbekend' if v is None else toon_waarde(v)}" for k, v in feiten.items())
