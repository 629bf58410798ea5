"""The advice document as one self-contained, printable HTML file: the Jinja2 template
templates/advies.html.j2 with the CSS inline and the chart as inline SVG."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from advies.report.chart import als_svg
from advies.report.content import laad_teksten
from advies.report.document import Document, Grafiek
from advies.report.text import bronnen_tekst

SJABLONEN = Path(__file__).resolve().parent / "templates"


def _css_string(tekst: str) -> str:
    return tekst.replace("\\", "\\\\").replace('"', '\\"')


@cache
def _omgeving() -> Any:
    from jinja2 import FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    from advies.report.template_check import sandbox

    # our own template, but rendered as any template is: in the sandbox
    env = sandbox(
        loader=FileSystemLoader(str(SJABLONEN)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["bronnen_tekst"] = bronnen_tekst
    env.filters["css_string"] = _css_string
    env.filters["svg"] = lambda g: Markup(als_svg(g)) if isinstance(g, Grafiek) else ""
    return env


def als_html(doc: Document) -> str:
    pagina = laad_teksten()["pagina"]
    voor, _, rest = pagina.partition("{nummer}")
    midden = rest.partition("{totaal}")[0]
    return str(
        _omgeving()
        .get_template("advies.html.j2")
        .render(doc=doc, pagina_voor=voor, pagina_midden=midden)
    )
