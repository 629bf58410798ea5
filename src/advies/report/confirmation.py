"""The confirmation after the advisory talk: what was agreed, what is still open, what was refused
(then the no go with what fits instead), the practical agreements, and the plan that follows.

`advies rapport` writes this letter instead of the advice once the case records a talk. The
verdict is the advice's after the talk: a refused condition blocks, an agreed one is no longer
an open point but an agreement.
"""

from __future__ import annotations

from advies.case.model import Casus
from advies.case.talk import Gesprek
from advies.engine.advice import Advies, Bevinding
from advies.knowledge.dutch import in_woorden, zinsdeel
from advies.report.content import Teksten
from advies.report.document import Alinea, Blok, Kader, Lijst, Punt, Sectie, Voor
from advies.report.language import opsomming


def voorwaarden_na_gesprek(advies: Advies, gesprek: Gesprek) -> dict[str, list[Bevinding]]:
    """The advice's conditions by what the talk decided: agreed, open (also: not discussed),
    refused."""
    besluit = {code: b.besluit for code, b in gesprek.voorwaarden.items()}
    groepen: dict[str, list[Bevinding]] = {"akkoord": [], "open": [], "geweigerd": []}
    for b in advies.bevindingen:
        if b.ernst == "voorwaardelijk":
            groepen["geweigerd" if b.geweigerd else besluit.get(b.code, "open")].append(b)
    return groepen


def oordeel_na_gesprek(t: Teksten, advies: Advies, gesprek: Gesprek) -> str:
    """The sentence under the rules' verdict in the confirmation: what the talk settled. Where the
    coach judged otherwise, the client's letter carries the coach's sentence and reasons, and this
    one stands under the outcome of the analysis in the coach's version: then it is the
    analysis' own, not 'as discussed, the group can start' over the coach's no go."""
    if advies.eindoordeel != advies.verdict:  # the talk went the coach's way, not the analysis'
        if advies.verdict == "go_onder_voorwaarden":  # discussed, not to be agreed still
            return t["bevestiging.oordeel.go_onder_voorwaarden"]
        return t[f"kort.oordeel.{advies.verdict}"]
    groepen = voorwaarden_na_gesprek(advies, gesprek)
    if advies.verdict == "no_go" and groepen["geweigerd"]:
        return _weigering(t, groepen["geweigerd"])
    if advies.verdict == "go_onder_voorwaarden":
        sleutel = "voorwaarden_open" if groepen["open"] else "voorwaarden_rond"
        return t[f"bevestiging.oordeel.{sleutel}"]
    return t[f"bevestiging.oordeel.{advies.verdict}"]


def _weigering(t: Teksten, geweigerd: list[Bevinding]) -> str:
    """The refusal as the talk had it: which condition(s) the client could not agree to, what
    that means (the rule's `bij_weigering`), and that intervision is not sound without it."""
    getal = "een" if len(geweigerd) == 1 else "meer"
    namen = opsomming([zinsdeel(b.toezegging or b.titel) for b in geweigerd])
    zinnen = [t.vul(f"bevestiging.oordeel.geweigerd_{getal}", voorwaarden=namen)]
    zinnen += [" ".join(b.bij_weigering.split()) for b in geweigerd if b.bij_weigering]
    zinnen.append(t[f"bevestiging.oordeel.geweigerd_eind_{getal}"])
    return " ".join(zinnen)


def afgesproken_sectie(t: Teksten, casus: Casus, advies: Advies) -> Sectie | None:
    assert casus.gesprek is not None
    groepen = voorwaarden_na_gesprek(advies, casus.gesprek)
    if advies.eindoordeel == "no_go" or not any(groepen.values()):
        return None
    subs = []
    if groepen["akkoord"]:
        subs.append(
            Sectie(
                t["bevestiging.akkoord_kop"],
                (
                    Alinea(t["bevestiging.akkoord_inleiding"]),
                    Lijst(_punten(casus.gesprek, groepen["akkoord"]), genummerd=True),
                ),
            )
        )
    if groepen["open"]:
        subs.append(
            Sectie(
                t["bevestiging.open_kop"],
                (
                    Alinea(t["bevestiging.open_inleiding"]),
                    Lijst(_punten(casus.gesprek, groepen["open"]), genummerd=True),
                ),
            )
        )
    if groepen["geweigerd"]:  # the coach's own verdict starts anyway: the refusal stays on record
        subs.append(
            Sectie(
                t["bevestiging.geweigerd_kop"],
                (
                    Alinea(t["bevestiging.geweigerd_inleiding"]),
                    Lijst(
                        _punten(casus.gesprek, groepen["geweigerd"], geweigerd=True),
                        genummerd=True,
                    ),
                ),
            )
        )
    return Sectie(t["bevestiging.afgesproken_kop"], (), tuple(subs), anker="afgesproken")


