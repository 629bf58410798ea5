"""The analysis of the written advice: the key conditions (chart and table) and the findings.

The client's version leaves out what is for the coach alone (a finding marked `publiek: coach`);
where the coach overrides the rules' verdict, a blocking finding is not called a block. Each row
of the key-condition table says in one clause why it stands so; the indications a row already
gives as its reason are not listed a second time.
"""

from __future__ import annotations

from advies.engine.advice import Advies, Bevinding, SleutelvoorwaardeStatus
from advies.knowledge.model import Kennisbank
from advies.report.content import Teksten
from advies.report.document import (
    Alinea,
    Balk,
    Cel,
    Grafiek,
    Lijst,
    Punt,
    Sectie,
    Status,
    Tabel,
    Voor,
)
from advies.report.language import opsomming, zinsdeel
from advies.report.placeholders import vul_in

STATUSSEN = ("vervuld", "voorwaarde", "te_regelen", "onbekend", "niet_vervuld")
# how a row reads, in the order of the chart's summary
LABELS = (
    "vervuld",
    "lijkt_in_orde",
    "geregeld",
    "voorwaarde",
    "te_regelen",
    "onbekend",
    "niet_vervuld",
)


def zichtbaar(advies: Advies, voor: Voor) -> list[Bevinding]:
    """The findings this audience reads: a coach-only finding stays out of the client's letter."""
    return [b for b in advies.bevindingen if voor == "coach" or b.publiek == "klant"]


def feit_label(kb: Kennisbank, feit: str) -> str:
    """A fact's label inside a sentence ('gedeelde conflicten'), from rules/feiten.yaml."""
    return str(kb.feiten.get(feit, {}).get("label", feit.replace("_", " "))).lower()


def feit_onderwerp(kb: Kennisbank, feit: str) -> str:
    """What is unknown about a fact, as a sentence says it to the client ('van wie de wens
    komt'), from rules/feiten.yaml; the label where a fact has none."""
    return str(kb.feiten.get(feit, {}).get("onderwerp") or feit_label(kb, feit))


def voorwaarde_nummers(advies: Advies) -> dict[str, int]:
    """The number each condition has in the letter's list of commitments."""
    return {b.code: i for i, b in enumerate(advies.voorwaarden, 1)}


def bevinding_punt(t: Teksten, advies: Advies, b: Bevinding) -> Punt:
    ernst: str | None = "geweigerd" if b.geweigerd else b.ernst
    if ernst in ("blokkerend", "geweigerd") and advies.eindoordeel != "no_go":
        ernst = "anders_gewogen"  # the coach overrode the block; the letter follows the coach
    if ernst == "voorwaardelijk" and advies.eindoordeel == "no_go":
        ernst = "speelt_ook"  # no start, so no condition to put
    nummer = voorwaarde_nummers(advies).get(b.code)
    if ernst == "voorwaardelijk" and nummer is None:
        ernst = None
    extra = ""
    if ernst and b.soort == "contra_indicatie":
        extra = f" ({t.vul(f'analyse.ernst.{ernst}', nummer=nummer)})"
    return Punt(" ".join(b.uitleg.split()), vet=f"{b.titel}{extra}.", bronnen=tuple(b.bronnen))


def analyse_sectie(
    t: Teksten, advies: Advies, kb: Kennisbank, voor: Voor, plekken: dict[str, str]
) -> Sectie | None:
    """The analysis. In the client's letter at a no go there is none: why not, what fits and what
    else would have to change are said in 'Waarom nu geen intervisie'."""
    no_go = advies.eindoordeel == "no_go"
    if no_go and voor == "klant":
        return None
    bevindingen = zichtbaar(advies, voor)

    def van_soort(soort: str) -> list[Bevinding]:
        return [b for b in bevindingen if b.soort == soort]

    contra = van_soort("contra_indicatie")
    if no_go:  # the blocks are the heart of "Waarom nu geen intervisie"
        contra = [b for b in contra if b not in advies.blokkades]
    tabel_zegt = {c for s in kb.sleutelvoorwaarden for c in s.indicaties}
    indicaties = [b for b in van_soort("indicatie") if b.code not in tabel_zegt]
    subs = [
        _sleutel(t, advies, kb, plekken),
        _bevindingen(t, advies, "contra", contra, t["analyse.contra_geen"]),
    ]
    if van_soort("aandachtspunt"):
        subs.append(_bevindingen(t, advies, "aandacht", van_soort("aandachtspunt")))
    if indicaties:
        subs.append(_bevindingen(t, advies, "indicatie", indicaties))
    return Sectie(t["analyse.kop"], (), tuple(subs), anker="analyse")


