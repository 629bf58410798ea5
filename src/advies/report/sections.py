"""What the written advice says, section by section: built from the case, the advice and the
knowledge base into the document model. All wording comes from teksten.yaml and rules/."""

from __future__ import annotations

import dataclasses
from datetime import date

from advies.case.model import Casus
from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank
from advies.report.analysis import analyse_sectie, bevinding_punt, feit_label, zichtbaar
from advies.report.confirmation import (
    afgesproken_sectie,
    contract_aanvulling,
    notities_sectie,
    oordeel_na_gesprek,
    praktisch_sectie,
)
from advies.report.content import Teksten, laad_teksten
from advies.report.document import (
    Alinea,
    Blok,
    Document,
    Gegeven,
    Kader,
    Lijst,
    Punt,
    Sectie,
    Voor,
)
from advies.report.language import opsomming
from advies.report.next_steps import vervolg_sectie
from advies.report.proposal import voorstel_sectie
from advies.report.reasoning import coach_bijlage


def bouw_document(
    casus: Casus, advies: Advies, kb: Kennisbank, *, voor: Voor = "klant", datum: date | None = None
) -> Document:
    """Build the advice document. `datum` is used when the case has no `meta.datum`."""
    t = laad_teksten()
    meta = casus.meta
    gesprek = casus.gesprek
    dag = datum_tekst(
        gesprek.datum if gesprek and gesprek.datum else meta.datum, datum or date.today(), t
    )
    if gesprek is None:
        secties: list[Sectie | None] = [
            _vraag(t, meta.hulpvraag),
            _kort(t, advies, kb, voor),
            _eerst(t, advies),
            analyse_sectie(t, advies, kb, voor),
            _voorwaarden(t, advies),
            _niet(t, advies),
            _wat_als(t, advies, voor),
            voorstel_sectie(t, advies, voor),
            vervolg_sectie(t, advies, kb, casus.feiten()),
            _open(t, advies),
            notities_sectie(t, casus, voor),
            _slot(t, casus, "slot"),
        ]
    else:  # after the talk: confirm what was agreed, and the plan that follows from it
        secties = [
            _vraag(t, meta.hulpvraag),
            _kort(t, advies, kb, voor, oordeel_na_gesprek(t, advies, gesprek)),
            afgesproken_sectie(t, casus, advies),
            _niet(t, advies),
            praktisch_sectie(t, casus, advies),
            voorstel_sectie(t, advies, voor),
            vervolg_sectie(
                t, advies, kb, casus.feiten(), contract_aanvulling(t, casus), na_gesprek=True
            ),
            analyse_sectie(t, advies, kb, voor) if voor == "coach" else None,
            _open(t, advies),
            notities_sectie(t, casus, voor),
            _slot(t, casus, "bevestiging.slot"),
        ]
    secties.append(coach_bijlage(t, advies) if voor == "coach" else None)
    inhoud = tuple(s for s in secties if s is not None)
    soort = "bevestiging." if gesprek is not None else ""
    leeg = Document(
        titel=t[f"{soort}titel"],
        ondertitel=meta.naam or meta.organisatie or "",
        versie_label=t[f"{soort}gegevens.versie_{voor}"],
        # a line each; at the terminal the lines are typed on one line, split by a slash
        aan=tuple(
            r.strip()
            for r in (meta.geadresseerde or "").replace(" / ", "\n").splitlines()
            if r.strip()
        ),
        aanhef=meta.aanhef or "",
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
        verdict=advies.eindoordeel,
        verdict_label=kb.verdicts[advies.eindoordeel].label,
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


def _kort(
    t: Teksten, advies: Advies, kb: Kennisbank, voor: Voor, na_gesprek: str | None = None
) -> Sectie:
    """The verdict box. The client's letter is the coach's advice: where the coach judged
    otherwise, it carries the coach's verdict and reasons; the rules' outcome and the difference
    are for the coach's version only."""
    blokken: list[Blok] = []
    oc = advies.oordeel_coach
    label = kb.verdicts[advies.eindoordeel].label
    if oc and voor == "klant":
        blokken.append(
            Kader(
                "oordeel",
                label,
                (
                    Alinea(
                        t[
                            f"kort.{'oordeel' if oc.verdict == advies.verdict else 'coach_oordeel'}.{oc.verdict}"
                        ]
                    ),
                    Alinea(" ".join(oc.reden.split())),
                ),
            )
        )
    else:
        kop = f"{t['kort.analyse']}: {advies.verdict_label}" if oc else advies.verdict_label
        oordeel = Alinea(
            na_gesprek or t[f"kort.oordeel.{advies.verdict}"],
            bronnen=tuple(advies.trace[-1].bronnen),
        )
        blokken.append(Kader("oordeel", kop, (oordeel,)))
    if oc and voor == "coach":
        toelichting = t["kort.zelfde"] if oc.verdict == advies.verdict else t["kort.anders"]
        blokken.append(
            Kader(
                "coach",
                f"{t['kort.coach']}: {label}",
                (Alinea(" ".join(oc.reden.split())), Alinea(toelichting, stijl="klein")),
            )
        )
    # after the talk the sections below say what was decided; the advice's reasons were in it
    regels = [] if na_gesprek else _waarom(t, advies, kb, publiek=voor)
    if regels:
        blokken.append(Alinea("", vet=t["kort.waarom"]))
        blokken.append(Lijst(tuple(Punt(r) for r in regels)))
    kop = t["bevestiging.kort_kop"] if na_gesprek else t["kort.kop"]
    return Sectie(kop, tuple(blokken), anker="kort")


def _waarom(t: Teksten, advies: Advies, kb: Kennisbank, *, publiek: Voor) -> list[str]:
    """The verdict's reasons in three or four plain lines."""
    voor = [zinsdeel(b.titel) for b in advies.van_soort("indicatie")]
    regels: list[str] = []
    if advies.eindoordeel != advies.verdict:  # the coach's own reasons carry the verdict
        if advies.eindoordeel != "no_go":
            regels += _voorwaarden_regel(t, advies) + _voorstel_regel(t, advies)
        return regels
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
            t.vul("kort.regels.open", lijst=_beperkt(t, [feit_label(kb, v.feit) for v in open_], 4))
        )
    if advies.verdict != "no_go":
        regels.append(
            t.vul("kort.regels.voor", lijst=_beperkt(t, voor))
            if voor
            else t["kort.regels.geen_voor"]
        )
        if advies.voorwaarden:
            regels += _voorwaarden_regel(t, advies)
        elif advies.verdict == "go":
            regels.append(t["kort.regels.geen_bezwaar"])
    if advies.verdict in ("go", "go_onder_voorwaarden"):
        regels += _voorstel_regel(t, advies)
    aandacht = sum(1 for b in zichtbaar(advies, publiek) if b.soort == "aandachtspunt")
    if aandacht and len(regels) < 4:
        regels.append(
            t["kort.regels.aandacht_een"]
            if aandacht == 1
            else t.vul("kort.regels.aandacht", aantal=t.getal(aandacht))
        )
    return regels


