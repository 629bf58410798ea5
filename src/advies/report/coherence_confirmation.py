"""Promises only a confirmation of the advisory talk can break: a refused condition is named as
refused and never promised after all, agreed and open conditions stand where they belong, a no go
plans nothing, the verdict stated is the advice's, and what the coach typed stands as typed."""

from __future__ import annotations

from advies.report.coherence_core import Controle, belofte, sectie, teksten_van
from advies.report.content import laad_teksten
from advies.report.md_escape import md_tekst

# what only a client who agreed the content stays in the group can read (the letter of a coach
# who starts after that refusal says what was agreed instead)
_VERTROUWELIJK = ("VERTROUWELIJKHEID", "VERTROUWELIJKHEID_ONZEKER")
_BELOOFT_VERTROUWELIJKHEID = (
    "alleen informatie over het verloop",
    "alleen over het verloop",
    "horen alleen hoe het traject verloopt",
    "hoort alleen hoe het traject verloopt",
    "niet wat er besproken is",
    "de inhoud blijft binnen de groep",
    "wat in de groep besproken wordt, blijft in de groep",
)


def _plat(tekst: str) -> str:
    return " ".join(tekst.split())


def _sub(c: Controle, sleutel: str) -> str:
    """The text of one subsection of 'Wat we hebben afgesproken', or '' without it."""
    kop = laad_teksten()[f"bevestiging.{sleutel}_kop"]
    s = sectie(c.klant, "afgesproken")
    for sub in s.subsecties if s else ():
        if sub.kop == kop:
            return _plat(" ".join(teksten_van(sub)))
    return ""


def _naam(b: object) -> str:
    return str(getattr(b, "toezegging", None) or getattr(b, "titel", ""))


@belofte(
    "weigering_niet_toegezegd",
    "een voorwaarde die in het gesprek geweigerd werd, staat als geweigerd in de bevestiging, "
    "nooit bij wat toegezegd of nog open is, en haar belofte staat er niet",
)
def _geweigerd(c: Controle) -> list[str]:
    if c.casus.gesprek is None:
        return []
    geweigerd = [b for b in c.advies.bevindingen if b.geweigerd]
    tekst = _plat(c.klant_tekst)
    toegezegd, open_, niet = _sub(c, "akkoord"), _sub(c, "open"), _sub(c, "geweigerd")
    fout = []
    for b in geweigerd:
        naam = _naam(b)
        if naam in toegezegd or naam in open_:
            fout.append(f"geweigerde {b.code} bij toegezegd of nog open")
        if b.voorwaarde and md_tekst(_plat(b.voorwaarde), in_regel=True) in tekst:
            fout.append(f"de belofte van de geweigerde {b.code} staat in de brief")
        if c.advies.eindoordeel != "no_go" and naam not in niet:
            fout.append(f"geweigerde {b.code} niet genoemd bij 'niet toegezegd'")
    if c.advies.eindoordeel != "no_go" and {b.code for b in geweigerd} & set(_VERTROUWELIJK):
        laag = tekst.lower()
        fout += [
            f"'{z}' na een geweigerde vertrouwelijkheid"
            for z in _BELOOFT_VERTROUWELIJKHEID
            if z in laag
        ]
    return fout


@belofte(
    "besluit_op_zijn_plaats",
    "een toegezegde voorwaarde staat bij de afspraken, een open voorwaarde bij wat nog open is, "
    "'alle voorwaarden toegezegd' alleen als er niets open of geweigerd is, en wat besloten is "
    "vraagt niet opnieuw om toezeggingen",
)
def _plaats(c: Controle) -> list[str]:
    g = c.casus.gesprek
    if g is None or c.advies.eindoordeel == "no_go":
        return []
    per_code = {b.code: b for b in c.advies.bevindingen if b.ernst == "voorwaardelijk"}
    toegezegd, open_ = _sub(c, "akkoord"), _sub(c, "open")
    fout = []
    for code, besluit in g.voorwaarden.items():
        b = per_code.get(code)
        if b is None or b.geweigerd:
            continue
        naam = _naam(b)
        if besluit.besluit == "akkoord" and (naam not in toegezegd or naam in open_):
            fout.append(f"toegezegde {code} niet bij de afspraken")
        if besluit.besluit == "open" and (naam not in open_ or naam in toegezegd):
            fout.append(f"open {code} niet bij wat nog open is")
    kort = sectie(c.klant, "kort")
    if kort and any(" toezegt" in x for x in teksten_van(kort)):
        fout.append("'wat we besloten' vraagt na het gesprek opnieuw om toezeggingen")
    rond = _plat(laad_teksten()["bevestiging.oordeel.voorwaarden_rond"])
    if rond in _plat(c.klant_tekst) and (
        open_ or _sub(c, "geweigerd") or any(b.geweigerd for b in c.advies.bevindingen)
    ):
        fout.append("'alle voorwaarden toegezegd' terwijl er iets open of geweigerd is")
    return fout


