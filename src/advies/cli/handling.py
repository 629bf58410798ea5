"""Errors at the command line: the Dutch message on stderr and the exit code, never a traceback."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import typer

from advies.error_handling import melding
from advies.errors import AdviesError


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
