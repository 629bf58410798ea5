"""Errors at the command line: the Dutch message on stderr and the exit code, never a traceback."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import typer

from advies.case.oserrors import systeemfout
from advies.case.visible_text import zichtbaar
from advies.error_handling import melding
from advies.errors import AdviesError


def toon(tekst: str = "", *, nl: bool = True, err: bool = False) -> None:
    """Print text that may hold parts of a file: its control characters are shown, not obeyed.
    A full disk or a closed output (`> /dev/full`) is a Dutch message, not a crash."""
    try:
        typer.echo(zichtbaar(tekst), nl=nl, err=err)
    except BrokenPipeError:
        raise
    except OSError as fout:
        raise AdviesError(f"kan de uitvoer niet schrijven ({systeemfout(fout)})") from None


@contextlib.contextmanager
def fouten_afhandelen() -> Iterator[None]:
    """Turn every error a user can meet into a Dutch message on stderr and an exit code."""
    try:
        yield
    except (AdviesError, KeyboardInterrupt, BrokenPipeError) as fout:
        gemeld = melding(fout)
        if gemeld is None:
            raise typer.Exit(0) from None
        typer.echo(gemeld.tekst, err=True)
        raise typer.Exit(gemeld.code) from None