@belofte(
    "bevestiging_no_go_plant_niets",
    "een bevestiging van een no go plant niets: geen afspraken, geen startdatum, geen voorstel",
)
def _no_go(c: Controle) -> list[str]:
    g = c.casus.gesprek
    if g is None or c.advies.eindoordeel != "no_go":
        return []
    fout = [
        f"sectie '{s.kop}' bij een no go"
        for s in c.klant.secties
        if s.anker in ("afgesproken", "voorstel", "vervolg")
    ]
    # only the coach's free note stays, the talk promised it would; nothing about a start
    praktisch = sectie(c.klant, "praktisch")
    notitie = _plat(g.afspraken.notitie or "")
    if praktisch and _plat(" ".join(teksten_van(praktisch)[1:])) != notitie:
        fout.append("praktische afspraken anders dan de vrije notitie bij een no go")
    tekst = _plat(c.klant_tekst)
    start = g.afspraken.startdatum
    if start and md_tekst(str(start), in_regel=True) in tekst:
        fout.append("de startdatum staat in de brief bij een no go")
    if "Afgesproken:" in tekst or "De groep start" in tekst:
        fout.append("een afspraak over de start bij een no go")
    return fout


@belofte(
    "bevestiging_oordeel_klopt",
    "de bevestiging noemt het oordeel dat het advies na het gesprek heeft, en toont de delen die "
    "daarbij horen",
)
def _oordeel(c: Controle) -> list[str]:
    if c.casus.gesprek is None:
        return []
    a = c.advies
    label = c.kb.verdicts[a.eindoordeel].label
    fout = []
    if c.klant.verdict != a.eindoordeel:
        fout.append(f"document met oordeel {c.klant.verdict}, advies {a.eindoordeel}")
    kort = sectie(c.klant, "kort")
    kort_tekst = _plat(" ".join(teksten_van(kort))) if kort else ""
    if label not in kort_tekst:
        fout.append(f"het oordeel '{label}' staat niet in 'wat we besloten'")
    anderen = [
        v.label
        for code, v in c.kb.verdicts.items()
        if code != a.eindoordeel and v.label not in label and v.label in kort_tekst
    ]
    if c.klant.voor == "klant" and anderen:
        fout.append(f"ook oordeel {anderen} in 'wat we besloten'")
    t = laad_teksten()
    starten = ("bevestiging.oordeel.go", "bevestiging.oordeel.voorwaarden_rond")
    if a.eindoordeel in ("no_go", "onvoldoende_informatie") and any(
        _plat(t[k]) in kort_tekst for k in starten
    ):
        fout.append(f"'de groep kan starten' bij {a.eindoordeel}")
    voorstel = sectie(c.klant, "voorstel")
    if a.eindoordeel in ("go", "go_onder_voorwaarden") and a.methoden and voorstel is None:
        fout.append(f"geen voorstel bij {a.eindoordeel}")
    return fout


@belofte(
    "afspraken_zoals_getypt",
    "wat de coach bij het gesprek typte (notities, startdatum, wie voorlicht), staat er letterlijk "
    "en als tekst, nooit als opmaak",
)
def _getypt(c: Controle) -> list[str]:
    g = c.casus.gesprek
    if g is None:
        return []
    tekst = _plat(c.klant_tekst)
    if c.advies.eindoordeel == "no_go":  # only the free note stays
        vrij = g.afspraken.notitie
        if vrij and md_tekst(_plat(vrij), in_regel=True) not in tekst:
            return [f"'{_plat(vrij)[:40]}' niet zoals getypt in de brief"]
        return []
    getoond = {b.code for b in c.advies.bevindingen if b.ernst == "voorwaardelijk"}
    a = g.afspraken
    getypt = [b.notitie for code, b in g.voorwaarden.items() if code in getoond and b.notitie]
    getypt += [x for x in (a.notitie, a.informeert_management, a.informeert_groep) if x]
    if isinstance(a.startdatum, str):
        getypt.append(a.startdatum)
    return [
        f"'{_plat(x)[:40]}' niet zoals getypt in de brief"
        for x in getypt
        if md_tekst(_plat(x), in_regel=True) not in tekst
    ]
