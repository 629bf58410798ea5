"""What a batch costs, before and after, and whether the engine's block shape holds up.

  (a) CPU time per case of `advies beoordeel cases.jsonl --werkers 1` on the same N cases, for
      this checkout and for an older install (--voor, the `advies` command of another venv): the
      whole process tree, user + system time, start-up included. The output is written to a file.
  (b) cases per second with one and with two workers, beside the plain-Python oracle of
      tests/oracle.py on the same cases (in one process, without reading or writing);
  (c) output bytes per case: the compact line, the full line (--volledig, today's), a CSV row,
      and the older install's line;
  (d) peak memory (the largest resident set of any process of the batch) for 10,000, 100,000 and
      1,000,000 cases, with two workers;
  (e) with --soak M: M evaluations in blocks (one engine session per block of 256, as a batch
      runs them), and one single-case evaluation per block, in one process; every 100,000 the
      speed, resident memory and its growth; at the end the first block again, compared with
      its first result.

Subprocesses get a cache folder of their own (ADVIES_CACHE), so the user's cache is untouched.
Run from the repository root, on an otherwise idle machine (the script prints the load):

    python benchmarks/bench_batch.py --voor /tmp/advies-voor/.venv/bin/advies [--n 50000]
    python benchmarks/bench_batch.py --delen e --soak 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from advies import __version__  # noqa: E402
from advies.batch.blocks import BLOK  # noqa: E402
from advies.case.files import casus_als_data  # noqa: E402
from advies.case.model import Casus, maak_casus  # noqa: E402
from advies.engine.evaluation import evalueer, evalueer_blok  # noqa: E402
from advies.knowledge.loading import laad_kennisbank  # noqa: E402
from advies.knowledge.model import Kennisbank  # noqa: E402
from oracle import CasusGenerator, beoordeel  # noqa: E402

SEED = 20_240_611
Rij = tuple[str, str, str]  # (what, result, note)


def casussen(kb: Kennisbank, n: int, seed: int = SEED) -> list[Casus]:
    generator = CasusGenerator(kb, seed)
    return [
        maak_casus(
            kb, {"meta": {"naam": f"groep {i}"}, "antwoorden": generator.antwoorden()}, bestand="b"
        )
        for i in range(n)
    ]


def schrijf_batch(kb: Kennisbank, n: int, pad: Path) -> Path:
    """N cases as JSON Lines; past 100,000 the first 100,000 repeat (same cost per case)."""
    lijst = casussen(kb, min(n, 100_000))
    with pad.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(casus_als_data(lijst[i % len(lijst)]), ensure_ascii=False) + "\n")
    return pad


def eigen_advies() -> list[str]:
    naast = Path(sys.executable).parent / "advies"
    gevonden = str(naast) if naast.exists() else shutil.which("advies")
    if not gevonden:
        sys.exit("het commando 'advies' is niet gevonden; installeer het pakket (pip install -e .)")
    return [gevonden]


def draai(
    commando: list[str], uitvoer: Path, omgeving: dict[str, str]
) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds of the process and its children, peak RSS in MiB of the
    largest of them); the output goes to a file, as a user redirects it."""
    voor = resource.getrusage(resource.RUSAGE_CHILDREN)
    with uitvoer.open("wb") as uit:
        start = time.perf_counter()
        proces = subprocess.run(commando, env=omgeving, stdout=uit, stderr=subprocess.PIPE)
        duur = time.perf_counter() - start
    if proces.returncode != 0:
        sys.exit(f"{' '.join(commando)} gaf {proces.returncode}: {proces.stderr.decode()[-500:]}")
    na = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (na.ru_utime - voor.ru_utime) + (na.ru_stime - voor.ru_stime)
    return duur, cpu, na.ru_maxrss / 1024  # ru_maxrss: the largest child so far, in KiB


def last() -> str:
    een, vijf, _ = os.getloadavg()
    return f"belasting {een:.2f} (5 min {vijf:.2f})"


