"""After the advisory talk (`advies gesprek`): record per condition what was decided, the coach's
own verdict and the practical agreements, with the same machinery as the intake: questions as
data (questionnaires/gesprek.yaml), saved after every answer, Ctrl-C and resume, a review, and
the answers file as the non-interactive twin.

The questions per condition come from the advice itself: every condition it puts (also one
refused earlier, so a decision can be revised) gets the template's questions.
"""

from __future__ import annotations

import contextlib
import copy
import shlex
from datetime import date
from pathlib import Path
from typing import Any

from advies.case.model import Casus, OordeelCoach
from advies.case.session import CasusSessie
from advies.case.talk import Gesprek
from advies.errors import Afgebroken, InvoerFout
from advies.knowledge.dutch import zinsdeel
from advies.knowledge.loading import lees_eigen_yaml
from advies.knowledge.model import Kennisbank
from advies.knowledge.resources import data_dir
from advies.questionnaires.answering import ononderbroken
from advies.questionnaires.answers import antwoord_tekst
from advies.questionnaires.flow import Beantwoorder, doorloop, overzicht, zet_antwoord
from advies.questionnaires.intake import Overzicht
from advies.questionnaires.model import Vraag, Vragenlijst, vragenlijst_uit_data
from advies.questionnaires.state import Antwoord, Stand

SECTIE = "gespreksvragen"  # the talk's bookkeeping in meta, as the intake keeps its own
VERDICT = "oordeel_coach.verdict"  # the place of the coach's own verdict in the talk's state
ADVIES_NU = "{advies}"  # in a question's text: the advice after the client's decisions


def voorwaarden_van(kb: Kennisbank, casus: Casus) -> list[tuple[str, str]]:
    """(code, commitment) of every condition the advice puts, before the talk's refusals."""
    from advies.engine.evaluation import evalueer

    zonder_besluiten = casus
    if casus.gesprek is not None:
        gesprek = casus.gesprek.model_copy(update={"voorwaarden": {}})
        zonder_besluiten = casus.model_copy(update={"gesprek": gesprek})
    advies = evalueer(zonder_besluiten, kb, wat_als=False)
    return [
        (b.code, b.toezegging or b.titel) for b in advies.bevindingen if b.ernst == "voorwaardelijk"
    ]


def gesprek_vragenlijst(kb: Kennisbank, casus: Casus) -> Vragenlijst:
    pad = data_dir("questionnaires") / "gesprek.yaml"
    data = lees_eigen_yaml(pad)
    sjabloon = data.pop("per_voorwaarde", [])
    per_voorwaarde = [
        _vul(copy.deepcopy(vraag), code=code, toezegging=toezegging)
        for code, toezegging in voorwaarden_van(kb, casus)
        for vraag in sjabloon
    ]
    return vragenlijst_uit_data(kb, {**data, "vragen": [*per_voorwaarde, *data["vragen"]]}, pad)


def _vul(item: Any, **velden: str) -> Any:
    if isinstance(item, str):
        return item.replace("{code}", velden["code"]).replace("{toezegging}", velden["toezegging"])
    if isinstance(item, dict):
        return {k: _vul(v, **velden) for k, v in item.items()}
    if isinstance(item, list):
        return [_vul(v, **velden) for v in item]
    return item


def stand_uit_gesprek(casus: Casus) -> Stand:
    """The talk's state: its record as dotted places, the coach's verdict, and the bookkeeping."""
    plekken: dict[str, Any] = {}
    if casus.gesprek is not None:
        _plat(casus.gesprek.model_dump(mode="json", exclude_none=True), "", plekken)
    if casus.oordeel_coach is not None:
        plekken[VERDICT] = casus.oordeel_coach.verdict
        plekken["oordeel_coach.reden"] = casus.oordeel_coach.reden
    boek = casus.meta.model_dump(mode="json").get(SECTIE) or {}
    if isinstance(boek, dict) and boek.get("verdict_zonder_reden"):
        plekken.setdefault(VERDICT, boek["verdict_zonder_reden"])
    onbekend = boek.get("onbekend", []) if isinstance(boek, dict) else []
    return Stand(antwoorden=dict(casus.antwoorden), gesprek=plekken, onbekend=set(onbekend))


