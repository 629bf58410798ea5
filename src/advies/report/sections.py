"""What the written advice says, section by section: built from the case, the advice and the
knowledge base into the document model. All wording comes from teksten.yaml and rules/.

The letter is the coach's: it is signed by the coach and speaks as "ik". The client's version
gives its citations as numbered endnotes and puts the contract and logbook in an appendix; the
coach's version keeps the citations inline and adds the reason tree."""

from __future__ import annotations

import dataclasses
from datetime import date

from advies.case.model import Casus
from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank
from advies.report.analysis import analyse_sectie
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
    Document,
    Gegeven,
    Lijst,
    Punt,
    Sectie,
    Voor,
)
from advies.report.endnotes import Noten, als_noten
from advies.report.next_steps import bijlage_sectie, vervolg_sectie
from advies.report.no_go import niet_sectie, weigering_zin
from advies.report.placeholders import brief_plekken
from advies.report.proposal import voorstel_sectie
from advies.report.reasoning import coach_bijlage
from advies.report.summary import kort_sectie


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
            kort_sectie(t, advies, kb, voor, feiten),
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
            kort_sectie(t, advies, kb, voor, feiten, oordeel_na_gesprek(t, advies, gesprek)),
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
    # each note keeps its source and places as a citation, so the document still knows what it
    # cites
    lijst = Lijst(tuple(Punt("", bronnen=(bron,)) for _, bron in noten.noten()), genummerd=True)
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


def _vraag(t: Teksten, hulpvraag: str | None) -> Sectie:
    if not hulpvraag:
        return Sectie(t["vraag.kop"], (Alinea(t["vraag.ontbreekt"]),), anker="vraag")
    return Sectie(
        t["vraag.kop"],
        (Alinea(t["vraag.inleiding"]), Alinea(" ".join(hulpvraag.split()), stijl="citaat")),
        anker="vraag",
    )


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
    # beside an alternative, say that it is the advice for now, so "then I advise a start" and
    # "find a supervisor" do not read as two advices (REVIEW2, case-2)
    inleiding = "inleiding_alternatief" if advies.alternatief else "inleiding"
    return Sectie(
        t["watals.kop"], (Alinea(t[f"watals.{inleiding}"]), Lijst(punten)), anker="watals"
    )


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
    elif advies.eindoordeel == "no_go":  # nothing agreed to adjust: no start
        tekst = t[f"{soort}.tekst_no_go"]
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
