"""What the written advice says, section by section: built from the case, the advice and the
knowledge base into the document model. All wording comes from teksten.yaml and rules/."""

from __future__ import annotations

import dataclasses
from datetime import date

from advies.case.model import Casus
from advies.engine.advice import Advies, Bevinding
from advies.knowledge.model import Kennisbank
from advies.report.content import Teksten, laad_teksten, laad_vervolgstappen
from advies.report.document import (
    Alinea,
    Balk,
    Blok,
    Cel,
    Document,
    Gegeven,
    Grafiek,
    Kader,
    Lijst,
    Punt,
    Sectie,
    Tabel,
    Voor,
)
from advies.report.language import opsomming
from advies.report.proposal import voorstel_sectie
from advies.report.reasoning import coach_bijlage


def bouw_document(
    casus: Casus, advies: Advies, kb: Kennisbank, *, voor: Voor = "klant", datum: date | None = None
) -> Document:
    """Build the advice document. `datum` is used when the case has no `meta.datum`."""
    t = laad_teksten()
    dag = datum_tekst(casus.meta.datum, datum or date.today(), t)
    meta = casus.meta
    secties: list[Sectie | None] = [
        _vraag(t, meta.hulpvraag),
        _kort(t, advies, kb),
        _eerst(t, advies),
        _analyse(t, advies, kb),
        _voorwaarden(t, advies),
        _niet(t, advies),
        _wat_als(t, advies),
        voorstel_sectie(t, advies),
        _vervolg(t, advies, kb),
        _open(t, advies),
        _slot(t, meta.coach),
        coach_bijlage(t, advies) if voor == "coach" else None,
    ]
    inhoud = tuple(s for s in secties if s is not None)
    leeg = Document(
        titel=t["titel"],
        ondertitel=meta.naam or meta.organisatie or "",
        versie_label=t[f"gegevens.versie_{voor}"],
        gegevens=(
            Gegeven(t["gegevens.opdrachtgever"], meta.opdrachtgever or t["onbekend"]),
            Gegeven(t["gegevens.organisatie"], meta.organisatie or t["onbekend"]),
            Gegeven(t["gegevens.coach"], meta.coach or t["onbekend"]),
            Gegeven(t["gegevens.datum"], dag),
        ),
        secties=inhoud,
        voetregel=t.vul(
            "voetregel", kennisbank=advies.kennisbank_versie, advies=advies.advies_versie, datum=dag
        ),
        voor=voor,
        verdict=advies.verdict,
        verdict_label=advies.verdict_label,
        datum=dag,
    )
    # the references list every source cited anywhere above it, and only those
    sleutels = sorted({b.sleutel for b in leeg.bronnen()})
    bronnen = Sectie(
        t["bronnen.kop"],
        (
            Alinea(t["bronnen.inleiding"]),
            Lijst(
                tuple(Punt(" ".join(kb.bronnen[k].volledig.split()), vet=f"{k}:") for k in sleutels)
            ),
        ),
        anker="bronnen",
    )
    return dataclasses.replace(leeg, secties=(*inhoud, bronnen))


def datum_tekst(waarde: date | str | None, standaard: date, t: Teksten) -> str:
    """A date in Dutch words (24 november 2026); a free-text date in the case is kept as written."""
    if isinstance(waarde, str):
        tekst = waarde.strip()
        try:
            waarde = date.fromisoformat(tekst)
        except ValueError:
            return tekst
    dag = waarde or standaard
    return f"{dag.day} {t['maanden'][dag.month - 1]} {dag.year}"


def zinsdeel(titel: str) -> str:
    """A finding's title inside a sentence: lower-case initial, unless it is an abbreviation."""
    if len(titel) > 1 and titel[1].islower():
        return titel[0].lower() + titel[1:]
    return titel


def _beperkt(t: Teksten, delen: list[str], maximum: int = 3) -> str:
    if len(delen) <= maximum + 1:
        return opsomming(delen)
    return opsomming(
        [*delen[:maximum], t.vul("kort.regels.nog_meer", aantal=t.getal(len(delen) - maximum))]
    )


