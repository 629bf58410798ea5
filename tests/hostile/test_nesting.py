"""Point 10: deep nesting is refused before anything recursive sees it, in every reader.

30,000 nested brackets once crashed the process in ruamel's C loader (exit 139), so these run
`advies` as a process: a crash fails the test instead of ending the run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advies.errors import InvoerFout

from .conftest import geweigerd, proces, schrijf

DIEP = 30_000
MAX_NESTING = 20  # advies.case.input_files.MAX_NESTING, said in the message


@pytest.mark.parametrize(
    ("open_", "dicht"), [("[", "]"), ("{a: ", "}")], ids=["lijsten", "mappings"]
)
def test_a_case_file_nested_thirty_thousand_deep_is_refused(
    tmp_path: Path, open_: str, dicht: str
) -> None:
    pad = schrijf(
        tmp_path, "diep.yaml", f"versie: 1\nantwoorden:\n  x: {open_ * DIEP}{dicht * DIEP}\n"
    )
    geweigerd(proces("beoordeel", pad), "regel 3", f"dieper genest dan {MAX_NESTING} niveaus")
    geweigerd(proces("rapport", pad), "dieper genest")


def test_deep_nesting_in_block_style_is_refused_too(tmp_path: Path) -> None:
    regels = "".join(" " * i + f"n{i}:\n" for i in range(40))
    pad = schrijf(
        tmp_path, "diep.yaml", "versie: 1\nmeta:\n  eigen:\n" + regels.replace("\n", "\n   ")
    )
    geweigerd(proces("beoordeel", pad), "dieper genest")


def test_deep_nesting_with_a_bad_value_is_an_input_error(tmp_path: Path) -> None:
    """Once a RecursionError while looking for the line of the bad value (exit 1)."""
    pad = schrijf(
        tmp_path, "diep.yaml", "versie: 1\nantwoorden:\n  x: " + "[" * 900 + "]" * 900 + "\n"
    )
    geweigerd(proces("beoordeel", pad), "dieper genest")


def test_a_deep_answers_file_in_json_is_refused(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "a.json", '{"antwoorden": {"x": ' + "[" * DIEP + "]" * DIEP + "}}")
    geweigerd(proces("intake", "--antwoorden", pad, "--map", tmp_path / "m"), "dieper genest")
    geweigerd(proces("zelfcheck", "--antwoorden", pad), "regel 1", "dieper genest")


def test_a_deep_batch_line_is_refused_in_dutch(tmp_path: Path) -> None:
    goed = json.dumps({"antwoorden": {"deelname": "vrijwillig"}})
    pad = schrijf(tmp_path, "b.jsonl", goed + '\n{"antwoorden": ' + "[" * 3000 + "]" * 3000 + "}\n")
    fout = geweigerd(proces("beoordeel", pad), "regel 2")
    assert "depth limit" not in fout  # orjson's own words


def test_the_json_check_counts_only_brackets_outside_strings() -> None:
    from advies.case.input_files import controleer_json_nesting

    controleer_json_nesting('{"a": "' + "[" * 100 + '"}', bestand="x")
    controleer_json_nesting("[" * MAX_NESTING + "]" * MAX_NESTING, bestand="x")
    with pytest.raises(InvoerFout, match="regel 3"):
        controleer_json_nesting("{\n\n" + "[" * (MAX_NESTING + 1), bestand="x")
    with pytest.raises(InvoerFout, match="regel 7"):
        controleer_json_nesting("[" * 50, bestand="x", regel=7)
