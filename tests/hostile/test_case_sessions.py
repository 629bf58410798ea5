"""Points 5 and 7: a case file being worked on is locked, new files are created exclusively,
changes made meanwhile and comments written by hand survive every save."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from advies.case.files import lees_casus
from advies.case.model import maak_casus
from advies.knowledge.model import Kennisbank

from .conftest import ILSE, advies, geweigerd, schrijf

HOUDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from advies.case.session import CasusSessie
    from advies.knowledge.loading import laad_kennisbank
    kb = laad_kennisbank()
    if sys.argv[1] == "open":
        sessie = CasusSessie(kb, Path(sys.argv[2]))
        sessie.open()
    else:  # a new case named as the second intake will name it
        from advies.questionnaires.intake import bestandsnamen
        sessie = CasusSessie.nieuw(kb, bestandsnamen(Path(sys.argv[2]), sys.argv[3]))
    print(sessie.pad, flush=True)
    sys.stdin.read()  # hold the lock until the test closes our input
    """
)


@pytest.fixture()
def houder() -> Iterator[object]:
    """Another process working on a case file, like a second intake in another window."""
    processen: list[subprocess.Popen[str]] = []

    def start(*args: str) -> str:
        p = subprocess.Popen(
            [sys.executable, "-c", HOUDER, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        processen.append(p)
        assert p.stdout is not None
        return p.stdout.readline().strip()

    yield start
    for p in processen:
        p.communicate(timeout=30)


ANTWOORDEN = "versie: 1\nmeta:\n  naam: Team Zuid\nantwoorden:\n  deelname: verplicht\n"


def test_a_second_intake_on_an_open_case_is_told_it_is_open_elsewhere(
    tmp_path: Path, houder: object
) -> None:
    pad = shutil.copy(ILSE, tmp_path / "ilse.yaml")
    voor = Path(pad).read_bytes()
    houder("open", str(pad))  # type: ignore[operator]
    antwoorden = schrijf(tmp_path, "a.yaml", ANTWOORDEN)
    geweigerd(
        advies("intake", pad, "--antwoorden", antwoorden), str(pad), "al geopend in een ander"
    )
    geweigerd(advies("zelfcheck", "--antwoorden", antwoorden, "--opslaan", pad), "al geopend")
    assert Path(pad).read_bytes() == voor


def test_two_new_intakes_with_one_name_get_a_file_each(
    casusmap: Path, tmp_path: Path, houder: object
) -> None:
    eerste = houder("nieuw", str(casusmap), "Team Zuid")  # type: ignore[operator]
    assert eerste == str(casusmap / "team-zuid.yaml")
    uit = advies("intake", "--antwoorden", schrijf(tmp_path, "a.yaml", ANTWOORDEN))
    assert uit.exit_code == 0, uit.output
    assert f"Casusbestand: {casusmap / 'team-zuid-2.yaml'}" in uit.stdout
    assert not (casusmap / "team-zuid.yaml").exists()  # still the first intake's to write


def test_a_new_case_file_is_never_written_over_one_that_appeared_meanwhile(
    kb: Kennisbank, tmp_path: Path
) -> None:
    from advies.case.atomic import BestaatAl
    from advies.case.session import CasusSessie

    pad = tmp_path / "nieuw.yaml"
    with CasusSessie(kb, pad) as sessie:
        assert sessie.open() is None
        pad.write_text("# van een ander programma\n")
        with pytest.raises(BestaatAl, match="bestaat al"):
            sessie.bewaar(maak_casus(kb, {"antwoorden": {"deelname": "vrijwillig"}}, bestand=""))
    assert pad.read_text() == "# van een ander programma\n"


MET_COMMENTAAR = """\
# Team Zuid: intake van 3 november, gesprek met de manager
versie: 1
meta:
  naam: Team Zuid  # werknaam
  hulpvraag: >-
    De teamleden lopen vast in lastige gesprekken met ouders en willen daar samen van leren, zonder
    dat het een beoordeling wordt.
antwoorden:
  # zeker, zei ze twee keer
  deelname: vrijwillig
  groepsgrootte: 6   # misschien 7
"""


def test_a_hand_edit_made_during_a_session_is_kept_at_the_next_save(
    kb: Kennisbank, tmp_path: Path
) -> None:
    from advies.case.session import CasusSessie

    pad = schrijf(tmp_path, "zuid.yaml", MET_COMMENTAAR)
    with CasusSessie(kb, pad) as sessie:
        casus = sessie.open()
        assert casus is not None
        # the coach answers a question in the intake, and meanwhile edits the file by hand
        pad.write_text(MET_COMMENTAAR + "  tijd: beperkt  # met de hand\n")
        gedaan = casus.model_copy(update={"antwoorden": {**casus.antwoorden, "houding": "open"}})
        bewaard = sessie.bewaar(gedaan)
    assert bewaard is not None and bewaard.antwoorden["tijd"] == "beperkt"
    tekst = pad.read_text()
    assert lees_casus(kb, pad).antwoorden == {
        "deelname": "vrijwillig",
        "groepsgrootte": 6,
        "tijd": "beperkt",
        "houding": "open",
    }
    for commentaar in (
        "# Team Zuid: intake",
        "# werknaam",
        "# zeker, zei ze",
        "# misschien 7",
        "# met de hand",
    ):
        assert commentaar in tekst


def test_a_file_made_unreadable_meanwhile_is_not_overwritten(
    kb: Kennisbank, tmp_path: Path
) -> None:
    from advies.case.session import CasusSessie

    pad = schrijf(tmp_path, "zuid.yaml", MET_COMMENTAAR)
    with CasusSessie(kb, pad) as sessie:
        casus = sessie.open()
        assert casus is not None
        pad.write_text(MET_COMMENTAAR + "  tijd: [half getypt\n")
        with pytest.raises(Exception, match="intussen buiten deze intake gewijzigd"):
            sessie.bewaar(casus)
    assert pad.read_text().endswith("tijd: [half getypt\n")


def test_the_intake_keeps_the_comments_of_a_case_file(kb: Kennisbank, tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "zuid.yaml", MET_COMMENTAAR)
    antwoorden = schrijf(tmp_path, "a.yaml", "antwoorden:\n  houding: open\n  groepsgrootte: 7\n")
    uit = advies("intake", pad, "--antwoorden", antwoorden)
    assert uit.exit_code == 0, uit.output
    tekst = pad.read_text()
    assert tekst.startswith("# Team Zuid: intake van 3 november")
    assert "  naam: Team Zuid  # werknaam\n" in tekst
    assert MET_COMMENTAAR.split("antwoorden:")[0] in tekst  # the request as written, line by line
    assert "  # zeker, zei ze twee keer\n  deelname: vrijwillig\n" in tekst
    assert "  groepsgrootte: 7   # misschien 7\n" in tekst
    assert lees_casus(kb, pad).antwoorden["houding"] == "open"


def test_zelfcheck_keeps_them_too(kb: Kennisbank, tmp_path: Path) -> None:
    pad = schrijf(tmp_path, "zuid.yaml", MET_COMMENTAAR)
    antwoorden = schrijf(tmp_path, "a.yaml", "antwoorden:\n  tijd: gefaciliteerd\n")
    uit = advies("zelfcheck", "--antwoorden", antwoorden, "--opslaan", pad)
    assert uit.exit_code == 0, uit.output
    assert "# misschien 7" in pad.read_text()
    assert lees_casus(kb, pad).antwoorden["tijd"] == "gefaciliteerd"
