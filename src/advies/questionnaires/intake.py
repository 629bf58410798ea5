"""`advies intake`: create or resume a case file, save after every answer, review, verdict.

The case file is the only state: a coach can stop at any moment (Ctrl-C) and run the same command
again to go on at the first unanswered question.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shlex
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from advies.case.files import bestandsstam
from advies.case.model import Casus, Meta
from advies.case.oserrors import systeemfout
from advies.case.session import CasusSessie
from advies.case.talk import Notitie
from advies.engine.advice import Advies
from advies.errors import AdviesError, Afgebroken, InvoerFout
from advies.knowledge.model import Kennisbank
from advies.questionnaires.answering import casus_uit_stand, ononderbroken, stand_uit_casus, vul_aan
from advies.questionnaires.answers import antwoord_tekst
from advies.questionnaires.flow import (
    Beantwoorder,
    doorloop,
    overzicht,
    te_stellen,
    tegenstrijdig,
    volgende,
    vragen_bij,
    zet_antwoord,
)
from advies.questionnaires.model import Controle, Vraag, Vragenlijst
from advies.questionnaires.state import Antwoord, Stand

SECTIE = "intake"
Overzicht = Callable[[list[tuple[str, str]]], int | None]
# what to do with a row picked in the review: change the answer, or write a note on it
Rijactie = Callable[[str, Notitie | None], Notitie | Literal["wijzig"] | None]
# contradicting answers: the gentle question and the answers it is about; which one to change
Tegenspraak = Callable[[str, list[tuple[str, str]]], int | None]


def casusmap(optie: Path | None = None) -> Path:
    """Where case files go: --map, else $ADVIES_MAP, else `advies` in the user's documents."""
    if optie is not None:
        return optie.expanduser()
    if os.environ.get("ADVIES_MAP"):
        return Path(os.environ["ADVIES_MAP"]).expanduser()
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "advies"


def maak_map(map_: Path) -> bool:
    """Create the folder readable by the owner only (case files describe people); an existing
    folder others can read is made private too. True when an existing folder was tightened."""
    try:
        map_.mkdir(parents=True, exist_ok=True, mode=0o700)
        return verscherp_map(map_)
    except OSError as fout:
        raise AdviesError(
            f"kan de map voor casusbestanden niet maken ({systeemfout(fout)})", bestand=str(map_)
        ) from None


def verscherp_map(map_: Path) -> bool:
    """Make the case folder private if others can read or enter it and it is the user's own."""
    st = map_.stat()
    eigen = not hasattr(os, "geteuid") or st.st_uid == os.geteuid()
    if not eigen or not stat.S_IMODE(st.st_mode) & 0o077:
        return False
    map_.chmod(stat.S_IMODE(st.st_mode) & 0o700)
    return True


def casuspad(casus: str | None, map_: Path) -> Path | None:
    """A path as given (it exists or names a folder), else a name in the case folder."""
    if casus is None:
        return None
    pad = Path(casus).expanduser()
    if pad.exists() or pad.parent != Path(".") or casus.startswith("."):
        return pad
    return map_ / (casus if pad.suffix else f"{casus}.yaml")


def bestandsnamen(map_: Path, naam: str) -> Iterator[Path]:
    """File names from the case's name, in order of preference: `Coördinatoren zorg` ->
    coordinatoren-zorg.yaml, coordinatoren-zorg-2.yaml, ..."""
    stam = bestandsstam(naam).lower()
    yield map_ / f"{stam}.yaml"
    for n in itertools.count(2):
        yield map_ / f"{stam}-{n}.yaml"


def opdracht(pad: Path) -> str:
    return f"advies intake {shlex.quote(str(pad))}"


