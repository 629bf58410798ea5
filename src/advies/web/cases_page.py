"""The home page: the coach's cases (the case folder, newest first, as `advies casussen` lists
them: stage, verdict, and a note where today's rules decide otherwise), a new intake and the
self-check."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from advies.casework.overview import overzicht
from advies.questionnaires.intake import casusmap
from advies.report.content import laad_teksten
from advies.web.context import casus_url, instellingen, kennisbank
from advies.web.rendering import pagina

# where a case's link goes, by its stage
VERDER = {
    "intake onvolledig": ("intake", "Verder met de intake"),
    "advies klaar": ("advies", "Advies bekijken"),
    "gesprek gehouden": ("advies", "Bevestiging bekijken"),
    "gestart": ("advies", "Bevestiging bekijken"),
}


def _wanneer(iso: str) -> str:
    """24 november 2026, 14:05: the report's Dutch month names."""
    moment = datetime.fromisoformat(iso)
    maanden = laad_teksten()["maanden"]
    return f"{moment.day} {maanden[moment.month - 1]} {moment.year}, {moment:%H:%M}"


async def casussen_pagina(request: Request) -> Response:
    kb = kennisbank(request)
    map_ = casusmap(instellingen(request).map)
    verdicts = {v.label: code for code, v in kb.verdicts.items()}
    regels = []
    for rij in overzicht(kb, map_):
        naam = Path(rij.bestand).stem
        soort, actie = VERDER.get(rij.stadium or "", ("intake", "Openen"))
        regels.append(
            {
                "titel": rij.naam,
                "bestand": Path(rij.bestand).name,
                "opdrachtgever": rij.opdrachtgever,
                "gewijzigd": _wanneer(rij.gewijzigd),
                "stadium": rij.stadium or "",
                "verdict": verdicts.get(rij.oordeel or "", ""),
                "verdict_label": rij.oordeel or "",
                "fout": f"{rij.bestand}: {rij.fout}" if rij.fout else None,
                "let_op": rij.let_op,
                "url": casus_url(soort, naam),
                "actie": actie,
                "overzicht_url": casus_url("intake", naam, "overzicht"),
            }
        )
    return pagina(request, "casussen.html", "Uw casussen", casussen=regels, map=str(map_))
