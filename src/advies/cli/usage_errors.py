"""Usage errors in Dutch: what was typed wrong, and what is allowed.

The message is made from the error's own attributes (the option, the parameter, the value
pydantic refused and why), never from click's English text, so a change of wording upstream
cannot leak English through. An error this module does not know gets a plain Dutch sentence.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from enum import Enum
from typing import Any

from typer._click import exceptions as click_fouten

from advies.case import visible_text
from advies.cli.help_text import metavar


class GebruiksFout(click_fouten.UsageError):
    """A usage error raised by advies itself, already in Dutch."""


def zichtbaar(tekst: str) -> str:
    """Typed text as shown back on one line: control characters made visible, never obeyed (the
    shared rule of case/visible_text.py), and a line break or tab shown as its escape too."""
    return visible_text.zichtbaar(str(tekst)).replace("\n", "\\n").replace("\t", "\\t")


def _naam(param: Any) -> str:
    if param.param_type_name == "argument":
        return metavar(param)
    return " / ".join(sorted(param.opts, key=lambda o: (not o.startswith("--"), o)))


def _keuzes(param: Any) -> list[str]:
    keuzes = param.type_descriptor.choices or ()
    return [k.value if isinstance(k, Enum) else str(k) for k in keuzes]


def _of(woorden: list[str]) -> str:
    return woorden[0] if len(woorden) == 1 else ", ".join(woorden[:-1]) + " of " + woorden[-1]


def _waardefout(fout: click_fouten.BadParameter) -> str:
    """Why a value was refused: from pydantic's structured error when typer's coercion refused it,
    from our own message when advies did."""
    param = fout.param
    oorzaak = fout.__cause__
    gegeven: Any = None
    soort = ""
    grens: dict[str, Any] = {}
    if oorzaak is not None and hasattr(oorzaak, "errors"):
        eerste = oorzaak.errors()[0]
        gegeven, soort, grens = eerste.get("input"), eerste.get("type", ""), eerste.get("ctx") or {}
    waarde = f"'{zichtbaar(gegeven)}'" if gegeven is not None else "deze waarde"
    if param is not None and _keuzes(param):
        return f"{waarde} kan niet; kies {_of(_keuzes(param))}"
    if soort in ("int_parsing", "int_type", "int_from_float"):
        return f"{waarde} is geen geheel getal"
    if soort in ("greater_than_equal", "greater_than"):
        minimum = grens.get("ge", grens.get("gt"))
        return f"{waarde} is te klein; het kleinste getal is {minimum}"
    if soort in ("less_than_equal", "less_than"):
        maximum = grens.get("le", grens.get("lt"))
        return f"{waarde} is te groot; het grootste getal is {maximum}"
    return f"{waarde} kan hier niet"


def _optie(ctx: Any, naam: str) -> Any:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if naam in (*param.opts, *param.secondary_opts):
            return param
    return None


def nederlands(fout: click_fouten.ClickException) -> str:
    """The Dutch message for a usage error (without 'fout:' and the usage line)."""
    if isinstance(fout, GebruiksFout):
        return fout.message
    if isinstance(fout, click_fouten.MissingParameter) and fout.param is not None:
        param: Any = fout.param
        hulp = " ".join((param.help or "").split())
        if param.param_type_name == "argument":
            tekst = f"het argument {_naam(param)} ontbreekt"
        else:
            tekst = f"de optie {_naam(param)} ontbreekt"
        return f"{tekst}: {hulp[0].lower() + hulp[1:]}" if hulp else tekst
    if isinstance(fout, click_fouten.BadParameter):
        if fout.param is None:
            return f"ongeldige waarde: {_waardefout(fout)}"
        return f"ongeldige waarde voor {_naam(fout.param)}: {_waardefout(fout)}"
    if isinstance(fout, click_fouten.NoSuchOption):
        tekst = f"onbekende optie {zichtbaar(fout.option_name)}"
        if fout.possibilities:
            tekst += f". Bedoelt u {_of(_dichtstbij(fout.option_name, fout.possibilities))}?"
        return tekst
    if isinstance(fout, click_fouten.BadOptionUsage):
        naam = zichtbaar(fout.option_name)
        param = _optie(fout.ctx, fout.option_name)
        if param is not None and getattr(param, "is_flag", False):
            return f"de optie {naam} neemt geen waarde; laat '=…' weg"
        if param is not None and _keuzes(param):
            return f"de optie {naam} heeft een waarde nodig: {_of(_keuzes(param))}"
        return f"de optie {naam} heeft een waarde nodig" + (
            f" ({metavar(param)})" if param is not None else ""
        )
    return "deze opdracht klopt niet"


def foutmelding(fout: click_fouten.ClickException) -> str:
    """The whole message on stderr: the usage line, the error, where to find help."""
    regels = []
    ctx = getattr(fout, "ctx", None)
    if ctx is not None:
        regels.append(ctx.get_usage())
    regels.append(f"fout: {nederlands(fout)}")
    if ctx is not None:
        regels.append(f"Meer hulp: {ctx.command_path} --help")
    return "\n".join(regels)


def _dichtstbij(naam: str, mogelijk: Sequence[str]) -> list[str]:
    """The options closest to what was typed (--formaat: --format, not also --doorgaan)."""
    gelijkenis = {m: difflib.SequenceMatcher(None, naam, m).ratio() for m in mogelijk}
    beste = max(gelijkenis.values())
    return sorted(m for m, r in gelijkenis.items() if r >= beste - 0.05)
