"""Fixtures for the questionnaire tests: the questionnaires, a case folder of our own, and a
keyboard that drives questionary through prompt_toolkit's pipe input."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from advies.knowledge.model import Kennisbank
from advies.questionnaires.model import Vragenlijst, laad_vragenlijst

HIER = Path(__file__).parent


@pytest.fixture(autouse=True)
def casusmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test writes its case files in a folder of its own, never in the user's documents."""
    map_ = tmp_path / "casussen"
    monkeypatch.setenv("ADVIES_MAP", str(map_))
    return map_


@pytest.fixture(scope="session")
def intake_vl(kb: Kennisbank) -> Vragenlijst:
    return laad_vragenlijst(kb, "intake")


@pytest.fixture(scope="session")
def zelfcheck_vl(kb: Kennisbank) -> Vragenlijst:
    return laad_vragenlijst(kb, "zelfcheck")


@pytest.fixture(scope="session")
def mini_vl(kb: Kennisbank) -> Vragenlijst:
    return laad_vragenlijst(kb, HIER / "mini.yaml")


@pytest.fixture
def toetsenbord() -> Callable[..., contextlib.AbstractContextManager[None]]:
    """`with toetsenbord(keys...):` runs the prompts inside on these keys. The input is closed
    after them, so a flow that asks for more than was typed ends with EOFError, never waits."""

    @contextlib.contextmanager
    def typ(*stukken: str) -> Iterator[None]:
        with create_pipe_input() as invoer, create_app_session(input=invoer, output=DummyOutput()):
            invoer.send_text("".join(stukken))
            invoer.close()
            yield

    return typ
