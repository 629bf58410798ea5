"""The proposal of the written advice: group, methods with their session plan, guidance."""

from __future__ import annotations

from advies.engine.advice import Advies, Methode
from advies.report.content import Teksten
from advies.report.document import Alinea, Blok, Cel, Kader, Lijst, Punt, Sectie, Tabel, Voor
from advies.report.language import opsomming


def voorstel_sectie(t: Teksten, advies: Advies, voor: Voor) -> Sectie | None:
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
    return Sectie(
        t["voorstel.kop_voorlopig" if voorlopig else "voorstel.kop"],
        tuple(blokken),
        (_groep(t, advies), _werkvormen(t, advies), _begeleiding(t, advies)),
        anker="voorstel",
    )


def _groep(t: Teksten, advies: Advies) -> Sectie:
    s = advies.samenstelling
    if not s.groepsgrootte:
        zin = t.vul("voorstel.geen_grootte", min=s.minimum, max=s.maximum)
    elif (s.aantal_groepen or 1) > 1:
        zin = t.vul(
            "voorstel.groepen",
            aantal=s.aantal_groepen,
            verdeling=opsomming([str(g) for g in s.groepen]),
            totaal=sum(s.groepen),
            min=s.minimum,
            max=s.maximum,
        )
    else:
        zin = t.vul("voorstel.een_groep", aantal=sum(s.groepen), min=s.minimum, max=s.maximum)
    if s.groepsgrootte and s.niet_mee:
        zin += " " + t.vul("voorstel.niet_mee", genoemd=s.groepsgrootte)
    if s.groepsgrootte and s.aanvullen:
        zin += " " + t.vul(
            "voorstel.aanvullen",
            aantal=t.getal(s.aanvullen),
            deelnemers="deelnemer" if s.aanvullen == 1 else "deelnemers",
        )
    blokken: list[Blok] = [Alinea(zin)]
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
                Cel(_minuten(s.minuten, s.minuten_max)),
                Cel(" ".join(s.wat.split())),
            )
            for s in start.stappen
        ]
        if start.duur_minuten:
            rijen.append(
                (
                    Cel(t["voorstel.totaal"], vet=True),
                    Cel(_minuten(start.duur_minuten, start.duur_minuten_max), vet=True),
                    Cel(""),
                )
            )
        blokken += [
            Alinea(t["voorstel.sessieplan"]),
            Tabel(tuple(t["voorstel.sessieplan_kolommen"]), tuple(rijen), (24, 12, 64)),
        ]
        if start.afsluiting:
            blokken.append(Alinea(" ".join(start.afsluiting.split()), vet=t["voorstel.afsluiting"]))
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


def _begeleiding(t: Teksten, advies: Advies) -> Sectie:
    b = advies.begeleiding
    punten: list[Punt] = []
    if b.vorm:
        punten.append(
            Punt(
                " ".join(b.vorm.reden.split()),
                vet=t.vul("voorstel.vorm", naam=b.vorm.naam),
                bronnen=tuple(b.vorm.bronnen),
            )
        )
    if b.begeleide_bijeenkomsten:
        punten.append(
            Punt("", vet=t.vul("voorstel.bijeenkomsten", aantal=b.begeleide_bijeenkomsten))
        )
    if b.stijl:
        punten.append(
            Punt(
                " ".join(b.stijl.reden.split()),
                vet=t.vul("voorstel.stijl", naam=b.stijl.naam),
                bronnen=tuple(b.stijl.bronnen),
            )
        )
    return Sectie(t["voorstel.begeleiding_kop"], (Lijst(tuple(punten)),) if punten else ())
