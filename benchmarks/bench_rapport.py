"""How long `advies rapport` takes to render, per format (target: DOCX <= 0.5 s, PDF <= 1 s).

Measures render_report only (the case is read and evaluated once beforehand), as the median of N
runs in one process, and separately the first run, which also pays for importing the document
libraries. Run from the repository root:

    python benchmarks/bench_rapport.py [CASE.yaml] [N]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from advies.case.files import lees_casus
from advies.engine.evaluation import evalueer
from advies.knowledge.loading import laad_kennisbank
from advies.report.render import render_report

DOELEN = {"md": None, "html": None, "docx": 0.5, "pdf": 1.0}


def main() -> None:
    pad = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("voorbeelden/ilse-coordinatoren.yaml")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
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


if __name__ == "__main__":
    main()
