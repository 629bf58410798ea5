"""The command classes of `advies` (typer's `cls=` hook): Dutch help and Dutch usage errors.

typer 0.29 vendors click, and click's help headings and usage errors there are English f-strings,
not gettext calls: a translation catalogue cannot reach them. These subclasses write the help
themselves (help_text.py), refuse extra arguments and unknown commands in their own words, and
show every usage error in Dutch (usage_errors.py) with exit code 2.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import typer
from typer._click import exceptions as click_fouten
from typer.core import TyperCommand, TyperGroup

# help_text and usage_errors are imported where they are used: a command that runs without a
# usage error or help (`advies beoordeel CASE`) does not load them at start


def _start(
    main: Any, args: Sequence[str] | None, prog_name: str | None, standalone: bool, **extra: Any
) -> Any:
    """Run click's main without its own error printing, and print errors in Dutch instead."""
    if not standalone:
        return main(args, prog_name, standalone_mode=False, **extra)
    try:
        uitkomst = main(args, prog_name, standalone_mode=False, **extra)
    except click_fouten.NoArgsIsHelpError as fout:  # `advies` alone: the help
        typer.echo(fout.message, err=True)
        sys.exit(fout.exit_code)
    except click_fouten.ClickException as fout:
        from advies.cli.usage_errors import foutmelding

        typer.echo(foutmelding(fout), err=True)
        sys.exit(fout.exit_code)
    except typer.Abort:
        typer.echo("afgebroken", err=True)
        sys.exit(1)
    sys.exit(uitkomst if isinstance(uitkomst, int) else 0)


@contextlib.contextmanager
def _met_context(ctx: Any) -> Iterator[None]:
    """The parser raises some usage errors without their command; give them it, for the usage
    line and to find the option that was misused."""
    try:
        yield
    except click_fouten.UsageError as fout:
        if fout.ctx is None:
            fout.ctx = ctx
        raise


def _onverwacht(args: list[str], ctx: Any) -> click_fouten.UsageError:
    from advies.cli.usage_errors import GebruiksFout, zichtbaar

    woorden = ", ".join(f"'{zichtbaar(a)}'" for a in args)
    meer = "argumenten" if len(args) > 1 else "argument"
    return GebruiksFout(
        f"onverwacht {meer} {woorden}; zet een naam met spaties tussen aanhalingstekens", ctx
    )


class AdviesCommando(TyperCommand):
    """A command of `advies`."""

    allow_extra_args = True  # so that extra arguments are refused below, in Dutch

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        from advies.cli.help_text import gebruik

        formatter.write(gebruik(self, ctx) + "\n")

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from advies.cli.help_text import hulptekst

        formatter.write(hulptekst(self, ctx))

    def get_help_option(self, ctx: Any) -> Any:
        optie = super().get_help_option(ctx)
        if optie is not None:
            optie.help = "Toon deze hulp en stop."
        return optie

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        with _met_context(ctx):
            rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            raise _onverwacht(rest, ctx)
        return rest

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        return _start(
            super().main, args, prog_name, standalone_mode, complete_var=complete_var, **extra
        )


class AdviesGroep(TyperGroup):
    """`advies` itself: its options and its commands."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        from advies.cli.help_text import gebruik

        formatter.write(gebruik(self, ctx) + "\n")

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from advies.cli.help_text import hulptekst

        commandos = [(naam, self.commands[naam]) for naam in self.list_commands(ctx)]
        formatter.write(hulptekst(self, ctx, commandos))

    def get_help_option(self, ctx: Any) -> Any:
        optie = super().get_help_option(ctx)
        if optie is not None:
            optie.help = "Toon deze hulp en stop."
        return optie

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        with _met_context(ctx):
            return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[Any, Any, list[str]]:
        naam = args[0]
        if self.get_command(ctx, naam) is None and not ctx.resilient_parsing:
            from advies.cli.usage_errors import GebruiksFout, zichtbaar

            tekst = f"onbekend commando '{zichtbaar(naam)}'"
            bedoeld = difflib.get_close_matches(naam, list(self.commands))
            if bedoeld:
                tekst += f". Bedoelt u {' of '.join(bedoeld)}?"
            else:
                tekst += f"; de commando's zijn {', '.join(self.commands)}"
            raise GebruiksFout(tekst, ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except click_fouten.UsageError as fout:
            from advies.cli.usage_errors import GebruiksFout

            # only one usage error comes from the group itself before a command runs: none given
            if (
                not isinstance(fout, GebruiksFout)
                and fout.ctx is ctx
                and fout.ctx.invoked_subcommand is None
            ):
                raise GebruiksFout(f"geef een commando: {', '.join(self.commands)}", ctx) from None
            raise

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        # the shell asks for completions: register typer's shells (only then, it costs time)
        var = complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()
        if os.environ.get(var):
            from typer._completion_classes import completion_init

            completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        return _start(
            super().main, args, prog_name, standalone_mode, complete_var=complete_var, **extra
        )
