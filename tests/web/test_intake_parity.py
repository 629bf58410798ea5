"""What the terminal intake does, the browser does too (with the framework's test client): answers
that contradict each other are said with a way to change or keep them, a question asked again
shows its answer chosen ("Vorige vraag" as the terminal's "terug"), and the coach writes notes
on answers."""

from __future__ import annotations

import html
import re
from pathlib import Path

from starlette.testclient import TestClient

from advies.case.files import lees_casus
from advies.case.model import Casus
from advies.knowledge.model import Kennisbank
from advies.questionnaires.model import Vragenlijst
from advies.web.access import Instellingen

from .conftest import invoer_voor
from .test_intake_pages import begin, post, vraag_op_pagina

CONFLICT = "conflict_zonder_samenwerking"


def beantwoord_tot(
    client: TestClient,
    inst: Instellingen,
    vl: Vragenlijst,
    casus: Casus,
    tot: str,
) -> Path:
    """Answer page by page with the case's answers until the intake asks `tot`."""
    pad = begin(client, inst, "Coördinatoren zorgdistricten")
    for _ in range(len(vl.vragen)):
        vraag = vl.vraag(vraag_op_pagina(client.get(f"/intake/{pad.stem}").text))
        if vraag.id == tot:
            return pad
        post(
            client,
            inst,
            f"/intake/{pad.stem}/antwoord",
            vraag=vraag.id,
            antwoord=invoer_voor(vraag, casus),
        )
    raise AssertionError(f"de intake vroeg {tot} niet")


def keuze(vl: Vragenlijst, vraag: str, tekst: str) -> str:
    return str(next(i for i, k in enumerate(vl.vraag(vraag).keuzes) if k.tekst == tekst))


