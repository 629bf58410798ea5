"""In a real browser, the help the terminal intake gives: answers that contradict each other said
on the next page with a way to change or keep them, an earlier answer shown chosen ("Vorige
vraag"), and notes on answers. Screenshots in tests/web/schermafdrukken/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from advies.case.files import lees_casus, schrijf_casus
from advies.case.model import Casus
from advies.knowledge.model import Kennisbank
from advies.questionnaires.answering import casus_uit_stand
from advies.questionnaires.flow import speel_na
from advies.questionnaires.model import Vragenlijst

from .conftest import Server, invoer_voor, schermafdruk

pytestmark = pytest.mark.e2e


def halverwege(
    server: Server, naam: str, kb: Kennisbank, vl: Vragenlijst, casus: Casus, tot: str | None
) -> Path:
    """A case file in the server's folder with the case's answers up to the question `tot` (None:
    all asked), as an intake that stopped there leaves it."""
    invoer = {v.id: invoer_voor(v, casus) for v in vl.vragen if v.id != tot}
    naspel = speel_na(vl, kb, invoer)
    assert (naspel.volgende.id if naspel.volgende else None) == tot
    pad = server.map / f"{naam}.yaml"
    schrijf_casus(pad, casus_uit_stand(Casus(), naspel.stand, "intake"))
    return pad


def gekozen(pagina: Any) -> str | None:
    """The text of the chosen answer on a question page, or None."""
    keuze = pagina.locator(".keuze:has(input:checked)")
    return keuze.inner_text().strip() if keuze.count() else None


def test_a_contradicting_answer_is_said_on_the_next_page_and_changed_from_there(
    pagina: Any, server: Server, kb: Kennisbank, intake_vl: Vragenlijst, ilse: Casus
) -> None:
    pad = halverwege(server, "tegenspraak", kb, intake_vl, ilse, "gedeelde_conflicten")
    pagina.goto(f"{server.basis}/intake/tegenspraak")
    pagina.wait_for_selector("h1:has-text('Is er een conflict op het werk')")
    assert gekozen(pagina) is None
    # the keyboard starts on "Weet ik niet", where the terminal's pointer starts: "Ja" would block
    focus = pagina.evaluate("document.activeElement.closest('label').innerText")
    assert focus.strip() == "Weet ik niet"
    assert pagina.locator(".tegenspraak").count() == 0
    pagina.get_by_role("radio", name="Ja", exact=True).check()
    pagina.get_by_role("button", name="Volgende").click()
    melding = pagina.locator(".tegenspraak")
    melding.wait_for()
    assert "niet met elkaar samenwerken" in melding.inner_text()
    assert "Is er een conflict" not in pagina.locator("h1").first.inner_text()  # on to the next
    schermafdruk(pagina, "intake-tegenspraak")
    melding.get_by_role("link", name="Wijzig: Samenwerking").click()
    pagina.wait_for_selector("h1:has-text('Werken de deelnemers direct met elkaar samen?')")
    assert gekozen(pagina) == "Nee"  # the saved answer, chosen
    schermafdruk(pagina, "intake-tegenspraak-wijzigen")
    pagina.get_by_role("radio", name="Ja, in hetzelfde team", exact=True).check()
    pagina.get_by_role("button", name="Opslaan en terug naar het overzicht").click()
    pagina.wait_for_selector("h1:has-text('Overzicht: klopt alles?')")
    assert pagina.locator(".tegenspraak").count() == 0
    assert lees_casus(kb, pad).antwoorden["samenwerking"] == "zelfde_team"


def test_it_is_right_as_it_is_from_the_review_and_then_the_intake_can_finish(
    pagina: Any, server: Server, kb: Kennisbank, intake_vl: Vragenlijst, ilse: Casus
) -> None:
    conflict = ilse.model_copy(
        update={"antwoorden": {**ilse.antwoorden, "gedeelde_conflicten": True}}
    )
    pad = halverwege(server, "klopt-zo", kb, intake_vl, conflict, None)
    pagina.goto(f"{server.basis}/intake/klopt-zo/overzicht")
    melding = pagina.locator(".tegenspraak")
    melding.wait_for()
    schermafdruk(pagina, "intake-overzicht-tegenspraak")
    assert pagina.get_by_role("button", name="Klaar: toon het advies").count() == 0
    assert "kies bij de melding bovenaan" in pagina.locator("main").inner_text()
    melding.get_by_role("button", name="Het klopt zo").click()
    pagina.get_by_role("button", name="Klaar: toon het advies").click()
    pagina.wait_for_selector("h2:has-text('Het advies in het kort')")
    bewaard = lees_casus(kb, pad).meta.model_dump()["intake"]
    assert bewaard["bevestigd"] == ["conflict_zonder_samenwerking"] and bewaard["klaar"]


def test_vorige_vraag_shows_the_answers_given_and_goes_on_where_the_intake_was(
    pagina: Any, server: Server, kb: Kennisbank, intake_vl: Vragenlijst, ilse: Casus
) -> None:
    pad = halverwege(server, "terug", kb, intake_vl, ilse, "gedeelde_conflicten")
    pagina.goto(f"{server.basis}/intake/terug")
    pagina.wait_for_selector("h1:has-text('Is er een conflict op het werk')")
    pagina.get_by_role("link", name="Vorige vraag").click()
    pagina.wait_for_selector("h1:has-text('Werken de deelnemers direct met elkaar samen?')")
    assert gekozen(pagina) == "Nee"
    schermafdruk(pagina, "intake-vorige-vraag")
    pagina.get_by_role("link", name="Vorige vraag").click()
    pagina.wait_for_selector("h1:has-text('Geven de deelnemers in hun eigen werk advies')")
    assert gekozen(pagina) == "Nee"
    pagina.get_by_role("radio", name="Ja", exact=True).check()
    pagina.get_by_role("button", name="Volgende").click()
    # on where the intake stood, the changed answer saved
    pagina.wait_for_selector("h1:has-text('Is er een conflict op het werk')")
    assert lees_casus(kb, pad).antwoorden["adviseurs"] is True


def test_a_note_on_an_answer_from_the_review(
    pagina: Any, server: Server, kb: Kennisbank, intake_vl: Vragenlijst, ilse: Casus
) -> None:
    pad = halverwege(server, "notitie", kb, intake_vl, ilse, "gedeelde_conflicten")
    pagina.goto(f"{server.basis}/intake/notitie/overzicht")
    rij = pagina.locator(".antwoordrij", has_text="Samenwerking")
    rij.get_by_role("link", name="Notitie").click()
    pagina.wait_for_selector("h1:has-text('Notitie bij: Samenwerking')")
    pagina.locator("#notitie").fill("Navragen bij HR:\nwerken <b>twee</b> toch samen?")
    pagina.get_by_label("Ook in de brief aan de opdrachtgever").check()
    schermafdruk(pagina, "intake-notitie")
    pagina.get_by_role("button", name="Notitie opslaan").click()
    pagina.wait_for_selector("h1:has-text('Overzicht: klopt alles?')")
    rij = pagina.locator(".antwoordrij", has_text="Samenwerking")
    assert "werken <b>twee</b> toch samen?" in rij.locator(".notitie").inner_text()
    schermafdruk(pagina, "intake-overzicht-notitie")
    notitie = lees_casus(kb, pad).notities["samenwerking"]
    assert notitie.tekst == "Navragen bij HR:\nwerken <b>twee</b> toch samen?"
    assert notitie.voor_klant
