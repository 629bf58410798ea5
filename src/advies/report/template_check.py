"""Templates come from elsewhere (a Word letterhead mailed by a colleague), so they are treated as
hostile: rendered in Jinja's sandbox, and checked beforehand to use only the documented tags.

Jinja without a sandbox runs whatever a template asks: `''.__class__.__mro__[1].__subclasses__()`
reaches `os.system`. The sandbox refuses attributes that start with an underscore and calls that
change data; the check below is stricter still. It walks the parsed template and allows only the
variables of docs/sjabloon.md, the loop over `gegevens` with its two fields, `if`, a handful of
filters and comparisons; anything else (a call, an attribute, an import, a macro) is refused with a
Dutch message quoting the tag, before anything is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

# filters that only format text
FILTERS = frozenset(
    {"upper", "lower", "title", "capitalize", "trim", "default", "d", "e", "escape", "length"}
)
_LOOP = frozenset({"index", "index0", "first", "last", "length", "revindex", "revindex0"})
# statements and expressions a template may use; the rest (calls, imports, macros, blocks, set,
# arithmetic, subscripts, literals of lists) it does not need
_KNOPEN = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Const,
    nodes.If,
    nodes.For,
    nodes.Name,
    nodes.Getattr,
    nodes.Filter,
    nodes.Test,
    nodes.CondExpr,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Compare,
    nodes.Operand,
    nodes.Concat,
)
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


class NietToegestaan(Exception):
    """A template asks for something it may not; `tag` is the tag as written, `wat` says what."""

    def __init__(self, tag: str, wat: str):
        super().__init__(f"{tag}: {wat}")
        self.tag, self.wat = tag, wat


def sandbox(**opties: Any) -> ImmutableSandboxedEnvironment:
    """A Jinja environment that cannot reach Python's internals or change data."""
    return ImmutableSandboxedEnvironment(**opties)


def controleer(
    omgeving: Any, bronnen: Iterable[str], lijsten: Mapping[str, frozenset[str]]
) -> set[str]:
    """Check template sources and return the variables they use (outside a loop's own names),
    for the caller to hold against the documented ones. `lijsten` maps each list a template
    may loop over to the fields of its items. Raises NietToegestaan for a construct that is not
    allowed, and jinja2's TemplateSyntaxError for a source that does not parse."""
    gebruikt: set[str] = set()
    for bron in bronnen:
        boom = omgeving.parse(bron)
        regels = bron.split("\n")
        for knoop, wat in _overtredingen(boom, {}, lijsten):
            if wat is None:
                gebruikt.add(knoop.name)
                continue
            raise NietToegestaan(_tag_op(regels, knoop), wat)
    return gebruikt


def _overtredingen(
    knoop: nodes.Node,
    bereik: dict[str, frozenset[str]],
    lijsten: Mapping[str, frozenset[str]],
) -> Iterator[tuple[Any, str | None]]:
    """(node, what is wrong) for each node a template may not use, and (name, None) for each
    variable it reads. `bereik` maps the names a loop binds to the fields allowed on them."""
    if not isinstance(knoop, _KNOPEN):
        yield knoop, f"'{type(knoop).__name__}' hoort niet in een sjabloon"
        return
    if isinstance(knoop, nodes.Name):
        if knoop.ctx == "load" and knoop.name not in bereik:
            yield knoop, None  # a variable of the template's context
        return
    if isinstance(knoop, nodes.Getattr):
        velden = bereik.get(knoop.node.name) if isinstance(knoop.node, nodes.Name) else None
        if not velden or knoop.attr not in velden:
            yield knoop, f"het veld '{knoop.attr}' bestaat niet in een sjabloon"
            return
    if isinstance(knoop, nodes.Filter) and knoop.name not in FILTERS:
        yield knoop, f"het filter '{knoop.name}' is niet toegestaan"
        return
    if isinstance(knoop, nodes.For):
        yield from _lus(knoop, bereik, lijsten)
        return
    for kind in knoop.iter_child_nodes():
        yield from _overtredingen(kind, bereik, lijsten)


def _lus(
    lus: nodes.For,
    bereik: dict[str, frozenset[str]],
    lijsten: Mapping[str, frozenset[str]],
) -> Iterator[tuple[Any, str | None]]:
    """`for x in lijst`: only over a documented list, with one plain name as the loop variable."""
    lijst = lus.iter.name if isinstance(lus.iter, nodes.Name) else None
    if lijst is None or lijst not in lijsten or not isinstance(lus.target, nodes.Name):
        yield lus, "een lus kan alleen over 'gegevens' gaan: for g in gegevens"
        return
    if lus.test is not None or lus.recursive:
        yield lus, "een lus zonder voorwaarde of recursie: for g in gegevens"
        return
    binnen = {**bereik, lus.target.name: lijsten[lijst], "loop": _LOOP}
    for deel in (*lus.body, *lus.else_):
        yield from _overtredingen(deel, binnen, lijsten)


def _tag_op(regels: list[str], knoop: nodes.Node) -> str:
    """The tag (as written) on the node's line that holds it; the first tag there otherwise."""
    regel = regels[knoop.lineno - 1] if 0 < knoop.lineno <= len(regels) else ""
    tags = _TAG.findall(regel)
    hint = getattr(knoop, "attr", None) or getattr(knoop, "name", None)
    gekozen = next((t for t in tags if hint and hint in t), tags[0] if tags else "")
    tekst = " ".join(re.sub(r"<[^>]+>", "", gekozen).split())
    return tekst if len(tekst) <= 80 else tekst[:79] + "…"
