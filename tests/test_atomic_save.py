"""Saving a case file: private (0600), atomic (a crash keeps the old file), read back the same."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from advies.case import atomic
from advies.case import files as casefiles
from advies.case.model import Casus, maak_casus
from advies.errors import InvoerFout
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank


@pytest.fixture(scope="module")
def kb() -> Kennisbank:
    return laad_kennisbank()


@pytest.fixture()
def ilse(kb: Kennisbank) -> Casus:
    data = {
        "versie": 1,
        "meta": {
            "naam": "Coördinatoren zorgdistricten",
            "coach": "Ilse",
            "datum": "2026-11-24",
            "hulpvraag": "Ze staan weinig stil bij hun werk.\nMet intervisie: 'samen' leren.",
        },
        "antwoorden": {
            "deelname": "vrijwillig",
            "zelf_aangemeld": True,
            "groepsgrootte": 6,
            "leervraag": "reflectie",
            "hierarchie_in_groep": False,
            "sessieduur": 120,
            "geweigerde_voorwaarden": ["GEEN_TIJD", "DWANG"],
        },
        "oordeel_coach": {"verdict": "go_onder_voorwaarden", "reden": "Eerst de tijd regelen."},
    }
    return maak_casus(kb, data, bestand="<test>")


def andere_bestanden(map_: Path, pad: Path) -> list[str]:
    return sorted(p.name for p in map_.iterdir() if p != pad)


def test_a_saved_case_file_is_readable_by_its_owner_only(tmp_path: Path, ilse: Casus) -> None:
    pad = tmp_path / "ilse.yaml"
    casefiles.schrijf_casus(pad, ilse)
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600


def test_overwriting_a_world_readable_file_makes_it_private(tmp_path: Path, ilse: Casus) -> None:
    pad = tmp_path / "ilse.yaml"
    pad.write_text("oud\n")
    pad.chmod(0o644)
    casefiles.schrijf_casus(pad, ilse)
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600


def test_a_saved_case_reads_back_as_the_same_case(
    tmp_path: Path, kb: Kennisbank, ilse: Casus
) -> None:
    pad = tmp_path / "ilse.yaml"
    casefiles.schrijf_casus(pad, ilse)
    terug = casefiles.lees_casus(kb, pad)
    assert terug.model_dump() == ilse.model_dump()
    assert andere_bestanden(tmp_path, pad) == []


def test_saving_into_a_new_folder_creates_it(tmp_path: Path, kb: Kennisbank, ilse: Casus) -> None:
    pad = tmp_path / "klanten" / "zorg" / "ilse.yaml"
    casefiles.schrijf_casus(pad, ilse)
    assert casefiles.lees_casus(kb, pad).antwoorden == ilse.antwoorden


@pytest.mark.parametrize(
    "fout",
    [OSError(28, "No space left on device"), KeyboardInterrupt()],
    ids=["schijf-vol", "ctrl-c"],
)
def test_a_crash_during_the_rename_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path,
    kb: Kennisbank,
    ilse: Casus,
    monkeypatch: pytest.MonkeyPatch,
    fout: BaseException,
) -> None:
    pad = tmp_path / "ilse.yaml"
    oud = "versie: 1\nantwoorden:\n  deelname: verplicht\n"
    pad.write_text(oud)

    def crash(*_: Any) -> None:
        raise fout

    monkeypatch.setattr(atomic.os, "replace", crash)
    verwacht = InvoerFout if isinstance(fout, OSError) else KeyboardInterrupt
    with pytest.raises(verwacht):
        casefiles.schrijf_casus(pad, ilse)
    assert pad.read_text() == oud
    assert andere_bestanden(tmp_path, pad) == []


def test_a_crash_while_writing_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, ilse: Casus, monkeypatch: pytest.MonkeyPatch
) -> None:
    pad = tmp_path / "ilse.yaml"
    oud = "versie: 1\nantwoorden:\n  deelname: verplicht\n"
    pad.write_text(oud)

    def crash(_: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", crash)
    with pytest.raises(InvoerFout, match="kan het bestand niet schrijven"):
        casefiles.schrijf_casus(pad, ilse)
    assert pad.read_text() == oud
    assert andere_bestanden(tmp_path, pad) == []


def test_a_failed_save_says_which_file_in_dutch(tmp_path: Path, ilse: Casus) -> None:
    bezet = tmp_path / "bezet"
    bezet.write_text("een bestand, geen map")
    with pytest.raises(InvoerFout) as fout:
        casefiles.schrijf_casus(bezet / "ilse.yaml", ilse)
    assert str(bezet / "ilse.yaml") in fout.value.bericht()
    assert "kan hier niet schrijven" in fout.value.bericht()


def test_the_temporary_file_is_private_before_anything_is_written(
    tmp_path: Path, ilse: Casus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The content is sensitive from the first byte: the temporary file must not be readable by
    others even for a moment (mkstemp creates it 0600)."""
    modi: list[int] = []
    fdopen = os.fdopen

    def kijk(fd: int, *args: Any, **kwargs: Any) -> Any:
        modi.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "fdopen", kijk)
    casefiles.schrijf_casus(tmp_path / "ilse.yaml", ilse)
    assert modi == [0o600]
