"""`advies web`: registered on the `advies` command as an entry point (group `advies.commandos`),
so the command line needs no import of the web package, nor the web of the command line.

Light at import (typer only); the server and the library load when the command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from advies.error_handling import melding
from advies.errors import AdviesError


def web(
    poort: Annotated[
        int,
        typer.Option("--poort", min=0, max=65535, help="Poort op 127.0.0.1 (standaard: een vrije)"),
    ] = 0,
    map_: Annotated[
        Path | None,
        typer.Option(
            "--map",
            metavar="MAP",
            help="Map voor casusbestanden (standaard: de map advies in uw documentenmap, of "
            "$ADVIES_MAP)",
        ),
    ] = None,
    geen_browser: Annotated[
        bool,
        typer.Option("--geen-browser", help="Open de browser niet; toon alleen het adres"),
    ] = False,
) -> None:
    """Open advies in de browser: intake, advies en zelfcheck, alleen op deze computer.

    De server luistert alleen op 127.0.0.1 en vraagt de sleutel uit het getoonde adres. Zonder
    scherm (of met --geen-browser) opent u het adres zelf. Stop met Ctrl-C.

    Voorbeeld:

        advies web --poort 8765
    """
    from advies.web.server import draai

    try:
        draai(map_, poort, browser=not geen_browser, meld=typer.echo)
    except KeyboardInterrupt:
        typer.echo("\nadvies web is gestopt.")
    except AdviesError as fout:
        gemeld = melding(fout)
        assert gemeld is not None
        typer.echo(gemeld.tekst, err=True)
        sys.exit(gemeld.code)
