"""Where a questionnaire stands, and an answer to one question: the state saved after every
answer, shared by the flow, the terminal, the answers file and the browser."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from advies.questionnaires.model import Vraag


@dataclass
class Stand:
    """Where a questionnaire stands: the facts, the descriptive data and what is not known.

    `onbekend` holds the keys (fact, meta field or question id) answered with "weet ik niet", so a
    resumed questionnaire does not ask them again; `afgeleid` the facts filled by a question's
    `standaard` because its `when` skipped it; `bevestigd` the checks on contradicting answers
    (`controles`) the coach has confirmed as they are.
    """

    antwoorden: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    onbekend: set[str] = field(default_factory=set)
    afgeleid: set[str] = field(default_factory=set)
    bevestigd: set[str] = field(default_factory=set)
    gesprek: dict[str, Any] = field(default_factory=dict)  # the talk's record, by dotted place
    # the talk's verdict as it stands (the coach's own, else the advice's after the client's
    # decisions), kept up to date by the talk; None outside the talk
    oordeel: str | None = None

    def omschrijving(self, vraag: Vraag) -> tuple[dict[str, Any], str] | None:
        """Where a question that fills no fact keeps its answer: (meta or talk, key)."""
        if vraag.meta is not None:
            return self.meta, vraag.meta
        if vraag.gesprek is not None:
            return self.gesprek, vraag.gesprek
        return None


@dataclass(frozen=True)
class Antwoord:
    waarden: dict[str, Any] = field(default_factory=dict)
    onbekend: bool = False
    terug: bool = False  # not an answer: the user asks for the previous question


ONBEKEND = Antwoord(onbekend=True)
TERUG = Antwoord(terug=True)
