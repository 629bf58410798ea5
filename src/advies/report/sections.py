"""What the written advice says, section by section: built from the case, the advice and the
knowledge base into the document model. All wording comes from teksten.yaml and rules/.

The letter is the coach's: it is signed by the coach and speaks as "ik". The client's version
gives its citations as numbered endnotes and puts the contract and logbook in an appendix; the
coach's version keeps the citations inline and adds the reason tree."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from advies.case.model import Casus
from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank
from advies.report.analysis import analyse_sectie, feit_label, zichtbaar
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
from advies.report.endnotes import Noten, als_noten
from advies.report.language import in_woorden, opsomming
from advies.report.next_steps import bijlage_sectie, vervolg_sectie
from advies.report.no_go import niet_sectie, weigering_zin
from advies.report.placeholders import brief_plekken
from advies.report.proposal import de_groep, groep_zin, voorstel_sectie
from advies.report.reasoning import coach_bijlage


def bouw_document(
    casus: Casus, advies: Advies, kb: Kennisbank, *, voor: Voor = "klant", datum: date | None = None
) -> Document:
    """Build the advice document. `datum` is used when the case has no `meta.datum`."""
    t = laad_teksten()
    meta = casus.meta
    gesprek = casus.gesprek
    if gesprek is not None and gesprek.afspraken.coach_bijeenkomsten is not None:
        # the plan follows how many sessions the talk agreed the coach is there
        begeleiding = advies.begeleiding.model_copy(
            update={"aantal_begeleid": gesprek.afspraken.coach_bijeenkomsten}
        )
        advies = advies.model_copy(update={"begeleiding": begeleiding})
    feiten = casus.feiten()
    plekken = brief_plekken(advies, feiten)
    dag = datum_tekst(
        gesprek.datum if gesprek and gesprek.datum else meta.datum, datum or date.today(), t
    )
    if gesprek is None:
        secties: list[Sectie | None] = [
            _vraag(t, meta.hulpvraag),
            _kort(t, advies, kb, voor, feiten),
            _eerst(t, advies),
            analyse_sectie(t, advies, kb, voor, plekken),
            _voorwaarden(t, advies),
            niet_sectie(t, advies, voor),
            _wat_als(t, advies, voor),
            voorstel_sectie(t, advies, kb, voor, feiten),
            vervolg_sectie(t, advies, kb, feiten, plekken),
            _open(t, advies),
            notities_sectie(t, casus, voor),
            _slot(t, casus, advies, "slot"),
            bijlage_sectie(t, advies, kb, feiten, plekken),
        ]
    else:  # after the talk: confirm what was agreed, and the plan that follows from it
        secties = [
            _vraag(t, meta.hulpvraag),
            _kort(t, advies, kb, voor, feiten, oordeel_na_gesprek(t, advies, gesprek)),
            afgesproken_sectie(t, casus, advies),
            niet_sectie(t, advies, voor),
            praktisch_sectie(t, casus, advies),
            voorstel_sectie(t, advies, kb, voor, feiten),
            vervolg_sectie(t, advies, kb, feiten, plekken, na_gesprek=True),
            analyse_sectie(t, advies, kb, voor, plekken) if voor == "coach" else None,
            _open(t, advies),
            notities_sectie(t, casus, voor),
            _slot(t, casus, advies, "bevestiging.slot"),
            bijlage_sectie(t, advies, kb, feiten, plekken, contract_aanvulling(t, casus)),
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
    titels = Lijst(
        tuple(Punt(" ".join(kb.bronnen[k].volledig.split()), vet=f"{k}:") for k in sleutels)
    )
    if voor == "coach":
        bronnen = Sectie(
            t["bronnen.kop"], (Alinea(t["bronnen.inleiding"]), titels), anker="bronnen"
        )
        return dataclasses.replace(leeg, secties=(*inhoud, bronnen))
    # the client's letter: numbered endnotes, the full titles after them; the appendix last
    hoofd = tuple(s for s in inhoud if s.anker != "bijlage")
    bijlage = tuple(s for s in inhoud if s.anker == "bijlage")
    noten = Noten()
    hoofd, bijlage = als_noten(hoofd, noten), als_noten(bijlage, noten)
    # each note keeps its places as citations, so the document still knows what it cites
    lijst = Lijst(tuple(Punt("", bronnen=bronnen) for _, bronnen in noten.lijst()), genummerd=True)
    bronnen = Sectie(
        t["bronnen.kop"],
        (Alinea(t["bronnen.noten_inleiding"]), lijst, Alinea("", vet=t["bronnen.titels"]), titels),
        anker="bronnen",
    )
    return dataclasses.replace(leeg, secties=(*hoofd, *bijlage, bronnen))


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
    t: Teksten,
    advies: Advies,
    kb: Kennisbank,
    voor: Voor,
    feiten: dict[str, Any],
    na_gesprek: str | None = None,
) -> Sectie:
    """The verdict box. The client's letter is the coach's advice: where the coach judged
    otherwise, it carries the coach's verdict and reasons; the rules' outcome and the difference
    are for the coach's version only."""
    blokken: list[Blok] = []
    oc = advies.oordeel_coach
    label = kb.verdicts[advies.eindoordeel].label
    if oc and voor == "klant":
        soort = "oordeel" if oc.verdict == advies.verdict else "coach_oordeel"
        tekst = (soort == "oordeel" and weigering_zin(t, advies)) or t[f"kort.{soort}.{oc.verdict}"]
        bronnen = tuple(kb.verdicts[oc.verdict].bronnen)
        blokken.append(
            Kader(
                "oordeel",
                label,
                (Alinea(tekst), Alinea(" ".join(oc.reden.split()), bronnen=bronnen)),
            )
        )
    else:
        kop = f"{t['kort.analyse']}: {advies.verdict_label}" if oc else advies.verdict_label
        tekst = na_gesprek or weigering_zin(t, advies) or t[f"kort.oordeel.{advies.verdict}"]
        blokken.append(
            Kader("oordeel", kop, (Alinea(tekst, bronnen=tuple(advies.trace[-1].bronnen)),))
        )
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
    regels = [] if na_gesprek else _waarom(t, advies, kb, feiten, publiek=voor)
    if regels:
        blokken.append(Alinea("", vet=t["kort.waarom"]))
        blokken.append(Lijst(tuple(Punt(r) for r in regels)))
    kop = t["bevestiging.kort_kop"] if na_gesprek else t["kort.kop"]
    return Sectie(kop, tuple(blokken), anker="kort")


