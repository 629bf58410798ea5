"""Shared fixtures, and the collector of the case tests in tests/cases/*.yaml.

A case test is a YAML file named as a Dutch sentence (`een-team-met-...-geen-intervisie.yaml`)
holding a case and what the advice must say about it. pytest collects one item per file, named by
its `naam`; a failure prints the file, the name and, per expected key, what was expected and what
the advice gave. The format:

    naam: een team met een gedeeld conflict krijgt geen intervisie   # the file name, as a sentence
    bron: VDL, tabel i.1                # where the expectation comes from (optional)
    xfail_reden: ...                    # optional: the rules seem wrong here; a strict xfail
    casus: {antwoorden: {...}}          # as in a case file (meta, oordeel_coach optional)
    verwacht:
      verdict: no_go                    # required
      bevindingen: [GEDEELDE_CONFLICTEN]    # present
      geen_bevindingen: [VRIJWILLIG]        # absent
      alternatief: [conflictbemiddeling]    # exactly these, in this order
      open_vragen: [deelname]               # among the decisive open questions
      methoden_begin: [basismodel]          # the proposal starts with these, in this order
      geen_methoden: [reflecting_team]      # not proposed at all
      vorm: intervisiecoach
      stijl: leidend
      groepen: [7, 7, 6]
      kleinste_groep: 5                     # no proposed group is smaller
      wat_als_verdicts: [go]                # the set of verdicts the what-if suggestions reach
      geen_voorstel: true                   # no methods, groups, form or style (a no go)
      sleutelvoorwaarden: {veiligheid: voorwaarde}  # these key conditions stand so
      niet_mee: 1                           # people named who are not counted in the groups
      begeleid: 3                           # sessions of those planned the coach guides
      brief_bevat: ["zonder gevolgen"]      # the client's letter says this (spaces folded)
      brief_niet: ["de coach"]              # ... and not this
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from advies.engine.advice import Advies
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank

CASES = Path(__file__).parent / "cases"
VERWACHT_SLEUTELS = (
    "verdict",
    "bevindingen",
    "geen_bevindingen",
    "alternatief",
    "open_vragen",
    "methoden_begin",
    "geen_methoden",
    "vorm",
    "stijl",
    "groepen",
    "kleinste_groep",
    "wat_als_verdicts",
    "geen_voorstel",
    "sleutelvoorwaarden",
    "niet_mee",
    "begeleid",
    "brief_bevat",
    "brief_niet",
)
CASE_SLEUTELS = ("naam", "bron", "xfail_reden", "casus", "verwacht")


@pytest.fixture(scope="session", autouse=True)
def vaste_omgeving(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A fixed terminal (width, no colour) for stable output, and a knowledge-base cache of our own
    so the tests neither read nor fill the user's cache folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COLUMNS", "100")
        mp.setenv("NO_COLOR", "1")
        mp.setenv("ADVIES_CACHE", str(tmp_path_factory.mktemp("advies-cache")))
        yield


@pytest.fixture(scope="session", autouse=True)
def voorbeelden_ongewijzigd() -> Iterator[None]:
    """The shipped examples are what a new user runs first: a test that writes into one (as
    `rapport -o` records the advice in its case) must work on a copy. Fails the session's end."""
    map_ = Path(__file__).parent.parent / "voorbeelden"
    voor = {p.name: p.read_bytes() for p in sorted(map_.iterdir()) if p.is_file()}
    yield
    na = {p.name: p.read_bytes() for p in sorted(map_.iterdir()) if p.is_file()}
    gewijzigd = sorted(n for n in voor.keys() | na.keys() if voor.get(n) != na.get(n))
    assert not gewijzigd, f"a test changed voorbeelden/: {gewijzigd}"


@pytest.fixture(scope="session")
def kb() -> Kennisbank:
    return laad_kennisbank()


# --- case tests ----------------------------------------------------------------------------------


