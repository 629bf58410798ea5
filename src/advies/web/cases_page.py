"""The home page: the coach's cases (the case folder, newest first), a new intake, the self-check."""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response

from advies.questionnaires.case_folder import STADIA, casussen
from advies.questionnaires.intake import casusmap
from advies.report.content import laad_teksten
from advies.web.context import casus_url, instellingen, kennisbank
from advies.web.rendering import pagina


def _wanneer(moment: datetime) -> str:
    """24 november 2026, 14:05: the report's Dutch month names."""
    maanden = laad_teksten()["maanden"]
    return f"{moment.day} {maanden[moment.month - 1]} {moment.year}, {moment:%H:%M}"


async def casussen_pagina(request: Request) -> Response:
    map_ = casusmap(instellingen(request).map)
    regels = []
    for c in casussen(kennisbank(request), map_):
        klaar = c.stadium == "advies"
        regels.append(
            {
                "titel": c.titel,
                "bestand": c.pad.name,
                "opdrachtgever": c.opdrachtgever,
                "gewijzigd": _wanneer(c.gewijzigd),
                "stadium": STADIA[c.stadium] if c.stadium else "",
                "verdict": c.verdict or "",
                "verdict_label": c.verdict_label or "",
                "fout": c.fout,
                "url": casus_url("advies" if klaar else "intake", c.naam),
                "actie": "Advies bekijken" if klaar else "Verder met de intake",
                "overzicht_url": casus_url("intake", c.naam, "overzicht"),
            }
        )
    return pagina(request, "casussen.html", "Uw casussen", casussen=regels, map=str(map_))