class Intake:
    """One intake run: `beantwoord` asks (terminal or file); `kies` is the review (or None).

    At a terminal the case file is locked from the start (an existing one) or from its creation
    (a new one) until the run ends (`sluit`, or the end of `voer_uit`): a second intake on it is
    refused. A server (`houd_ctrl_c=False`, one request per answer) locks it for each save.
    """

    def __init__(
        self,
        kb: Kennisbank,
        vl: Vragenlijst,
        pad: Path | None,
        map_: Path,
        meld: Callable[[str], None],
        *,
        houd_ctrl_c: bool = True,
    ):
        """`houd_ctrl_c`: hold a Ctrl-C until a save is done (at a terminal); a server stops
        through its own signal handling, and never mid-request."""
        self.kb, self.vl, self.pad, self.map, self.meld = kb, vl, pad, map_, meld
        self.houd_ctrl_c = houd_ctrl_c
        self.basis = Casus(meta=Meta(datum=date.today().isoformat()))
        self.nieuw = True
        self.sessie: CasusSessie | None = None
        if pad is not None:
            self.sessie = CasusSessie(kb, pad)
            bestaand = self.sessie.open(vasthouden=houd_ctrl_c)
            if bestaand is not None:
                self.basis, self.nieuw = bestaand, False
            if pad.parent == map_ and map_.is_dir():
                self._verscherp()
        self.stand: Stand = stand_uit_casus(self.basis, SECTIE)
        self.notities: dict[str, Notitie] = dict(self.basis.notities)
        self.klaar = bool((self.basis.meta.model_dump().get(SECTIE) or {}).get("klaar"))

    def sluit(self) -> None:
        if self.sessie is not None:
            self.sessie.sluit()

    def __enter__(self) -> Intake:
        return self

    def __exit__(self, *_: object) -> None:
        self.sluit()

    def vul_aan(self, casus: Casus) -> None:
        vul_aan(self.stand, casus)

    def _verscherp(self) -> None:
        if maak_map(self.map):
            self.meld(f"De map {self.map} was ook voor anderen leesbaar; nu alleen voor u.")

    def bewaar(self, stand: Stand | None = None) -> None:
        if self.sessie is None:
            naam = self.stand.meta.get("naam") or self.stand.meta.get("organisatie")
            if not naam:
                return  # nothing to name the file after yet
            self._verscherp()
            self.sessie = CasusSessie.nieuw(
                self.kb, bestandsnamen(self.map, str(naam)), vasthouden=self.houd_ctrl_c
            )
            self.pad = self.sessie.pad
            self.meld(f"Casusbestand: {self.pad}")
        casus = self._casus(klaar=self.klaar)
        with ononderbroken() if self.houd_ctrl_c else contextlib.nullcontext():
            bewaard = self.sessie.bewaar(casus)
        if bewaard is not None:  # the file was changed meanwhile: go on from what it holds now
            self.basis = bewaard
            self.notities = dict(bewaard.notities)
            nu = stand_uit_casus(bewaard, SECTIE)
            self.stand.antwoorden, self.stand.meta = nu.antwoorden, nu.meta
            self.stand.onbekend, self.stand.afgeleid = nu.onbekend, nu.afgeleid

    def _casus(self, *, klaar: bool) -> Casus:
        casus = casus_uit_stand(self.basis, self.stand, SECTIE, klaar=klaar)
        return casus.model_copy(update={"notities": dict(self.notities)})

    def voer_uit(
        self,
        beantwoord: Beantwoorder,
        kies: Overzicht | None,
        actie: Rijactie | None = None,
        tegenspraak: Tegenspraak | None = None,
        *,
        tussendoor: bool = True,
    ) -> Casus:
        """Ask what is left, check for answers that contradict each other, review (when there is
        a screen), save as finished; KeyboardInterrupt at any moment becomes Afgebroken with the
        command that resumes. `tussendoor`: save after every answer (at a terminal); without it
        (an answers file) the file is written once, at the end, so a run that fails leaves
        nothing behind."""
        try:
            if self.pad is not None and self.nieuw and tussendoor:
                self.bewaar()
            doorloop(
                self.vl, self.kb, self.stand, beantwoord, self.bewaar if tussendoor else _niets
            )
            self._controleer(beantwoord, tegenspraak)
            while kies is not None:
                rijen = overzicht(self.vl, self.stand)
                keuze = kies([(self.label(v), self._antwoord(v)) for v in rijen])
                if keuze is None:
                    break
                vraag = rijen[keuze]
                gedaan = (
                    actie(self.label(vraag), self.notities.get(vraag.id)) if actie else "wijzig"
                )
                if isinstance(gedaan, Notitie):
                    self.notities[vraag.id] = gedaan
                    self.bewaar()
                    continue
                if gedaan is None:
                    continue
                self._wijzig(vraag, beantwoord)
                self._controleer(beantwoord, tegenspraak)
            self.klaar = True
            self.bewaar()
        except (KeyboardInterrupt, EOFError):
            if self.pad is None or self.sessie is None or not self.sessie.bestaat:
                raise Afgebroken("Intake afgebroken. Er was nog niets opgeslagen.") from None
            raise Afgebroken(
                f"Voortgang is opgeslagen in {self.pad}.\nGa verder met: {opdracht(self.pad)}"
            ) from None
        finally:
            self.sluit()
        if self.pad is None:
            raise AdviesError("de casus heeft geen naam; geef een CASE op of vul meta.naam in")
        return self._casus(klaar=True)

    def _antwoord(self, v: Vraag) -> str:
        tekst = antwoord_tekst(v, self.stand, self.kb)
        return f"{tekst} (met notitie)" if v.id in self.notities else tekst

    def _wijzig(self, vraag: Vraag, beantwoord: Beantwoorder) -> None:
        """Ask an answered question again; what its new answer opens up is asked next. A check
        the coach confirmed on this answer is asked again if it still holds."""
        antwoord = beantwoord(vraag, self.stand, None)
        if antwoord.terug:
            return
        self.beantwoord(vraag, antwoord, wijzig=True)
        doorloop(self.vl, self.kb, self.stand, beantwoord, self.bewaar)

    def _controleer(self, beantwoord: Beantwoorder, tegenspraak: Tegenspraak | None) -> None:
        """Answers that contradict each other (`controles` in the questionnaire) get a gentle
        question: change one of them, or confirm that it is so. From a file, a note."""
        gemeld: set[str] = set()
        while controles := [c for c in tegenstrijdig(self.vl, self.stand) if c.id not in gemeld]:
            controle = controles[0]
            if tegenspraak is None:
                self.meld(f"Let op: {controle.tekst}")
                gemeld.add(controle.id)
                continue
            vragen = vragen_bij(self.vl, self.stand, controle)
            keuze = tegenspraak(
                controle.tekst,
                [(self.label(v), antwoord_tekst(v, self.stand, self.kb)) for v in vragen],
            )
            if keuze is None:
                self.bevestig(controle.id)
            else:
                self._wijzig(vragen[keuze], beantwoord)

    def tegenstrijdig(self) -> list[tuple[Controle, list[Vraag]]]:
        """The answers that contradict each other now and are not confirmed: each check with the
        answered questions it is about (the terminal asks them one by one, a page shows them)."""
        return [(c, vragen_bij(self.vl, self.stand, c)) for c in tegenstrijdig(self.vl, self.stand)]

    def bevestig(self, controle_id: str) -> None:
        """The coach says contradicting answers are right as they are: saved, not asked again
        until one of them changes. An unknown check is refused (an old or hand-made page)."""
        if all(c.id != controle_id for c in self.vl.controles):
            raise InvoerFout(
                f"'{controle_id[:40]}' is geen controle van de {self.vl.naam}",
                bestand=str(self.pad) if self.pad else None,
            )
        self.stand.bevestigd.add(controle_id)
        self.bewaar()

    def zet_notitie(self, vraag: Vraag, notitie: Notitie | None) -> None:
        """Write, change or (None) remove the coach's note on an answer, and save."""
        if notitie is None:
            self.notities.pop(vraag.id, None)
        else:
            self.notities[vraag.id] = notitie
        self.bewaar()

    def label(self, v: Vraag) -> str:
        """The question's short name on the review screen."""
        if v.label:
            return v.label
        return str(self.kb.feiten[v.feit]["label"]) if v.feit else v.id

    # --- one step at a time: a face that does not hold the run open (the browser) -------------

    def volgende(self) -> tuple[Vraag, tuple[int, int]] | None:
        """The next question and where it stands, or None when all is asked."""
        return volgende(self.vl, self.kb, self.stand)

    def rijen(self) -> list[tuple[Vraag, str, str]]:
        """The review: each answered question with its label and its answer in words."""
        return [(v, self.label(v), self._antwoord(v)) for v in overzicht(self.vl, self.stand)]

    def vraag(self, vraag_id: str) -> Vraag:
        """A question that may be answered now: the next one, or one answered before (changed in
        the review). Anything else is refused, so an old page cannot fill a skipped question."""
        mogelijk = te_stellen(self.vl, self.kb, self.stand)[:1]
        mogelijk += overzicht(self.vl, self.stand)
        for v in mogelijk:
            if v.id == vraag_id:
                return v
        raise InvoerFout(
            f"de vraag '{vraag_id[:40]}' is nu niet aan de orde; ga verder bij de vraag die de "
            "intake nu stelt",
            bestand=str(self.pad) if self.pad else None,
        )

    def beantwoord(self, vraag: Vraag, antwoord: Antwoord, *, wijzig: bool = False) -> None:
        """Record one answer and save it at once; `wijzig`: the user changes an earlier answer,
        and a check on contradicting answers the coach confirmed on it is asked again."""
        zet_antwoord(self.stand, vraag, antwoord, wis=wijzig)
        if wijzig:
            for controle in self.vl.controles:
                if vraag.id in controle.vragen:
                    self.stand.bevestigd.discard(controle.id)
        self.bewaar()

    def rond_af(self) -> Casus:
        """Mark the intake finished (after the review) and save."""
        self.klaar = True
        self.bewaar()
        return self.casus()

    def casus(self) -> Casus:
        return self._casus(klaar=self.klaar)


