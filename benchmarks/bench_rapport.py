"""How long `advies rapport` takes, per format, and the PDF as a whole process beside the renderer
it replaced.

    python benchmarks/bench_rapport.py [CASE.yaml] [N]
    python benchmarks/bench_rapport.py --proces [--vorige REF] [--n N] [--png DIR] [CASE.yaml ...]

Without --proces: render_report in one process (the case is read and evaluated once beforehand),
the median of N runs and separately the first run, which also pays for importing the document
libraries (target: DOCX <= 0.5 s, PDF <= 1 s).

With --proces: `advies rapport CASE -f pdf -o x.pdf` as a whole process, for the client and the
coach, with today's code and with the code before the PDF went to Typst (the parent of the commit
that took fpdf2 out of pyproject.toml, or --vorige REF), in the same run: each version is
installed from `git archive` into a virtualenv of its own in a temporary folder (as a user
installs it: non-editable, bytecode compiled by pip), runs are interleaved so that the machine's
load falls on both alike, and the page counts are compared. --png DIR renders every page of both
PDFs with pdftoppm, to look at them side by side. Run from the repository root.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOELEN = {"md": None, "html": None, "docx": 0.5, "pdf": 1.0}
ROOT = Path(__file__).resolve().parents[1]


def in_proces(pad: Path, n: int) -> None:
    from advies.case.files import lees_casus
    from advies.engine.evaluation import evalueer
    from advies.knowledge.loading import laad_kennisbank
    from advies.report.render import render_report

    kb = laad_kennisbank()
    casus = lees_casus(kb, pad)
    advies = evalueer(casus, kb)
    print(f"casus: {pad} ({advies.verdict}), {n} keer per formaat")
    print(f"{'formaat':11} {'eerste':>9} {'mediaan':>9} {'max':>9}  doel")
    for formaat, doel in DOELEN.items():
        for voor in ("klant", "coach"):
            tijden = []
            for _ in range(n + 1):
                start = time.perf_counter()
                render_report(casus, advies, kb, formaat, voor)  # type: ignore[arg-type]
                tijden.append(time.perf_counter() - start)
            eerste, rest = tijden[0], tijden[1:]
            mediaan = statistics.median(rest)
            oordeel = ""
            if doel is not None:
                oordeel = f"<= {doel:.1f} s {'ok' if mediaan <= doel else 'TE TRAAG'}"
            naam = f"{formaat}/{voor}"
            print(f"{naam:11} {eerste:8.3f}s {mediaan:8.3f}s {max(rest):8.3f}s  {oordeel}")


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def vorige_versie() -> str:
    """The last commit whose PDF was made by fpdf2."""
    weg = _git("log", "-1", "--format=%H", "-S", '"fpdf2>=', "--", "pyproject.toml")
    if not weg or '"fpdf2>=' in _git("show", f"{weg}:pyproject.toml"):
        sys.exit("geen commit gevonden die fpdf2 verwijdert; geef --vorige REF")
    return _git("rev-parse", f"{weg}^")


def installeer(bron: Path, venv: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(bron)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return venv / "bin" / "advies"


def pdf_proces(args: argparse.Namespace) -> None:
    from pypdf import PdfReader

    ref = args.vorige or vorige_versie()
    casussen = [Path(c) for c in args.casus] or sorted((ROOT / "voorbeelden").glob("*.yaml"))
    werk = Path(tempfile.mkdtemp(prefix="bench-rapport-"))
    omgeving = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    omgeving["ADVIES_CACHE"] = str(werk / "cache")
    try:
        print(f"vorige versie (fpdf2): {_git('log', '-1', '--format=%h %s', ref)[:90]}")
        print(f"deze versie (Typst):   {_git('log', '-1', '--format=%h %s', 'HEAD')[:90]}")
        versies = {}
        for naam, bron in (("fpdf", ref), ("typst", None)):
            map_ = werk / naam
            if bron is None:  # the working tree as it is, uncommitted changes included
                shutil.copytree(
                    ROOT,
                    map_,
                    ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info"),
                )
            else:
                map_.mkdir()
                archief = subprocess.run(
                    ["git", "-C", str(ROOT), "archive", bron], capture_output=True, check=True
                ).stdout
                subprocess.run(["tar", "-x", "-C", str(map_)], input=archief, check=True)
            start = time.perf_counter()
            versies[naam] = installeer(map_, werk / f"venv-{naam}")
            print(f"{naam}: geïnstalleerd in {time.perf_counter() - start:.0f} s")
        print(
            f"\n`advies rapport CASUS -f pdf -o x.pdf` als proces, mediaan van {args.n} (ms); "
            "md: deze versie met -f md, wat elk formaat kost"
        )
        print(
            f"{'casus':34} {'fpdf':>6} {'typst':>6} {'typst/fpdf':>10} {'md':>6}  "
            f"{'pagina’s fpdf/typst':>20}"
        )
        verhoudingen = []
        for casus in casussen:
            for voor in ("klant", "coach"):
                tijden: dict[str, list[float]] = {"fpdf": [], "typst": [], "md": []}
                uit = {n: werk / f"{casus.stem}-{voor}-{n}.pdf" for n in versies}
                md = werk / f"{casus.stem}-{voor}.md"
                for ronde in range(args.n + 1):
                    for naam, advies in (*versies.items(), ("md", versies["typst"])):
                        formaat = "md" if naam == "md" else "pdf"
                        doel = md if naam == "md" else uit[naam]
                        opdracht = [str(advies), "rapport", str(casus), "-f", formaat]
                        start = time.perf_counter()
                        subprocess.run(
                            [*opdracht, "--voor", voor, "-o", str(doel)],
                            check=True,
                            env=omgeving,
                            capture_output=True,
                        )
                        if ronde:  # the first round fills the caches and is not counted
                            tijden[naam].append((time.perf_counter() - start) * 1000)
                oud, nieuw, alleen = (statistics.median(tijden[n]) for n in ("fpdf", "typst", "md"))
                verhoudingen.append(nieuw / oud)
                paginas = [len(PdfReader(io.BytesIO(uit[n].read_bytes())).pages) for n in uit]
                print(
                    f"{casus.stem + '/' + voor:34} {oud:6.0f} {nieuw:6.0f} {nieuw / oud:10.2f} "
                    f"{alleen:6.0f}  {paginas[0]:>14} / {paginas[1]}"
                )
                if args.png:
                    _png(uit, Path(args.png), f"{casus.stem}-{voor}")
        print(
            f"\nTypst neemt {statistics.median(verhoudingen):.2f} van de tijd van fpdf2 "
            f"(mediaan over {len(verhoudingen)} documenten; doel: hoogstens 0.33)"
        )
        print(
            "\nalleen render_report(..., 'pdf') in één proces (ms): de eerste keer, mediaan van 5"
        )
        for naam, advies in versies.items():
            for voor in ("klant", "coach"):
                meting = subprocess.run(
                    [str(advies.with_name("python")), "-c", _RENDER, str(casussen[0]), voor],
                    check=True,
                    env=omgeving,
                    capture_output=True,
                    text=True,
                ).stdout.split()
                print(f"{naam:6} {casussen[0].stem + '/' + voor:34} {meting[0]:>6} {meting[1]:>6}")
    finally:
        shutil.rmtree(werk, ignore_errors=True)


_RENDER = """
import statistics, sys, time
from pathlib import Path
from advies.case.files import lees_casus
from advies.engine.evaluation import evalueer
from advies.knowledge.loading import laad_kennisbank
from advies.report.render import render_report
kb = laad_kennisbank()
casus = lees_casus(kb, Path(sys.argv[1]))
advies = evalueer(casus, kb)
tijden = []
for _ in range(6):
    start = time.perf_counter()
    render_report(casus, advies, kb, "pdf", sys.argv[2])
    tijden.append((time.perf_counter() - start) * 1000)
print(round(tijden[0]), round(statistics.median(tijden[1:])))
"""


def _png(pdfs: dict[str, Path], map_: Path, naam: str) -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm ontbreekt: apt-get install poppler-utils")
    map_.mkdir(parents=True, exist_ok=True)
    for versie, pdf in pdfs.items():
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(pdf), str(map_ / f"{naam}-{versie}")], check=True
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("casus", nargs="*", help="casusbestand(en); standaard zie boven")
    ap.add_argument("--proces", action="store_true", help="de PDF als proces, naast fpdf2")
    ap.add_argument("--vorige", help="git-ref van de versie met fpdf2")
    ap.add_argument("--n", type=int, default=None, help="aantal metingen")
    ap.add_argument("--png", help="map voor de pagina's van beide PDF's als PNG")
    args = ap.parse_args()
    if args.proces:
        args.n = args.n or 7
        pdf_proces(args)
        return
    # the original form: [CASE.yaml] [N]
    pad = Path(args.casus[0]) if args.casus else Path("voorbeelden/ilse-coordinatoren.yaml")
    n = args.n or (int(args.casus[1]) if len(args.casus) > 1 else 15)
    in_proces(pad, n)


if __name__ == "__main__":
    main()
