"""The options of `advies` itself: --version, and shell completion as typer offers it.

Completion uses typer's own machinery (its scripts per shell and its installer); only the words
around it are ours, in Dutch.
"""

from __future__ import annotations

import os
from typing import Any

import typer

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def toon_versie(ctx: Any, param: Any, waarde: bool) -> None:
    """`advies --version`: the program's version and the knowledge base it reads."""
    if not waarde or ctx.resilient_parsing:
        return
    from advies import __version__
    from advies.cli.handling import fouten_afhandelen
    from advies.knowledge.loading import laad_kennisbank

    with fouten_afhandelen():
        kb = laad_kennisbank()
    typer.echo(f"advies {__version__}, kennisbank {kb.versie}")
    raise typer.Exit(0)


def _shell(ctx: Any) -> str:
    """The user's shell, as typer would detect it; said plainly when it cannot be helped."""
    naam = None
    try:
        import shellingham

        naam = shellingham.detect_shell()[0]
    except Exception:  # no shell to detect (a service, a test): fall back on $SHELL
        naam = os.path.basename(os.environ.get("SHELL", "")) or None
    if naam not in SHELLS:
        from advies.cli.usage_errors import GebruiksFout

        gevonden = f"'{naam}'" if naam else "geen shell"
        raise GebruiksFout(
            f"aanvullen met Tab kan in bash, zsh, fish en PowerShell; gevonden: {gevonden}", ctx
        )
    return str(naam)


def _namen(ctx: Any) -> tuple[str, str]:
    programma = ctx.find_root().info_name or "advies"
    return programma, f"_{programma}_COMPLETE".replace("-", "_").upper()


def installeer_aanvulling(ctx: Any, param: Any, waarde: bool) -> None:
    """Install completion for the user's shell (typer's installer), say where, and stop."""
    if not waarde or ctx.resilient_parsing:
        return
    from typer._completion_shared import install

    shell = _shell(ctx)
    programma, variabele = _namen(ctx)
    shell, pad = install(shell=shell, prog_name=programma, complete_var=variabele)
    typer.echo(
        f"Aanvullen met Tab voor {shell} staat in {pad}.\n"
        "Het werkt in elke nieuwe terminal die u opent."
    )
    raise typer.Exit(0)


def toon_aanvulling(ctx: Any, param: Any, waarde: bool) -> None:
    """Print the completion script for the user's shell, to install by hand, and stop."""
    if not waarde or ctx.resilient_parsing:
        return
    from typer._completion_shared import get_completion_script

    programma, variabele = _namen(ctx)
    typer.echo(
        get_completion_script(prog_name=programma, complete_var=variabele, shell=_shell(ctx))
    )
    raise typer.Exit(0)
