"""Errors of `advies rapport`: an unusable Word template, an output that cannot be written.

Both are the user's to fix, so they are AdviesError subclasses (exit code 2) whose message names the
file, what is wrong and what to do.
"""

from __future__ import annotations

from advies.errors import AdviesError


class SjabloonFout(AdviesError):
    """The Word template (--sjabloon) is missing, not a .docx, or has broken Jinja tags."""


class UitvoerFout(AdviesError):
    """The output (--uitvoer) cannot be written, or does not fit the format."""
