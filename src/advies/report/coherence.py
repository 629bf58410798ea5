"""The promises an advice keeps, written down so they can be checked on any case.

An advice a coach hands to a client must not contradict itself: a proposal that breaks its own
condition, a red chart under a go, a no go that still proposes methods. Each promise below is a
function that returns what breaks it in one advice (empty when it holds); `gebroken_beloften`
runs them all. The tests run them over random cases and every example; nothing in the product
depends on them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from advies.case.model import Casus
from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank
from advies.report.content import laad_vervolgstappen
from advies.report.document import Document, Sectie


@dataclass(frozen=True)
class Controle:
    """What a promise looks at: the case, its advice, and the client's letter built from them."""

    casus: Casus
    advies: Advies
    kb: Kennisbank
    klant: Document
    klant_tekst: str  # the client's letter as Markdown, for what it may not say


@dataclass(frozen=True)
class Breuk:
    belofte: str
    wat: str


Belofte = Callable[[Controle], list[str]]
BELOFTEN: dict[str, tuple[str, Belofte]] = {}


def belofte(code: str, tekst: str) -> Callable[[Belofte], Belofte]:
    def registreer(f: Belofte) -> Belofte:
        BELOFTEN[code] = (tekst, f)
        return f

    return registreer


def gebroken_beloften(c: Controle) -> list[Breuk]:
    return [Breuk(code, wat) for code, (_, f) in BELOFTEN.items() for wat in f(c)]


def _voorlopig(a: Advies) -> bool:
    """A proposal made while facts it reads are still unknown: provisional, also where the coach
    judged that enough was known (the letter then lists the open questions)."""
    return "onvoldoende_informatie" in (a.verdict, a.eindoordeel) or any(
        v.beslissend for v in a.open_vragen
    )


def _ankers(doc: Document) -> set[str]:
    return {s.anker for s in doc.secties if s.anker}


def _sectie(doc: Document, anker: str) -> Sectie | None:
    return next((s for s in doc.secties if s.anker == anker), None)


@belofte(
    "no_go_zonder_voorstel", "een no go stelt geen intervisie voor en wijst de weg naar wat past"
)
def _no_go(c: Controle) -> list[str]:
    a = c.advies
    if a.eindoordeel != "no_go":
        return []
    fout = []
    s, b = a.samenstelling, a.begeleiding
    if a.methoden or s.groepen or b.vorm or b.stijl or s.adviezen:
        fout.append("voorstel bij een no go (werkvormen, groepen, vorm of stijl)")
    if a.voorwaarden:
        fout.append("voorwaarden voor intervisie bij een no go")
    if _ankers(c.klant) & {"voorstel", "vervolg", "voorwaarden"}:
        fout.append("voorstel, voorwaarden of stappen naar een groep in de brief bij een no go")
    if a.verdict == "no_go" and not all(alt.vervolg for alt in a.alternatief):
        fout.append("een alternatief zonder de weg ernaartoe")
    if a.verdict == "no_go" and not a.alternatief:
        fout.append("een no go zonder alternatief")
    return fout


@belofte("groepen_volgen_voorwaarden", "de voorgestelde groepen houden zich aan elke voorwaarde")
def _groepen(c: Controle) -> list[str]:
    a = c.advies
    s = a.samenstelling
    if not s.groepen:
        return []
    codes = {b.code for b in a.bevindingen}
    ant = c.casus.antwoorden
    fout = [
        f"groep van {g} buiten {s.minimum}-{s.maximum}"
        for g in s.groepen
        if not s.minimum <= g <= s.maximum
    ]
    if s.groepsgrootte and sum(s.groepen) != s.groepsgrootte - s.niet_mee + s.aanvullen:
        fout.append(f"groepen {s.groepen} tellen niet op tot de deelnemers")
    leiding = ant.get("leidinggevende_in_groep") is True or ant.get("hierarchie_in_groep") is True
    if leiding and not s.niet_mee:
        fout.append("wie leiding geeft aan een ander telt mee in de groep")
    voorlopig = _voorlopig(a)
    if len(s.groepen) > 1 and "GROEP_TE_GROOT" not in codes and not voorlopig:
        fout.append("groepen gesplitst zonder voorwaarde die dat vraagt")
    if "GROEP_TE_GROOT" in codes and len(s.groepen) < 2:
        fout.append("te grote groep niet gesplitst")
    # recruiting: to reach the smallest group, or to split nine into two groups of five
    if s.aanvullen and not codes & {"GROEP_TE_KLEIN", "GROEP_TE_GROOT"} and not voorlopig:
        fout.append("deelnemers werven zonder voorwaarde die dat vraagt")
    if "GROEP_TE_KLEIN" in codes and not s.aanvullen:
        fout.append("te kleine groep niet aangevuld")
    if "BELANGEN" in codes and len(s.groepen) == 1:
        regels = {ad.regel: ad.tekst for ad in s.adviezen}
        tekst = regels.get("samenstelling_belangen", "")
        if "één groep" not in tekst:
            fout.append("botsende belangen in één groep zonder te zeggen wat dan")
    return fout


