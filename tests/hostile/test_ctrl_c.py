"""Point 12: Ctrl-C at any moment ends advies with "afgebroken" (exit 130), never a traceback, and
no Ctrl-C is lost during the interactive intake.

Deterministic: the signal is sent by the process to itself at a chosen moment (while a module is
imported, as a question is answered), not by a timer racing the program.
"""

from __future__ import annotations

import os
import signal
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import Application, create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from advies.errors import Afgebroken
from advies.knowledge.model import Kennisbank
from advies.questionnaires.answering import terminal_beantwoorder
from advies.questionnaires.intake import Intake
from advies.questionnaires.model import laad_vragenlijst

from .conftest import ILSE, ROOT, proces

HAAK = textwrap.dedent(
    """
    import os, signal, sys
    class Onderbreek:  # Ctrl-C while `{module}` is being imported
        def find_spec(self, naam, pad=None, doel=None):
            if naam == "{module}":
                sys.meta_path.remove(self)
                os.kill(os.getpid(), signal.SIGINT)
            return None
    sys.meta_path.insert(0, Onderbreek())
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX-signalen")
@pytest.mark.parametrize(
    "module",
    [
        "typer",  # at start-up, before any command runs
        "advies.engine.evaluation",  # inside `beoordeel`, where its imports are
    ],
)
def test_ctrl_c_at_any_moment_says_afgebroken_without_a_traceback(
    tmp_path: Path, module: str
) -> None:
    (tmp_path / "sitecustomize.py").write_text(HAAK.format(module=module))
    uit = proces(
        "beoordeel",
        ILSE,
        env={"PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"},
    )
    assert "Traceback" not in uit.stderr and "Aborted" not in uit.stderr, uit.stderr
    assert uit.returncode == 130, (uit.returncode, uit.stderr)
    assert uit.stderr.strip() == "afgebroken"


@pytest.fixture()
def intake(kb: Kennisbank, tmp_path: Path) -> Iterator[Intake]:
    vl = laad_vragenlijst(kb, ROOT / "tests" / "questionnaires" / "mini.yaml")
    run = Intake(kb, vl, None, tmp_path, meld=lambda _: None)
    yield run
    getattr(run, "sluit", lambda: None)()  # (older code had nothing to close)


def test_a_ctrl_c_that_comes_as_a_question_is_answered_is_not_lost(
    intake: Intake, kb: Kennisbank, monkeypatch: pytest.MonkeyPatch
) -> None:
    echt = Application.exit
    verzonden: list[bool] = []

    def beantwoord_en_onderbreek(self: Any, *args: Any, **kwargs: Any) -> None:
        echt(self, *args, **kwargs)  # the answer is in ...
        if not verzonden:  # ... and the coach presses Ctrl-C just then
            verzonden.append(True)
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(Application, "exit", beantwoord_en_onderbreek)
    toetsen = "Mini\r" + "\x1b[B\r" + "\x1b[B\x1b[B\r" + "6\r" + "\r"  # the whole mini intake
    with create_pipe_input() as invoer, create_app_session(input=invoer, output=DummyOutput()):
        invoer.send_text(toetsen)
        with pytest.raises(Afgebroken):  # not the rest of the questions, answered by the keys
            intake.voer_uit(terminal_beantwoorder(kb, intake.vl), None)
    assert verzonden
    assert intake.stand.antwoorden == {}  # stopped at the first question, as asked
