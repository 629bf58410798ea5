"""The proposal of the written advice: the group, the guidance with a plan in the client's own
numbers (how many of the planned sessions are guided, what fits in one session), and the methods
with their session plan."""

from __future__ import annotations

from typing import Any

from advies.engine.advice import Advies, Methode
from advies.knowledge.model import Kennisbank
from advies.report.content import Teksten
from advies.report.document import Alinea, Blok, Cel, Kader, Lijst, Punt, Sectie, Tabel, Voor
from advies.report.language import groepen_in_woorden, hoofdletter, in_woorden, opsomming


def voorstel_sectie(
    t: Teksten, advies: Advies, kb: Kennisbank, voor: Voor, antwoorden: dict[str, Any]
) -> Sectie | None:
    """The proposal follows the advice's verdict, the coach's where the coach gave one; a no go
    proposes nothing."""
    if advies.eindoordeel == "no_go":
        return None
    voorlopig = advies.eindoordeel == "onvoldoende_informatie"
    blokken: list[Blok] = []
    if voorlopig:
        blokken.append(
            Kader("let_op", t["voorstel.kader_voorlopig"], (Alinea(t["voorstel.voorlopig"]),))
        )
    if voor == "coach" and advies.eindoordeel != advies.verdict:
        blokken.append(Alinea(t["voorstel.anders_dan_analyse"], stijl="klein"))
    subs = [
        _groep(t, advies),
        _begeleiding(t, advies, kb),
        _plan(t, advies, kb, antwoorden),
        _werkvormen(t, advies),
    ]
    return Sectie(
        t["voorstel.kop_voorlopig" if voorlopig else "voorstel.kop"],
        tuple(blokken),
        tuple(s for s in subs if s is not None),
        anker="voorstel",
    )


def groep_zin(advies: Advies) -> str:
    """The proposed groups in words: 'één groep van zeven deelnemers'."""
    return groepen_in_woorden(advies.samenstelling.groepen)


def de_groep(t: Teksten, advies: Advies) -> str:
    """Who a sentence is about: 'de groep', or with more groups 'elke groep'."""
    meer = (advies.samenstelling.aantal_groepen or 1) > 1
    return t["voorstel.elke_groep" if meer else "voorstel.de_groep"]


def _groep(t: Teksten, advies: Advies) -> Sectie:
    s = advies.samenstelling
    if not s.groepsgrootte or not s.groepen:
        zinnen = [t["voorstel.geen_grootte"]]
    else:
        zinnen = [hoofdletter(t.vul("voorstel.groep", groep=groep_zin(advies)))]
    if s.groepsgrootte and s.niet_mee:
        genoemd = in_woorden(s.groepsgrootte)
        wie = s.niet_mee_wie or ["wie leiding geeft aan een ander uit de groep"]
        sleutel = "voorstel.niet_mee_een" if len(wie) == 1 else "voorstel.niet_mee_meer"
        zinnen.append(t.vul(sleutel, genoemd=genoemd, wie=opsomming(wie)))
    if s.groepsgrootte and s.aanvullen:
        zinnen.append(
            t["voorstel.aanvullen_een"]
            if s.aanvullen == 1
            else t.vul(
                "voorstel.aanvullen", aantal=in_woorden(s.aanvullen), deelnemers="deelnemers"
            )
        )
    if s.groepsgrootte and s.niet_mee:  # after "daarvoor komt er één bij", which it explains
        meer = len(s.groepen) > 1
        zinnen.append(
            t["voorstel.niet_mee_aanname_groepen" if meer else "voorstel.niet_mee_aanname"]
        )
    blokken: list[Blok] = [Alinea(" ".join(zinnen))]
    if s.groepen and min(s.groepen) == s.minimum:
        sleutel = "voorstel.minimum" if len(s.groepen) == 1 else "voorstel.minimum_groepen"
        blokken.append(Alinea(t.vul(sleutel, aantal=in_woorden(s.minimum))))
    if s.adviezen:
        blokken.append(Alinea(t["voorstel.samenstelling_inleiding"]))
        blokken.append(
            Lijst(
                tuple(Punt(" ".join(a.tekst.split()), bronnen=tuple(a.bronnen)) for a in s.adviezen)
            )
        )
    return Sectie(t["voorstel.groep_kop"], tuple(blokken))


