"""What every page function needs from the running app: the settings, the knowledge base, the
questionnaires, and a checked form."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.requests import Request

from advies.knowledge.model import Kennisbank
from advies.questionnaires.model import Vragenlijst, laad_vragenlijst
from advies.web.access import Geweigerd, Instellingen


def instellingen(request: Request) -> Instellingen:
    inst: Instellingen = request.app.state.instellingen
    return inst


def kennisbank(request: Request) -> Kennisbank:
    kb: Kennisbank = request.app.state.kb
    return kb


def vragenlijst(request: Request, naam: str) -> Vragenlijst:
    """A questionnaire, loaded once per server."""
    lijsten: dict[str, Vragenlijst] = request.app.state.vragenlijsten
    if naam not in lijsten:
        lijsten[naam] = laad_vragenlijst(kennisbank(request), naam)
    return lijsten[naam]


async def formulier(request: Request) -> FormData:
    """A posted form, refused without this session's CSRF token (a page of ours always sends it)."""
    gegevens = await request.form(max_files=0, max_fields=50)
    csrf = gegevens.get("csrf")
    if not instellingen(request).csrf_klopt(csrf if isinstance(csrf, str) else None):
        raise Geweigerd(
            "dit formulier komt niet van een pagina van deze sessie (de controlecode ontbreekt "
            "of klopt niet); open de pagina opnieuw en probeer het nog eens"
        )
    return gegevens


def casus_url(soort: str, naam: str, *rest: str) -> str:
    """/intake/<naam>/…, with the name quoted: a hand-made file may have any name."""
    return "/".join(["", soort, quote(naam, safe=""), *rest])


def stil(_: Any) -> None:
    """The intake's messages are for a terminal; a page shows its own."""