def deel_a_b_c(
    kb: Kennisbank, n: int, voor: list[str] | None, omgeving: dict[str, str], map_: Path
) -> list[Rij]:
    pad = schrijf_batch(kb, n, map_ / "casussen.jsonl")
    eigen = eigen_advies()
    subprocess.run([*eigen, "regels"], env=omgeving, capture_output=True, check=True)
    rijen: list[Rij] = []
    metingen: dict[str, tuple[float, float, int]] = {}
    varianten: list[tuple[str, list[str]]] = [
        ("nu, compact, 1 werker", [*eigen, "beoordeel", str(pad), "--werkers", "1"]),
        ("nu, compact, 2 werkers", [*eigen, "beoordeel", str(pad), "--werkers", "2"]),
        (
            "nu, --volledig, 1 werker",
            [*eigen, "beoordeel", str(pad), "--werkers", "1", "--volledig"],
        ),
        ("nu, csv, 1 werker", [*eigen, "beoordeel", str(pad), "--werkers", "1", "-f", "csv"]),
    ]
    if voor:
        subprocess.run([*voor, "regels"], env=omgeving, capture_output=True, check=True)
        varianten[:0] = [
            ("voor, 1 werker", [*voor, "beoordeel", str(pad), "--werkers", "1"]),
            ("voor, 2 werkers", [*voor, "beoordeel", str(pad), "--werkers", "2"]),
        ]
    for naam, commando in varianten:
        print(f"  {naam} ({last()})", flush=True)
        uitvoer = map_ / "uit"
        duur, cpu, _ = draai(commando, uitvoer, omgeving)
        metingen[naam] = (duur, cpu, uitvoer.stat().st_size)
        uitvoer.unlink()

    antwoorden = [c.antwoorden for c in casussen(kb, min(n, 50_000))]
    start = time.process_time()
    for a in antwoorden:
        beoordeel(kb, a)
    orakel = len(antwoorden) / (time.process_time() - start)

    for naam, (duur, cpu, grootte) in metingen.items():
        rijen.append(
            (
                f"(a/b) {naam}",
                f"{n / duur:,.0f} casussen/s",
                f"{cpu / n * 1e6:,.0f} µs CPU per casus; {n:,} in {duur:.1f} s; "
                f"uitvoer {grootte / n:,.0f} bytes per casus",
            )
        )
    rijen.append(
        ("(b) oracle in gewoon Python, één proces", f"{orakel:,.0f} casussen/s", "CPU-tijd")
    )
    if voor:
        oud, nieuw = metingen["voor, 1 werker"], metingen["nu, compact, 1 werker"]
        vol = metingen["nu, --volledig, 1 werker"]
        rijen.append(
            (
                "(a) CPU per casus, voor / nu (1 werker)",
                f"{oud[1] / nieuw[1]:.2f}x",
                f"compact; met --volledig {oud[1] / vol[1]:.2f}x",
            )
        )
        rijen.append(
            (
                "(c) bytes per casus, voor / nu",
                f"{oud[2] / nieuw[2]:.0f}x",
                f"{oud[2] / n:,.0f} -> {nieuw[2] / n:,.0f} (compact); --volledig "
                f"{vol[2] / n:,.0f}; csv {metingen['nu, csv, 1 werker'][2] / n:,.0f}",
            )
        )
    return rijen


