"""How an error reaches a user: the one place that turns errors into a Dutch message and an exit
code. The command line prints them; the web interface shows the same message with its HTTP status.
"""

from __future__ import annotations

from dataclasses import dataclass

from advies.case.visible_text import zichtbaar
from advies.errors import AdviesError, Afgebroken

AFGEBROKEN = 130
INTERNE_FOUT = 1


@dataclass(frozen=True)
class Melding:
    """What a user is told, and the exit code that goes with it."""

    tekst: str
    code: int
    http_status: int = 500  # the same message in the browser: 4xx the user's to fix, 5xx ours


def melding(fout: BaseException) -> Melding | None:
    """The message and exit code for an error a user can meet; None for a broken pipe (the reader
    stopped: nothing to say). Anything else is a bug, worded as one, without a traceback.

    A message quotes file names, fact names and values from a file: its control characters are
    shown, never obeyed by the terminal."""
    gemeld = _melding(fout)
    if gemeld is None:
        return None
    return Melding(zichtbaar(gemeld.tekst), gemeld.code, gemeld.http_status)


def _melding(fout: BaseException) -> Melding | None:
    if isinstance(fout, Afgebroken):  # Ctrl-C in a questionnaire: progress was saved
        return Melding("\n" + fout.message, fout.exit_code)
    if isinstance(fout, AdviesError):
        return Melding(f"fout: {fout.bericht()}", fout.exit_code, fout.http_status)
    if isinstance(fout, KeyboardInterrupt):
        return Melding("afgebroken", AFGEBROKEN)
    if isinstance(fout, BrokenPipeError):
        return None
    return Melding(
        f"interne fout in advies ({type(fout).__name__}: {fout}); meld dit aan de ontwikkelaars",
        INTERNE_FOUT,
    )
