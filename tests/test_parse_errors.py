"""The parsers' English complaints become Dutch explanations; a rare one keeps its own words."""

from __future__ import annotations

import json

import orjson
import pytest

from advies.case.parse_errors import json_probleem, yaml_probleem
from advies.case.yaml_io import lees_yaml_tekst
from advies.errors import InvoerFout


def json_fout(tekst: str, lezer: str) -> str:
    try:
        (orjson.loads if lezer == "orjson" else json.loads)(tekst)
    except (orjson.JSONDecodeError, json.JSONDecodeError) as fout:
        return json_probleem(fout.msg)
    raise AssertionError(f"{tekst!r} is geldige JSON")


@pytest.mark.parametrize("lezer", ["orjson", "json"])
@pytest.mark.parametrize(
    ("tekst", "uitleg"),
    [
        ("{'a': 1}", "niet tussen dubbele aanhalingstekens"),
        ('{"a" 1}', "na een naam hoort een dubbele punt"),
        ('{"a": 1 "b": 2}', "komma"),
        ('{"a": "x\ny"}', "over het einde van de regel"),
        ('{"a": 1} x', "na het object staat nog iets"),
        ('{"a": True}', "in kleine letters"),
    ],
)
def test_json_mistakes_of_both_readers_are_explained(lezer: str, tekst: str, uitleg: str) -> None:
    uitkomst = json_fout(tekst, lezer)
    assert uitleg in uitkomst
    assert "de lezer meldt" not in uitkomst


def test_an_unknown_complaint_keeps_the_parsers_words() -> None:
    assert json_probleem("something new") == "de lezer meldt: something new"
    assert yaml_probleem("something new") == "de lezer meldt: something new"


@pytest.mark.parametrize("met_regels", [False, True])  # libyaml's wording, then ruamel's own
@pytest.mark.parametrize(
    ("tekst", "uitleg"),
    [
        ("a:\n\tb: 1\n", "een tab"),
        ("a: @x\n", "zet de waarde tussen aanhalingstekens"),
        ("a: 1\n b: 2\n", "een dubbele punt waar die niet kan staan"),
        ("a: [1, 2\n", "niet met ] gesloten"),
        ("a: {b: 1\n", "niet met } gesloten"),
        ('a: "abc\n', "sluit elk aanhalingsteken"),
        ("a: 1\nb\nc: 2\n", "een regel zonder dubbele punt"),
        ("a:\n  b: 1\n c: 2\n", "het inspringen klopt niet"),
        ("a: 1\na: 2\n", "'a' staat twee keer"),
        ("a: 1\n---\nb: 2\n", "meer dan één document"),
        ("  a: 1\nb: 2\n", "het inspringen klopt niet"),
        ("a:\n  b: 1\n  c: 'x' y\n", "tekst na een waarde tussen aanhalingstekens"),
        ("a:\n  b: 1\n  |c: 2\n", "tussen aanhalingstekens"),
        ("a:\n  b: 1\n  c: |x\n", "tussen aanhalingstekens"),
        ("a: - 1\n", "een lijststreepje (-) waar het niet kan staan"),
        ("a: ]x\n", "zet de waarde tussen aanhalingstekens"),
        ("a: 1\n& b: 2\n", "zet de waarde tussen aanhalingstekens"),
        ("a:\n  b: 1\n \tc: 2\n", "een tab"),
    ],
)
def test_yaml_mistakes_of_both_parsers_are_explained(
    met_regels: bool, tekst: str, uitleg: str
) -> None:
    with pytest.raises(InvoerFout) as fout:
        lees_yaml_tekst(tekst, "casus.yaml", met_regels=met_regels)
    assert uitleg in fout.value.message
    assert "de lezer meldt" not in fout.value.message
