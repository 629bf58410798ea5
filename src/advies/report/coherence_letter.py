"""Promises about the wording of the client's letter: no internal words, the coach speaking as
"ik", no sentence that states a fact the case leaves open, numbers and names as Dutch prose writes
them, and a refusal confirmed as what it was."""

from __future__ import annotations

import functools
import re

from advies.knowledge import conditions
from advies.knowledge.model import Kennisbank
from advies.report.coherence_core import Controle, belofte, sectie, teksten_van
from advies.report.content import laad_vervolgstappen
from advies.report.document import Sectie, Tabel

_INTERN = (
    "kennisbank",
    "voorwaardelijk",
    "blokkerend",
    "contra_indicatie",
    "aandachtspunt:",
    "dit product",
    "'nee' wordt",
    "'ja' wordt",
    "het antwoord bepaalt",
    "speelt ook mee",
)
# phrasings of the machine, not of a coach writing a letter
_MACHINE = (
    re.compile(r"de werkvorm [A-Z]"),
    re.compile(r"Vorm: [A-Z]"),
    re.compile(r"Stijl van begeleiden: [A-Z]"),
)


@belofte(
    "klanttekst_zonder_jargon",
    "de brief aan de klant bevat geen interne woorden, codes of coachnotities",
)
def _jargon(c: Controle) -> list[str]:
    tekst = c.klant_tekst
    fout = [f"'{w}' in de brief" for w in _INTERN if w in tekst.lower()]
    fout += [f"'{p.pattern}' in de brief" for p in _MACHINE if p.search(tekst)]
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


@belofte(
    "brief_in_de_ik_vorm",
    "de coach ondertekent de brief en spreekt er zelf in: 'ik', nooit 'de coach'",
)
def _ik(c: Controle) -> list[str]:
    return [f"'{m}' in de brief" for m in sorted(set(_DE_COACH.findall(c.klant_tekst)))]


_DE_COACH = re.compile(r"\b[Dd]e coach\b|\bdraagt hij\b|\bbereidt de coach\b")

# how Dutch prose writes it; the second is what the letter may not say
_TAAL = (
    ("evenveel", re.compile(r"\beven veel\b")),
    ("openstaat", re.compile(r"\bopen staat\b")),
    ("verdergaat", re.compile(r"\bverder gaat\b")),
)
_GETAL_DAN_WOORD = re.compile(
    r"(?<![-\d])\b([1-9]|1[0-2]) (deelnemers?|groep(?:en)?|bijeenkomsten)\b"
)
_ZIN_MET_CIJFER = re.compile(r"(?:^|[.!?] |^[-*] |^\d+\. )(\d+ )", re.MULTILINE)


@belofte(
    "nederlands_als_een_brief",
    "de brief schrijft kleine getallen in woorden, begint geen zin met een cijfer en spelt goed",
)
def _taal(c: Controle) -> list[str]:
    tekst = _zonder_tabellen_en_grafiek(c.klant_tekst)
    fout = [f"'{p.pattern}' in plaats van '{goed}'" for goed, p in _TAAL if p.search(tekst)]
    fout += [f"'{m.group(0)}' in cijfers" for m in _GETAL_DAN_WOORD.finditer(tekst)]
    fout += [f"zin begint met een cijfer: '{m.group(1)}'" for m in _ZIN_MET_CIJFER.finditer(tekst)]
    return fout


def _zonder_tabellen_en_grafiek(tekst: str) -> str:
    """The letter's prose: without table rows, the chart's SVG, the references and the footer."""
    regels = []
    in_svg = False
    for regel in tekst.split("\n## Bronnen")[0].splitlines():
        if regel.startswith("<svg"):
            in_svg = True
        if not in_svg and not regel.startswith("|") and not regel.startswith("*advies "):
            regels.append(regel)
        if regel.startswith("</svg>"):
            in_svg = False
    return "\n".join(regels)


@belofte(
    "twijfel_is_geen_feit",
    "een zin of contractpunt dat bij een feit hoort, staat er alleen als dat feit bekend en waar is",
)
def _twijfel(c: Controle) -> list[str]:
    s = sectie(c.klant, "vervolg")
    bijlage = sectie(c.klant, "bijlage")
    if s is None and bijlage is None:
        return []
    tekst = " ".join(" ".join(teksten_van(x)) for x in (s, bijlage) if x is not None)
    tekst = " ".join(tekst.split())
    feiten = c.casus.feiten()
    codes = {b.code for b in c.advies.bevindingen}
    fout = []
    vervolg = laad_vervolgstappen(c.kb)
    for stap in vervolg.stappen:
        for onderdeel in stap.onderdelen:
            for punt in onderdeel.punten:
                if punt.conditie is None:
                    continue
                zin = " ".join(punt.tekst.split())
                if zin in tekst and conditions.geldt(punt.conditie, feiten) is not True:
                    fout.append(f"contractpunt bij twijfel: {zin[:50]}…")
        for zin_ in getattr(stap, "zinnen", ()):
            zin = " ".join(zin_.tekst.split())
            if zin in tekst and conditions.geldt(zin_.conditie, feiten) is not True:
                fout.append(f"zin bij twijfel: {zin[:50]}…")
        for nadruk in getattr(stap, "nadrukken", ()):
            zin = " ".join(nadruk.tekst.split())
            if zin in tekst and not codes & set(nadruk.bij):
                fout.append(f"nadruk zonder de bevinding die erbij hoort: {zin[:50]}…")
    return fout


