"""Where the shipped data lives: inside the installed package, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # advies/


def data_dir(name: str) -> Path:
    """`rules` or `questionnaires`: copied into the wheel under advies/data/, read from the top of the
    checkout in development."""
    installed = _PACKAGE / "data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name
