"""The engine and a plain-Python oracle (tests/oracle.py) give the same advice on random cases.

The oracle reads the same parsed rules with three-valued logic and the verdict rule of the domain
brief §4, without the engine. Agreement on 10,000 seeded cases (and on what hypothesis finds)
shows that the compilation into durable_rules patterns, the forward chaining of findings into
blocks and the gated verdict rules do what the rules say.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advies.case.fact_values import weigerbare_codes
from advies.case.model import maak_casus
from advies.engine.advice import Advies
from advies.engine.evaluation import evalueer
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank, Samenstellingsregel
from oracle import CasusGenerator, OracleUitkomst, beoordeel

AANTAL = 10_000
SEED = 20_240_611


@pytest.fixture(scope="module")
def kb() -> Kennisbank:
    return laad_kennisbank()


def engine_kant(kb: Kennisbank, advies: Advies) -> dict[str, Any]:
    """The parts of the engine's advice that the oracle also computes. The composition rules
    that fired are compared as a set: which of them has words for this proposal (one group or
    more) is the advice's, not the rules'."""
    samenstelling = {
        s.regel
        for s in advies.trace
        if s.uitkomst == "waar"
        and (
            isinstance(kb.regel(s.regel), Samenstellingsregel)
            or getattr(kb.regel(s.regel), "samenstelling", None)
        )
    }
    if advies.verdict == "no_go":  # a no go proposes no group
        samenstelling = set()
    return {
        "verdict": advies.verdict,
        "bevindingen": {b.code for b in advies.bevindingen},
        "dubbele bevindingen": len(advies.bevindingen) - len({b.code for b in advies.bevindingen}),
        "geweigerd": {b.code for b in advies.bevindingen if b.geweigerd},
        "open vragen (beslissend)": {v.feit for v in advies.open_vragen if v.beslissend},
        "open vragen (alle)": {v.feit for v in advies.open_vragen},
        "methoden": [(m.code, m.regels) for m in advies.methoden],
        "vorm": advies.begeleiding.vorm and advies.begeleiding.vorm.code,
        "stijl": advies.begeleiding.stijl and advies.begeleiding.stijl.code,
        "samenstelling": samenstelling,
        "sleutelvoorwaarden": {s.code: s.status for s in advies.sleutelvoorwaarden},
        "sleutelvoorwaarden, ontbrekende feiten": {
            s.code: s.ontbrekende_feiten for s in advies.sleutelvoorwaarden
        },
    }


def oracle_kant(o: OracleUitkomst) -> dict[str, Any]:
    return {
        "verdict": o.verdict,
        "bevindingen": o.bevindingen,
        "dubbele bevindingen": 0,
        "geweigerd": o.geweigerd,
        "open vragen (beslissend)": o.open_beslissend,
        "open vragen (alle)": o.open_feiten,
        "methoden": o.methoden,
        "vorm": o.vorm,
        "stijl": o.stijl,
        "samenstelling": set(o.samenstelling),
        "sleutelvoorwaarden": o.sleutelvoorwaarden,
        "sleutelvoorwaarden, ontbrekende feiten": o.sleutel_ontbreekt,
    }


def verschillen(kb: Kennisbank, antwoorden: dict[str, Any]) -> list[str]:
    """Where engine and oracle differ on one case, as readable lines (empty when they agree)."""
    casus = maak_casus(kb, {"antwoorden": antwoorden}, bestand="<willekeurig>")
    engine = engine_kant(kb, evalueer(casus, kb, wat_als=False))
    oracle = oracle_kant(beoordeel(kb, casus.antwoorden))
    return [
        f"  {sleutel}: engine {engine[sleutel]!r} / oracle {oracle[sleutel]!r}"
        for sleutel in engine
        if engine[sleutel] != oracle[sleutel]
    ]


def rapport(fouten: list[tuple[dict[str, Any], list[str]]], totaal: int) -> str:
    regels = [f"engine en oracle verschillen in {len(fouten)} van {totaal} casussen; de eerste:"]
    for antwoorden, verschil in fouten[:5]:
        regels += [f"casus {antwoorden!r}", *verschil]
    return "\n".join(regels)


def test_engine_and_oracle_agree_on_ten_thousand_seeded_random_cases(kb: Kennisbank) -> None:
    generator = CasusGenerator(kb, SEED)
    fouten = []
    verdicts: dict[str, int] = {}
    for _ in range(AANTAL):
        antwoorden = generator.antwoorden()
        verschil = verschillen(kb, antwoorden)
        if verschil:
            fouten.append((antwoorden, verschil))
        verdict = beoordeel(kb, antwoorden).verdict
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
    assert not fouten, rapport(fouten, AANTAL)
    # the comparison means little unless every verdict was reached often
    assert set(verdicts) == {"go", "go_onder_voorwaarden", "onvoldoende_informatie", "no_go"}
    assert min(verdicts.values()) >= 100, verdicts


def test_random_cases_reach_every_finding_and_every_proposal_rule(kb: Kennisbank) -> None:
    """The generator is only a good test if the random cases make every rule hold somewhere."""
    generator = CasusGenerator(kb, SEED)
    gezien_waar: set[str] = set()
    gezien_onbeslist: set[str] = set()
    for _ in range(2_000):
        o = beoordeel(kb, generator.antwoorden())
        gezien_waar |= o.bevindingen
        gezien_onbeslist |= set(o.onbeslist)
    assert {b.code for b in kb.bevindingen} <= gezien_waar
    assert {b.id for b in kb.bevindingen if b.soort != "indicatie"} <= gezien_onbeslist


def antwoorden_strategie(kb: Kennisbank) -> st.SearchStrategy[dict[str, Any]]:
    """Any combination of known and unknown facts, every known one with an allowed value."""
    velden: dict[str, st.SearchStrategy[Any]] = {}
    for feit, d in kb.feiten.items():
        soort = d["type"]
        if soort == "keuze":
            waarde: st.SearchStrategy[Any] = st.sampled_from(list(d["waarden"]))
        elif soort == "ja_nee":
            waarde = st.booleans()
        elif soort == "getal":
            waarde = st.integers(d.get("min", 0), min(d.get("max", 1000), 300))
        else:
            waarde = st.lists(st.sampled_from(weigerbare_codes(kb)), unique=True, max_size=3)
        velden[feit] = st.none() | waarde
    return st.fixed_dictionaries(velden).map(
        lambda a: {k: v for k, v in a.items() if v is not None}
    )


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_engine_and_oracle_agree_on_any_case_hypothesis_finds(
    kb: Kennisbank, data: st.DataObject
) -> None:
    antwoorden = data.draw(antwoorden_strategie(kb), label="antwoorden")
    verschil = verschillen(kb, antwoorden)
    assert not verschil, rapport([(antwoorden, verschil)], 1)