def melding(pagina: str) -> str | None:
    """The contradiction notice on a page, as text without tags; None when there is none."""
    gevonden = re.search(r'<div class="melding tegenspraak".*?</div>', pagina, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", gevonden.group(0)).split()) if gevonden else None


def gekozen(pagina: str) -> list[str]:
    return re.findall(r'<input type="radio" name="antwoord" value="(\d+)"[^>]* checked', pagina)


def test_an_answer_that_contradicts_another_is_said_on_the_next_page_with_both_to_change(
    client: TestClient,
    instellingen: Instellingen,
    kb: Kennisbank,
    intake_vl: Vragenlijst,
    ilse: Casus,
) -> None:
    """Ilse's coordinators do not work together; answering that they share a conflict gets the
    questionnaire's gentle question at once, with links to both answers; nothing is blocked."""
    pad = beantwoord_tot(client, instellingen, intake_vl, ilse, "gedeelde_conflicten")
    url = f"/intake/{pad.stem}"
    assert melding(client.get(url).text) is None
    antwoord = post(
        client,
        instellingen,
        f"{url}/antwoord",
        vraag="gedeelde_conflicten",
        antwoord=keuze(intake_vl, "gedeelde_conflicten", "Ja"),
    )
    assert antwoord.headers["location"] == url  # type: ignore[attr-defined]
    volgende = client.get(url)
    assert volgende.status_code == 200  # the intake goes on: the notice does not block
    tekst = melding(volgende.text)
    controle = next(c for c in intake_vl.controles if c.id == CONFLICT)
    assert tekst is not None and " ".join(controle.tekst.split()) in html.unescape(tekst)
    assert "Wijzig: Samenwerking" in tekst or "Wijzig: samenwerking" in tekst.lower()
    assert f'href="{url}/vraag/samenwerking"' in volgende.text
    assert f'href="{url}/vraag/gedeelde_conflicten"' in volgende.text
    assert "(nu: Nee)" in tekst and "(nu: Ja)" in tekst
    assert "Het klopt zo" in tekst
    # the review says it too, and finishing waits for the coach's choice
    laat_rest_open(client, instellingen, intake_vl, pad.stem)
    overzicht = client.get(f"{url}/overzicht").text
    assert melding(overzicht) is not None
    assert "kies bij de melding bovenaan" in overzicht
    assert f'action="{url}/klaar"' not in overzicht
    klaar = post(client, instellingen, f"{url}/klaar")
    assert klaar.headers["location"] == f"{url}/overzicht"  # type: ignore[attr-defined]
    assert not lees_casus(kb, pad).meta.model_dump()["intake"].get("klaar")


def laat_rest_open(client: TestClient, inst: Instellingen, vl: Vragenlijst, naam: str) -> None:
    while (pagina := client.get(f"/intake/{naam}")).status_code == 200:
        vraag = vl.vraag(vraag_op_pagina(pagina.text))
        weet_niet = next((str(i) for i, k in enumerate(vraag.keuzes) if k.onbekend), "")
        post(client, inst, f"/intake/{naam}/antwoord", vraag=vraag.id, antwoord=weet_niet)


def test_it_is_right_as_it_is_is_saved_and_a_changed_answer_asks_again(
    client: TestClient,
    instellingen: Instellingen,
    kb: Kennisbank,
    intake_vl: Vragenlijst,
    ilse: Casus,
) -> None:
    pad = beantwoord_tot(client, instellingen, intake_vl, ilse, "gedeelde_conflicten")
    url = f"/intake/{pad.stem}"
    ja = keuze(intake_vl, "gedeelde_conflicten", "Ja")
    post(client, instellingen, f"{url}/antwoord", vraag="gedeelde_conflicten", antwoord=ja)
    bevestigd = post(client, instellingen, f"{url}/bevestig", controle=CONFLICT, na="overzicht")
    assert bevestigd.headers["location"] == f"{url}/overzicht"  # type: ignore[attr-defined]
    assert lees_casus(kb, pad).meta.model_dump()["intake"]["bevestigd"] == [CONFLICT]
    assert melding(client.get(url).text) is None
    assert melding(client.get(f"{url}/overzicht").text) is None
    # changing one of the two answers (to the same contradiction) asks again, as the terminal
    post(
        client,
        instellingen,
        f"{url}/antwoord",
        vraag="samenwerking",
        antwoord=keuze(intake_vl, "samenwerking", "Nee"),
        wijzig="1",
    )
    assert "bevestigd" not in lees_casus(kb, pad).meta.model_dump()["intake"]
    assert melding(client.get(f"{url}/overzicht").text) is not None
    # changing it so they fit takes the notice away without a confirmation
    post(
        client,
        instellingen,
        f"{url}/antwoord",
        vraag="samenwerking",
        antwoord=keuze(intake_vl, "samenwerking", "Ja, in hetzelfde team"),
        wijzig="1",
    )
    assert melding(client.get(f"{url}/overzicht").text) is None


def test_an_unknown_check_cannot_be_confirmed(
    client: TestClient, instellingen: Instellingen, intake_vl: Vragenlijst, ilse: Casus
) -> None:
    pad = beantwoord_tot(client, instellingen, intake_vl, ilse, "gedeelde_conflicten")
    antwoord = post(
        client, instellingen, f"/intake/{pad.stem}/bevestig", controle="<b>verzonnen</b>"
    )
    assert antwoord.status_code == 400  # type: ignore[attr-defined]
    assert "&lt;b&gt;verzonnen" in antwoord.text  # type: ignore[attr-defined]
    assert "bevestigd" not in pad.read_text(encoding="utf-8")


def test_a_question_asked_again_shows_its_answer_chosen_and_back_goes_on_with_the_intake(
    client: TestClient,
    instellingen: Instellingen,
    kb: Kennisbank,
    intake_vl: Vragenlijst,
    ilse: Casus,
) -> None:
    pad = beantwoord_tot(client, instellingen, intake_vl, ilse, "gedeelde_conflicten")
    url = f"/intake/{pad.stem}"
    open_vraag = client.get(url).text
    # not answered yet: nothing chosen; the keyboard starts where the terminal's pointer does,
    # not on "Ja" (that answer would block the intervision unasked)
    assert gekozen(open_vraag) == []
    focus = re.findall(r'value="(\d+)"[^>]* autofocus', open_vraag)
    assert focus == [keuze(intake_vl, "gedeelde_conflicten", "Weet ik niet")]
    # "Vorige vraag" is the question answered before, its answer chosen
    assert f'href="{url}/vraag/samenwerking?terug=1"' in open_vraag
    terug = client.get(f"{url}/vraag/samenwerking?terug=1").text
    assert vraag_op_pagina(terug) == "samenwerking"
    assert gekozen(terug) == [keuze(intake_vl, "samenwerking", "Nee")]
    assert 'name="na" value="intake"' in terug and ">Volgende<" in terug
    # answered again, the intake goes on where it stood (not to the review)
    antwoord = post(
        client,
        instellingen,
        f"{url}/antwoord",
        vraag="samenwerking",
        antwoord=keuze(
            intake_vl, "samenwerking", "Indirect (andere afdelingen, zelfde organisatie)"
        ),
        wijzig="1",
        na="intake",
    )
    assert antwoord.headers["location"] == url  # type: ignore[attr-defined]
    assert lees_casus(kb, pad).antwoorden["samenwerking"] == "indirect"
    assert vraag_op_pagina(client.get(url).text) == "gedeelde_conflicten"
    # a resumed intake (a new server, the same file) shows a changed answer chosen as well
    assert gekozen(client.get(f"{url}/vraag/samenwerking").text) == [
        keuze(intake_vl, "samenwerking", "Indirect (andere afdelingen, zelfde organisatie)")
    ]


def test_the_first_question_has_no_way_back(client: TestClient, intake_vl: Vragenlijst) -> None:
    assert "Vorige vraag" not in client.get("/intake/nieuw").text


def test_a_note_on_an_answer_is_written_changed_and_removed_from_the_review(
    client: TestClient,
    instellingen: Instellingen,
    kb: Kennisbank,
    intake_vl: Vragenlijst,
    ilse: Casus,
) -> None:
    pad = beantwoord_tot(client, instellingen, intake_vl, ilse, "gedeelde_conflicten")
    url = f"/intake/{pad.stem}"
    overzicht = client.get(f"{url}/overzicht").text
    assert f'href="{url}/notitie/samenwerking"' in overzicht
    leeg = client.get(f"{url}/notitie/samenwerking").text
    assert "Notitie bij:" in leeg and "Ook in de brief aan de opdrachtgever" in leeg
    tekst = "Navragen bij HR:\r\nwerken <b>twee</b> van hen toch samen?"
    antwoord = post(client, instellingen, f"{url}/notitie/samenwerking", tekst=tekst)
    assert antwoord.headers["location"] == f"{url}/overzicht"  # type: ignore[attr-defined]
    notitie = lees_casus(kb, pad).notities["samenwerking"]
    assert notitie.tekst == "Navragen bij HR:\nwerken <b>twee</b> van hen toch samen?"
    assert not notitie.voor_klant
    overzicht = client.get(f"{url}/overzicht").text
    assert "werken &lt;b&gt;twee&lt;/b&gt; van hen" in overzicht and "<b>twee" not in overzicht
    # changed, and for the client's letter too
    bewerk = client.get(f"{url}/notitie/samenwerking").text
    assert "&lt;b&gt;twee" in bewerk
    post(
        client,
        instellingen,
        f"{url}/notitie/samenwerking",
        tekst="Werken niet samen.",
        voor_klant="1",
    )
    notitie = lees_casus(kb, pad).notities["samenwerking"]
    assert (notitie.tekst, notitie.voor_klant) == ("Werken niet samen.", True)
    assert "checked" in client.get(f"{url}/notitie/samenwerking").text
    # an empty note removes it
    post(client, instellingen, f"{url}/notitie/samenwerking", tekst="  ")
    assert "samenwerking" not in lees_casus(kb, pad).notities


def test_a_note_with_a_control_character_or_too_long_is_asked_again(
    client: TestClient,
    instellingen: Instellingen,
    kb: Kennisbank,
    intake_vl: Vragenlijst,
    ilse: Casus,
) -> None:
    pad = beantwoord_tot(client, instellingen, intake_vl, ilse, "gedeelde_conflicten")
    url = f"/intake/{pad.stem}/notitie/samenwerking"
    for tekst, woorden in (("a\x1b[2Jb", "stuurteken"), ("x" * 2001, "hooguit 2000 tekens")):
        antwoord = post(client, instellingen, url, tekst=tekst)
        assert antwoord.status_code == 422, antwoord.text  # type: ignore[attr-defined]
        assert woorden in antwoord.text  # type: ignore[attr-defined]
        assert lees_casus(kb, pad).notities == {}
