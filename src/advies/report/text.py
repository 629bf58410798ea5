"""The advice as terminal text, as Markdown, and the reason tree (`--uitleg`). Rendering only.

Text and Markdown share one outline (`_secties`), so the two never differ in content.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

from advies.engine.advice import Advies, Bevinding
from advies.knowledge.conditions import toon_waarde
from advies.knowledge.model import Bron, Kennisbank

BREEDTE = 88


def bronnen_tekst(bronnen: Iterable[Bron]) -> str:
    return "; ".join(str(b) for b in bronnen)


def _wrap(tekst: str, inspringen: str = "  ", breedte: int = BREEDTE) -> str:
    return textwrap.fill(
        " ".join(tekst.split()), breedte, initial_indent=inspringen, subsequent_indent=inspringen
    )


def omgebroken(tekst: str, eerste: str, vervolg: str, breedte: int) -> list[str]:
    """One line of a listing wrapped at word boundaries to `breedte`: the first line starts with
    `eerste`, the rest with `vervolg` (a tree's branch, an indent under a label). A word longer
    than the line stays whole: nothing is ever cut."""
    return textwrap.wrap(
        tekst.replace("\n", " "),
        max(breedte, len(vervolg) + 20),
        initial_indent=eerste,
        subsequent_indent=vervolg,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [eerste.rstrip()]


def _punt(tekst: str, inspringen: str = "  ", teken: str = "-", breedte: int = BREEDTE) -> str:
    """A bullet whose continuation lines line up under the text, not under the dash."""
    eerste = f"{inspringen}{teken} "
    return textwrap.fill(
        " ".join(tekst.split()), breedte, initial_indent=eerste, subsequent_indent=" " * len(eerste)
    )


@dataclass
class Punt:
    """One item of a section: a title, then lines of text, then where it comes from."""

    kop: str
    regels: list[str] = field(default_factory=list)
    bron: str = ""


@dataclass
class Sectie:
    kop: str
    punten: list[Punt]
    genummerd: bool = False
    kort: bool = False  # one line per item, no text (the indications at the terminal)


def _ernst(b: Bevinding) -> str:
    return "geweigerd, dus blokkerend" if b.geweigerd else (b.ernst or "")


def _bevindingen(titel: str, bevindingen: list[Bevinding], *, kort: bool = False) -> Sectie:
    """A section of findings, each with its code, explanation and sources."""
    punten = [
        Punt(f"{b.titel} [{b.code}]", [b.uitleg], bronnen_tekst(b.bronnen)) for b in bevindingen
    ]
    return Sectie(titel, punten, kort=kort)


def _secties(advies: Advies) -> list[Sectie]:
    """The outline of an advice, most urgent first. No proposal for a no go: it would not be used."""
    secties: list[Sectie] = []
    no_go = advies.eindoordeel == "no_go"
    beslissend = [
        v for v in advies.open_vragen if v.beslissend and advies.verdict == "onvoldoende_informatie"
    ]
    if beslissend:
        secties.append(
            Sectie(
                "Eerst te beantwoorden",
                [Punt(f"{v.vraag} ({v.feit})", [v.waarom]) for v in beslissend],
            )
        )
    blokkades = advies.blokkades
    if blokkades:
        secties.append(
            Sectie(
                "Waarom geen intervisie",
                [
                    Punt(
                        f"{b.titel} [{b.code}] ({_ernst(b)})", [b.uitleg], bronnen_tekst(b.bronnen)
                    )
                    for b in blokkades
                ],
            )
        )
    if advies.alternatief:
        secties.append(
            Sectie(
                "Wat past in plaats van intervisie",
                [
                    Punt(
                        a.naam,
                        [a.uitleg, f"De weg ernaartoe: {a.vervolg}"],
                        bronnen_tekst(a.bronnen),
                    )
                    for a in advies.alternatief
                ],
            )
        )
    voorwaarden = advies.voorwaarden
    if voorwaarden:
        secties.append(
            Sectie(
                "Voorwaarden voor het adviesgesprek",
                [
                    Punt(
                        f"{b.toezegging or b.titel} [{b.code}]",
                        [b.voorwaarde or "", f"Waarom: {b.uitleg}"],
                        bronnen_tekst(b.bronnen),
                    )
                    for b in voorwaarden
                ],
                genummerd=True,
            )
        )
    elif no_go:  # no start to put conditions on; the coach still sees what else stood in the way
        verder = [
            b for b in advies.bevindingen if b.ernst == "voorwaardelijk" and b not in blokkades
        ]
        if verder:
            secties.append(
                _bevindingen("Verder gevonden (geen voorwaarden: er is geen start)", verder)
            )
    if aandacht := advies.van_soort("aandachtspunt"):
        secties.append(_bevindingen("Aandachtspunten", aandacht))
    if indicaties := advies.van_soort("indicatie"):
        secties.append(_bevindingen("Wat in orde is", indicaties, kort=True))
    if not no_go:
        kop = "Voorstel (voorlopig)" if advies.verdict == "onvoldoende_informatie" else "Voorstel"
        secties.append(Sectie(kop, _voorstel(advies)))
    overig = [v for v in advies.open_vragen if v not in beslissend]
    if overig:
        secties.append(
            Sectie("Nog uit te zoeken", [Punt(f"{v.vraag} ({v.feit})", [v.waarom]) for v in overig])
        )
    if advies.wat_als:
        secties.append(
            Sectie("Wat het oordeel zou veranderen", [Punt(w.zin) for w in advies.wat_als])
        )
    return secties


def _voorstel(advies: Advies) -> list[Punt]:
    s = advies.samenstelling
    punten = []
    if s.groepsgrootte and s.aantal_groepen:
        if s.aantal_groepen > 1:
            verdeling = " + ".join(str(g) for g in s.groepen)
            groep = f"{s.groepsgrootte} deelnemers in {s.aantal_groepen} groepen ({verdeling})"
        else:
            groep = f"één groep van {s.groepen[0]}"
        if s.niet_mee:
            groep += f", zonder wie leiding geeft aan anderen uit de groep (van de {s.groepsgrootte} genoemd)"
        if s.aanvullen:
            groep += (
                f", na het werven van {s.aanvullen} deelnemer{'s' if s.aanvullen > 1 else ''} erbij"
            )
        punten.append(Punt(f"Groep: {groep}", [a.tekst for a in s.adviezen]))
    else:
        punten.append(
            Punt(
                f"Groep: {s.minimum} tot {s.maximum} deelnemers per groep",
                [a.tekst for a in s.adviezen],
            )
        )
    b = advies.begeleiding
    if b.vorm:
        regels = [b.vorm.reden]
        # this case's number, as the letter plans it; the form's usual range beside it
        if b.vorm.code == "intervisiecoach" and b.aantal_begeleid:
            gewoon = (
                f" (bij deze vorm {b.begeleide_bijeenkomsten})" if b.begeleide_bijeenkomsten else ""
            )
            regels.append(f"Begeleide bijeenkomsten: de eerste {b.aantal_begeleid}{gewoon}.")
            if b.aantal_reden:
                regels.append(b.aantal_reden)
        elif b.begeleide_bijeenkomsten:
            regels.append(f"Begeleide bijeenkomsten: {b.begeleide_bijeenkomsten}.")
        punten.append(Punt(f"Begeleiding: {b.vorm.naam}", regels, bronnen_tekst(b.vorm.bronnen)))
    if b.stijl:
        punten.append(
            Punt(f"Stijl: {b.stijl.naam}", [b.stijl.reden], bronnen_tekst(b.stijl.bronnen))
        )
    for i, m in enumerate(advies.methoden, 1):
        duur = ""
        if m.duur_minuten:
            tot = f"-{m.duur_minuten_max}" if m.duur_minuten_max else ""
            duur = f", ca. {m.duur_minuten}{tot} min"
        rol = "Methode om mee te beginnen" if i == 1 else f"Methode {i}"
        punten.append(Punt(f"{rol}: {m.naam}{duur}", [m.redenen[0]], bronnen_tekst(m.bronnen)))
    return punten


def als_tekst(advies: Advies, breedte: int = BREEDTE) -> str:
    """Plain text for the terminal: the verdict first, then what it rests on and the proposal;
    wrapped to `breedte` (the terminal's width where it is narrower)."""
    regels: list[str] = []
    if advies.casus:
        regels.append(f"Casus: {advies.casus}")
    regels.append(f"Oordeel: {advies.verdict_label.upper()}")
    regels.append(_wrap(advies.verdict_zin, "", breedte))
    if advies.oordeel_coach:
        oc = advies.oordeel_coach
        regels += [
            "",
            f"Oordeel van de coach: {oc.verdict.replace('_', ' ')}",
            _wrap(oc.reden, breedte=breedte),
        ]
    for sectie in _secties(advies):
        regels += ["", sectie.kop]
        for i, punt in enumerate(sectie.punten, 1):
            teken = f"{i}." if sectie.genummerd else ("+" if sectie.kort else "-")
            regels.append(_punt(punt.kop, "  ", teken, breedte))
            if sectie.kort:
                continue
            inspringen = " " * (len(teken) + 3)
            regels += [_wrap(r, inspringen, breedte) for r in punt.regels]
            if punt.bron:
                regels.append(_wrap(f"Bron: {punt.bron}", inspringen, breedte))
    regels += ["", f"Kennisbank {advies.kennisbank_versie} · advies {advies.advies_versie}"]
    return "\n".join(regels) + "\n"


def als_markdown(advies: Advies, kb: Kennisbank) -> str:
    """Markdown for a wiki or an e-mail: the same outline as the text, with sources spelled out.
    Every text is escaped (md_tekst): a case name with <script> or a link stays text."""
    from advies.report.md_escape import md_tekst as md

    casus = ": " + md(advies.casus, in_regel=True) if advies.casus else ""
    regels: list[str] = [f"# Advies intervisie{casus}", ""]
    regels += [f"**Oordeel: {md(advies.verdict_label)}.** {md(advies.verdict_zin)}", ""]
    if advies.oordeel_coach:
        oc = advies.oordeel_coach
        regels += [
            f"**Oordeel van de coach: {md(oc.verdict.replace('_', ' '))}.** {md(oc.reden)}",
            "",
        ]
    for sectie in _secties(advies):
        regels += [f"## {md(sectie.kop)}", ""]
        for i, punt in enumerate(sectie.punten, 1):
            teken = f"{i}." if sectie.genummerd else "-"
            if sectie.kort:
                regels.append(f"{teken} {md(punt.kop)}")
                continue
            tekst = " ".join(" ".join(r.split()) for r in punt.regels)
            bron = f" *({md(punt.bron, in_regel=True)})*" if punt.bron else ""
            kop = punt.kop if punt.kop.endswith((".", "?", "!")) else punt.kop + "."
            regels.append(f"{teken} **{md(kop)}** {md(tekst, in_regel=True)}{bron}".rstrip())
        regels.append("")
    regels += ["## Bronnen", ""]
    regels += [
        f"- **{k}**: {md(kb.bronnen[k].volledig, in_regel=True)}"
        for k in _geciteerd(advies)
        if k in kb.bronnen
    ]
    regels += ["", f"*Kennisbank {advies.kennisbank_versie} · advies {advies.advies_versie}*", ""]
    return "\n".join(regels)


def _geciteerd(advies: Advies) -> list[str]:
    """The source keys cited by what the advice shows (not by everything the rules read)."""
    sleutels = {
        b.sleutel
        for sectie in _secties(advies)
        for p in sectie.punten
        for b in _bron_sleutels(p.bron)
    }
    return sorted(sleutels)


def _bron_sleutels(bron: str) -> list[Bron]:
    return [Bron(sleutel=d.split(",")[0].strip(), plaats="") for d in bron.split(";") if d.strip()]


def uitleg_boom(advies: Advies, breedte: int = 80) -> str:
    """The reason tree: the verdict at the root, under it every rule that fired with what it read;
    every line wrapped to `breedte` (the terminal's width) under its own branch."""
    wortel = f"Oordeel: {advies.verdict_label}  [{advies.trace[-1].regel}; {bronnen_tekst(advies.trace[-1].bronnen)}]"
    regels = omgebroken(wortel, "", "│  ", breedte)
    takken: list[tuple[str, list[str]]] = []
    per_regel = {s.regel: s for s in advies.trace}
    groepen = advies.per_gewicht()
    for naam, items in groepen:
        blad = []
        for b in items:
            stap = per_regel[b.regel]
            blad.append(
                f"{b.code} (regel {b.regel}{', geweigerd door de opdrachtgever' if b.geweigerd else ''})"
            )
            blad.append(f"  als {stap.conditie}")
            blad.append(f"  gelezen: {gelezen_tekst(stap.feiten)}")
            blad.append(f"  bron: {bronnen_tekst(stap.bronnen)}")
        takken.append((f"{naam}: {len(items) or 'geen'}", blad))
    open_blad = [
        f"{v.feit} onbekend{' (beslissend)' if v.beslissend else ''}: nodig voor {', '.join(v.regels)}"
        for v in advies.open_vragen
    ]
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
        prefix = "   " if laatste else "│  "
        for regel in blad:
            if regel.startswith("  "):  # a detail of the leaf above: under its label's text
                label = regel.strip().split(" ", 1)[0]
                vervolg = prefix + "  " + " " * (len(label) + 1)
                regels += omgebroken(regel.strip(), prefix + "  ", vervolg, breedte)
            else:
                regels += omgebroken(regel, prefix + "• ", prefix + "  ", breedte)
    regels.append(f"Kennisbank {advies.kennisbank_versie}")
    return "\n".join(regels) + "\n"


def gelezen_tekst(feiten: dict[str, object], onbekend: str = "onbekend") -> str:
    """The facts a rule read, as 'fact = value', yes/no in words."""
    if not feiten:
        return "-"
    return ", ".join(
        f"{k} = {onbekend if v is None else toon_waarde(v)}" for k, v in feiten.items()
    )
