"""Starting and stopping the local server: a socket on 127.0.0.1 (the port is known before the
address is printed), uvicorn on it, the browser opened where there is a screen, and a clean stop
on Ctrl-C (uvicorn finishes the requests under way, then the signal comes back to us)."""

from __future__ import annotations

import errno
import os
import socket
import sys
import webbrowser
from collections.abc import Callable
from pathlib import Path

from advies.case.oserrors import systeemfout
from advies.errors import AdviesError
from advies.web.access import Instellingen

HOST = "127.0.0.1"  # loopback only: nothing outside this computer can connect


def heeft_scherm() -> bool:
    """Whether a browser can be shown: on Linux and the BSDs only with an X or Wayland display
    (without one, `webbrowser` might start a text browser in this very terminal)."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def open_socket(poort: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, poort))
        sock.listen(64)
    except OSError as fout:
        sock.close()
        if fout.errno == errno.EADDRINUSE:
            raise AdviesError(
                f"poort {poort} is al in gebruik; kies een andere met --poort, of laat --poort "
                "weg voor een vrije poort"
            ) from None
        raise AdviesError(f"kan poort {poort} niet openen ({systeemfout(fout)})") from None
    return sock


def draai(map_: Path | None, poort: int, *, browser: bool, meld: Callable[[str], None]) -> None:
    """Serve until Ctrl-C (which arrives as KeyboardInterrupt once the server has stopped)."""
    from advies.questionnaires.intake import casusmap

    sock = open_socket(poort)
    try:
        inst = Instellingen(map=casusmap(map_), poort=sock.getsockname()[1])
        openen = browser and heeft_scherm()
        meld("advies web draait, alleen op deze computer.")
        meld(f"{'Uw browser opent' if openen else 'Open in uw browser'}: {inst.adres}")
        meld(f"Casusmap: {inst.map}")
        meld("Stoppen: Ctrl-C")
        if openen:
            # the socket already listens: the browser's first request waits for the server, and
            # the browser starts while the server loads (knowledge base, engine, templates)
            webbrowser.open(inst.adres)
        _serveer(inst, sock)
    finally:
        sock.close()


def _serveer(inst: Instellingen, sock: socket.socket) -> None:
    import uvicorn

    from advies.web.app import maak_app

    config = uvicorn.Config(
        maak_app(inst),
        log_level="warning",
        access_log=False,  # addresses name cases: nothing about them goes to the terminal
        lifespan="off",
        server_header=False,
        date_header=False,
    )
    uvicorn.Server(config).run(sockets=[sock])
