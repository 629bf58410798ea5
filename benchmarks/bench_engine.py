"""How fast the engine evaluates cases, in a batch, as a command, and over a long run.

  (a) evaluation.evalueer(..., wat_als=False) on N seeded random cases, against the plain-Python
      oracle of tests/oracle.py on the same cases (and the bare engine, without building advice);
  (b) `advies beoordeel cases.jsonl` as a process, on a generated file of N cases, output to a
      file: with a worker per core (at most 4), and with one worker;
  (c) `advies beoordeel voorbeelden/ilse-coordinatoren.yaml --format json` as a process: the median
      of 15 runs, after one discarded run that fills the knowledge-base cache; in turns with
      `python -c "import typer, pydantic"`, the floor of any program built on those two;
  (d) with --soak M: M evaluations in one process, with speed and memory every 100,000.

Subprocesses get a cache folder of their own (ADVIES_CACHE), so the user's cache is untouched.
Run from the repository root:

    python benchmarks/bench_engine.py [--n N] [--soak M] [--delen abc]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from advies import __version__  # noqa: E402
from advies.case.files import casus_als_data  # noqa: E402
from advies.case.model import Casus, maak_casus  # noqa: E402
from advies.engine import evaluation  # noqa: E402
from advies.knowledge.loading import laad_kennisbank  # noqa: E402
from advies.knowledge.model import Kennisbank  # noqa: E402
from oracle import CasusGenerator, beoordeel  # noqa: E402

SEED = 20_240_611
Rij = tuple[str, str, str]  # (what, result, note)


def casussen(kb: Kennisbank, n: int) -> list[Casus]:
    generator = CasusGenerator(kb, SEED)
    return [
        maak_casus(kb, {"antwoorden": generator.antwoorden()}, bestand="<bench>") for _ in range(n)
    ]


def per_seconde(functie: Callable[[], Any], n: int, herhaal: int = 3) -> float:
    """Cases per second: the median of a few timed runs over all n cases."""
    tijden = []
    for _ in range(herhaal):
        start = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - start)
    return n / statistics.median(tijden)


def deel_a(kb: Kennisbank, n: int) -> list[Rij]:
    print(f"kennisbank {kb.versie}", flush=True)
    lijst = casussen(kb, n)
    antwoorden = [c.antwoorden for c in lijst]
    engine = evaluation.engine_voor(kb)
    for casus in lijst[:500]:  # warm up: the ruleset, and the advice parts built once
        evaluation.evalueer(casus, kb, wat_als=False)

    def met_advies() -> None:
        for casus in lijst:
            evaluation.evalueer(casus, kb, wat_als=False)

    def kale_engine() -> None:
        for a in antwoorden:
            engine.evalueer(a)

    def oracle() -> None:
        for a in antwoorden:
            beoordeel(kb, a)

    advies = per_seconde(met_advies, n)
    kaal = per_seconde(kale_engine, n)
    orakel = per_seconde(oracle, n)
    return [
        (
            "(a) evalueer(wat_als=False), advies gebouwd",
            f"{advies:,.0f} casussen/s",
            f"{n:,} casussen, mediaan van 3",
        ),
        ("(a) alleen de engine (Engine.evalueer)", f"{kaal:,.0f} casussen/s", ""),
        ("(a) oracle in gewoon Python, zelfde casussen", f"{orakel:,.0f} casussen/s", ""),
        (
            "(a) verhouding oracle / evalueer",
            f"{orakel / advies:.1f}x",
            f"oracle / kale engine: {orakel / kaal:.1f}x",
        ),
    ]


def advies_commando() -> list[str]:
    naast = Path(sys.executable).parent / "advies"
    gevonden = str(naast) if naast.exists() else shutil.which("advies")
    if not gevonden:
        sys.exit("het commando 'advies' is niet gevonden; installeer het pakket (pip install -e .)")
    return [gevonden]


def deel_b(kb: Kennisbank, n: int, omgeving: dict[str, str], map_: Path) -> list[Rij]:
    import json

    pad = map_ / "casussen.jsonl"
    with pad.open("w", encoding="utf-8") as f:
        for casus in casussen(kb, n):
            f.write(json.dumps(casus_als_data(casus), ensure_ascii=False) + "\n")
    subprocess.run([*advies_commando(), "regels"], env=omgeving, capture_output=True, check=True)
    werkers = min(os.cpu_count() or 1, 4)
    rijen = []
    for aantal in dict.fromkeys((werkers, 1)):  # once on a one-core machine
        uitvoer = map_ / f"uit-{aantal}.jsonl"
        commando = [*advies_commando(), "beoordeel", str(pad), "--werkers", str(aantal)]
        # the output goes to a file, as a user would redirect it: through a pipe, this script's
        # reading would compete with the workers for the same cores
        with uitvoer.open("wb") as uit:
            start = time.perf_counter()
            subprocess.run(commando, env=omgeving, stdout=uit, stderr=subprocess.PIPE, check=True)
            duur = time.perf_counter() - start
        with uitvoer.open("rb") as f:
            regels = sum(1 for _ in f)
        if regels != n:
            sys.exit(f"(b) verwacht {n} regels uitvoer, kreeg {regels}")
        rijen.append(
            (
                f"(b) advies beoordeel cases.jsonl, {aantal} werker{'s' if aantal > 1 else ''}",
                f"{n / duur:,.0f} casussen/s",
                f"{n:,} casussen in {duur:.2f} s, uitvoer {uitvoer.stat().st_size / 2**20:,.0f} MiB",
            )
        )
    return rijen


def deel_c(omgeving: dict[str, str], runs: int) -> list[Rij]:
    """The single case as a process, beside the floor of any typer and pydantic program on the
    same machine: both in turns, so the machine's load weighs on both alike."""
    casus = ROOT / "voorbeelden" / "ilse-coordinatoren.yaml"
    commandos = {
        "advies": [*advies_commando(), "beoordeel", str(casus), "--format", "json"],
        "vloer": [sys.executable, "-c", "import typer, pydantic"],
    }
    tijden: dict[str, list[float]] = {naam: [] for naam in commandos}
    for _ in range(runs + 1):
        for naam, commando in commandos.items():
            start = time.perf_counter()
            subprocess.run(commando, env=omgeving, capture_output=True, check=True)
            tijden[naam].append(time.perf_counter() - start)
    eerste, rest = tijden["advies"][0], tijden["advies"][1:]
    vloer = tijden["vloer"][1:]
    return [
        (
            "(c) advies beoordeel ilse-coordinatoren.yaml --format json",
            f"{statistics.median(rest) * 1000:.0f} ms",
            f"mediaan van {runs}; min {min(rest) * 1000:.0f}, max {max(rest) * 1000:.0f}, "
            f"eerste (weggegooid) {eerste * 1000:.0f} ms",
        ),
        (
            '(c) python -c "import typer, pydantic", om en om',
            f"{statistics.median(vloer) * 1000:.0f} ms",
            f"mediaan van {runs}; advies kost daarboven "
            f"{(statistics.median(rest) - statistics.median(vloer)) * 1000:.0f} ms, "
            f"{statistics.median(rest) / statistics.median(vloer):.1f}x de vloer",
        ),
    ]


