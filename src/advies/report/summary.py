"""The verdict box, "Het advies in het kort": the verdict and its reasons in three or four plain
lines, the coach's own verdict where it differs, and after the talk what was decided."""

from __future__ import annotations

from typing import Any

from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank
from advies.report.analysis import zichtbaar
from advies.report.content import Teksten
from advies.report.document import Alinea, Blok, Kader, Lijst, Punt, Sectie, Voor
from advies.report.language import in_woorden, opsomming, zinsdeel
from advies.report.no_go import weigering_zin
from advies.report.proposal import de_groep, groep_zin


def _beperkt(t: Teksten, delen: list[str], maximum: int = 3) -> str:
    if len(delen) <= maximum + 1:
        return opsomming(delen)
    return opsomming(
        [*delen[:maximum], t.vul("kort.regels.nog_meer", aantal=t.getal(len(delen) - maximum))]
    )


def kort_sectie(
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
        if na_gesprek:  # after the talk: what it settled, not a request to agree
            tekst = na_gesprek if soort == "oordeel" else t[f"bevestiging.{soort}.{oc.verdict}"]
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
        # as questions the client can answer, not as the facts' labels
        open_ = [v for v in advies.open_vragen if v.beslissend]
        if len(open_) == 1:
            regels.append(t.vul("kort.regels.open_een", vraag=zinsdeel(open_[0].vraag)))
        elif open_:
            aantal = t.getal(len(open_))
            regels.append(t.vul("kort.regels.open", aantal=aantal, kop=t["eerst.kop"]))
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
