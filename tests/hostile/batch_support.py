"""What the hostile batch tests share: a batch file of random cases, and `advies` as a process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from advies.knowledge.model import Kennisbank
from oracle import CasusGenerator

ADVIES = [sys.executable, "-c", "from advies.cli.app import main; main()"]


def batchregels(kb: Kennisbank, aantal: int, seed: int = 1) -> list[str]:
    generator = CasusGenerator(kb, seed)
    return [
        json.dumps({"meta": {"naam": f"groep {i}"}, "antwoorden": generator.antwoorden()})
        for i in range(aantal)
    ]


def omgeving(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "ADVIES_CACHE": str(tmp_path / "cache"), "COLUMNS": "100"}


def advies(tmp_path: Path, *args: Any, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*ADVIES, *map(str, args)],
        env=omgeving(tmp_path),
        capture_output="stdout" not in kwargs,
        timeout=300,
        **kwargs,
    )
