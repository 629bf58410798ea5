"""`advies web` as a user starts it: the address on the terminal, the first page, Ctrl-C."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from .conftest import ADVIES, start_server, stop_server


def test_advies_web_prints_the_address_serves_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    server = start_server(tmp_path / "casussen", "--poort", "0")
    assert server.adres.startswith("http://127.0.0.1:")
    assert "/inloggen?token=" in server.adres
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with opener.open(server.adres, timeout=30) as antwoord:  # follows to the cases page
        assert antwoord.status == 200
        assert "Uw casussen" in antwoord.read().decode()
    code, uit, fout = stop_server(server)
    assert code == 0
    assert "advies web is gestopt." in uit
    assert "Traceback" not in fout and "Error" not in fout, fout


def test_the_server_listens_on_loopback_only(tmp_path: Path) -> None:
    server = start_server(tmp_path)
    poort = int(server.basis.rsplit(":", 1)[1])
    try:
        # the port is bound to 127.0.0.1, not to every address of the machine
        verbindingen = Path("/proc/net/tcp").read_text().splitlines()[1:]
        luisteren = [r.split() for r in verbindingen if r.split()[3] == "0A"]  # LISTEN
        adressen = {r[1] for r in luisteren if int(r[1].split(":")[1], 16) == poort}
        assert adressen == {f"0100007F:{poort:04X}"}
    finally:
        stop_server(server)


def test_a_port_in_use_is_said_in_dutch(tmp_path: Path) -> None:
    bezet = socket.socket()
    bezet.bind(("127.0.0.1", 0))
    bezet.listen()
    poort = bezet.getsockname()[1]
    try:
        uit = subprocess.run(
            [str(ADVIES), "web", "--poort", str(poort), "--geen-browser", "--map", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        bezet.close()
    assert uit.returncode == 2
    assert f"fout: poort {poort} is al in gebruik" in uit.stderr
    assert "Traceback" not in uit.stderr


def test_a_builtin_command_loads_nothing_of_the_web(tmp_path: Path) -> None:
    """The web registers itself as an entry point: `advies regels` does not pay for it."""
    code = (
        "import sys; sys.argv = ['advies', 'regels', 'dwang']\n"
        "from advies.cli.app import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print('WEB' if any(m.startswith(('advies.web', 'starlette')) for m in sys.modules) "
        "else 'ZONDER')"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert uit.stdout.strip().endswith("ZONDER"), uit.stdout[-500:]
