"""`advies web`: (a) from starting the command to the first page in the browser, and (b) from
answering an intake question to having the next one, as the server serves them.

(a) starts `advies web` as a user would, waits for the printed address, and requests it as a
    browser does (the login redirects to the cases page), until the whole page has arrived.
    Median of 5 after one warm-up (which fills the knowledge-base cache); the cold run separately.
    Target: 1.5 s.
(b) runs Ilse's intake against the same running server over loopback, one keep-alive connection:
    per question the POST of the answer (saved to the case file, 303) plus the GET of the next
    question page (skip logic, "why do we ask this?", the verdict so far). This is the server's
    time plus a loopback round trip, an upper bound on the server's share. Target: 100 ms.

    python benchmarks/bench_web.py
"""

from __future__ import annotations

import http.client
import os
import re
import selectors
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ADVIES = Path(sys.executable).parent / "advies"
HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER.parent / "tests"))

from advies.case.files import lees_casus  # noqa: E402
from advies.knowledge.loading import laad_kennisbank  # noqa: E402
from advies.questionnaires.model import laad_vragenlijst  # noqa: E402
from web.conftest import invoer_voor  # noqa: E402  (the tests' way of answering as Ilse)

ILSE = HIER.parent / "voorbeelden" / "ilse-coordinatoren.yaml"


def start(map_: Path, omgeving: dict[str, str]) -> tuple[subprocess.Popen[bytes], str, float]:
    """The server, its printed address, and the time when it was started."""
    begin = time.perf_counter()
    proces = subprocess.Popen(
        [str(ADVIES), "web", "--geen-browser", "--map", str(map_)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **omgeving},
    )
    assert proces.stdout is not None
    kiezer = selectors.DefaultSelector()
    kiezer.register(proces.stdout, selectors.EVENT_READ)
    gelezen = b""
    while b"token=" not in gelezen or not gelezen.endswith(b"\n"):
        if not kiezer.select(timeout=30):
            raise RuntimeError(f"geen adres na 30 s: {gelezen!r}")
        gelezen += os.read(proces.stdout.fileno(), 65536)
    adres = re.search(rb"http://\S+token=\S+", gelezen)
    assert adres is not None
    return proces, adres.group(0).decode(), begin


def cpu_tijd(pid: int) -> float:
    """CPU seconds (user + system) a running process has used: steady when the machine is busy."""
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def eerste_pagina(map_: Path, omgeving: dict[str, str]) -> tuple[float, float]:
    proces, adres, begin = start(map_, omgeving)
    try:
        deel = urlsplit(adres)
        verbinding = http.client.HTTPConnection(deel.hostname, deel.port, timeout=30)
        verbinding.request("GET", f"{deel.path}?{deel.query}")
        antwoord = verbinding.getresponse()
        antwoord.read()
        cookie = antwoord.getheader("set-cookie", "").split(";")[0]
        verbinding.request("GET", antwoord.getheader("location", "/"), headers={"cookie": cookie})
        pagina = verbinding.getresponse()
        inhoud = pagina.read().decode()
        assert pagina.status == 200 and "Uw casussen" in inhoud, inhoud[:300]
        return time.perf_counter() - begin, cpu_tijd(proces.pid)
    finally:
        proces.terminate()
        proces.wait()


def antwoorden(map_: Path, omgeving: dict[str, str]) -> list[tuple[float, float]]:
    kb = laad_kennisbank()
    vl = laad_vragenlijst(kb, "intake")
    ilse = lees_casus(kb, ILSE)
    proces, adres, _ = start(map_, omgeving)
    try:
        deel = urlsplit(adres)
        c = http.client.HTTPConnection(deel.hostname, deel.port, timeout=30)
        c.request("GET", f"{deel.path}?{deel.query}")
        antwoord = c.getresponse()
        antwoord.read()
        koppen = {
            "cookie": antwoord.getheader("set-cookie", "").split(";")[0],
            "content-type": "application/x-www-form-urlencoded",
        }
        c.request("GET", "/intake/nieuw", headers=koppen)
        html = c.getresponse().read().decode()
        csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        actie = "/intake/nieuw"
        tijden = []
        while (gevonden := re.search(r'name="vraag" value="([^"]+)"', html)) is not None:
            vraag = vl.vraag(gevonden.group(1))
            body = urlencode(
                {"csrf": csrf, "vraag": vraag.id, "antwoord": invoer_voor(vraag, ilse)}
            )
            begin, cpu = time.perf_counter(), cpu_tijd(proces.pid)
            c.request("POST", actie, body=body, headers=koppen)
            antwoord = c.getresponse()
            antwoord.read()
            volgende = antwoord.getheader("location")
            assert antwoord.status == 303, antwoord.status
            c.request("GET", volgende, headers=koppen)
            pagina = c.getresponse()
            html = pagina.read().decode()
            tijden.append((time.perf_counter() - begin, cpu_tijd(proces.pid) - cpu))
            actie = volgende.removesuffix("/overzicht") + "/antwoord"
        return tijden
    finally:
        proces.terminate()
        proces.wait()


