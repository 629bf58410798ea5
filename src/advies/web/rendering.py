"""Pages from templates, and errors as the same Dutch messages as the command line.

The templates only lay out what a page function hands them: they never compute. They run in
Jinja's sandbox with autoescaping, so text from a case file is always text, never markup.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Scope

from advies.error_handling import melding

SJABLONEN = Path(__file__).resolve().parent / "templates"
STATISCH = Path(__file__).resolve().parent / "static"


@cache
def omgeving() -> Any:
    from jinja2 import FileSystemLoader, StrictUndefined

    from advies.report.template_check import sandbox
    from advies.report.text import bronnen_tekst

    env = sandbox(
        loader=FileSystemLoader(str(SJABLONEN)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["bronnen_tekst"] = bronnen_tekst  # as the report writes its citations
    return env


def render(sjabloon: str, **context: Any) -> str:
    return str(omgeving().get_template(sjabloon).render(**context))


def pagina(
    request: Request, sjabloon: str, titel: str, *, status: int = 200, **context: Any
) -> HTMLResponse:
    """A whole page: the template inside the frame, with what every page needs."""
    inst = request.app.state.instellingen
    html = render(
        sjabloon,
        titel=titel,
        csrf=inst.csrf,
        versie=request.app.state.kb.versie,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def wil_json(scope: Scope) -> bool:
    """The API, or a client that asks for JSON, gets its errors as JSON."""
    if str(scope.get("path", "")).startswith("/api/"):
        return True
    for naam, waarde in scope.get("headers", []):
        if naam == b"accept" and waarde.split(b",")[0].strip() == b"application/json":
            return True
    return False


def fout_antwoord(scope: Scope, fout: BaseException, status: int | None = None) -> Response:
    """An error as the user sees it: the CLI's message, with an HTTP status; never a traceback."""
    gemeld = melding(fout)
    tekst = gemeld.tekst.strip() if gemeld else "afgebroken"
    status = status or (gemeld.http_status if gemeld else 500)
    if wil_json(scope):
        return Response(
            json.dumps({"fout": tekst, "status": status}, ensure_ascii=False),
            status_code=status,
            media_type="application/json",
        )
    app = scope.get("app")
    versie = app.state.kb.versie if app is not None and hasattr(app.state, "kb") else ""
    html = render(
        "fout.html",
        titel=KOPPEN.get(status, "Er ging iets mis"),
        melding=tekst,
        status=status,
        csrf="",
        versie=versie,
        eigen_fout=status >= 500,
    )
    return HTMLResponse(html, status_code=status)


KOPPEN = {
    400: "Dit kan advies niet gebruiken",
    401: "Geen toegang",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Dat kan hier niet",
    413: "Te groot",
    500: "Er ging iets mis in advies",
}