def _vraag(t: Teksten, hulpvraag: str | None) -> Sectie:
    if not hulpvraag:
        return Sectie(t["vraag.kop"], (Alinea(t["vraag.ontbreekt"]),), anker="vraag")
    return Sectie(
        t["vraag.kop"],
        (Alinea(t["vraag.inleiding"]), Alinea(" ".join(hulpvraag.split()), stijl="citaat")),
        anker="vraag",
    )


def _kort(t: Teksten, advies: Advies, kb: Kennisbank) -> Sectie:
    blokken: list[Blok] = []
    oc = advies.oordeel_coach
    kop = f"{t['kort.analyse']}: {advies.verdict_label}" if oc else advies.verdict_label
    oordeel = Alinea(t[f"kort.oordeel.{advies.verdict}"], bronnen=tuple(advies.trace[-1].bronnen))
    blokken.append(Kader("oordeel", kop, (oordeel,)))
    if oc:
        toelichting = t["kort.zelfde"] if oc.verdict == advies.verdict else t["kort.anders"]
        blokken.append(
            Kader(
                "coach",
                f"{t['kort.coach']}: {kb.verdicts[oc.verdict].label}",
                (Alinea(" ".join(oc.reden.split())), Alinea(toelichting, stijl="klein")),
            )
        )
    blokken.append(Alinea("", vet=t["kort.waarom"]))
    blokken.append(Lijst(tuple(Punt(r) for r in _waarom(t, advies, kb))))
    return Sectie(t["kort.kop"], tuple(blokken), anker="kort")


def _waarom(t: Teksten, advies: Advies, kb: Kennisbank) -> list[str]:
    """The verdict's reasons in three or four plain lines."""
    voor = [zinsdeel(b.titel) for b in advies.van_soort("indicatie")]
    regels: list[str] = []
    if advies.verdict == "no_go":
        blok = [zinsdeel(b.titel) for b in advies.blokkades]
        regels.append(t.vul("kort.regels.blokkerend", lijst=_beperkt(t, blok)))
        if advies.alternatief:
            regels.append(
                t.vul(
                    "kort.regels.alternatief",
                    lijst=opsomming([a.naam.lower() for a in advies.alternatief]),
                )
            )
    elif advies.verdict == "onvoldoende_informatie":
        open_ = [v for v in advies.open_vragen if v.beslissend]
        regels.append(
            t.vul(
                "kort.regels.open", lijst=_beperkt(t, [_feit_label(kb, v.feit) for v in open_], 4)
            )
        )
    if advies.verdict != "no_go":
        regels.append(
            t.vul("kort.regels.voor", lijst=_beperkt(t, voor))
            if voor
            else t["kort.regels.geen_voor"]
        )
        if advies.voorwaarden:
            regels.append(
                t.vul(
                    "kort.regels.voorwaarden",
                    lijst=_beperkt(t, [zinsdeel(b.titel) for b in advies.voorwaarden]),
                )
            )
        elif advies.verdict == "go":
            regels.append(t["kort.regels.geen_bezwaar"])
    if advies.verdict in ("go", "go_onder_voorwaarden"):
        regels += _voorstel_regel(t, advies)
    aandacht = len(advies.van_soort("aandachtspunt"))
    if aandacht and len(regels) < 4:
        regels.append(
            t["kort.regels.aandacht_een"]
            if aandacht == 1
            else t.vul("kort.regels.aandacht", aantal=t.getal(aandacht))
        )
    return regels


def _voorstel_regel(t: Teksten, advies: Advies) -> list[str]:
    """The proposal in one line, when group, guidance and first method are all known."""
    s, vorm = advies.samenstelling, advies.begeleiding.vorm
    if not (s.groepsgrootte and vorm and advies.methoden):
        return []
    if (s.aantal_groepen or 1) > 1:
        verdeling = opsomming([str(g) for g in s.groepen])
        groep = t.vul("kort.regels.groepen", aantal=s.aantal_groepen, verdeling=verdeling)
    else:
        groep = t.vul("kort.regels.een_groep", aantal=t.getal(s.groepsgrootte))
    methode = advies.methoden[0].naam
    return [t.vul("kort.regels.voorstel", groep=groep, vorm=vorm.naam.lower(), methode=methode)]