def in_proces(map_: Path) -> list[tuple[float, float]]:
    """(b) once more with the app in this process (Starlette's test client, no network): wall
    time and the process's CPU time (exact here), per answer and next question."""
    from starlette.testclient import TestClient

    from advies.web.access import Instellingen
    from advies.web.app import maak_app

    kb = laad_kennisbank()
    vl = laad_vragenlijst(kb, "intake")
    ilse = lees_casus(kb, ILSE)
    inst = Instellingen(map=map_, poort=8123)
    tijden = []
    with TestClient(maak_app(inst, kb), base_url="http://127.0.0.1:8123") as c:
        c.get(f"/inloggen?token={inst.token}", follow_redirects=False)
        html = c.get("/intake/nieuw").text
        actie = "/intake/nieuw"
        while (gevonden := re.search(r'name="vraag" value="([^"]+)"', html)) is not None:
            vraag = vl.vraag(gevonden.group(1))
            data = {"csrf": inst.csrf, "vraag": vraag.id, "antwoord": invoer_voor(vraag, ilse)}
            begin, cpu = time.perf_counter(), time.process_time()
            antwoord = c.post(actie, data=data, follow_redirects=False)
            volgende = antwoord.headers["location"]
            html = c.get(volgende).text
            tijden.append((time.perf_counter() - begin, time.process_time() - cpu))
            actie = volgende.removesuffix("/overzicht") + "/antwoord"
    return tijden


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp) / "casussen"
        map_.mkdir(mode=0o700)
        shutil.copy(ILSE, map_ / "ilse.yaml")
        omgeving = {"ADVIES_CACHE": str(Path(tmp) / "cache")}
        print("(a) van 'advies web' tot de eerste pagina (doel: 1,5 s)")
        koud, koud_cpu = eerste_pagina(map_, omgeving)
        print(f"    lege cache: {koud * 1000:.0f} ms (cpu {koud_cpu * 1000:.0f} ms)")
        metingen = [eerste_pagina(map_, omgeving) for _ in range(5)]
        muur = [m[0] for m in metingen]
        print(
            f"    mediaan van 5: {statistics.median(muur) * 1000:.0f} ms "
            f"(min {min(muur) * 1000:.0f}, max {max(muur) * 1000:.0f}; "
            f"cpu {statistics.median(m[1] for m in metingen) * 1000:.0f} ms)"
        )
        print("(b) een antwoord bewaren en de volgende vraag tonen (doel: 100 ms)")
        tijden = antwoorden(map_, omgeving)
        muur = sorted(t[0] for t in tijden)
        cpu = sorted(t[1] for t in tijden)
        print(
            f"    {len(tijden)} vragen van Ilses intake: mediaan {statistics.median(muur) * 1000:.0f} ms, "
            f"p90 {muur[int(len(muur) * 0.9)] * 1000:.0f} ms, max {muur[-1] * 1000:.0f} ms; "
            f"cpu van de server: mediaan {statistics.median(cpu) * 1000:.0f} ms, "
            f"max {cpu[-1] * 1000:.0f} ms"
        )
        binnen = in_proces(map_)
        muur = sorted(t[0] for t in binnen)
        cpu = sorted(t[1] for t in binnen)
        print(
            f"    in dit proces (testclient, geen netwerk): mediaan "
            f"{statistics.median(muur) * 1000:.0f} ms, max {muur[-1] * 1000:.0f} ms; "
            f"cpu mediaan {statistics.median(cpu) * 1000:.0f} ms, max {cpu[-1] * 1000:.0f} ms"
        )
        print(
            f"    (belasting van de machine: {os.getloadavg()[0]:.1f} op {os.cpu_count()} kernen)"
        )


if __name__ == "__main__":
    main()
