"""The analysis of the written advice: the key conditions (chart and table) and the findings.

The client's version leaves out what is for the coach alone (a finding marked `publiek: coach`);
where the coach overrides the rules' verdict, a blocking finding is not called a block.
"""

from __future__ import annotations

from advies.engine.advice import Advies, Bevinding
from advies.knowledge.model import Kennisbank
from advies.report.content import Teksten
from advies.report.document import Alinea, Balk, Cel, Grafiek, Lijst, Punt, Sectie, Tabel, Voor
from advies.report.language import opsomming

STATUSSEN = ("vervuld", "voorwaarde", "te_regelen", "onbekend", "niet_vervuld")


def zichtbaar(advies: Advies, voor: Voor) -> list[Bevinding]:
    """The findings this audience reads: a coach-only finding stays out of the client's letter."""
    return [b for b in advies.bevindingen if voor == "coach" or b.publiek == "klant"]


def feit_label(kb: Kennisbank, feit: str) -> str:
    """A fact's label inside a sentence ('gedeelde conflicten'), from rules/feiten.yaml."""
    return str(kb.feiten.get(feit, {}).get("label", feit.replace("_", " "))).lower()


def bevinding_punt(t: Teksten, advies: Advies, b: Bevinding) -> Punt:
    ernst: str | None = "geweigerd" if b.geweigerd else b.ernst
    if ernst in ("blokkerend", "geweigerd") and advies.eindoordeel != "no_go":
        ernst = "anders_gewogen"  # the coach overrode the block; the letter follows the coach
    if ernst == "voorwaardelijk" and advies.eindoordeel == "no_go":
        ernst = "speelt_ook"  # no start, so no condition to put
    extra = f" ({t[f'analyse.ernst.{ernst}']})" if ernst and b.soort == "contra_indicatie" else ""
    return Punt(" ".join(b.uitleg.split()), vet=f"{b.titel}{extra}.", bronnen=tuple(b.bronnen))


def analyse_sectie(t: Teksten, advies: Advies, kb: Kennisbank, voor: Voor) -> Sectie:
    bevindingen = zichtbaar(advies, voor)

    def van_soort(soort: str) -> list[Bevinding]:
        return [b for b in bevindingen if b.soort == soort]

    contra = van_soort("contra_indicatie")
    if advies.eindoordeel == "no_go":  # the blocks are the heart of "Waarom nu geen intervisie"
        contra = [b for b in contra if b not in advies.blokkades]
    subs = [
        _sleutel(t, advies, kb),
        _bevindingen(t, advies, "contra", contra, t["analyse.contra_geen"]),
    ]
    if van_soort("aandachtspunt"):
        subs.append(_bevindingen(t, advies, "aandacht", van_soort("aandachtspunt")))
    subs.append(
        _bevindingen(t, advies, "indicatie", van_soort("indicatie"), t["analyse.indicatie_geen"])
    )
    return Sectie(t["analyse.kop"], (), tuple(subs), anker="analyse")


def _sleutel(t: Teksten, advies: Advies, kb: Kennisbank) -> Sectie:
    label = {s: t[f"analyse.status.{s}"] for s in STATUSSEN}
    no_go = advies.eindoordeel == "no_go"
    telling_van = {s: f"analyse.telling.{s}" for s in STATUSSEN}
    if no_go:  # nothing is arranged "at the start" of a group that does not start
        label["te_regelen"] = t["analyse.status_no_go.te_regelen"]
        telling_van["te_regelen"] = "analyse.telling_no_go.te_regelen"
    sv = advies.sleutelvoorwaarden
    telling = {s: sum(1 for x in sv if x.status == s) for s in STATUSSEN}
    rest = [t.vul(telling_van[s], aantal=telling[s]) for s in STATUSSEN[1:] if telling[s]]
    samenvatting = " · ".join(
        [t.vul("analyse.telling.vervuld", aantal=telling["vervuld"], totaal=len(sv)), *rest]
    )
    grafiek = Grafiek(
        t["analyse.grafiek_titel"],
        samenvatting,
        tuple(Balk(x.naam, x.status, label[x.status]) for x in sv),
    )
    rijen = []
    for x in sv:
        uitleg = _eerste_zin(x.uitleg)
        if x.status == "onbekend" and x.ontbrekende_feiten:
            uitleg += " " + t.vul(
                "analyse.ontbreekt",
                lijst=opsomming([feit_label(kb, f) for f in x.ontbrekende_feiten]),
            )
        if x.status != "vervuld":
            uitleg += " " + " ".join(x.te_regelen.split())
        rijen.append(
            (
                Cel(x.naam, vet=True),
                Cel(label[x.status], status=x.status),
                Cel(uitleg, tuple(x.bronnen)),
            )
        )
    return Sectie(
        t["analyse.sleutel_kop"],
        (
            Alinea(t["analyse.sleutel_inleiding_no_go" if no_go else "analyse.sleutel_inleiding"]),
            grafiek,
            Tabel(tuple(t["analyse.kolommen"]), tuple(rijen), (26, 16, 58)),
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


def _eerste_zin(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    einde = tekst.find(". ")
    return tekst if einde < 0 else tekst[: einde + 1]