def _punten(
    gesprek: Gesprek, bevindingen: list[Bevinding], *, geweigerd: bool = False
) -> tuple[Punt, ...]:
    """Each condition with the talk's note; a refused one with what the refusal means (its
    `bij_weigering`), not the promise the client did not make."""
    punten = []
    for b in bevindingen:
        besluit = gesprek.voorwaarden.get(b.code)
        notitie = f" {' '.join(besluit.notitie.split())}" if besluit and besluit.notitie else ""
        wat = (b.bij_weigering or "") if geweigerd else (b.voorwaarde or b.uitleg)
        tekst = (" ".join(wat.split()) + notitie).strip()
        punten.append(Punt(tekst, vet=f"{b.toezegging or b.titel}.", bronnen=tuple(b.bronnen)))
    return tuple(punten)


def praktisch_sectie(t: Teksten, casus: Casus, advies: Advies) -> Sectie | None:
    """The practical agreements, in sentences; the agreed number and length of the sessions are
    the facts the advice now reads. Under a no go there is no start to arrange: only the coach's
    free note stays, as the talk promised it would."""
    assert casus.gesprek is not None
    a = casus.gesprek.afspraken
    if advies.eindoordeel == "no_go":
        if not a.notitie:
            return None
        return Sectie(
            t["bevestiging.praktisch.kop_no_go"],
            (Lijst((Punt(" ".join(a.notitie.split())),)),),
            anker="praktisch",
        )
    feiten = casus.feiten()
    regels = []
    if a.startdatum:
        regels.append(t.vul("bevestiging.praktisch.start", start=a.startdatum))
    if feiten.get("bijeenkomsten") and feiten.get("sessieduur"):
        regels.append(
            t.vul(
                "bevestiging.praktisch.bijeenkomsten",
                aantal=in_woorden(feiten["bijeenkomsten"]),
                minuten=feiten["sessieduur"],
            )
        )
    if a.coach_bijeenkomsten is not None:
        regels.append(
            t.vul("bevestiging.praktisch.coach", aantal=in_woorden(a.coach_bijeenkomsten))
        )
    if a.informeert_management:
        regels.append(t.vul("bevestiging.praktisch.management", wie=a.informeert_management))
    if a.informeert_groep:
        regels.append(t.vul("bevestiging.praktisch.groep", wie=a.informeert_groep))
    if a.notitie:
        regels.append(" ".join(a.notitie.split()))
    if not regels:
        return None
    return Sectie(
        t["bevestiging.praktisch.kop"],
        (Lijst(tuple(Punt(r) for r in regels)),),
        anker="praktisch",
    )


def contract_aanvulling(t: Teksten, casus: Casus) -> dict[str, str]:
    """What the talk agreed, by the contract item it fills in (the `code` of an item in
    rules/vervolgstappen.yaml)."""
    if casus.gesprek is None:
        return {}
    a = casus.gesprek.afspraken
    feiten = casus.feiten()
    uit = {}
    omvang = []  # "8 bijeenkomsten van 120 minuten, vanaf januari 2027"
    if feiten.get("bijeenkomsten"):
        omvang.append(
            t.vul("bevestiging.contract.aantal", aantal=in_woorden(feiten["bijeenkomsten"]))
        )
    if feiten.get("sessieduur"):
        omvang.append(t.vul("bevestiging.contract.duur", minuten=feiten["sessieduur"]))
    delen = [" ".join(omvang)] if omvang else []
    if a.startdatum:
        delen.append(t.vul("bevestiging.contract.start", start=a.startdatum))
    if delen:
        uit["praktisch"] = t.vul("bevestiging.contract.afgesproken", wat=", ".join(delen))
    if a.coach_bijeenkomsten is not None:
        uit["afscheid"] = t.vul(
            "bevestiging.contract.coach", aantal=in_woorden(a.coach_bijeenkomsten)
        )
    toegezegd = set(casus.gesprek.met_besluit("akkoord"))
    if toegezegd & {"VERTROUWELIJKHEID", "VERTROUWELIJKHEID_ONZEKER"}:
        uit["vertrouwelijkheid"] = t["bevestiging.contract.vertrouwelijk"]
    return uit


def notities_sectie(t: Teksten, casus: Casus, voor: Voor) -> Sectie | None:
    """The coach's notes on answers: all of them for the coach, those marked for the client in
    the client's letter."""
    notities = [(k, n) for k, n in casus.notities.items() if voor == "coach" or n.voor_klant]
    if not notities:
        return None
    punten = tuple(
        Punt(" ".join(n.tekst.split()), vet=f"{k}:" if voor == "coach" else None)
        for k, n in notities
    )
    blokken: list[Blok] = [Alinea(t[f"notities.inleiding_{voor}"]), Lijst(punten)]
    if voor == "coach":
        blokken.insert(0, Kader("coach", t["notities.kader"], (Alinea(t["notities.uitleg"]),)))
    return Sectie(t[f"notities.kop_{voor}"], tuple(blokken), anker="notities")
