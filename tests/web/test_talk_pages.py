"""After the advisory talk, in the browser (with the test client): each condition decided, the
agreements, the review, the talk recorded in the case file, and the confirmation downloaded."""

from __future__ import annotations

import html
import re
import shutil

from starlette.testclient import TestClient

from advies.case.files import lees_casus
from advies.knowledge.model import Kennisbank
from advies.web.access import Instellingen

from .conftest import VOORBEELDEN


def vraag_op_pagina(tekst: str) -> str:
    gevonden = re.search(r'name="vraag" value="([^"]+)"', tekst)
    assert gevonden, tekst[:1500]
    return gevonden.group(1)


def test_the_talk_is_recorded_page_by_page_and_the_advice_follows_it(
    client: TestClient, instellingen: Instellingen, kb: Kennisbank
) -> None:
    pad = instellingen.map / "ilse.yaml"
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", pad)
    advies_voor = client.get("/advies/ilse").text
    assert "Na het adviesgesprek: leg vast wat is besloten" in advies_voor

    besluiten: list[str] = []
    gevraagd: list[str] = []
    oordeel_pagina = ""
    for _ in range(60):
        pagina = client.get("/gesprek/ilse")
        if pagina.status_code == 303:
            assert pagina.headers["location"] == "/gesprek/ilse/overzicht"
            break
        assert pagina.status_code == 200
        vraag = vraag_op_pagina(pagina.text)
        gevraagd.append(vraag)
        if vraag.startswith("besluit."):
            # the first condition refused, the others agreed
            antwoord = "1" if not besluiten else "0"
            besluiten.append(vraag.removeprefix("besluit."))
        elif vraag.startswith("notitie."):
            antwoord = "Besproken met HR." if len(besluiten) == 1 else ""
        elif vraag == "datum":
            antwoord = "2026-12-05"
        elif vraag == "oordeel":
            antwoord = "0"  # "Nee, ik onderschrijf het advies"
            oordeel_pagina = html.unescape(pagina.text)
        elif 'type="radio"' in pagina.text:
            antwoord = str(len(re.findall(r'type="radio"', pagina.text)) - 1)
        else:
            antwoord = ""
        gepost = client.post(
            "/gesprek/ilse/antwoord",
            data={"csrf": instellingen.csrf, "vraag": vraag, "antwoord": antwoord},
        )
        assert gepost.status_code == 303, html.unescape(gepost.text)[:2000]
    else:
        raise AssertionError("het gesprek eindigde niet")
    assert len(besluiten) >= 2
    # user test: the own verdict was asked blind, and a no go was asked for its start date
    assert "luidt het advies nu: no go." in oordeel_pagina
    assert "Nee, ik onderschrijf het advies (no go)" in oordeel_pagina
    assert "startdatum" not in gevraagd and "sessieduur" not in gevraagd
    assert "notitie" in gevraagd

    overzicht = client.get("/gesprek/ilse/overzicht")
    assert "Het adviesgesprek: klopt alles?" in overzicht.text
    assert "Geweigerd" in overzicht.text and "Toegezegd" in overzicht.text
    assert "No go" in overzicht.text  # a refused condition weighs as blocking
    klaar = client.post("/gesprek/ilse/klaar", data={"csrf": instellingen.csrf})
    assert klaar.headers["location"] == "/advies/ilse"

    casus = lees_casus(kb, pad)
    assert casus.gesprek is not None
    assert casus.gesprek.voorwaarden[besluiten[0]].besluit == "geweigerd"
    assert casus.gesprek.voorwaarden[besluiten[1]].besluit == "akkoord"
    assert "Het adviesgesprek bekijken of wijzigen" in client.get("/advies/ilse").text
    assert "gesprek gehouden" in client.get("/").text
    brief = client.get("/advies/ilse/download/md?voor=klant").text
    assert brief.startswith("# Bevestiging van het adviesgesprek")


def test_a_talk_question_out_of_turn_or_a_bad_choice_is_refused_in_dutch(
    client: TestClient, instellingen: Instellingen, kb: Kennisbank
) -> None:
    pad = instellingen.map / "ilse.yaml"
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", pad)
    vraag = vraag_op_pagina(client.get("/gesprek/ilse").text)
    voor = pad.read_bytes()
    slecht = client.post(
        "/gesprek/ilse/antwoord",
        data={"csrf": instellingen.csrf, "vraag": vraag, "antwoord": "7"},
    )
    assert slecht.status_code == 422
    assert "is geen van de antwoorden" in html.unescape(slecht.text)
    buiten = client.post(
        "/gesprek/ilse/antwoord",
        data={"csrf": instellingen.csrf, "vraag": "startdatum", "antwoord": "morgen"},
    )
    assert buiten.status_code == 400
    assert "is nu niet aan de orde" in html.unescape(buiten.text)
    assert pad.read_bytes() == voor
    assert client.get("/gesprek/bestaat-niet").status_code == 404
