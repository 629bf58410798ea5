"""Time from starting `advies intake` (or `zelfcheck`) to the first question on screen.

Runs the installed command under a pseudo-terminal, as a user would start it, and reads its
output until the first question's text appears. Median of 5 runs after one warm-up run (the
warm-up fills the knowledge-base cache); the run with an empty cache is shown separately.
Target: under 400 ms.

    python benchmarks/bench_intake_start.py
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ADVIES = Path(sys.executable).parent / "advies"
HIER = Path(__file__).resolve().parent
ILSE = HIER.parent / "voorbeelden" / "ilse-coordinatoren.yaml"


def cpu_tijd(pid: int) -> float:
    """CPU seconds (user + system) a running process has used: steady when the machine is busy."""
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def tot_eerste_vraag(
    args: list[str], verwacht: str, omgeving: dict[str, str]
) -> tuple[float, float]:
    """Wall and CPU seconds until `verwacht` is on the terminal; the process is stopped then."""
    meester, slaaf = pty.openpty()
    start = time.perf_counter()
    proces = subprocess.Popen(
        [str(ADVIES), *args],
        stdin=slaaf,
        stdout=slaaf,
        stderr=slaaf,
        env={**os.environ, **omgeving, "COLUMNS": "120", "LINES": "40"},
        close_fds=True,
    )
    os.close(slaaf)
    gezien = b""
    try:
        while verwacht.encode() not in gezien:
            klaar, _, _ = select.select([meester], [], [], 10)
            if not klaar:
                raise RuntimeError(f"geen vraag na 10 s; gezien: {gezien[-300:]!r}")
            gezien += os.read(meester, 65536)
        return time.perf_counter() - start, cpu_tijd(proces.pid)
    finally:
        proces.kill()
        proces.wait()
        os.close(meester)


def meet(naam: str, args: list[str], verwacht: str, omgeving: dict[str, str]) -> None:
    tot_eerste_vraag(args, verwacht, omgeving)  # warm-up: fills the cache
    metingen = [tot_eerste_vraag(args, verwacht, omgeving) for _ in range(5)]
    tijden = [m[0] for m in metingen]
    cpu = statistics.median(m[1] for m in metingen)
    print(
        f"{naam:<34} mediaan {statistics.median(tijden) * 1000:4.0f} ms"
        f"  (min {min(tijden) * 1000:.0f}, max {max(tijden) * 1000:.0f}; cpu {cpu * 1000:.0f} ms)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp) / "casussen"
        cache = Path(tmp) / "cache"
        omgeving = {"ADVIES_MAP": str(map_), "ADVIES_CACHE": str(cache)}
        print("Tijd tot de eerste vraag op het scherm (doel: < 400 ms)")
        koud, _ = tot_eerste_vraag(["intake"], "Hoe noemen we deze casus?", omgeving)
        print(f"{'advies intake (lege cache)':<34} {koud * 1000:4.0f} ms")
        print(
            "  (mediaan van 5, na een opwarmronde; cpu: rekentijd van het proces, los van drukte)"
        )
        meet("advies intake (nieuwe casus)", ["intake"], "Hoe noemen we deze casus?", omgeving)
        # a resumed case needs the rules engine before its first question (skip logic)
        map_.mkdir(mode=0o700)
        deels = map_ / "deels.yaml"
        shutil.copy(ILSE, deels)
        tekst = deels.read_text(encoding="utf-8")
        deels.write_text(
            tekst.split("  voorgelicht:")[0].replace("  casustype: eigen_rol\n", ""),
            encoding="utf-8",
        )
        meet("advies intake CASE (hervatten)", ["intake", str(deels)], "[", omgeving)
        meet("advies zelfcheck", ["zelfcheck"], "Van wie komt het idee", omgeving)


if __name__ == "__main__":
    main()