@belofte(
    "grafiek_volgt_oordeel",
    "een go toont geen onvervulde sleutelvoorwaarde; een benadering is nooit 'niet vervuld'",
)
def _grafiek(c: Controle) -> list[str]:
    a = c.advies
    fout = []
    benadering = {s.code for s in c.kb.sleutelvoorwaarden if s.benadering}
    # where the coach judged better than the rules, the letter says so; the chart keeps the facts
    overruled = _RANG[a.eindoordeel] > _RANG[a.verdict]
    for s in a.sleutelvoorwaarden:
        if a.eindoordeel == "go" and s.status in ("niet_vervuld", "voorwaarde") and not overruled:
            fout.append(f"{s.code} '{s.status}' bij een go")
        if a.eindoordeel == "no_go" and s.status == "voorwaarde":
            fout.append(f"{s.code} 'voorwaarde' bij een no go")
        if a.eindoordeel == "go_onder_voorwaarden" and s.status == "niet_vervuld" and not overruled:
            fout.append(f"{s.code} 'niet vervuld' bij een go onder voorwaarden")
        if s.code in benadering and s.status == "niet_vervuld":
            fout.append(f"{s.code} door een benadering 'niet vervuld'")
    return fout


_RANG = {"no_go": 0, "onvoldoende_informatie": 1, "go_onder_voorwaarden": 2, "go": 3}


@belofte("vertrouwelijkheid_eerst", "onzekere vertrouwelijkheid geeft nooit een gewone go")
def _vertrouwelijk(c: Controle) -> list[str]:
    waarde = c.casus.antwoorden.get("vertrouwelijkheid")
    if c.advies.verdict == "go" and waarde != "gegarandeerd":
        return [f"go bij vertrouwelijkheid {waarde!r}"]
    return []


@belofte("wat_als_veranderbaar", "wat-als verandert alleen wat de opdrachtgever kan veranderen")
def _wat_als(c: Controle) -> list[str]:
    fout = []
    for w in c.advies.wat_als or []:
        for wijziging in w.wijzigingen:
            if wijziging.feit == "geweigerde_voorwaarden":
                continue
            veranderbaar = c.kb.feiten[wijziging.feit].get("veranderbaar", True)
            if veranderbaar is False or (
                isinstance(veranderbaar, list) and wijziging.van not in veranderbaar
            ):
                fout.append(f"wat-als verandert {wijziging.feit}")
    return fout


@belofte(
    "werkvorm_past", "de eerste werkvorm past in de bijeenkomst, of een voorwaarde vraagt langere"
)
def _werkvorm(c: Controle) -> list[str]:
    a = c.advies
    if not a.methoden:
        return []
    eerste = a.methoden[0]
    fout = []
    if not eerste.stappen:
        fout.append(f"{eerste.code} zonder schema als eerste werkvorm")
    duur = c.casus.antwoorden.get("sessieduur")
    codes = {b.code for b in a.bevindingen}
    if (
        duur
        and eerste.kortste_sessie
        and duur < eerste.kortste_sessie
        and "SESSIE_TE_KORT" not in codes
        and not _voorlopig(a)
    ):
        fout.append(f"{eerste.code} ({eerste.kortste_sessie} min) in bijeenkomsten van {duur} min")
    if c.casus.antwoorden.get("ervaring") == "geen" and len(a.methoden) > 2:
        fout.append(f"{len(a.methoden)} werkvormen voor een groep zonder ervaring")
    start = _sectie(c.klant, "vervolg")
    if start:
        tekst = " ".join(_teksten(start))
        if "werkvorm" in tekst and eerste.naam not in tekst:
            fout.append("de startbijeenkomst oefent een andere werkvorm dan de eerste")
    return fout


@belofte("stappen_volgen_vorm", "de volgende stappen horen bij de voorgestelde begeleidingsvorm")
def _stappen(c: Controle) -> list[str]:
    sectie = _sectie(c.klant, "vervolg")
    vorm = c.advies.begeleiding.vorm
    if sectie is None or vorm is None:
        return []
    toegestaan = {
        s.titel for s in laad_vervolgstappen(c.kb).stappen if not s.vormen or vorm.code in s.vormen
    }
    return [f"stap '{s.kop}' bij {vorm.code}" for s in sectie.subsecties if s.kop not in toegestaan]


# a finding that only follows from another is not a second condition
_GEVOLGEN = (("DWANG", "NIET_ZELF_AANGEMELD"), ("VERTROUWELIJKHEID", "VERTROUWELIJKHEID_ONZEKER"))


@belofte(
    "geen_dubbele_voorwaarde", "een bevinding die uit een andere volgt, is geen tweede voorwaarde"
)
def _dubbel(c: Controle) -> list[str]:
    codes = {b.code for b in c.advies.voorwaarden}
    return [f"{a} en {b} allebei als voorwaarde" for a, b in _GEVOLGEN if {a, b} <= codes]


_INTERN = ("kennisbank", "voorwaardelijk", "blokkerend", "contra_indicatie", "aandachtspunt:")


@belofte(
    "klanttekst_zonder_jargon", "de brief aan de klant bevat geen interne woorden of coachnotities"
)
def _jargon(c: Controle) -> list[str]:
    tekst = c.klant_tekst
    fout = [f"'{w}' in de brief" for w in _INTERN if w in tekst.lower()]
    fout += [f"code {code} in de brief" for code in _codes(c.kb).findall(tekst)]
    for gevonden in c.advies.bevindingen:
        if gevonden.publiek == "coach" and gevonden.titel in tekst:
            fout.append(f"coachnotitie '{gevonden.titel}' in de brief")
    oc = c.advies.oordeel_coach
    if oc and oc.verdict != c.advies.verdict and "Uitkomst van de analyse" in tekst:
        fout.append("de brief zet de analyse naast het oordeel van de coach")
    return fout


@functools.cache
def _codes(kb: Kennisbank) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(sorted(b.code for b in kb.bevindingen)) + r")\b")


def _teksten(sectie: Sectie) -> list[str]:
    uit: list[str] = [sectie.kop]
    for blok in sectie.blokken:
        uit.append(getattr(blok, "tekst", ""))
    for sub in sectie.subsecties:
        uit += _teksten(sub)
    return uit
