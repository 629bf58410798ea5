"""A case file being worked on by an intake or a self-check that saves it: nothing lost.

- **Locked for the whole run** (at a terminal). A second intake on the same file is told at once
  that the case is open elsewhere, instead of both saving over each other's answers. A face that
  does not hold a run open (the browser: one request per answer) locks it for each save only.
- **New files are created exclusively.** Two new intakes with the same name each get a file of
  their own (`naam.yaml`, `naam-2.yaml`).
- **Re-read before each save.** A change made meanwhile by hand (the README invites editing) is
  kept: only what this run changed since its last save is written over it. If the file was made
  unreadable meanwhile, the save is refused rather than the coach's edit lost.
- **Comments kept.** The file is updated through ruamel.yaml's round trip, so comments a coach
  wrote in it, and the order of the keys, survive every save.
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from advies.case.atomic import controleer_doel, schrijf_atomisch
from advies.case.fact_values import Feitencatalogus
from advies.case.files import KOP, casus_als_data, lees_casus
from advies.case.input_files import lees_tekstbestand, open_invoerbestand
from advies.case.locking import InGebruik, Vergrendeling, vergrendeld
from advies.case.model import Casus, maak_casus
from advies.case.yaml_io import dump_yaml, lees_yaml_tekst
from advies.errors import AdviesError, InvoerFout

_GEEN = object()
_DELEN = ("meta", "antwoorden")  # merged key by key; the other parts as a whole


class CasusSessie:
    """One case file, locked from `open` (or `nieuw`) until `sluit`."""

    def __init__(self, kb: Feitencatalogus, pad: Path):
        self.kb, self.pad = kb, Path(pad)
        self._slot = Vergrendeling(self.pad)
        self._laatst: dict[str, Any] | None = None  # the data as last read or written
        self._rt: Any = None  # the same, as ruamel's round-trip data (with comments)
        self._stempel: tuple[int, int, int] | None = None  # the file as we left it

    @property
    def bestaat(self) -> bool:
        return self._laatst is not None

    def open(self, *, vasthouden: bool = True, wacht: float = 0.0) -> Casus | None:
        """Lock the file and read it: the case, or None when there is no file yet.
        `vasthouden`: keep it locked until `sluit` (else only while each save runs); `wacht`:
        seconds to wait for another run that has it open."""
        if self.pad.exists():  # a file that cannot be read says so, before its folder is locked
            open_invoerbestand(self.pad, max_grootte=None).close()
        self._slot.neem(wat="deze casus", wacht=wacht)
        try:
            if not self.pad.exists():
                return None
            casus = self._lees()
            controleer_doel(self.pad)  # read-only: say so before the coach answers anything
        except BaseException:
            self.sluit()
            raise
        if not vasthouden:
            self.sluit()
        return casus

    @classmethod
    def nieuw(
        cls, kb: Feitencatalogus, kandidaten: Iterable[Path], *, vasthouden: bool = True
    ) -> CasusSessie:
        """A session on the first candidate path that no file and no other run claims."""
        for pad in kandidaten:
            if pad.exists():
                continue
            sessie = cls(kb, pad)
            try:
                if sessie.open(vasthouden=vasthouden) is None:
                    return sessie
            except InGebruik:
                continue
            sessie.sluit()
        raise AdviesError("geen vrije bestandsnaam gevonden voor deze casus")  # pragma: no cover

    def sluit(self) -> None:
        self._slot.geef_vrij()

    def __enter__(self) -> CasusSessie:
        return self

    def __exit__(self, *_: object) -> None:
        self.sluit()

    def bewaar(self, casus: Casus) -> Casus | None:
        """Save what this run changed in `casus` since the last save, over the file as it is now.
        Returns the case as saved when the file held changes made meanwhile (by hand), else None."""
        if self._slot.gehouden:
            return self._bewaar(casus)
        with vergrendeld(self.pad):  # not held for the run: for this save
            return self._bewaar(casus)

    def _bewaar(self, casus: Casus) -> Casus | None:
        ons = casus_als_data(casus)
        if self._laatst is not None and not self.pad.exists():
            self._laatst = None  # removed meanwhile: write it anew, whole
        if self._laatst is None:
            schrijf_atomisch(self.pad, KOP + dump_yaml(ons), nieuw=True)
            self._na_schrijven(ons, None)
            return None
        basis = self._laatst  # what this run last read or wrote: ons - basis is its change
        gewijzigd = self._stempel != _stempel(self.pad)
        if gewijzigd:
            self._lees(opnieuw=True)
        assert self._laatst is not None
        schijf = copy.deepcopy(self._laatst)
        if self._rt is None:
            self._rt = lees_yaml_tekst(lees_tekstbestand(self.pad), str(self.pad), met_regels=True)
        rt = self._rt
        for sleutel, waarde in _verschil(basis, ons):
            deel, _, naam = sleutel.rpartition("/")
            _zet(schijf, deel, naam, waarde)
            _zet(rt, deel, naam, waarde)
        uit = io.StringIO()
        _rt_yaml().dump(rt, uit)
        schrijf_atomisch(self.pad, uit.getvalue())
        self._na_schrijven(schijf, rt)
        return maak_casus(self.kb, schijf, bestand=str(self.pad)) if gewijzigd else None

    def _lees(self, *, opnieuw: bool = False) -> Casus:
        try:
            casus = lees_casus(self.kb, self.pad)
        except InvoerFout as fout:
            if not opnieuw:
                raise
            raise InvoerFout(
                f"het casusbestand is intussen buiten deze intake gewijzigd en is nu niet meer "
                f"te lezen ({fout.message}); uw laatste antwoord is daarom niet bewaard. Herstel "
                "het bestand en ga daarna verder",
                bestand=fout.bestand,
                regel=fout.regel,
            ) from None
        self._laatst, self._rt = casus_als_data(casus), None
        self._stempel = _stempel(self.pad)
        return casus

    def _na_schrijven(self, data: dict[str, Any], rt: Any) -> None:
        self._laatst, self._rt, self._stempel = data, rt, _stempel(self.pad)


def _stempel(pad: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(pad)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _verschil(basis: dict[str, Any], ons: dict[str, Any]) -> list[tuple[str, Any]]:
    """("deel/naam" or "/naam", new value or _GEEN) for each key this run changed: meta and
    antwoorden key by key, every other part of the case as a whole."""
    verschil = []
    for naam in [*basis, *(n for n in ons if n not in basis)]:
        if naam in _DELEN:
            oud, nieuw = basis.get(naam) or {}, ons.get(naam) or {}
            for sleutel in [*oud, *(n for n in nieuw if n not in oud)]:
                if oud.get(sleutel, _GEEN) != nieuw.get(sleutel, _GEEN):
                    verschil.append((f"{naam}/{sleutel}", nieuw.get(sleutel, _GEEN)))
        elif basis.get(naam, _GEEN) != ons.get(naam, _GEEN):
            verschil.append(("/" + naam, ons.get(naam, _GEEN)))
    return verschil


def _zet(data: Any, deel: str, naam: str, waarde: Any) -> None:
    """Set (or with _GEEN remove) `naam` at the top level or in part `deel` of `data`."""
    if deel:
        if not isinstance(data.get(deel), dict):
            if waarde is _GEEN:
                return
            data[deel] = _lege_map(data)
        data = data[deel]
    if waarde is _GEEN:
        data.pop(naam, None)
    else:
        data[naam] = waarde


def _lege_map(data: Any) -> Any:
    if type(data) is dict:
        return {}
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def _rt_yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.width = 4096  # keep the coach's own line breaks: ruamel would wrap long lines again
    return yaml