def lees_case(pad: Path) -> dict[str, Any]:
    """A case test file, checked for its own shape (a typo in a key must not pass silently)."""
    data = YAML(typ="safe").load(pad.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise CaseFout(pad, "een case-test is een mapping met naam, casus en verwacht")
    onbekend = set(data) - set(CASE_SLEUTELS)
    if onbekend:
        raise CaseFout(pad, f"onbekende sleutel(s) {sorted(onbekend)}; toegestaan: {CASE_SLEUTELS}")
    for sleutel in ("naam", "casus", "verwacht"):
        if sleutel not in data:
            raise CaseFout(pad, f"'{sleutel}' ontbreekt")
    verwacht = data["verwacht"]
    if not isinstance(verwacht, dict) or "verdict" not in verwacht:
        raise CaseFout(pad, "'verwacht' heeft minstens een 'verdict'")
    onbekend = set(verwacht) - set(VERWACHT_SLEUTELS)
    if onbekend:
        raise CaseFout(
            pad, f"onbekende verwachting(en) {sorted(onbekend)}; toegestaan: {VERWACHT_SLEUTELS}"
        )
    if pad.stem != als_bestandsnaam(data["naam"]):
        raise CaseFout(
            pad,
            f"de bestandsnaam hoort de naam als zin te zijn: {als_bestandsnaam(data['naam'])}.yaml",
        )
    return data


def als_bestandsnaam(naam: str) -> str:
    """'directe collega's uit hetzelfde team' -> 'directe-collegas-uit-hetzelfde-team'."""
    return "-".join(re.sub(r"[^a-z0-9 ]+", " ", naam.lower().replace("'", "")).split())


def evalueer_case(kb: Kennisbank, pad: Path, data: dict[str, Any], *, wat_als: bool) -> Advies:
    from advies.case.model import maak_casus
    from advies.engine.evaluation import evalueer

    return evalueer(maak_casus(kb, data["casus"], bestand=str(pad)), kb, wat_als=wat_als)


def brief_van_case(kb: Kennisbank, pad: Path, data: dict[str, Any], advies: Advies) -> str:
    """The client's letter of a case test as Markdown, its whitespace folded."""
    from datetime import date

    from advies.case.model import maak_casus
    from advies.report.markdown import als_markdown
    from advies.report.sections import bouw_document

    casus = maak_casus(kb, data["casus"], bestand=str(pad))
    brief = als_markdown(bouw_document(casus, advies, kb, voor="klant", datum=date(2026, 12, 1)))
    return " ".join(brief.split())


def verschillen(
    verwacht: dict[str, Any], advies: Advies, brief: str = ""
) -> list[tuple[str, Any, Any]]:
    """(key, expected, got) for every expectation the advice (and its letter) does not meet."""
    codes = [b.code for b in advies.bevindingen]
    methoden = [m.code for m in advies.methoden]
    groepen = advies.samenstelling.groepen
    beslissend = [v.feit for v in advies.open_vragen if v.beslissend]
    vorm, stijl = advies.begeleiding.vorm, advies.begeleiding.stijl
    gekregen: dict[str, tuple[Any, bool]] = {}  # key -> (what the advice says, expectation met)
    for sleutel, waarde in verwacht.items():
        if sleutel == "verdict":
            gekregen[sleutel] = (advies.verdict, advies.verdict == waarde)
        elif sleutel == "bevindingen":
            gekregen[sleutel] = (codes, set(waarde) <= set(codes))
        elif sleutel == "geen_bevindingen":
            gekregen[sleutel] = (codes, not set(waarde) & set(codes))
        elif sleutel == "alternatief":
            alt = [a.code for a in advies.alternatief]
            gekregen[sleutel] = (alt, alt == waarde)
        elif sleutel == "open_vragen":
            gekregen[sleutel] = (beslissend, set(waarde) <= set(beslissend))
        elif sleutel == "methoden_begin":
            gekregen[sleutel] = (methoden, methoden[: len(waarde)] == waarde)
        elif sleutel == "geen_methoden":
            gekregen[sleutel] = (methoden, not set(waarde) & set(methoden))
        elif sleutel == "vorm":
            gekregen[sleutel] = (vorm and vorm.code, (vorm and vorm.code) == waarde)
        elif sleutel == "stijl":
            gekregen[sleutel] = (stijl and stijl.code, (stijl and stijl.code) == waarde)
        elif sleutel == "groepen":
            gekregen[sleutel] = (groepen, groepen == waarde)
        elif sleutel == "kleinste_groep":
            gekregen[sleutel] = (groepen, bool(groepen) and min(groepen) >= waarde)
        elif sleutel == "geen_voorstel":  # a no go proposes no intervision at all
            leeg = not (methoden or groepen or vorm or stijl)
            gekregen[sleutel] = ((methoden, groepen, vorm and vorm.code), leeg == waarde)
        elif sleutel == "sleutelvoorwaarden":
            stand = {s.code: s.status for s in advies.sleutelvoorwaarden}
            gekregen[sleutel] = (stand, all(stand.get(k) == v for k, v in waarde.items()))
        elif sleutel == "niet_mee":
            gekregen[sleutel] = (
                advies.samenstelling.niet_mee,
                advies.samenstelling.niet_mee == waarde,
            )
        elif sleutel == "begeleid":
            aantal = advies.begeleiding.aantal_begeleid
            gekregen[sleutel] = (aantal, aantal == waarde)
        elif sleutel == "brief_bevat":
            mist = [w for w in waarde if " ".join(w.split()) not in brief]
            gekregen[sleutel] = (f"niet in de brief: {mist}", not mist)
        elif sleutel == "brief_niet":
            staat = [w for w in waarde if " ".join(w.split()) in brief]
            gekregen[sleutel] = (f"wel in de brief: {staat}", not staat)
        elif sleutel == "wat_als_verdicts":
            bereikt = sorted({w.verdict for w in advies.wat_als or []})
            gekregen[sleutel] = (bereikt, bereikt == sorted(set(waarde)))
    return [(k, verwacht[k], got) for k, (got, ok) in gekregen.items() if not ok]


class CaseFout(Exception):
    """A case test file that is not a valid case test."""

    def __init__(self, pad: Path, bericht: str):
        super().__init__(f"{pad}: {bericht}")


@dataclass
class CaseVerschil(Exception):
    pad: Path
    naam: str
    verschil: list[tuple[str, Any, Any]]


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent == CASES:
        return CaseBestand.from_parent(parent, path=file_path)
    return None


class CaseBestand(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        data = lees_case(self.path)
        item = CaseTest.from_parent(self, name=data["naam"], data=data)
        if data.get("xfail_reden"):
            # strict: once the rules are fixed, the XPASS fails and the reason must be removed
            item.add_marker(
                pytest.mark.xfail(reason=" ".join(data["xfail_reden"].split()), strict=True)
            )
        yield item


class CaseTest(pytest.Item):
    def __init__(self, *, data: dict[str, Any], **kwargs: Any):
        super().__init__(**kwargs)
        self.data = data

    def runtest(self) -> None:
        verwacht = self.data["verwacht"]
        with pytest.MonkeyPatch.context() as mp:
            # a custom item gets no fixtures: without the session's own cache folder, use none
            # rather than the user's
            if "ADVIES_CACHE" not in os.environ:
                mp.setenv("ADVIES_GEEN_CACHE", "1")
            kb = laad_kennisbank()
            advies = evalueer_case(kb, self.path, self.data, wat_als=True)
            brief = (
                brief_van_case(kb, self.path, self.data, advies)
                if {"brief_bevat", "brief_niet"} & set(verwacht)
                else ""
            )
        verschil = verschillen(verwacht, advies, brief)
        if verschil:
            raise CaseVerschil(self.path, self.name, verschil)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CaseVerschil):
            fout = excinfo.value
            bestand = fout.pad.relative_to(self.config.rootpath)
            regels = [f"case-test {bestand}", f"  {fout.naam}"]
            for sleutel, verwacht, gekregen in fout.verschil:
                regels += [
                    f"  {sleutel}:",
                    f"    verwacht: {verwacht}",
                    f"    gekregen: {gekregen}",
                ]
            return "\n".join(regels)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case: {self.name}"
