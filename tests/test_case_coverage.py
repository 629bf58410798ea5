"""Every rule of the knowledge base is exercised by the case tests in tests/cases/: it fires
("waar") in at least one of them, and every finding, verdict, form, style and method is expected
by one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from advies.case.model import VERDICTS
from advies.knowledge.model import Kennisbank
from conftest import CASES, evalueer_case, lees_case


def _cases() -> list[tuple[Path, dict[str, Any]]]:
    return [(pad, lees_case(pad)) for pad in sorted(CASES.glob("*.yaml"))]


def test_every_rule_fires_in_at_least_one_case_test(kb: Kennisbank) -> None:
    gevuurd: set[str] = set()
    for pad, data in _cases():
        advies = evalueer_case(kb, pad, data, wat_als=False)
        gevuurd |= {stap.regel for stap in advies.trace if stap.uitkomst == "waar"}
    nooit = [f"{r.id} ({r.categorie}, {r.bestand})" for r in kb.regels() if r.id not in gevuurd]
    assert not nooit, "regels die in geen enkele case-test vuren:\n  " + "\n  ".join(nooit)


def test_every_finding_verdict_form_style_and_method_is_expected_by_a_case_test(
    kb: Kennisbank,
) -> None:
    soorten = ("bevinding", "verdict", "vorm", "stijl", "methode")
    verwacht: dict[str, set[str]] = {soort: set() for soort in soorten}
    for _, data in _cases():
        v = data["verwacht"]
        verwacht["bevinding"] |= set(v.get("bevindingen", []))
        verwacht["verdict"].add(v["verdict"])
        verwacht["vorm"].add(v.get("vorm"))
        verwacht["stijl"].add(v.get("stijl"))
        verwacht["methode"] |= set(v.get("methoden_begin", []))
    alle = {
        "bevinding": {b.code for b in kb.bevindingen},
        "verdict": set(VERDICTS),
        "vorm": set(kb.vormen),
        "stijl": set(kb.stijlen),
        "methode": set(kb.methoden),
    }
    ontbreekt = {soort: sorted(alle[soort] - verwacht[soort]) for soort in alle}
    assert not any(ontbreekt.values()), f"zonder case-test die ze verwacht: {ontbreekt}"


def test_there_are_at_least_thirty_case_tests() -> None:
    assert len(_cases()) >= 30