def _plat(data: dict[str, Any], prefix: str, uit: dict[str, Any]) -> None:
    for sleutel, waarde in data.items():
        if isinstance(waarde, dict):
            _plat(waarde, f"{prefix}{sleutel}.", uit)
        else:
            uit[f"{prefix}{sleutel}"] = waarde


def casus_met_gesprek(basis: Casus, stand: Stand) -> Casus:
    """The case to save: the talk's record built from its places, the coach's verdict once it
    has a reason, and the bookkeeping in meta."""
    record: dict[str, Any] = {}
    for plek, waarde in stand.gesprek.items():
        if plek.startswith("oordeel_coach.") or waarde in (None, ""):
            continue
        doel = record
        *delen, laatste = plek.split(".")
        for deel in delen:
            doel = doel.setdefault(deel, {})
        doel[laatste] = waarde
    for code, besluit in list(record.get("voorwaarden", {}).items()):
        if "besluit" not in besluit:  # a note without a decision waits for the decision
            del record["voorwaarden"][code]
    verdict = stand.gesprek.get(VERDICT)
    reden = stand.gesprek.get("oordeel_coach.reden")
    oordeel = OordeelCoach(verdict=verdict, reden=reden) if verdict and reden else None
    if VERDICT in stand.onbekend:  # "I subscribe to the advice": no verdict of one's own,
        oordeel = None  # even where an earlier one lingers in the file
    boek: dict[str, Any] = {"onbekend": sorted(stand.onbekend)}
    if verdict and not reden:
        boek["verdict_zonder_reden"] = verdict
    meta = basis.meta.model_validate({**basis.meta.model_dump(mode="json"), SECTIE: boek})
    return basis.model_copy(
        update={"gesprek": Gesprek.model_validate(record), "oordeel_coach": oordeel, "meta": meta}
    )


def vul_aan(stand: Stand, casus: Casus) -> None:
    """What an answers file says of the talk counts as answered."""
    van_bestand = stand_uit_gesprek(casus)
    stand.gesprek.update(van_bestand.gesprek)
    stand.onbekend -= set(van_bestand.gesprek)