def _feit_label(kb: Kennisbank, feit: str) -> str:
    """A fact's label inside a sentence ('gedeelde conflicten'), from rules/feiten.yaml."""
    return str(kb.feiten.get(feit, {}).get("label", feit.replace("_", " "))).lower()


def _eerst(t: Teksten, advies: Advies) -> Sectie | None:
    vragen = [v for v in advies.open_vragen if v.beslissend]
    if advies.verdict != "onvoldoende_informatie" or not vragen:
        return None
    punten = tuple(Punt(v.waarom, vet=v.vraag) for v in vragen)
    return Sectie(
        t["eerst.kop"], (Alinea(t["eerst.inleiding"]), Lijst(punten, genummerd=True)), anker="eerst"
    )


def _bevinding_punt(t: Teksten, b: Bevinding) -> Punt:
    ernst = "geweigerd" if b.geweigerd else b.ernst
    extra = f" ({t[f'analyse.ernst.{ernst}']})" if ernst and b.soort == "contra_indicatie" else ""
    return Punt(" ".join(b.uitleg.split()), vet=f"{b.titel}{extra}.", bronnen=tuple(b.bronnen))


def _analyse(t: Teksten, advies: Advies, kb: Kennisbank) -> Sectie:
    status = {s: t[f"analyse.status.{s}"] for s in ("vervuld", "niet_vervuld", "onbekend")}
    sv = advies.sleutelvoorwaarden
    telling = {s: sum(1 for x in sv if x.status == s) for s in status}
    grafiek = Grafiek(
        t["analyse.grafiek_titel"],
        t.vul(
            "analyse.grafiek_samenvatting",
            vervuld=telling["vervuld"],
            totaal=len(sv),
            niet=telling["niet_vervuld"],
            onbekend=telling["onbekend"],
        ),
        tuple(Balk(x.naam, x.status, status[x.status]) for x in sv),
    )
    rijen = []
    for x in sv:
        uitleg = _eerste_zin(x.uitleg)
        if x.status == "onbekend" and x.ontbrekende_feiten:
            uitleg += " " + t.vul(
                "analyse.ontbreekt",
                lijst=opsomming([_feit_label(kb, f) for f in x.ontbrekende_feiten]),
            )
        if x.status != "vervuld":
            uitleg += " " + " ".join(x.te_regelen.split())
        rijen.append(
            (
                Cel(x.naam, vet=True),
                Cel(status[x.status], status=x.status),
                Cel(uitleg, tuple(x.bronnen)),
            )
        )
    sleutel = Sectie(
        t["analyse.sleutel_kop"],
        (
            Alinea(t["analyse.sleutel_inleiding"]),
            grafiek,
            Tabel(tuple(t["analyse.kolommen"]), tuple(rijen), (26, 14, 60)),
        ),
    )
    contra = advies.van_soort("contra_indicatie")
    if advies.verdict == "no_go":  # the blocking ones are the heart of "Waarom nu geen intervisie"
        contra = [b for b in contra if b not in advies.blokkades]
    subs = [sleutel, _bevindingen(t, "contra", contra, leeg=t["analyse.contra_geen"])]
    if advies.van_soort("aandachtspunt"):
        subs.append(_bevindingen(t, "aandacht", advies.van_soort("aandachtspunt")))
    subs.append(
        _bevindingen(
            t, "indicatie", advies.van_soort("indicatie"), leeg=t["analyse.indicatie_geen"]
        )
    )
    return Sectie(t["analyse.kop"], (), tuple(s for s in subs if s), anker="analyse")