def rss_mib() -> float:
    """Resident memory now (Linux /proc), or the peak so far elsewhere."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return piek_mib()


def piek_mib() -> float:
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return piek / 2**20 if sys.platform == "darwin" else piek / 2**10


def deel_d(kb: Kennisbank, totaal: int) -> list[Rij]:
    lijst = casussen(kb, 10_000)
    for casus in lijst[:1000]:
        evaluation.evalueer(casus, kb, wat_als=False)
    begin_rss, begin_piek = rss_mib(), piek_mib()
    print(f"(d) {totaal:,} evaluaties; geheugen bij de start {begin_rss:.1f} MiB", flush=True)
    kop = ("evaluaties", "casussen/s", "dit stuk", "RSS MiB", "groei", "piek")
    print("    " + " ".join(f"{k:>{b}}" for k, b in zip(kop, (10, 11, 9, 8, 7, 7), strict=True)))
    start = vorige = time.perf_counter()
    gedaan = 0
    stap = 100_000
    while gedaan < totaal:
        for _ in range(min(stap, totaal - gedaan)):
            evaluation.evalueer(lijst[gedaan % len(lijst)], kb, wat_als=False)
            gedaan += 1
        nu = time.perf_counter()
        stuk = (gedaan - 1) % stap + 1
        print(
            f"    {gedaan:>10,} {gedaan / (nu - start):>11,.0f} {stuk / (nu - vorige):>9,.0f} "
            f"{rss_mib():>8.1f} {rss_mib() - begin_rss:>+7.1f} {piek_mib():>7.1f}",
            flush=True,
        )
        vorige = nu
    duur = time.perf_counter() - start
    return [
        (
            "(d) soak in één proces",
            f"{totaal / duur:,.0f} casussen/s",
            f"{totaal:,} evaluaties in {duur:.0f} s; RSS-groei {rss_mib() - begin_rss:+.1f} MiB, "
            f"piek {begin_piek:.1f} -> {piek_mib():.1f} MiB",
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="casussen voor (a) en (b)")
    parser.add_argument("--soak", type=int, default=0, help="evaluaties voor (d); 0 slaat (d) over")
    parser.add_argument("--runs", type=int, default=15, help="runs voor (c), na één weggegooide")
    parser.add_argument(
        "--delen", default="abc", help="welke delen (a, b, c; d komt er bij --soak bij)"
    )
    args = parser.parse_args()
    delen = set(args.delen) | ({"d"} if args.soak else set())

    print(
        f"advies {__version__}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} kernen, {time.strftime('%Y-%m-%d')}",
        flush=True,
    )
    rijen: list[Rij] = []
    with tempfile.TemporaryDirectory(prefix="advies-bench-") as tijdelijk:
        map_ = Path(tijdelijk)
        os.environ["ADVIES_CACHE"] = str(map_ / "cache")  # here and in the subprocesses
        omgeving = dict(os.environ)
        # a Python that may not cache bytecode compiles advies at every start; a normal install
        # has it compiled (pip does so), and the discarded first run of (c) writes it otherwise
        omgeving.pop("PYTHONDONTWRITEBYTECODE", None)
        kb = laad_kennisbank()
        if "a" in delen:
            rijen += deel_a(kb, args.n)
        if "b" in delen:
            rijen += deel_b(kb, args.n, omgeving, map_)
        if "c" in delen:
            rijen += deel_c(omgeving, args.runs)
        if "d" in delen:
            rijen += deel_d(kb, args.soak)

    breedte = max(len(r[0]) for r in rijen)
    waarde = max(len(r[1]) for r in rijen)
    print()
    print(f"| {'meting':<{breedte}} | {'resultaat':>{waarde}} | opmerking")
    print(f"| {'-' * breedte} | {'-' * waarde} | ---")
    for wat, resultaat, opmerking in rijen:
        print(f"| {wat:<{breedte}} | {resultaat:>{waarde}} | {opmerking}")


if __name__ == "__main__":
    main()