class Gespreksronde:
    """One run of `advies gesprek` on an existing case file."""

    def __init__(self, kb: Kennisbank, pad: Path, *, houd_ctrl_c: bool = True):
        """`houd_ctrl_c`: hold a Ctrl-C until a save is done (at a terminal; not in a server).
        At a terminal the case file stays locked for the run (`sluit`, or the end of `voer_uit`);
        in a server it is locked for each save."""
        self.kb, self.pad, self.houd_ctrl_c = kb, pad, houd_ctrl_c
        self.sessie = CasusSessie(kb, pad)
        basis = self.sessie.open(vasthouden=houd_ctrl_c)
        if basis is None:
            self.sessie.sluit()
            raise InvoerFout("bestand niet gevonden", bestand=str(pad))
        self.basis = basis
        self.vl = gesprek_vragenlijst(kb, self.basis)
        self.stand = stand_uit_gesprek(self.basis)
        if not self.stand.gesprek.get("datum"):
            self.stand.gesprek["datum"] = date.today().isoformat()
        self._werk_oordeel_bij()

    def bewaar(self, _: Stand | None = None) -> None:
        with self._ononderbroken():
            bewaard = self.sessie.bewaar(casus_met_gesprek(self.basis, self.stand))
        if bewaard is not None:  # changed meanwhile by hand: go on from what the file holds
            self.basis = bewaard
        self._werk_oordeel_bij()

    def _werk_oordeel_bij(self) -> None:
        """The verdict the talk's questions depend on (`tenzij_oordeel`), after every answer."""
        from advies.engine.evaluation import evalueer

        casus = casus_met_gesprek(self.basis, self.stand)
        self.stand.oordeel = evalueer(casus, self.kb, wat_als=False).eindoordeel

    def advies_nu(self) -> str:
        """The advice after the client's decisions, before the coach's own verdict: "no go"."""
        from advies.engine.evaluation import evalueer

        casus = casus_met_gesprek(self.basis, self.stand).model_copy(update={"oordeel_coach": None})
        label = evalueer(casus, self.kb, wat_als=False).verdict_label
        return zinsdeel(label)

    def zoals_gesteld(self, vraag: Vraag) -> Vraag:
        """The question as the coach sees it: `{advies}` says what the advice has become, so
        "Nee, ik onderschrijf het advies" is not answered blind."""
        if ADVIES_NU not in vraag.tekst and all(ADVIES_NU not in k.tekst for k in vraag.keuzes):
            return vraag
        nu = self.advies_nu()
        keuzes = tuple(
            k.model_copy(update={"tekst": k.tekst.replace(ADVIES_NU, nu)}) for k in vraag.keuzes
        )
        return vraag.model_copy(
            update={"tekst": vraag.tekst.replace(ADVIES_NU, nu), "keuzes": keuzes}
        )

    def rijen(self) -> list[tuple[Vraag, str, str]]:
        """The review's rows: each answered question as asked, its label and its answer."""
        uit = []
        for v in overzicht(self.vl, self.stand):
            gesteld = self.zoals_gesteld(v)
            uit.append((v, v.label or v.tekst, antwoord_tekst(gesteld, self.stand, self.kb)))
        return uit

    def sluit(self) -> None:
        self.sessie.sluit()

    def _ononderbroken(self) -> contextlib.AbstractContextManager[None]:
        return ononderbroken() if self.houd_ctrl_c else contextlib.nullcontext()

    def voer_uit(self, beantwoord: Beantwoorder, kies: Overzicht | None) -> Casus:
        try:
            return self._voer_uit(beantwoord, kies)
        finally:
            self.sluit()

    def _voer_uit(self, beantwoord: Beantwoorder, kies: Overzicht | None) -> Casus:
        def gesteld(vraag: Vraag, stand: Stand, waar: tuple[int, int] | None) -> Antwoord:
            return beantwoord(self.zoals_gesteld(vraag), stand, waar)

        try:
            doorloop(self.vl, self.kb, self.stand, gesteld, self.bewaar)
            while kies is not None:
                rijen = self.rijen()
                keuze = kies([(label, antwoord) for _, label, antwoord in rijen])
                if keuze is None:
                    break
                vraag = rijen[keuze][0]
                zet_antwoord(self.stand, vraag, gesteld(vraag, self.stand, None), wis=True)
                self.bewaar()
                doorloop(self.vl, self.kb, self.stand, gesteld, self.bewaar)
            self.bewaar()
        except (KeyboardInterrupt, EOFError):
            raise Afgebroken(
                f"Voortgang is opgeslagen in {self.pad}.\n"
                f"Ga verder met: advies gesprek {shlex.quote(str(self.pad))}"
            ) from None
        return self.leg_vast()

    def leg_vast(self) -> Casus:
        """The talk is recorded: keep what the advice now says and with which rules."""
        from advies.engine.evaluation import evalueer

        casus = casus_met_gesprek(self.basis, self.stand)
        advies = evalueer(casus, self.kb, wat_als=False)
        vastgelegd = casus.vastgelegd.model_copy(update={"gesprek": advies.vastlegging()})
        casus = casus.model_copy(update={"vastgelegd": vastgelegd})
        with self._ononderbroken():
            bewaard = self.sessie.bewaar(casus)
        return casus if bewaard is None else bewaard
