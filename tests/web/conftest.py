"""Fixtures for the web interface: an app with the framework's test client (in process), and for
the end-to-end tests the real `advies web` in a subprocess with Debian's Chromium driven by
Playwright. Nothing here sleeps: every wait is for a condition, with a time limit."""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from advies.case.files import lees_casus
from advies.case.model import Casus
from advies.knowledge.model import Kennisbank
from advies.questionnaires.model import Vraag, Vragenlijst, laad_vragenlijst
from advies.web.access import Instellingen
from advies.web.app import maak_app

ROOT = Path(__file__).resolve().parents[2]
VOORBEELDEN = ROOT / "voorbeelden"
ADVIES = Path(sys.executable).parent / "advies"
SCHERMAFDRUKKEN = Path(__file__).parent / "schermafdrukken"  # git-ignored; looked at by people
POORT = 8123
TOKEN = "test-sleutel-van-deze-sessie"
WACHT_MS = 20_000  # the longest a browser test waits for what a page should show
CHROMIUM = os.environ.get("ADVIES_CHROMIUM", "/usr/bin/chromium")
# Chromium as root in a container: no sandbox; and no calls home (the network is closed here)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # a foreign name that resolves to this machine, as in a DNS-rebinding attack
    "--host-resolver-rules=MAP rebinding.test 127.0.0.1",
]


@pytest.fixture
def casusmap(tmp_path: Path) -> Path:
    map_ = tmp_path / "casussen"
    map_.mkdir(mode=0o700)
    return map_


@pytest.fixture
def instellingen(casusmap: Path) -> Instellingen:
    return Instellingen(map=casusmap, poort=POORT, token=TOKEN)


@pytest.fixture
def anoniem(instellingen: Instellingen, kb: Kennisbank) -> Iterator[TestClient]:
    """A client of the app that has not logged in."""
    with TestClient(
        maak_app(instellingen, kb), base_url=f"http://127.0.0.1:{POORT}", follow_redirects=False
    ) as client:
        yield client


@pytest.fixture
def client(anoniem: TestClient) -> TestClient:
    """A client logged in through the printed address, as a browser would be."""
    antwoord = anoniem.get(f"/inloggen?token={TOKEN}")
    assert antwoord.status_code == 303
    return anoniem


def csrf(instellingen: Instellingen) -> str:
    return instellingen.csrf


# --- end to end -----------------------------------------------------------------------------------


@dataclass
class Server:
    adres: str  # the printed address, with the token
    basis: str  # http://127.0.0.1:PORT
    map: Path
    proces: subprocess.Popen[bytes]


def _lees_tot(proces: subprocess.Popen[bytes], teken: str, limiet: float) -> list[str]:
    """Lines of the process's output until one contains `teken`: waits for output, not for time
    (read from the pipe itself, so no line hides in a buffer the selector cannot see)."""
    assert proces.stdout is not None
    kiezer = selectors.DefaultSelector()
    kiezer.register(proces.stdout, selectors.EVENT_READ)
    gelezen = b""
    einde = time.monotonic() + limiet
    while time.monotonic() < einde:
        if not kiezer.select(timeout=einde - time.monotonic()):
            break
        stuk = os.read(proces.stdout.fileno(), 65536)
        if not stuk:
            break
        gelezen += stuk
        regels = gelezen.decode("utf-8", "replace").splitlines()
        if any(teken in r for r in regels):
            return regels
    raise AssertionError(f"'{teken}' kwam niet binnen {limiet} s; uitvoer: {gelezen!r}")