def _voorwaarden_regel(t: Teksten, advies: Advies) -> list[str]:
    if not advies.voorwaarden:
        return []
    toezeggingen = [zinsdeel(b.toezegging or b.titel) for b in advies.voorwaarden]
    return [t.vul("kort.regels.voorwaarden", lijst=_beperkt(t, toezeggingen))]


def _voorstel_regel(t: Teksten, advies: Advies) -> list[str]:
    """The proposal in one line, when group, guidance and first method are all known."""
    s, vorm = advies.samenstelling, advies.begeleiding.vorm
    if not (s.groepsgrootte and vorm and advies.methoden):
        return []
    if (s.aantal_groepen or 1) > 1:
        verdeling = opsomming([str(g) for g in s.groepen])
        groep = t.vul("kort.regels.groepen", aantal=s.aantal_groepen, verdeling=verdeling)
    else:
        groep = t.vul("kort.regels.een_groep", aantal=t.getal(sum(s.groepen)))
    methode = advies.methoden[0].naam
    return [t.vul("kort.regels.voorstel", groep=groep, vorm=vorm.naam.lower(), methode=methode)]


def _eerst(t: Teksten, advies: Advies) -> Sectie | None:
    vragen = [v for v in advies.open_vragen if v.beslissend]
    if advies.eindoordeel != "onvoldoende_informatie" or not vragen:
        return None
    punten = tuple(Punt(v.waarom, vet=v.vraag) for v in vragen)
    return Sectie(
        t["eerst.kop"], (Alinea(t["eerst.inleiding"]), Lijst(punten, genummerd=True)), anker="eerst"
    )


