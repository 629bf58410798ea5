"""The entry point of the `advies` command: Ctrl-C is caught before anything else is imported.

Importing typer and the rest takes a tenth of a second; a Ctrl-C in that time used to end in a
Python traceback. The first thing `main` does is install a handler that ends the program at once
with "afgebroken" and exit code 130. Once a command runs, its own handling takes over (the
command group in app.py makes Ctrl-C a KeyboardInterrupt again: an intake saves, a batch stops its
workers, the web server shuts down); after it, the quiet handler is back for the last moments of
the process.
"""

from __future__ import annotations

import os
import signal
from types import FrameType

AFGEBROKEN = 130


def stil_afbreken(signum: int, frame: FrameType | None) -> None:
    """End at once: nothing has started that needs finishing (or everything has finished)."""
    try:
        os.write(2, b"\nafgebroken\n")
    finally:
        os._exit(AFGEBROKEN)


def main() -> None:
    signal.signal(signal.SIGINT, stil_afbreken)
    from advies.cli.app import main as advies_main

    advies_main()