def start_server(map_: Path, *extra: str) -> Server:
    omgeving = {**os.environ, "PYTHONUNBUFFERED": "1"}
    omgeving.pop("DISPLAY", None)
    proces = subprocess.Popen(
        [str(ADVIES), "web", "--map", str(map_), "--geen-browser", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=omgeving,
    )
    regels = _lees_tot(proces, "token=", 30)
    adres = next(r for r in regels if "token=" in r).split(": ", 1)[1].strip()
    return Server(adres, adres.split("/inloggen")[0], map_, proces)


def stop_server(server: Server) -> tuple[int, str, str]:
    """Ctrl-C, as a user stops it; the exit code and what it printed after."""
    server.proces.send_signal(signal.SIGINT)
    uit, fout = server.proces.communicate(timeout=30)
    return server.proces.returncode, uit.decode(), fout.decode()


@pytest.fixture(scope="session")
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium ontbreekt ({CHROMIUM}); .ci/run installeert het")
        pytest.skip(f"Chromium ontbreekt ({CHROMIUM}): apt-get install -y chromium")
    return CHROMIUM


@pytest.fixture(scope="package")
def chromium_thuis(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home of this test run's own for Chromium. Whatever its profile folder, Chromium writes
    its crash database (~/.config/chromium/Crash Reports) and GTK's settings (~/.cache/dconf)
    in the user's home: every test run on the machine, in any checkout, shared those files and
    started its browsers over each other's. Now no file outside this run's folders is touched."""
    thuis = tmp_path_factory.mktemp("chromium-thuis")
    (thuis / "run").mkdir(mode=0o700)
    return thuis


def chromium_omgeving(thuis: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(thuis),
        "XDG_CONFIG_HOME": str(thuis / ".config"),
        "XDG_CACHE_HOME": str(thuis / ".cache"),
        "XDG_DATA_HOME": str(thuis / ".local" / "share"),
        "XDG_RUNTIME_DIR": str(thuis / "run"),
    }


# package scope: Playwright's sync API keeps an event loop running in the main thread while it is
# open, which would stop later tests from running a prompt (asyncio.run) in the same process
@pytest.fixture(scope="package")
def browser(chromium: str, chromium_thuis: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, env=chromium_omgeving(chromium_thuis)
        )
        yield b
        b.close()


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[Server]:
    map_ = tmp_path_factory.mktemp("web-casussen")
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", map_ / "ilse-coordinatoren.yaml")
    s = start_server(map_)
    yield s
    if s.proces.poll() is None:
        stop_server(s)


@pytest.fixture
def context(browser: Any, server: Server) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    ctx.set_default_timeout(WACHT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def pagina(context: Any, server: Server) -> Any:
    """A page logged in through the printed address, as a user opens it."""
    p = context.new_page()
    p.goto(server.adres)
    p.wait_for_selector("h1:has-text('Uw casussen')")
    return p


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    return tmp_path


def schermafdruk(pagina: Any, naam: str) -> Path:
    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    pad = SCHERMAFDRUKKEN / f"{naam}.png"
    pagina.screenshot(path=str(pad), full_page=True)
    return pad


# --- answering as a user would ----------------------------------------------------------------


@pytest.fixture(scope="session")
def ilse(kb: Kennisbank) -> Casus:
    return lees_casus(kb, VOORBEELDEN / "ilse-coordinatoren.yaml")


@pytest.fixture(scope="session")
def intake_vl(kb: Kennisbank) -> Vragenlijst:
    return laad_vragenlijst(kb, "intake")


@pytest.fixture(scope="session")
def zelfcheck_vl(kb: Kennisbank) -> Vragenlijst:
    return laad_vragenlijst(kb, "zelfcheck")


def keuze_voor(vraag: Vraag, casus: Casus) -> int:
    """The number of the choice that gives the case's answer ("Weet ik niet" if it has none)."""
    for i, k in enumerate(vraag.keuzes):
        zet = {vraag.feit: k.waarde} if vraag.feit else k.feiten
        if not k.onbekend and all(
            f in casus.antwoorden and casus.antwoorden[f] == w for f, w in zet.items()
        ):
            return i
    return next(i for i, k in enumerate(vraag.keuzes) if k.onbekend)


def invoer_voor(vraag: Vraag, casus: Casus) -> str:
    """What a form sends for the case's answer: a choice's number, or the typed text."""
    if vraag.meta is not None:
        return str(getattr(casus.meta, vraag.meta) or "")
    if vraag.keuzes:
        return str(keuze_voor(vraag, casus))
    waarde = casus.antwoorden.get(str(vraag.feit))
    return "" if waarde is None else str(waarde)
