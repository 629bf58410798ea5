"""Point 2: nothing from a file reaches the terminal as a control character it would obey."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import advies, casus, geweigerd, proces, schrijf

# ESC ] 52 writes the clipboard, ESC [ 2J clears the screen, BEL, and the one-byte CSI
AANVAL = "\\e]52;c;aGFjaw==\\a\\e[2J\\x9b31m"
RAUW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_a_case_name_with_terminal_escapes_is_refused_and_shown_harmless(tmp_path: Path) -> None:
    pad = casus(tmp_path, meta=f'  naam: "{AANVAL}"\n')
    for opdracht in (("beoordeel", pad), ("rapport", pad), ("rapport", pad, "-f", "html")):
        fout = geweigerd(proces(*opdracht), "regel 3", "'meta.naam'", "stuurteken (U+001B)")
        assert not RAUW.search(fout), repr(fout)


def test_an_unknown_fact_named_with_escapes_is_named_visibly(tmp_path: Path) -> None:
    pad = casus(tmp_path, f'  "{AANVAL}": ja\n')
    fout = geweigerd(proces("beoordeel", pad), "onbekend feit", "\\x1b]52;c;")
    assert not RAUW.search(fout), repr(fout)


@pytest.mark.parametrize("veld", ["hulpvraag", "eigen_notitie", "coach"])
def test_every_text_of_meta_is_checked(tmp_path: Path, veld: str) -> None:
    pad = casus(tmp_path, meta=f'  {veld}: "een\\rander"\n')
    geweigerd(advies("beoordeel", pad), f"'meta.{veld}'", "stuurteken (U+000D)")


def test_the_coachs_reason_is_checked_too(tmp_path: Path) -> None:
    pad = schrijf(
        tmp_path,
        "c.yaml",
        'versie: 1\noordeel_coach:\n  verdict: go\n  reden: "kijk\\e[2J"\nantwoorden: {}\n',
    )
    geweigerd(advies("rapport", pad), "'oordeel_coach.reden'", "stuurteken")


def test_a_file_name_with_control_characters_is_shown_harmless(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "\x1b[2Jcasus\x07.yaml", "versie: 1\nantwoorden: [\n")
    fout = geweigerd(proces("beoordeel", pad), "\\x1b[2Jcasus\\x07.yaml")
    assert not RAUW.search(fout), repr(fout)


def test_a_raw_control_character_in_the_file_is_named_in_dutch_with_its_line(
    tmp_path: Path,
) -> None:
    pad = schrijf(tmp_path, "c.yaml", "versie: 1\nmeta:\n  naam: a\x1b[2Jb\n")
    geweigerd(advies("beoordeel", pad), "regel 3", "stuurteken (U+001B)")


def test_the_visible_form_keeps_lines_and_tabs_and_escapes_the_rest() -> None:
    from advies.case.visible_text import zichtbaar

    assert zichtbaar("a\n\tb") == "a\n\tb"
    assert zichtbaar("\x1b[2J\x07\x9b\r\x7f") == "\\x1b[2J\\x07\\x9b\\x0d\\x7f"
    assert zichtbaar("\udcff") == "\\udcff"


def test_characters_that_reverse_the_reading_order_are_escaped_and_refused(tmp_path: Path) -> None:
    """An override (U+202E) makes a terminal, a browser or Word show what follows backwards."""
    from advies.case.visible_text import zichtbaar

    assert zichtbaar("a\u202eb\u2067c\u200fd") == "a\\u202eb\\u2067c\u200fd"  # RLM only nudges
    pad = schrijf(tmp_path, "c.yaml", 'versie: 1\nmeta:\n  naam: "Team \\u202eduZ"\n')
    geweigerd(advies("beoordeel", pad), "regel 3", "leesrichting omkeert (U+202E)", "positie 6")
