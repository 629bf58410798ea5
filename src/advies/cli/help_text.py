"""The help of `advies` and its commands, written in Dutch from the commands' own parameters.

Every word of it is ours: the usage line, the headings, the help option and the markers
([verplicht], [standaard: ...]). Lines are wrapped at word boundaries to the terminal's width, a
description is never cut short, and an example in a docstring (an indented paragraph) is shown as
written. textwrap is imported where it is used: a command that shows no help does not pay for it.
"""

from __future__ import annotations

import inspect
import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

_INSPRINGEN = "  "
_KOLOM_MAX = 30  # a longer name gets its description on the next line, as click does


def schermbreedte(standaard: int = 80, *, maximum: int | None = None, minimum: int = 40) -> int:
    """The width to wrap output to: the terminal's ($COLUMNS first), one column to spare for
    terminals that wrap at the last one. Output that goes to a file or a pipe gets `standaard`,
    so that what is written does not depend on the window it was started from."""
    if not os.environ.get("COLUMNS") and not _is_terminal(sys.stdout):
        return standaard
    breedte = shutil.get_terminal_size((standaard + 1, 24)).columns - 1
    if maximum is not None:
        breedte = min(breedte, maximum)
    return max(minimum, breedte)


def _is_terminal(stroom: Any) -> bool:
    try:
        return bool(stroom.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _breedte() -> int:
    return schermbreedte(maximum=100)  # help reads best in lines of moderate length


def metavar(param: Any) -> str:
    """How a value is shown in usage and help: the given metavar, the choices, or its kind."""
    if param.metavar:
        return str(param.metavar)
    if param.param_type_name == "argument":
        return str(param.name).upper()
    keuzes = param.type_descriptor.choices
    if keuzes:
        return "[" + "|".join(k.value if isinstance(k, Enum) else str(k) for k in keuzes) + "]"
    soort = param.type_descriptor.annotation
    if isinstance(soort, type) and issubclass(soort, Path):
        return "PAD"
    if soort is int:
        return "GETAL"
    return "TEKST"


def _is_vlag(param: Any) -> bool:
    return bool(getattr(param, "is_flag", False))


def gebruik_delen(cmd: Any, ctx: Any) -> list[str]:
    """The parts of the usage line after the command: [OPTIES], then the arguments."""
    delen = ["[OPTIES]"]
    for param in cmd.get_params(ctx):
        if param.param_type_name != "argument":
            continue
        naam = metavar(param)
        delen.append(naam if param.required else f"[{naam}]")
    if getattr(cmd, "commands", None) is not None:
        delen.append("COMMANDO [ARGUMENTEN]...")
    return delen


def gebruik(cmd: Any, ctx: Any) -> str:
    """`Gebruik: advies beoordeel [OPTIES] CASUS`, wrapped under its own start."""
    import textwrap

    kop = f"Gebruik: {ctx.command_path} "
    return textwrap.fill(
        " ".join(gebruik_delen(cmd, ctx)),
        max(_breedte(), len(kop) + 20),
        initial_indent=kop,
        subsequent_indent=" " * len(kop),
        break_on_hyphens=False,
        break_long_words=False,
    )


def _optie_naam(param: Any) -> str:
    """`-f, --format [md|html]`, `--wat-als / --zonder-wat-als`, `--werkers GETAL`."""
    namen = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
    tekst = ", ".join(namen)
    if param.secondary_opts:
        tekst += " / " + ", ".join(param.secondary_opts)
    if not _is_vlag(param):
        tekst += " " + metavar(param)
    return tekst


def _standaard(param: Any) -> str | None:
    """The default, where it says something: not for flags, nor where nothing is the default."""
    if _is_vlag(param) or not getattr(param, "show_default", False) or param.required:
        return None
    if "standaard" in (param.help or "").lower():
        return None  # the help says it in words already ("standaard: een vrije")
    waarde = param.default
    if waarde is None or callable(waarde):
        return None
    return str(waarde.value if isinstance(waarde, Enum) else waarde)


def _regel(param: Any) -> tuple[str, str]:
    naam = metavar(param) if param.param_type_name == "argument" else _optie_naam(param)
    tekst = " ".join((param.help or "").split())
    extra = []
    if param.param_type_name == "option" and getattr(param, "min", None) is not None:
        extra.append(f"[{param.min} tot en met {param.max}]")
    standaard = _standaard(param)
    if standaard is not None:
        extra.append(f"[standaard: {standaard}]")
    if param.required:
        extra.append("[verplicht]")
    return naam, "  ".join(d for d in (tekst, *extra) if d)


def _definities(rijen: Sequence[tuple[str, str]], breedte: int) -> list[str]:
    """Two columns: the name, and its description wrapped beside it (under it if the name is long)."""
    import textwrap

    kolom = min(max(len(n) for n, _ in rijen), _KOLOM_MAX) + 2
    inspringen = len(_INSPRINGEN) + kolom
    tekstbreedte = max(breedte - inspringen, 20)
    regels = []
    for naam, tekst in rijen:
        stukken = textwrap.wrap(
            tekst, tekstbreedte, break_on_hyphens=False, break_long_words=False
        ) or [""]
        if len(naam) + 2 > kolom:
            regels.append(f"{_INSPRINGEN}{naam}")
            regels += [" " * inspringen + s for s in stukken if s]
            continue
        regels.append(f"{_INSPRINGEN}{naam:<{kolom}}{stukken[0]}".rstrip())
        regels += [" " * inspringen + s for s in stukken[1:]]
    return regels


def _alinea_s(tekst: str, breedte: int) -> list[str]:
    """A docstring as paragraphs: prose is rewrapped, an indented paragraph (an example command)
    is kept line for line."""
    import textwrap

    regels: list[str] = []
    for alinea in inspect.cleandoc(tekst).partition("\f")[0].split("\n\n"):
        if not alinea.strip():
            continue
        if regels:
            regels.append("")
        if alinea.startswith((" ", "\t")):
            regels += [_INSPRINGEN + r.rstrip() for r in alinea.splitlines()]
        else:
            regels += textwrap.wrap(
                " ".join(alinea.split()),
                breedte,
                initial_indent=_INSPRINGEN,
                subsequent_indent=_INSPRINGEN,
                break_on_hyphens=False,
                break_long_words=False,
            )
    return regels


def eerste_zin(tekst: str | None) -> str:
    """The first paragraph of a command's help, whole: the summary in the list of commands."""
    if not tekst:
        return ""
    return " ".join(inspect.cleandoc(tekst).split("\n\n")[0].split())


def hulptekst(cmd: Any, ctx: Any, commandos: Iterable[tuple[str, Any]] = ()) -> str:
    """The whole help of a command (or of `advies` itself, with its commands)."""
    breedte = _breedte()
    regels = [gebruik(cmd, ctx)]
    if cmd.help:
        regels += ["", *_alinea_s(cmd.help, breedte)]
    params = [p for p in cmd.get_params(ctx) if not getattr(p, "hidden", False)]
    argumenten = [_regel(p) for p in params if p.param_type_name == "argument"]
    opties = [_regel(p) for p in params if p.param_type_name == "option"]
    rijen = [(naam, eerste_zin(c.help)) for naam, c in commandos if not c.hidden]
    for kop, inhoud in (("Argumenten", argumenten), ("Opties", opties), ("Commando's", rijen)):
        if inhoud:
            regels += ["", f"{kop}:", *_definities(inhoud, breedte)]
    return "\n".join(regels) + "\n"