def _minuten(van: int | None, tot: int | None) -> str:
    if van is None:
        return ""
    return f"{van}-{tot}" if tot else str(van)


def _minuten_zin(m: Methode) -> str:
    """A method's minutes inside a sentence: '55', '50 tot 75'."""
    if m.duur_minuten is None:
        return ""
    return (
        f"{m.duur_minuten} tot {m.duur_minuten_max}" if m.duur_minuten_max else str(m.duur_minuten)
    )


def _geschat(m: Methode) -> bool:
    return any(s.schatting for s in m.stappen)


def _duur(t: Teksten, m: Methode) -> str:
    duur = _minuten(m.duur_minuten, m.duur_minuten_max)
    return t.vul("voorstel.duur", minuten=duur) if duur else ""


def _werkvormen(t: Teksten, advies: Advies) -> Sectie:
    if not advies.methoden:
        return Sectie(t["voorstel.methode_kop"], (Alinea(t["voorstel.geen_methode"]),))
    start, *later = advies.methoden
    blokken: list[Blok] = [
        Alinea(
            " ".join(start.redenen[0].split()),
            vet=t.vul("voorstel.start_inleiding", naam=start.naam, duur=_duur(t, start)),
            bronnen=tuple(start.bronnen),
        )
    ]
    if start.stappen:
        rijen: list[tuple[Cel, ...]] = [
            (
                Cel(s.naam, vet=True),
                Cel(
                    t.vul("voorstel.schatting", minuten=s.minuten)
                    if s.schatting
                    else _minuten(s.minuten, s.minuten_max)
                ),
                Cel(" ".join(s.wat.split())),
            )
            for s in start.stappen
        ]
        if start.duur_minuten:
            totaal = _minuten(start.duur_minuten, start.duur_minuten_max)
            if _geschat(start):
                totaal = t.vul("voorstel.totaal_schatting", minuten=totaal)
            rijen.append((Cel(t["voorstel.totaal"], vet=True), Cel(totaal, vet=True), Cel("")))
        blokken += [
            Alinea(t["voorstel.sessieplan"]),
            Tabel(tuple(t["voorstel.sessieplan_kolommen"]), tuple(rijen), (24, 14, 62)),
        ]
        if start.afsluiting:
            blokken.append(
                Alinea(
                    " ".join(start.afsluiting.split()),
                    vet=t["voorstel.afsluiting"],
                    bronnen=tuple(start.afsluiting_bronnen),
                )
            )
    if later:
        blokken.append(Alinea(t["voorstel.later_inleiding"]))
        blokken.append(
            Lijst(
                tuple(
                    Punt(
                        " ".join(m.redenen[0].split()),
                        vet=f"{m.naam}{_haakjes_duur(t, m)}.",
                        bronnen=tuple(m.bronnen),
                    )
                    for m in later
                )
            )
        )
    return Sectie(t["voorstel.methode_kop"], tuple(blokken))


def _haakjes_duur(t: Teksten, m: Methode) -> str:
    duur = _minuten(m.duur_minuten, m.duur_minuten_max)
    return t.vul("voorstel.later_duur", minuten=duur) if duur else ""


def _begeleiding(t: Teksten, advies: Advies, kb: Kennisbank) -> Sectie:
    b = advies.begeleiding
    punten: list[Punt] = []
    if b.vorm:
        vorm = kb.vormen[b.vorm.code]
        naam = f"{vorm.naam.lower()} ({vorm.kort})" if vorm.kort else vorm.naam.lower()
        punten.append(
            Punt(
                " ".join(b.vorm.reden.split()),
                vet=t.vul("voorstel.vorm", naam=naam),
                bronnen=tuple(b.vorm.bronnen),
            )
        )
    if b.stijl:
        sleutel = (
            "voorstel.stijl_zelfsturend"
            if b.vorm and b.vorm.code == "zelfsturend"
            else "voorstel.stijl"
        )
        punten.append(
            Punt(
                " ".join(b.stijl.reden.split()),
                vet=t.vul(sleutel, naam=b.stijl.naam.lower()),
                bronnen=tuple(b.stijl.bronnen),
            )
        )
    return Sectie(t["voorstel.begeleiding_kop"], (Lijst(tuple(punten)),) if punten else ())


