"""'Waarom nu geen intervisie': what stands in the way, what fits instead and who carries it out,
what else would have to change if intervision comes up again later, what is in order, and how to
go on. At a no go this replaces the analysis, the proposal and the steps of the client's letter."""

from __future__ import annotations

from advies.engine.advice import Advies, Alternatief, Bevinding
from advies.report.analysis import zichtbaar
from advies.report.content import Teksten
from advies.report.document import Alinea, Blok, Lijst, Punt, Sectie, Voor
from advies.report.language import hoofdletter, in_woorden, opsomming, zinsdeel


def niet_sectie(t: Teksten, advies: Advies, voor: Voor) -> Sectie | None:
    """Why not now, and what fits instead with the way there. Where the coach judged it a no go
    against the rules, the coach's reasons are the why."""
    if advies.eindoordeel != "no_go":
        return None
    if advies.verdict != "no_go":  # the coach's reasons are in the verdict box above
        return Sectie(
            t["niet.verder_kop"],
            (Alinea(t["niet.coach"]), Alinea(t["niet.verder"])),
            anker="niet",
        )
    verder = Sectie(t["niet.verder_kop"], (Alinea(f"{t['niet.verder']} {t['niet.opnieuw']}"),))
    punten = tuple(
        Punt(" ".join(b.uitleg.split()), vet=f"{b.titel}.", bronnen=tuple(b.bronnen))
        for b in advies.blokkades
    )
    blokken: list[Blok] = [Alinea(t["niet.inleiding"]), Lijst(punten)]
    if voor == "klant":
        blokken += _daarnaast(t, advies, voor)
    alternatieven = tuple(_alternatief(t, a) for a in advies.alternatief)
    subs: list[Sectie] = []
    if alternatieven:
        subs.append(
            Sectie(
                t["niet.alternatief_kop"],
                (Alinea(t["niet.alternatief_inleiding"]),),
                alternatieven,
            )
        )
    subs.append(verder)
    return Sectie(t["niet.kop"], tuple(blokken), tuple(subs), anker="niet")


def _daarnaast(t: Teksten, advies: Advies, voor: Voor) -> list[Blok]:
    """In two lines: what else would have to change, and what is in order."""
    blokken: list[Blok] = []
    blok = advies.blokkades
    anders = [
        zinsdeel(b.toezegging or b.titel)
        for b in zichtbaar(advies, voor)
        if b.soort == "contra_indicatie" and b not in blok
    ]
    if anders:
        blokken.append(Alinea(t["niet.daarnaast"]))
        blokken.append(Lijst(tuple(Punt(hoofdletter(a) + ".") for a in anders)))
    wel = [zinsdeel(b.titel) for b in zichtbaar(advies, voor) if b.soort == "indicatie"]
    if len(wel) > 4:
        wel = [*wel[:3], t.vul("niet.nog_meer", aantal=in_woorden(len(wel) - 3))]
    if wel:
        blokken.append(Alinea(t.vul("niet.wel", lijst=opsomming(wel))))
    return blokken


def _alternatief(t: Teksten, a: Alternatief) -> Sectie:
    blokken: list[Blok] = [
        Alinea(" ".join(a.uitleg.split()), bronnen=tuple(a.bronnen)),
        Alinea(" ".join(a.vervolg.split()), vet=t["niet.vervolg"]),
    ]
    extra = [" ".join(x.split()) for x in (a.wie or "", *a.aanvullingen) if x]
    if extra:
        blokken.append(Alinea(" ".join(extra)))
    return Sectie(a.naam, tuple(blokken))


def weigering_zin(t: Teksten, advies: Advies) -> str | None:
    """The verdict's sentence when the client refused a condition in the talk: what was said
    there, what it means, and that the door stays open."""
    geweigerd: list[Bevinding] = [b for b in advies.bevindingen if b.geweigerd]
    if not geweigerd or advies.eindoordeel != "no_go" or advies.verdict != "no_go":
        return None
    zinnen = [t["kort.geweigerd.begin"]]
    for b in geweigerd:
        if b.bij_weigering:
            zinnen.append(" ".join(b.bij_weigering.split()))
        else:
            zinnen.append(
                t.vul("kort.geweigerd.zonder_tekst", toezegging=zinsdeel(b.toezegging or b.titel))
            )
    zinnen.append(t["kort.geweigerd.eind"])
    return " ".join(zinnen)