@belofte(
    "opsomming_leesbaar",
    "een opsomming van koppen met een komma erin gebruikt puntkomma's",
)
def _opsomming(c: Controle) -> list[str]:
    kort = sectie(c.klant, "kort")
    if kort is None:
        return []
    koppen = [k for b in c.advies.bevindingen for k in (b.titel, b.toezegging or "") if "," in k]
    fout = []
    for regel in teksten_van(kort):
        for kop in koppen:
            deel = kop[0].lower() + kop[1:]
            if (kop in regel or deel in regel) and ";" not in regel:
                fout.append(f"'{kop}' in een opsomming met komma's")
    return fout


@belofte(
    "weigering_bevestigd",
    "wie een voorwaarde in het gesprek weigerde, leest dat terug, met welke voorwaarde het was, en "
    "wordt niet opnieuw uitgenodigd om iets toe te zeggen",
)
def _weigering(c: Controle) -> list[str]:
    a = c.advies
    geweigerd = [b for b in a.bevindingen if b.geweigerd]
    if not geweigerd or a.eindoordeel != "no_go":
        return []
    fout = []
    kort = " ".join(teksten_van(sectie(c.klant, "kort") or _LEEG)).lower()
    if "gesprek" not in kort:
        fout.append("het advies in het kort zegt niet dat de weigering in het gesprek viel")
    for (
        b
    ) in geweigerd:  # by name or in the rule's own words: "een van de voorwaarden" is not enough
        naam = (b.toezegging or b.titel).lower()
        eigen = " ".join((b.bij_weigering or "").split()).lower()
        if naam not in kort and not (eigen and eigen in kort):
            fout.append(f"het advies in het kort noemt de geweigerde voorwaarde {b.code} niet")
    slot = " ".join(teksten_van(sectie(c.klant, "slot") or _LEEG)).lower()
    if "toezeg" in slot or "adviesgesprek" in slot:
        fout.append("het slot nodigt uit voor een gesprek dat al gevoerd is")
    return fout


_LEEG = Sectie("")


@belofte(
    "sleutelrijen_eigen_reden",
    "elke rij van de sleutelvoorwaarden zegt haar eigen reden: twee rijen zeggen nooit hetzelfde",
)
def _sleutelrijen(c: Controle) -> list[str]:
    analyse = sectie(c.klant, "analyse")
    if analyse is None:
        return []
    redenen: dict[str, str] = {}
    fout = []
    for sub in analyse.subsecties:
        for blok in sub.blokken:
            if not isinstance(blok, Tabel) or len(blok.kolommen) != 3:
                continue
            for naam, stand, reden in blok.rijen:
                # "Nog niet bekend is ..." names an unknown fact, not a finding
                if stand.status == "onbekend":
                    continue
                tekst = _NOOT.sub("", reden.tekst).strip()
                if tekst and tekst in redenen:
                    fout.append(f"'{naam.tekst}' en '{redenen[tekst]}' zeggen: {tekst[:50]}…")
                redenen.setdefault(tekst, naam.tekst)
    return fout


_NOOT = re.compile(r"\s*\[[\d, –]+\]$")
# what only an employer says; a profession, the participants themselves or an unknown initiative
# read none of it
_WERKGEVER = ("uw organisatie", "uw medewerkers", "andere leidinggevenden", "één medewerker")


@belofte(
    "tekst_past_bij_initiatief",
    "alleen als de wens van een leidinggevende of de organisatie komt, spreekt de brief van 'uw "
    "organisatie', 'uw medewerkers' of 'de andere leidinggevenden'",
)
def _werkgever(c: Controle) -> list[str]:
    if c.casus.feiten().get("initiatief") in ("leidinggevende", "organisatie"):
        return []
    tekst = c.klant_tekst.lower()
    return [
        f"'{w}' in de brief bij initiatief {c.casus.feiten().get('initiatief')}"
        for w in _WERKGEVER
        if w in tekst
    ]
