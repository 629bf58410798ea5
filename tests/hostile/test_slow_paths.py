"""Point 15: no slow way to an error. A file too large is refused from its size; the line of a bad
value comes from the one parse there is; no text is long enough to slow a report down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import main as ruamel_main

from .conftest import ILSE, advies, casus, geweigerd, schrijf


def test_the_line_of_a_bad_value_needs_no_second_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lezers: list[Any] = []
    echt = ruamel_main.YAML.__init__

    def tel(self: Any, *args: Any, **kwargs: Any) -> None:
        lezers.append((kwargs.get("typ"), kwargs.get("pure")))
        echt(self, *args, **kwargs)

    monkeypatch.setattr(ruamel_main.YAML, "__init__", tel)
    regels = "".join(f"  eigen_{i}: waarde {i}\n" for i in range(2000))
    pad = schrijf(tmp_path, "c.yaml", f"versie: 1\nmeta:\n{regels}antwoorden:\n  deelname: soms\n")
    geweigerd(advies("beoordeel", pad), "regel 2004", "feit 'deelname'", "'soms'")
    # libyaml (C) for the checking pass and for loading; never the round-trip loader in Python
    assert lezers and all(typ == "safe" and pure is False for typ, pure in lezers), lezers


def test_a_file_of_fifty_megabytes_is_refused_from_its_size(tmp_path: Path) -> None:
    pad = tmp_path / "groot.yaml"
    with pad.open("wb") as f:
        f.write(ILSE.read_bytes())
        f.truncate(50_000_000)  # sparse: the test itself writes next to nothing
    geweigerd(advies("beoordeel", pad), "het bestand is 50 MB", "hooguit 1 MB")


@pytest.mark.parametrize(
    ("veld", "grens"), [("naam", 200), ("opdrachtgever", 200), ("hulpvraag", 5000), ("eigen", 5000)]
)
def test_a_text_too_long_for_a_report_is_refused_saying_the_limit(
    tmp_path: Path, veld: str, grens: int
) -> None:
    pad = casus(tmp_path, meta=f"  {veld}: {'woord ' * 100_000}\n")
    fout = geweigerd(
        advies("rapport", pad, "-f", "pdf", "-o", tmp_path / "a.pdf"),
        "regel 3",
        f"hooguit {grens} tekens",
    )
    assert len(fout) < 400  # the text itself is not repeated
    assert not (tmp_path / "a.pdf").exists()
