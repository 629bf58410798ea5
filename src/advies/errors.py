"""One error family. `error_handling` turns these into a message with an exit code (the command
line) or an HTTP status (the web interface)."""

from __future__ import annotations

from typing import Any


class AdviesError(Exception):
    """An error the user can fix; the message is Dutch and names what is wrong and what is allowed."""

    exit_code = 2
    http_status = 400  # the web's answer: the request (or the file it names) is at fault

    def __init__(self, message: str, *, bestand: str | None = None, regel: int | None = None):
        self.message = message
        self.bestand = bestand
        self.regel = regel
        super().__init__(self.bericht())

    def __reduce__(self) -> tuple[Any, ...]:
        # the place survives pickling: a batch worker hands its error to the main process
        return (_herstel, (type(self), self.message, self.bestand, self.regel))

    def bericht(self) -> str:
        plaats = ""
        if self.bestand:
            plaats = self.bestand
            if self.regel is not None:
                plaats += f", regel {self.regel}"
            plaats += ": "
        return plaats + self.message


def _herstel(
    klasse: type[AdviesError], message: str, bestand: str | None, regel: int | None
) -> AdviesError:
    return klasse(message, bestand=bestand, regel=regel)


class InvoerFout(AdviesError):
    """A case file, answers file or batch file that cannot be read as a case."""


class NietGevonden(InvoerFout):
    """A case (or page) asked for by name that is not there."""

    http_status = 404


class KennisbankFout(AdviesError):
    """The knowledge base in rules/ is inconsistent: a developer's or reviewer's error."""

    exit_code = 3
    http_status = 500


class EngineFout(AdviesError):
    """The rules engine failed while evaluating a case."""

    exit_code = 4
    http_status = 500


class UitvoerFout(AdviesError):
    """The output could not be written (a full disk, no rights): nothing wrong with the input."""

    exit_code = 5


class Afgebroken(AdviesError):
    """The user stopped an interactive questionnaire (Ctrl-C)."""

    exit_code = 130
