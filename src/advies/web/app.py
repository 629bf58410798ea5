"""The web application: its routes, the access check in front of them, and errors as pages.

The routes are `async` and call the library directly, on the server's one event-loop thread:
the rules engine keeps its state in its C core, so evaluations never run side by side, and one
user on one machine never waits long for another request.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from advies.errors import AdviesError, NietGevonden
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank
from advies.web import (
    advice_pages,
    api,
    cases_page,
    intake_pages,
    note_pages,
    selfcheck_pages,
    talk_pages,
)
from advies.web.access import Instellingen, Toegang
from advies.web.rendering import STATISCH, fout_antwoord


class Statisch(StaticFiles):
    """htmx, the style sheet and the icon: the same for the whole run, so the browser may keep
    them (the pages themselves are never cached)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        antwoord = await super().get_response(path, scope)
        antwoord.headers["cache-control"] = "private, max-age=3600"
        return antwoord


ROUTES = [
    Route("/", cases_page.casussen_pagina),
    Route("/intake/nieuw", intake_pages.nieuw, methods=["GET"]),
    Route("/intake/nieuw", intake_pages.beantwoord, methods=["POST"]),
    Route("/intake/{naam}", intake_pages.volgende_vraag),
    Route("/intake/{naam}/antwoord", intake_pages.beantwoord, methods=["POST"]),
    Route("/intake/{naam}/vraag/{vraag}", intake_pages.wijzig_vraag),
    Route("/intake/{naam}/overzicht", intake_pages.overzicht),
    Route("/intake/{naam}/klaar", intake_pages.rond_af, methods=["POST"]),
    Route("/intake/{naam}/bevestig", intake_pages.bevestig, methods=["POST"]),
    Route("/intake/{naam}/notitie/{vraag}", note_pages.notitie, methods=["GET"]),
    Route("/intake/{naam}/notitie/{vraag}", note_pages.bewaar_notitie, methods=["POST"]),
    Route("/advies/{naam}", advice_pages.advies),
    Route("/advies/{naam}/download/{formaat}", advice_pages.download),
    Route("/gesprek/{naam}", talk_pages.volgende_vraag),
    Route("/gesprek/{naam}/antwoord", talk_pages.beantwoord, methods=["POST"]),
    Route("/gesprek/{naam}/vraag/{vraag}", talk_pages.wijzig_vraag),
    Route("/gesprek/{naam}/overzicht", talk_pages.overzicht_pagina),
    Route("/gesprek/{naam}/klaar", talk_pages.leg_vast, methods=["POST"]),
    Route("/zelfcheck", selfcheck_pages.zelfcheck),
    Route("/zelfcheck/antwoorden.yaml", selfcheck_pages.antwoorden_als_casus),
    Route("/api/beoordeel", api.beoordeel, methods=["POST"]),
    Mount("/static", Statisch(directory=STATISCH), name="static"),
]


async def _adviesfout(request: Request, fout: Exception) -> Response:
    return fout_antwoord(request.scope, fout)


async def _http_fout(request: Request, fout: Exception) -> Response:
    assert isinstance(fout, HTTPException)
    if fout.status_code == 404:
        return fout_antwoord(
            request.scope, NietGevonden(f"deze pagina bestaat niet: {request.url.path[:100]}")
        )
    if fout.status_code == 405:
        return fout_antwoord(
            request.scope,
            AdviesError(f"{request.method} kan niet op {request.url.path[:100]}"),
            405,
        )
    return fout_antwoord(request.scope, AdviesError(f"onbruikbaar verzoek ({fout.detail})"))


async def _weiger(scope: Scope, fout: Exception) -> Response:
    """A refusal, or a bug (the same plain words as the command line, never a traceback)."""
    return fout_antwoord(scope, fout)


def maak_app(instellingen: Instellingen, kb: Kennisbank | None = None) -> Starlette:
    app = Starlette(
        routes=ROUTES,
        middleware=[Middleware(Toegang, instellingen=instellingen, weiger=_weiger)],
        exception_handlers={
            AdviesError: _adviesfout,
            HTTPException: _http_fout,
        },
    )
    app.state.instellingen = instellingen
    app.state.kb = kb or laad_kennisbank()
    app.state.vragenlijsten = {}
    return app
