"""Promises about the advice and its proposal: no proposal under a no go, groups that follow their
own conditions, a chart that agrees with the verdict, confidentiality first, honest what-ifs, a
first method that fits the session, no condition counted twice, steps that fit the guidance form,
and no plan while too little is known."""

from __future__ import annotations

import re

from advies.report.coherence_core import (
    Controle,
    ankers,
    belofte,
    sectie,
    sleuteltabel,
    teksten_van,
    voorlopig,
)
from advies.report.content import laad_teksten, laad_vervolgstappen
from advies.report.document import Cel


@belofte(
    "no_go_zonder_voorstel",
    "een no go stelt geen intervisie voor, vraagt niets toe te zeggen en wijst de weg naar wat past",
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
    if ankers(c.klant) & {"voorstel", "vervolg", "voorwaarden"}:
        fout.append("voorstel, voorwaarden of stappen naar een groep in de brief bij een no go")
    if a.verdict == "no_go" and not all(alt.vervolg for alt in a.alternatief):
        fout.append("een alternatief zonder de weg ernaartoe")
    if a.verdict == "no_go" and not a.alternatief:
        fout.append("een no go zonder alternatief")
    t = laad_teksten()
    tekst = c.klant_tekst
    if "Zorg dat" in tekst:
        fout.append("'Zorg dat' (een opdracht voor intervisie) in de brief bij een no go")
    if f"## {t['analyse.aandacht_kop']}" in tekst or f"### {t['analyse.aandacht_kop']}" in tekst:
        fout.append("aandachtspunten voor de voorbereiding in de brief bij een no go")
    if "aandachtspunt" in tekst and c.klant.voor == "klant":
        fout.append("aandachtspunten genoemd in de brief bij een no go")
    if re.search(r"\bte regelen\b", tekst):
        fout.append("'te regelen' in de brief bij een no go")
    slot = sectie(c.klant, "slot")
    if slot and any("toezeg" in x for x in teksten_van(slot)):
        fout.append("het slot vraagt om toezeggingen bij een no go")
    return fout


@belofte("groepen_volgen_voorwaarden", "de voorgestelde groepen houden zich aan elke voorwaarde")
def _groepen(c: Controle) -> list[str]:
    a = c.advies
    s = a.samenstelling
    if not s.groepen:
        return []
    codes = {b.code for b in a.bevindingen}
    ant = c.casus.feiten()
    fout = [
        f"groep van {g} buiten {s.minimum}-{s.maximum}"
        for g in s.groepen
        if not s.minimum <= g <= s.maximum
    ]
    if s.groepsgrootte and sum(s.groepen) != s.groepsgrootte - s.niet_mee + s.aanvullen:
        fout.append(f"groepen {s.groepen} tellen niet op tot de deelnemers")
    een = len(s.groepen) == 1
    n = s.groepsgrootte or 0
    leiding = ant.get("leidinggevende_in_groep") is True or (
        een and ant.get("hierarchie_in_groep") is True
    )
    if leiding and not s.niet_mee and n > 1:
        fout.append("wie leiding geeft aan een ander telt mee in de groep")
    regels = {ad.regel for ad in s.adviezen}
    if (
        not een
        and ant.get("hierarchie_in_groep") is True
        and ("samenstelling_geen_hierarchie" not in regels)
    ):
        fout.append("groepen met gezagsverhoudingen zonder te zeggen hoe ze worden ingedeeld")
    if "BELANGEN" in codes and een and s.niet_mee < min(1 + leiding, n - 1):
        fout.append("van een tweetal met botsende belangen tellen er twee mee in één groep")
    v = voorlopig(a)
    if len(s.groepen) > 1 and "GROEP_TE_GROOT" not in codes and not v:
        fout.append("groepen gesplitst zonder voorwaarde die dat vraagt")
    if "GROEP_TE_GROOT" in codes and len(s.groepen) < 2:
        fout.append("te grote groep niet gesplitst")
    # recruiting: to reach the smallest group (also once those who do not join are left out), or
    # to split nine into two groups of five
    te_weinig = s.groepsgrootte is not None and s.groepsgrootte - s.niet_mee < s.minimum
    if s.aanvullen and not codes & {"GROEP_TE_KLEIN", "GROEP_TE_GROOT"} and not v and not te_weinig:
        fout.append("deelnemers werven zonder voorwaarde die dat vraagt")
    if "GROEP_TE_KLEIN" in codes and not s.aanvullen:
        fout.append("te kleine groep niet aangevuld")
    if "BELANGEN" in codes and len(s.groepen) == 1:
        teksten = {ad.regel: ad.tekst for ad in s.adviezen}
        if "één" not in teksten.get("samenstelling_belangen", ""):
            fout.append("botsende belangen in één groep zonder te zeggen wat dan")
    # a method chosen for its group size must fit the groups the proposal ends with
    rt_min = c.kb.drempels.get("reflecting_team_min", 0)
    if any(m.code == "reflecting_team" for m in a.methoden) and min(s.groepen) < rt_min:
        fout.append(f"reflecting team voor een groep van {min(s.groepen)}")
    return fout


_RANG = {"no_go": 0, "onvoldoende_informatie": 1, "go_onder_voorwaarden": 2, "go": 3}


@belofte(
    "grafiek_volgt_oordeel",
    "een go toont geen onvervulde sleutelvoorwaarde; een benadering heet nooit 'vervuld' of "
    "'niet vervuld'; een sleutelvoorwaarde waar een bevinding over vuurde, is nooit 'vervuld'",
)
def _grafiek(c: Controle) -> list[str]:
    a = c.advies
    fout = []
    per_code = {s.code: s for s in c.kb.sleutelvoorwaarden}
    # where the coach judged better than the rules, the letter says so; the chart keeps the facts
    overruled = _RANG[a.eindoordeel] > _RANG[a.verdict]
    gevuurd = {b.code for b in a.bevindingen}
    for s in a.sleutelvoorwaarden:
        if a.eindoordeel == "go" and s.status in ("niet_vervuld", "voorwaarde") and not overruled:
            fout.append(f"{s.code} '{s.status}' bij een go")
        if a.eindoordeel == "no_go" and s.status == "voorwaarde":
            fout.append(f"{s.code} 'voorwaarde' bij een no go")
        if a.eindoordeel == "go_onder_voorwaarden" and s.status == "niet_vervuld" and not overruled:
            fout.append(f"{s.code} 'niet vervuld' bij een go onder voorwaarden")
        definitie = per_code[s.code]
        if definitie.benadering and s.status == "niet_vervuld":
            fout.append(f"{s.code} door een benadering 'niet vervuld'")
        if s.status == "vervuld" and gevuurd & set(definitie.bevindingen):
            fout.append(
                f"{s.code} 'vervuld' terwijl {sorted(gevuurd & set(definitie.bevindingen))}"
            )
    tabel = sleuteltabel(c.klant)
    if tabel is not None:
        woord = laad_teksten()["analyse.status.vervuld"]
        per_naam = {s.naam: s for s in c.kb.sleutelvoorwaarden}
        for rij in tabel.rijen:
            definitie_ = per_naam.get(rij[0].tekst)
            if definitie_ and definitie_.benadering and _label(rij[1]) == woord:
                fout.append(f"{definitie_.code}: een benadering heet in de brief 'vervuld'")
    return fout


def _label(cel: Cel) -> str:
    return cel.tekst.split(":")[0].strip()


@belofte("vertrouwelijkheid_eerst", "onzekere vertrouwelijkheid geeft nooit een gewone go")
def _vertrouwelijk(c: Controle) -> list[str]:
    waarde = c.casus.feiten().get("vertrouwelijkheid")
    if c.advies.verdict == "go" and waarde != "gegarandeerd":
        return [f"go bij vertrouwelijkheid {waarde!r}"]
    return []


@belofte(
    "wat_als",
    "wat-als verandert alleen wat de opdrachtgever kan veranderen, herhaalt geen voorwaarde, "
    "geeft één uitkomst per wijziging en noemt geen interne feitnamen",
)
def _wat_als(c: Controle) -> list[str]:
    a = c.advies
    fout = []
    voorwaarden = {b.code for b in a.voorwaarden}
    geweigerd = {b.code for b in a.bevindingen if b.geweigerd}
    uitkomst: dict[frozenset[tuple[str, str]], str] = {}
    for w in a.wat_als or []:
        sleutels = set()
        for wijziging in w.wijzigingen:
            if wijziging.feit == "geweigerde_voorwaarden":
                sleutels.add(("aanvaard", str(wijziging.van)))
                continue
            sleutels.add((wijziging.feit, ""))
            veranderbaar = c.kb.feiten[wijziging.feit].get("veranderbaar", True)
            if veranderbaar is False or (
                isinstance(veranderbaar, list) and wijziging.van not in veranderbaar
            ):
                fout.append(f"wat-als verandert {wijziging.feit}")
            for code in geweigerd:
                if wijziging.feit in c.kb.regel(c.kb.bevinding(code).id).feiten:
                    fout.append(f"wat-als omzeilt de geweigerde voorwaarde {code}")
        sleutel = frozenset(sleutels)
        if uitkomst.setdefault(sleutel, w.verdict) != w.verdict:
            fout.append(f"twee uitkomsten voor dezelfde wijziging {sorted(sleutel)}")
        if "'" in w.zin:
            fout.append(f"feitnaam of waarde tussen aanhalingstekens: {w.zin}")
    # under a go with conditions every change that lifts one is that condition again
    if voorwaarden and a.wat_als and a.verdict == "go_onder_voorwaarden":
        fout.append("wat-als herhaalt de voorwaarden")
    # the letter's own section says the same as the advice
    watals = sectie(c.klant, "watals")
    if watals and not a.wat_als:
        fout.append("wat-als in de brief zonder wat-als in het advies")
    return fout


@belofte(
    "werkvorm_past",
    "de eerste werkvorm past in de bijeenkomst, of een voorwaarde vraagt minstens zo lange; het "
    "sessieplan telt op tot wat de werkvorm vraagt",
)
def _werkvorm(c: Controle) -> list[str]:
    a = c.advies
    if not a.methoden:
        return []
    eerste = a.methoden[0]
    fout = []
    if not eerste.stappen:
        fout.append(f"{eerste.code} zonder schema als eerste werkvorm")
    duur = c.casus.feiten().get("sessieduur")
    per_code = {b.code: b for b in a.bevindingen}
    kortste = eerste.kortste_sessie
    if (
        duur
        and kortste
        and duur < kortste
        and "SESSIE_TE_KORT" not in per_code
        and not voorlopig(a)
    ):
        fout.append(f"{eerste.code} ({kortste} min) in bijeenkomsten van {duur} min")
    if kortste and eerste.duur_minuten and kortste < eerste.duur_minuten:
        fout.append(
            f"{eerste.code}: bijeenkomst van {kortste} min voor een plan van {eerste.duur_minuten}"
        )
    getimed = [s for s in eerste.stappen if s.minuten is not None]
    if getimed and len(getimed) != len(eerste.stappen):
        fout.append(f"{eerste.code}: een stap zonder tijd in het sessieplan")
    if getimed and eerste.duur_minuten != sum(s.minuten or 0 for s in getimed):
        fout.append(f"{eerste.code}: het sessieplan telt niet op tot {eerste.duur_minuten}")
    te_kort = per_code.get("SESSIE_TE_KORT")
    if te_kort is not None and kortste:
        gevraagd = _minuten(te_kort.voorwaarde or "")
        if gevraagd is None:
            fout.append("SESSIE_TE_KORT noemt niet hoeveel minuten een bijeenkomst moet duren")
        elif gevraagd < kortste:
            fout.append(f"SESSIE_TE_KORT vraagt {gevraagd} min, {eerste.code} vraagt {kortste}")
    kort = per_code.get("SESSIE_KORT")
    basismodel = c.kb.kortste_sessie("basismodel") if "basismodel" in c.kb.methoden else None
    if kort is not None and basismodel:
        gevraagd = _minuten(kort.uitleg)
        if gevraagd is None or gevraagd < basismodel:
            fout.append(f"SESSIE_KORT vraagt {gevraagd} min voor het basismodel ({basismodel})")
    if c.casus.feiten().get("ervaring") == "geen" and len(a.methoden) > 2:
        fout.append(f"{len(a.methoden)} werkvormen voor een groep zonder ervaring")
    start = sectie(c.klant, "vervolg")
    if start:
        tekst = " ".join(teksten_van(start)).lower()
        if "werkvorm" in tekst and not any(
            n.lower() in tekst for n in (eerste.naam, getattr(eerste, "naam_in_zin", eerste.naam))
        ):
            fout.append("de startbijeenkomst oefent een andere werkvorm dan de eerste")
    return fout


def _minuten(tekst: str) -> int | None:
    gevonden = re.search(r"minstens (\d+) minuten", tekst)
    return int(gevonden.group(1)) if gevonden else None


# a finding that only follows from another is not a second condition, nor a second reason
_GEVOLGEN = (
    ("DWANG", "NIET_ZELF_AANGEMELD"),
    ("VERTROUWELIJKHEID", "VERTROUWELIJKHEID_ONZEKER"),
    ("SUPERVISIEVRAAG", "GROEP_TE_KLEIN"),
    ("GEEN_WERKPROBLEMEN", "KENNISDELING"),
)


@belofte(
    "geen_dubbele_voorwaarde",
    "een bevinding die uit een andere volgt, telt niet twee keer, en geen twee voorwaarden vragen "
    "hetzelfde",
)
def _dubbel(c: Controle) -> list[str]:
    a = c.advies
    codes = {b.code for b in a.bevindingen}
    fout = [f"{x} en {y} allebei in het advies" for x, y in _GEVOLGEN if {x, y} <= codes]
    voorwaarden = a.voorwaarden
    koppen = [b.toezegging or b.titel for b in voorwaarden]
    if len(set(koppen)) != len(koppen):
        fout.append("twee voorwaarden met dezelfde toezegging")
    voorlichting = [b.code for b in voorwaarden if "voorlicht" in (b.voorwaarde or "").lower()]
    if len(voorlichting) > 1:
        fout.append(f"voorlichting twee keer gevraagd: {voorlichting}")
    return fout


@belofte(
    "stappen_volgen_vorm",
    "de volgende stappen horen bij de voorgestelde begeleidingsvorm en bij wie het initiatief nam",
)
def _stappen(c: Controle) -> list[str]:
    s = sectie(c.klant, "vervolg")
    vorm = c.advies.begeleiding.vorm
    fout: list[str] = []
    tekst = c.klant_tekst
    if vorm is not None and s is not None:
        toegestaan = {
            x.titel
            for x in laad_vervolgstappen(c.kb).stappen
            if not x.vormen or vorm.code in x.vormen
        }
        fout += [f"stap '{x.kop}' bij {vorm.code}" for x in s.subsecties if x.kop not in toegestaan]
    if vorm is not None and vorm.code == "zelfsturend" and re.search(r"\b[Dd]e coach\b", tekst):
        fout.append("'de coach' in de brief aan een groep die zichzelf leidt")
    if vorm is not None and vorm.code == "intervisiebegeleider":
        if "in de startfase" in tekst:
            fout.append("'in de startfase' bij een begeleider voor het hele traject")
        if re.search(r"rouleren|rouleert|per bijeenkomst wisselt", tekst):
            fout.append("wisselende gespreksleiding bij een begeleider voor het hele traject")
    if c.casus.feiten().get("initiatief") in ("beroepsgroep", "opleiding") and (
        "zonder gevolgen" in tekst
    ):
        fout.append("'zonder gevolgen' bij verplichte intervisie van beroep of opleiding")
    return fout


@belofte(
    "onvoldoende_plant_niets",
    "zolang er te weinig bekend is, plant de brief geen start: geen akkoord, contract of logboek",
)
def _onvoldoende(c: Controle) -> list[str]:
    if c.advies.eindoordeel != "onvoldoende_informatie":
        return []
    tekst = c.klant_tekst
    fout = [
        f"'{w}' bij onvoldoende informatie"
        for w in ("Na uw akkoord", "intervisiecontract", "logboek")
        if w.lower() in tekst.lower()
    ]
    if "open" in ankers(c.klant):
        fout.append("twee lijsten met open vragen")
    return fout
