"""Point 16: the parsers' and the system's English stays out of the messages."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from .conftest import advies, casus, geweigerd, schrijf


@pytest.mark.parametrize(
    ("regel", "uitleg"),
    [
        ('  naam: "\\uZZZZ"\n', "een ongeldige \\-code"),
        ('  naam: "\\xZ1"\n', "een ongeldige \\-code"),
        ('  naam: "\\q"\n', "een ongeldige \\-code"),
        ("  naam: a\x07b\n", "stuurteken (U+0007)"),
        ("  ? [a]\n  : b\n", "een lijst of mapping als naam"),
        ("  naam: !<tag:x x\n", "tag"),
        ("  naam: |0\n    x\n", "tekstblok"),
    ],
)
def test_yaml_mistakes_are_explained_in_dutch_with_their_line(
    tmp_path: Path, regel: str, uitleg: str
) -> None:
    pad = schrijf(tmp_path, "c.yaml", "versie: 1\nmeta:\n" + regel)
    fout = geweigerd(advies("beoordeel", pad), "regel 3", uitleg)
    assert "de lezer meldt" not in fout


@pytest.mark.parametrize(
    ("tekst", "uitleg"),
    [
        ('{"antwoorden": {"groepsgrootte": 1' + "1" * 5000 + "}}", "te veel cijfers"),
    ],
)
def test_json_mistakes_in_an_answers_file_are_explained_in_dutch(
    tmp_path: Path, tekst: str, uitleg: str
) -> None:
    pad = schrijf(tmp_path, "a.json", tekst)
    fout = geweigerd(advies("zelfcheck", "--antwoorden", pad), uitleg)
    assert "de lezer meldt" not in fout and "Exceeds" not in fout


@pytest.mark.parametrize(
    "code", [errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EIO, errno.ENAMETOOLONG]
)
def test_system_errors_are_named_in_dutch(code: int) -> None:
    from advies.case.oserrors import systeemfout

    tekst = systeemfout(OSError(code, os.strerror(code)))
    assert tekst and os.strerror(code) not in tekst


def test_a_rare_system_error_is_named_by_its_code_not_its_english() -> None:
    from advies.case.oserrors import systeemfout

    assert systeemfout(OSError(errno.ECHILD, os.strerror(errno.ECHILD))) == "systeemfout ECHILD"


def test_a_folder_that_cannot_be_made_is_said_in_dutch(tmp_path: Path) -> None:
    bezet = schrijf(tmp_path, "bezet", "een bestand, geen map")
    fout = geweigerd(
        advies(
            "intake", "--antwoorden", casus(tmp_path, meta="  naam: X\n"), "--map", bezet / "sub"
        )
    )
    assert "Not a directory" not in fout and "File exists" not in fout