def rij(
    t: Teksten,
    advies: Advies,
    kb: Kennisbank,
    s: SleutelvoorwaardeStatus,
    plekken: dict[str, str],
) -> tuple[str, str]:
    """What a key condition's row says: its label, and in one clause why."""
    definitie = next(d for d in kb.sleutelvoorwaarden if d.code == s.code)
    per_code = {b.code: b for b in advies.bevindingen}
    gevuurd = [per_code[c] for c in definitie.bevindingen if c in per_code]
    if s.status in ("voorwaarde", "te_regelen", "niet_vervuld") and gevuurd:
        return s.status, _waarom_bevinding(t, advies, s.status, gevuurd, definitie.per_bevinding)
    vorm = advies.begeleiding.vorm.code if advies.begeleiding.vorm else None
    geregeld = next((g for g in definitie.geregeld if vorm in g.vormen), None)
    if geregeld is not None and s.status in ("vervuld", "te_regelen"):
        return "geregeld", vul_in(" ".join(geregeld.tekst.split()), plekken)
    if s.status == "vervuld":
        label = "lijkt_in_orde" if definitie.benadering else "vervuld"
        tekst = definitie.lijkt_in_orde if definitie.benadering else definitie.vervuld
        return label, vul_in(" ".join(tekst.split()), plekken)
    if s.status == "onbekend":
        lijst = opsomming([feit_onderwerp(kb, f) for f in s.ontbrekende_feiten])
        return "onbekend", t.vul("analyse.ontbreekt", lijst=lijst) if lijst else ""
    return s.status, " ".join(definitie.te_regelen.split())


def _waarom_bevinding(
    t: Teksten, advies: Advies, status: str, gevuurd: list[Bevinding], eigen: dict[str, str]
) -> str:
    """Why a row stands so, from the finding that decides it: its title, or what it means for
    this row where another row names the same finding."""
    ernst = {"voorwaarde": "voorwaardelijk", "te_regelen": "advies", "niet_vervuld": "blokkerend"}
    if status == "niet_vervuld":
        zwaar = [b for b in gevuurd if b.ernst == "blokkerend" or b.geweigerd] or gevuurd
    else:
        zwaar = [b for b in gevuurd if b.ernst == ernst[status]] or gevuurd
    b = zwaar[0]
    titel = " ".join(eigen.get(b.code, b.titel).split())
    nummer = voorwaarde_nummers(advies).get(b.code)
    if status == "voorwaarde":
        if nummer is None:
            return t.vul("analyse.waarom.voorwaarde_zonder_nummer", titel=titel)
        toezegging = b.toezegging or b.titel
        return t.vul(
            "analyse.waarom.voorwaarde",
            titel=titel,
            nummer=nummer,
            toezegging=zinsdeel(toezegging),
        )
    return t.vul(f"analyse.waarom.{status}", titel=titel)


def _sleutel(t: Teksten, advies: Advies, kb: Kennisbank, plekken: dict[str, str]) -> Sectie:
    label_tekst = {s: t[f"analyse.status.{s}"] for s in LABELS}
    no_go = advies.eindoordeel == "no_go"
    telling_van = {s: f"analyse.telling.{s}" for s in LABELS}
    if no_go:  # nothing is arranged "at the start" of a group that does not start
        label_tekst["te_regelen"] = t["analyse.status_no_go.te_regelen"]
        telling_van["te_regelen"] = "analyse.telling_no_go.te_regelen"
    rijen_data = [(s, *rij(t, advies, kb, s, plekken)) for s in advies.sleutelvoorwaarden]
    telling = {label: sum(1 for _, x, _ in rijen_data if x == label) for label in LABELS}
    delen = []
    for label in LABELS:
        if not telling[label]:
            continue
        sleutel = telling_van[label]
        if label == "lijkt_in_orde" and telling[label] > 1:
            sleutel = "analyse.telling.lijkt_in_orde_meer"
        delen.append(t.vul(sleutel, aantal=telling[label]))
    # what this proposal itself arranges is shown as arranged, in the colour of what is met
    kleur: dict[str, Status | None] = {
        label: ("vervuld" if label == "geregeld" else None) for label in LABELS
    }
    grafiek = Grafiek(
        t["analyse.grafiek_titel"],
        " · ".join(delen),
        tuple(
            Balk(s.naam, kleur[label] or s.status, label_tekst[label]) for s, label, _ in rijen_data
        ),
    )
    rijen = tuple(
        (
            Cel(s.naam, vet=True),
            Cel(label_tekst[label], status=kleur[label] or s.status),
            Cel(waarom, tuple(s.bronnen)),
        )
        for s, label, waarom in rijen_data
    )
    return Sectie(
        t["analyse.sleutel_kop"],
        (
            Alinea(t["analyse.sleutel_inleiding_no_go" if no_go else "analyse.sleutel_inleiding"]),
            grafiek,
            Tabel(tuple(t["analyse.kolommen"]), rijen, (26, 18, 56)),
        ),
    )


def _bevindingen(
    t: Teksten, advies: Advies, soort: str, items: list[Bevinding], leeg: str | None = None
) -> Sectie:
    if not items:
        return Sectie(t[f"analyse.{soort}_kop"], (Alinea(leeg or ""),))
    return Sectie(
        t[f"analyse.{soort}_kop"],
        (
            Alinea(t[f"analyse.{soort}_inleiding"]),
            Lijst(tuple(bevinding_punt(t, advies, b) for b in items)),
        ),
    )