def _plan(t: Teksten, advies: Advies, kb: Kennisbank, antwoorden: dict[str, Any]) -> Sectie | None:
    """The plan with the client's own numbers: how many of the planned sessions I guide, what
    fits in one session, and what it asks of the participants."""
    b = advies.begeleiding
    if b.vorm is None:
        return None
    gepland = antwoorden.get("bijeenkomsten")
    duur = antwoorden.get("sessieduur")
    begeleid = b.aantal_begeleid
    zinnen: list[str] = []
    vorm = b.vorm.code
    if vorm == "intervisiecoach" and begeleid is not None:
        if gepland and begeleid >= gepland:
            zinnen.append(t.vul("voorstel.plan.coach_alle", bijeenkomsten=in_woorden(gepland)))
        elif gepland:
            zinnen.append(
                t.vul(
                    "voorstel.plan.coach",
                    bijeenkomsten=in_woorden(gepland),
                    begeleid=in_woorden(begeleid),
                    rest=in_woorden(gepland - begeleid),
                    de_groep=de_groep(t, advies),
                )
            )
        else:
            zinnen.append(t.vul("voorstel.plan.coach_onbekend", begeleid=in_woorden(begeleid)))
        if b.aantal_reden:
            zinnen.append(" ".join(b.aantal_reden.split()))
        if (advies.samenstelling.aantal_groepen or 1) > 1:
            zinnen.append(t["voorstel.plan.groepen"])
    elif vorm == "intervisiebegeleider":
        zinnen.append(
            t.vul("voorstel.plan.begeleider", bijeenkomsten=in_woorden(gepland))
            if gepland
            else t["voorstel.plan.begeleider_onbekend"]
        )
    elif vorm == "zelfsturend":
        zinnen.append(
            t.vul(
                "voorstel.plan.zelfsturend" if gepland else "voorstel.plan.zelfsturend_onbekend",
                bijeenkomsten=in_woorden(gepland or 0),
                De_groep=hoofdletter(de_groep(t, advies)),
            )
        )
    zinnen += _per_bijeenkomst(t, advies, kb, duur)
    if gepland and duur:
        # with sessions too short, what the condition asks for, not what was planned
        eerste = advies.methoden[0] if advies.methoden else None
        if eerste and eerste.kortste_sessie and duur < eerste.kortste_sessie:
            minimum = kb.drempels.get("sessieduur_min", 0)
            duur_tekst = t.vul(
                "voorstel.plan.minstens", minuten=max(eerste.kortste_sessie, minimum)
            )
        else:
            duur_tekst = str(duur)
        zinnen.append(
            t.vul("voorstel.plan.tijd", bijeenkomsten=in_woorden(gepland), sessieduur=duur_tekst)
        )
    return Sectie(t["voorstel.plan_kop"], (Alinea(" ".join(zinnen)),))


def _per_bijeenkomst(t: Teksten, advies: Advies, kb: Kennisbank, duur: int | None) -> list[str]:
    """What fits in one session with the first method, and later with a shorter one."""
    if not advies.methoden or not duur:
        return []
    eerste = advies.methoden[0]
    if not eerste.duur_minuten or not eerste.kortste_sessie:
        return []
    minuten = _minuten_zin(eerste)
    if duur < eerste.kortste_sessie:
        nodig = max(eerste.kortste_sessie, kb.drempels.get("sessieduur_min", 0))
        return [
            t.vul("voorstel.plan.te_kort", nodig=nodig, methode=eerste.naam_in_zin, minuten=minuten)
        ]
    aantal = max(1, duur // eerste.duur_minuten)
    zinnen = [
        t.vul(
            "voorstel.plan.bespreking_een" if aantal == 1 else "voorstel.plan.bespreking_meer",
            sessieduur=duur,
            aantal=in_woorden(aantal),
            methode=eerste.naam_in_zin,
            minuten=minuten,
        )
    ]
    for m in advies.methoden[1:]:
        if m.duur_minuten and duur // m.duur_minuten > aantal:
            zinnen.append(
                t.vul(
                    "voorstel.plan.later_meer",
                    methode=m.naam_in_zin,
                    aantal=in_woorden(duur // m.duur_minuten),
                )
            )
            break
    return zinnen
