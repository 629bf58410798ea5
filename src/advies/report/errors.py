"""Errors of `advies rapport`: an unusable template, text the PDF cannot show, an output that
cannot be written.

All are the user's to fix, so they are AdviesError subclasses (exit code 2) whose message names the
file, what is wrong and what to do.
"""

from __future__ import annotations

from advies.errors import AdviesError


class SjabloonFout(AdviesError):
    """The template (--sjabloon) is missing or unusable: a Word file that is no .docx or has broken
    Jinja tags, a Typst template with an error (named with its line)."""


class TekensFout(AdviesError):
    """The advice holds characters that no font of the PDF can show (Chinese, emoji …)."""


class UitvoerKeuzeFout(AdviesError):
    """The output named with --uitvoer cannot be used (a folder, no such folder, a case file, an
    extension that is not the format's): the user's choice to correct, exit code 2. A disk that
    fails while writing is errors.UitvoerFout (exit code 5)."""


class SjabloonWaarschuwing(UserWarning):
    """Something in a Typst template the PDF was still made with (an unknown font); the command
    line prints it as a Dutch warning."""