@dataclass(frozen=True)
class OordeelKort:
    """The verdict so far, with what it rests on: the line after an intake, the panel beside it."""

    verdict: str
    label: str
    zin: str
    kop: str  # what the points are: conditions, what fits better, what to answer first
    punten: tuple[str, ...] = ()
    scheiding: str = ", "  # between the points on one line


def oordeel_kort(advies: Advies, kb: Kennisbank) -> OordeelKort:
    kop, scheiding = "", ", "
    punten: tuple[str, ...] = ()
    if advies.verdict == "no_go" and advies.alternatief:
        kop, punten = "Wat beter past", tuple(a.naam for a in advies.alternatief)
    elif advies.verdict == "go_onder_voorwaarden":
        kop, scheiding = "Voorwaarden", "; "
        punten = tuple((b.toezegging or b.titel).rstrip(".") for b in advies.voorwaarden)
    elif advies.verdict == "onvoldoende_informatie":
        kop = "Eerst te beantwoorden"
        punten = tuple(
            str(kb.feiten[v.feit]["label"]).lower() for v in advies.open_vragen if v.beslissend
        )
    return OordeelKort(
        advies.verdict, advies.verdict_label, advies.verdict_zin, kop, punten, scheiding
    )


def _niets(_: Stand) -> None:
    """No save between answers."""


def oordeelregel(advies: Advies, kb: Kennisbank) -> str:
    """The verdict in one line, with what it rests on (the full advice is one command away)."""
    kort = oordeel_kort(advies, kb)
    regel = f"Oordeel: {kort.label.upper()}"
    if not kort.kop:
        return regel
    return f"{regel}; {kort.kop.lower()}: {kort.scheiding.join(kort.punten)}"