def _voorwaarden(t: Teksten, advies: Advies) -> Sectie | None:
    if advies.verdict == "no_go" or not advies.voorwaarden:
        return None
    punten = tuple(
        Punt(
            " ".join((b.voorwaarde or "").split()),
            vet=f"{b.toezegging or b.titel}.",
            bronnen=tuple(b.bronnen),
        )
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
    """Why not now, and what fits instead with the first steps on that path. Where the coach
    judged it a no go against the rules, the coach's reasons are the why."""
    if advies.eindoordeel != "no_go":
        return None
    if advies.verdict != "no_go":
        return Sectie(t["niet.kop"], (Alinea(t["niet.coach"]),), anker="niet")
    punten = tuple(bevinding_punt(t, advies, b) for b in advies.blokkades)
    alternatieven = [
        Sectie(
            a.naam,
            (
                Alinea(" ".join(a.uitleg.split()), bronnen=tuple(a.bronnen)),
                Alinea(" ".join(a.vervolg.split()), vet=t["niet.vervolg"]),
            ),
        )
        for a in advies.alternatief
    ]
    return Sectie(
        t["niet.kop"],
        (Alinea(t["niet.inleiding"]), Lijst(punten)),
        (
            Sectie(
                t["niet.alternatief_kop"],
                (Alinea(t["niet.alternatief_inleiding"]),),
                tuple(alternatieven),
            ),
        )
        if alternatieven
        else (),
        anker="niet",
    )


def _wat_als(t: Teksten, advies: Advies, voor: Voor) -> Sectie | None:
    """What would change the rules' verdict: not in the client's letter where the coach's own
    verdict stands instead."""
    if not advies.wat_als or (voor == "klant" and advies.eindoordeel != advies.verdict):
        return None
    punten = tuple(Punt(w.zin) for w in advies.wat_als)
    return Sectie(t["watals.kop"], (Alinea(t["watals.inleiding"]), Lijst(punten)), anker="watals")


def _slot(t: Teksten, casus: Casus, soort: str) -> Sectie:
    """The closing words and the signature: the coach's name, organisation and contact."""
    meta = casus.meta
    naam = t.vul("slot.ondertekening", coach=meta.coach) if meta.coach else t["slot.zonder_naam"]
    afzender = [naam, meta.coach_organisatie or "", meta.coach_contact or ""]
    return Sectie(
        t[f"{soort}.kop"],
        (
            Alinea(t[f"{soort}.tekst"]),
            Alinea(t["slot.groet"]),
            *(Alinea(regel) for regel in afzender if regel),
        ),
        anker="slot",
    )


def _open(t: Teksten, advies: Advies) -> Sectie | None:
    al_gevraagd = advies.eindoordeel == "onvoldoende_informatie"
    vragen = [v for v in advies.open_vragen if not (al_gevraagd and v.beslissend)]
    if not vragen:
        return None
    return Sectie(
        t["open.kop"],
        (Alinea(t["open.inleiding"]), Lijst(tuple(Punt(v.waarom, vet=v.vraag) for v in vragen))),
        anker="open",
    )