def _bevindingen(t: Teksten, soort: str, items: list[Bevinding], leeg: str | None = None) -> Sectie:
    if not items:
        return Sectie(t[f"analyse.{soort}_kop"], (Alinea(leeg or ""),))
    return Sectie(
        t[f"analyse.{soort}_kop"],
        (
            Alinea(t[f"analyse.{soort}_inleiding"]),
            Lijst(tuple(_bevinding_punt(t, b) for b in items)),
        ),
    )


def _eerste_zin(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    einde = tekst.find(". ")
    return tekst if einde < 0 else tekst[: einde + 1]


def _voorwaarden(t: Teksten, advies: Advies) -> Sectie | None:
    if advies.verdict == "no_go" or not advies.voorwaarden:
        return None
    punten = tuple(
        Punt(" ".join((b.voorwaarde or "").split()), vet=f"{b.titel}.", bronnen=tuple(b.bronnen))
        for b in advies.voorwaarden
    )
    return Sectie(
        t["voorwaarden.kop"],
        (
            Alinea(t["voorwaarden.inleiding"]),
            Lijst(punten, genummerd=True),
            Alinea(t["voorwaarden.afsluiting"]),
        ),
        anker="voorwaarden",
    )


def _niet(t: Teksten, advies: Advies) -> Sectie | None:
    if advies.verdict != "no_go":
        return None
    items = advies.blokkades
    punten = tuple(_bevinding_punt(t, b) for b in items)
    alt = Sectie(
        t["niet.alternatief_kop"],
        (
            Alinea(t["niet.alternatief_inleiding"]),
            Lijst(
                tuple(
                    Punt(" ".join(a.uitleg.split()), vet=f"{a.naam}.", bronnen=tuple(a.bronnen))
                    for a in advies.alternatief
                )
            ),
        ),
    )
    return Sectie(
        t["niet.kop"],
        (Alinea(t["niet.inleiding"]), Lijst(punten)),
        (alt,) if advies.alternatief else (),
        anker="niet",
    )


def _wat_als(t: Teksten, advies: Advies) -> Sectie | None:
    if not advies.wat_als:
        return None
    punten = tuple(Punt(w.zin) for w in advies.wat_als)
    return Sectie(t["watals.kop"], (Alinea(t["watals.inleiding"]), Lijst(punten)), anker="watals")


def _vervolg(t: Teksten, advies: Advies, kb: Kennisbank) -> Sectie | None:
    if advies.verdict == "no_go":
        return None
    codes = {b.code for b in advies.bevindingen}
    subs = []
    for stap in laad_vervolgstappen(kb):
        blokken: list[Blok] = [
            Alinea(t.vul("vervolg.voor", voor=stap.voor), stijl="klein"),
            Alinea(" ".join(stap.wat.split()), bronnen=stap.bronnen),
        ]
        if stap.nadruk and codes & set(stap.nadruk_bij):
            blokken.append(Alinea(stap.nadruk, vet=t["vervolg.let_op"]))
        for o in stap.onderdelen:
            blokken.append(Alinea("", vet=o.kop))
            blokken.append(
                Lijst(tuple(Punt(" ".join(p.tekst.split()), bronnen=p.bronnen) for p in o.punten))
            )
        subs.append(Sectie(stap.titel, tuple(blokken)))
    return Sectie(t["vervolg.kop"], (Alinea(t["vervolg.inleiding"]),), tuple(subs), anker="vervolg")


def _slot(t: Teksten, coach: str | None) -> Sectie:
    naam = t.vul("slot.ondertekening", coach=coach) if coach else t["slot.zonder_naam"]
    return Sectie(
        t["slot.kop"],
        (Alinea(t["slot.tekst"]), Alinea(t["slot.groet"]), Alinea(naam)),
        anker="slot",
    )


def _open(t: Teksten, advies: Advies) -> Sectie | None:
    al_gevraagd = advies.verdict == "onvoldoende_informatie"
    vragen = [v for v in advies.open_vragen if not (al_gevraagd and v.beslissend)]
    if not vragen:
        return None
    return Sectie(
        t["open.kop"],
        (Alinea(t["open.inleiding"]), Lijst(tuple(Punt(v.waarom, vet=v.vraag) for v in vragen))),
        anker="open",
    )