def _waarom(
    t: Teksten, advies: Advies, kb: Kennisbank, feiten: dict[str, Any], *, publiek: Voor
) -> list[str]:
    """The verdict's reasons in three or four plain lines."""
    voor = [zinsdeel(b.titel) for b in advies.van_soort("indicatie")]
    regels: list[str] = []
    if advies.eindoordeel != advies.verdict:  # the coach's own reasons carry the verdict
        if advies.eindoordeel != "no_go":
            regels += _voorwaarden_regel(t, advies) + _voorstel_regel(t, advies, feiten)
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
        regels += _voorstel_regel(t, advies, feiten)
    aandacht = sum(1 for b in zichtbaar(advies, publiek) if b.soort == "aandachtspunt")
    # at a no go the client's letter has no analysis for them to be in
    if advies.eindoordeel == "no_go" and publiek == "klant":
        aandacht = 0
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


def _voorstel_regel(t: Teksten, advies: Advies, feiten: dict[str, Any]) -> list[str]:
    """The proposal in one line, per guidance form, when group, form and method are known."""
    s, vorm = advies.samenstelling, advies.begeleiding.vorm
    if not (s.groepen and vorm and advies.methoden):
        return []
    begeleid = advies.begeleiding.aantal_begeleid
    sleutel = vorm.code
    if vorm.code == "intervisiecoach" and begeleid is None:
        return []
    gepland = feiten.get("bijeenkomsten")
    if vorm.code == "intervisiecoach" and begeleid and gepland and begeleid >= gepland:
        sleutel = "intervisiecoach_alle"
    return [
        t.vul(
            f"kort.regels.voorstel.{sleutel}",
            groep=groep_zin(advies),
            begeleid=in_woorden(begeleid or 0),
            methode=advies.methoden[0].naam_in_zin,
            de_groep=de_groep(t, advies),
        )
    ]


def _eerst(t: Teksten, advies: Advies) -> Sectie | None:
    """While too little is known: the questions that decide the advice, and under them the ones
    that only help the preparation; one list of questions in the letter, not two."""
    vragen = [v for v in advies.open_vragen if v.beslissend]
    if advies.eindoordeel != "onvoldoende_informatie" or not vragen:
        return None
    punten = tuple(Punt(v.waarom, vet=v.vraag) for v in vragen)
    ook = [v for v in advies.open_vragen if not v.beslissend]
    subs = (
        (
            Sectie(
                t["eerst.ook_kop"],
                (
                    Alinea(t["eerst.ook_inleiding"]),
                    Lijst(tuple(Punt(v.waarom, vet=v.vraag) for v in ook)),
                ),
            ),
        )
        if ook
        else ()
    )
    return Sectie(
        t["eerst.kop"],
        (Alinea(t["eerst.inleiding"]), Lijst(punten, genummerd=True)),
        subs,
        anker="eerst",
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


def _wat_als(t: Teksten, advies: Advies, voor: Voor) -> Sectie | None:
    """What would change the rules' verdict: not in the client's letter where the coach's own
    verdict stands instead."""
    if not advies.wat_als or (voor == "klant" and advies.eindoordeel != advies.verdict):
        return None
    punten = tuple(Punt(w.zin) for w in advies.wat_als)
    return Sectie(t["watals.kop"], (Alinea(t["watals.inleiding"]), Lijst(punten)), anker="watals")


def _slot(t: Teksten, casus: Casus, advies: Advies, soort: str) -> Sectie:
    """The closing words, which follow the advice (after a refusal the talk has been held), and
    the signature: the coach's name in the role of the proposed guidance, organisation and
    contact."""
    meta = casus.meta
    vorm = advies.begeleiding.vorm.code if advies.begeleiding.vorm else "geen"
    rol = t[f"slot.rol.{vorm}"]
    naam = (
        t.vul("slot.ondertekening", coach=meta.coach, rol=rol)
        if meta.coach
        else t.vul("slot.zonder_naam", rol=rol)
    )
    afzender = [naam, meta.coach_organisatie or "", meta.coach_contact or ""]
    if soort == "slot":
        geweigerd = weigering_zin(t, advies) is not None
        tekst = t[f"slot.tekst.{'geweigerd' if geweigerd else advies.eindoordeel}"]
    else:
        tekst = t[f"{soort}.tekst"]
    return Sectie(
        t[f"{soort}.kop"],
        (Alinea(tekst), Alinea(t["slot.groet"]), *(Alinea(regel) for regel in afzender if regel)),
        anker="slot",
    )


def _open(t: Teksten, advies: Advies) -> Sectie | None:
    """Questions still open that do not change the advice (while too little is known, they are
    under 'Eerst te beantwoorden')."""
    if advies.eindoordeel == "onvoldoende_informatie":
        return None
    vragen = list(advies.open_vragen)
    if not vragen:
        return None
    return Sectie(
        t["open.kop"],
        (Alinea(t["open.inleiding"]), Lijst(tuple(Punt(v.waarom, vet=v.vraag) for v in vragen))),
        anker="open",
    )
