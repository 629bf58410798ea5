"""The pydantic model of the facts (the typed contract of `antwoorden`) agrees with the validator
that reads case files and gives the Dutch messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from advies.case.fact_values import controleer_feit
from advies.case.files import lees_casus
from advies.case.model import antwoorden_model
from advies.errors import InvoerFout
from advies.knowledge.model import Kennisbank

VOORBEELDEN = sorted((Path(__file__).parent.parent / "voorbeelden").glob("*.yaml"))


@pytest.mark.parametrize("pad", VOORBEELDEN, ids=lambda p: p.stem)
def test_every_example_case_fits_the_facts_model(pad: Path, kb: Kennisbank) -> None:
    antwoorden_model(kb).model_validate(lees_casus(kb, pad).antwoorden)


@pytest.mark.parametrize(
    ("feit", "waarde"),
    [
        ("deelname", "soms"),
        ("groepsgrootte", -3),
        ("groepsgrootte", 201),
        ("leidinggevende_in_groep", ["ja"]),
        ("sessieduur", "lang"),
    ],
)
def test_model_and_validator_both_refuse_a_bad_value(
    feit: str, waarde: object, kb: Kennisbank
) -> None:
    with pytest.raises(ValidationError):
        antwoorden_model(kb).model_validate({feit: waarde})
    with pytest.raises(InvoerFout):
        controleer_feit(kb, feit, waarde, bestand="casus.yaml", regel=None)


def test_the_model_has_every_fact_and_nothing_else(kb: Kennisbank) -> None:
    assert set(antwoorden_model(kb).model_fields) == set(kb.feiten)
    with pytest.raises(ValidationError):
        antwoorden_model(kb).model_validate({"deelnam": "vrijwillig"})