def deel_d(kb: Kennisbank, omgeving: dict[str, str], map_: Path, groottes: list[int]) -> list[Rij]:
    rijen = []
    eigen = eigen_advies()
    for n in groottes:
        pad = schrijf_batch(kb, n, map_ / f"piek-{n}.jsonl")
        print(f"  piekgeheugen, {n:,} casussen ({last()})", flush=True)
        # each size in a process of its own, so ru_maxrss is this batch's alone
        code = (
            "import resource, subprocess, sys; "
            "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
            "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        start = time.perf_counter()
        uit = subprocess.run(
            [sys.executable, "-c", code, *eigen, "beoordeel", str(pad), "--werkers", "2"],
            env=omgeving,
            capture_output=True,
            text=True,
            check=True,
        )
        duur = time.perf_counter() - start
        terug, piek = uit.stdout.split()
        if terug != "0":
            sys.exit(f"(d) {n}: afsluitcode {terug}")
        rijen.append(
            (
                f"(d) piekgeheugen, {n:,} casussen, 2 werkers",
                f"{int(piek) / 1024:.0f} MiB",
                f"grootste proces; {duur:.0f} s; invoer {pad.stat().st_size / 2**20:,.0f} MiB",
            )
        )
        pad.unlink()
    return rijen


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def deel_e(kb: Kennisbank, totaal: int) -> list[Rij]:
    lijst = casussen(kb, 10_240, seed=SEED + 1)
    eerste = [a.json_regel() for a in evalueer_blok(lijst[:BLOK], kb)]
    for begin in range(0, len(lijst), BLOK):  # warm up: the parts store fills
        evalueer_blok(lijst[begin : begin + BLOK], kb, kern=True)
    begin_rss = rss_mib()
    print(f"(e) {totaal:,} evaluaties in blokken van {BLOK}; RSS bij de start {begin_rss:.1f} MiB")
    print("    evaluaties  casussen/s  dit stuk  RSS MiB   groei")
    start = vorige = time.perf_counter()
    gedaan = stuk = 0
    while gedaan < totaal:
        plek = (gedaan // BLOK * BLOK) % len(lijst)
        blok = lijst[plek : plek + BLOK]
        evalueer_blok(blok, kb, kern=True)
        evalueer(blok[0], kb, wat_als=False)  # the single-case shape, between the blocks
        gedaan += len(blok) + 1
        stuk += len(blok) + 1
        if stuk >= 100_000 or gedaan >= totaal:
            nu = time.perf_counter()
            print(
                f"    {gedaan:>10,} {gedaan / (nu - start):>11,.0f} {stuk / (nu - vorige):>9,.0f} "
                f"{rss_mib():>8.1f} {rss_mib() - begin_rss:>+7.1f}",
                flush=True,
            )
            stuk, vorige = 0, nu
    duur = time.perf_counter() - start
    weer = [a.json_regel() for a in evalueer_blok(lijst[:BLOK], kb)]
    if weer != eerste:
        sys.exit("(e) het eerste blok geeft aan het eind een ander advies dan aan het begin")
    return [
        (
            "(e) soak in blokken, één proces",
            f"{gedaan / duur:,.0f} casussen/s",
            f"{gedaan:,} evaluaties in {duur:.0f} s; RSS-groei {rss_mib() - begin_rss:+.1f} MiB; "
            "eerste blok aan het eind gelijk",
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50_000, help="casussen voor (a), (b) en (c)")
    parser.add_argument("--voor", help="het advies-commando van een oudere installatie, voor (a)")
    parser.add_argument("--soak", type=int, default=0, help="evaluaties voor (e)")
    parser.add_argument(
        "--piek", default="10000,100000,1000000", help="groottes voor (d), met komma's"
    )
    parser.add_argument("--delen", default="abcd", help="welke delen (e komt er bij --soak bij)")
    args = parser.parse_args()
    delen = set(args.delen) | ({"e"} if args.soak else set())
    print(
        f"advies {__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} kernen, "
        f"{time.strftime('%Y-%m-%d %H:%M')}, {last()}",
        flush=True,
    )
    rijen: list[Rij] = []
    with tempfile.TemporaryDirectory(prefix="advies-bench-") as tijdelijk:
        map_ = Path(tijdelijk)
        os.environ["ADVIES_CACHE"] = str(map_ / "cache")
        omgeving = dict(os.environ)
        omgeving.pop("PYTHONDONTWRITEBYTECODE", None)
        kb = laad_kennisbank()
        if delen & set("abc"):
            rijen += deel_a_b_c(
                kb, args.n, args.voor.split() if args.voor else None, omgeving, map_
            )
        if "d" in delen:
            rijen += deel_d(kb, omgeving, map_, [int(g) for g in args.piek.split(",")])
        if "e" in delen:
            rijen += deel_e(kb, args.soak)
    print(f"\nklaar, {last()}\n")
    breedte = max(len(r[0]) for r in rijen)
    waarde = max(len(r[1]) for r in rijen)
    print(f"| {'meting':<{breedte}} | {'resultaat':>{waarde}} | opmerking")
    print(f"| {'-' * breedte} | {'-' * waarde} | ---")
    for wat, resultaat, opmerking in rijen:
        print(f"| {wat:<{breedte}} | {resultaat:>{waarde}} | {opmerking}")


if __name__ == "__main__":
    main()
