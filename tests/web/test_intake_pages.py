"""The intake in the browser, with the framework's test client: one question per page, saved in
the case file after every answer (as the terminal does), the review, and every bad input answered
with a clear Dutch page and no traceback."""

from __future__ import annotations

import html
import re
import shutil
import stat
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from advies.case.files import lees_casus
from advies.case.model import Casus
from advies.engine.evaluation import evalueer
from advies.knowledge.model import Kennisbank
from advies.questionnaires.answers import antwoord_uit_invoer
from advies.questionnaires.flow import doorloop
from advies.questionnaires.model import Vraag, Vragenlijst
from advies.questionnaires.state import Antwoord, Stand
from advies.web.access import Instellingen

from .conftest import VOORBEELDEN, invoer_voor


def post(client: TestClient, inst: Instellingen, pad: str, **data: str) -> object:
    return client.post(pad, data={"csrf": inst.csrf, **data})


def vraag_op_pagina(html: str) -> str:
    gevonden = re.search(r'name="vraag" value="([^"]+)"', html)
    assert gevonden, html[:2000]
    return gevonden.group(1)


def begin(client: TestClient, inst: Instellingen, naam: str = "Coördinatoren zorg") -> Path:
    antwoord = post(client, inst, "/intake/nieuw", vraag="naam", antwoord=naam)
    assert antwoord.status_code == 303  # type: ignore[attr-defined]
    return inst.map / (antwoord.headers["location"].rsplit("/", 1)[1] + ".yaml")  # type: ignore[attr-defined]


def test_a_new_intake_asks_the_name_first_with_the_why_and_the_introduction(
    client: TestClient, intake_vl: Vragenlijst
) -> None:
    antwoord = client.get("/intake/nieuw")
    assert antwoord.status_code == 200
    html = antwoord.text
    assert vraag_op_pagina(html) == "naam"
    assert "Hoe noemen we deze casus?" in html
    assert "Vraag 1 van" in html
    assert "Waarom vragen we dit?" in html
    assert intake_vl.inleiding.split(".")[0] in html
    assert 'lang="nl"' in html and '<label for="invoer">' in html


def test_the_first_answer_creates_the_case_file_owner_only_in_the_case_folder(
    client: TestClient, instellingen: Instellingen, kb: Kennisbank
) -> None:
    pad = begin(client, instellingen)
    assert pad == instellingen.map / "coordinatoren-zorg.yaml"
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600
    casus = lees_casus(kb, pad)
    assert casus.meta.naam == "Coördinatoren zorg"
    assert casus.meta.datum is not None
    # the next page asks the next question, with the verdict so far beside it
    volgende = client.get("/intake/coordinatoren-zorg")
    assert volgende.status_code == 200
    assert vraag_op_pagina(volgende.text) == "organisatie"
    assert "Oordeel tot nu toe" in volgende.text
    assert "Onvoldoende informatie" in volgende.text


def test_a_second_intake_with_the_same_name_gets_its_own_file(
    client: TestClient, instellingen: Instellingen
) -> None:
    een = begin(client, instellingen, "Team A")
    twee = begin(client, instellingen, "Team A")
    assert een != twee and een.exists() and twee.exists()


def test_every_answer_is_in_the_file_at_once_and_the_flow_is_the_terminals(
    client: TestClient,
    instellingen: Instellingen,
    kb: Kennisbank,
    intake_vl: Vragenlijst,
    ilse: Casus,
) -> None:
    """Ilse's case answered page by page gives her case file, with the terminal's skip logic."""
    pad = begin(client, instellingen, "Coördinatoren zorgdistricten")
    url = f"/intake/{pad.stem}"
    gesteld = []
    for _ in range(len(intake_vl.vragen) + 1):
        pagina = client.get(url)
        if pagina.status_code == 303:
            assert pagina.headers["location"] == f"{url}/overzicht"
            break
        vraag = intake_vl.vraag(vraag_op_pagina(pagina.text))
        gesteld.append(vraag.id)
        antwoord = post(
            client,
            instellingen,
            f"{url}/antwoord",
            vraag=vraag.id,
            antwoord=invoer_voor(vraag, ilse),
        )
        assert antwoord.status_code == 303, antwoord.text  # type: ignore[attr-defined]
        bewaard = lees_casus(kb, pad)  # saved before the next page is even asked for
        for feit in vraag.vult:
            assert bewaard.antwoorden.get(feit) == ilse.antwoorden.get(feit)
    else:
        raise AssertionError("de intake eindigde niet")
    assert lees_casus(kb, pad).antwoorden == ilse.antwoorden
    # the same questions, in the same order, as the terminal's flow asks them
    verwacht: list[str] = []

    def terminal(vraag: Vraag, stand: Stand, voortgang: tuple[int, int] | None) -> Antwoord:
        verwacht.append(vraag.id)
        antwoord = antwoord_uit_invoer(vraag, invoer_voor(vraag, ilse))
        assert not isinstance(antwoord, str)
        return antwoord

    doorloop(intake_vl, kb, Stand(meta={"naam": "x"}), terminal, lambda _: None)
    assert gesteld == verwacht, (gesteld, verwacht)


def laat_open(client: TestClient, inst: Instellingen, vl: Vragenlijst, naam: str) -> None:
    """Answer every question still asked with "weet ik niet" (empty, or that choice)."""
    while (pagina := client.get(f"/intake/{naam}")).status_code == 200:
        vraag = vl.vraag(vraag_op_pagina(pagina.text))
        weet_niet = next((str(i) for i, k in enumerate(vraag.keuzes) if k.onbekend), "")
        post(client, inst, f"/intake/{naam}/antwoord", vraag=vraag.id, antwoord=weet_niet)


def test_the_review_lists_every_answer_and_an_answer_can_be_changed(
    client: TestClient, instellingen: Instellingen, kb: Kennisbank, intake_vl: Vragenlijst
) -> None:
    pad = instellingen.map / "ilse.yaml"
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", pad)
    laat_open(client, instellingen, intake_vl, "ilse")  # the letter's details: not in the example
    assert client.get("/intake/ilse").headers["location"] == "/intake/ilse/overzicht"
    overzicht = client.get("/intake/ilse/overzicht")
    assert overzicht.status_code == 200
    assert "Overzicht: klopt alles?" in overzicht.text
    assert "Klaar: toon het advies" in overzicht.text
    assert "Go onder voorwaarden" in overzicht.text
    assert 'href="/intake/ilse/vraag/deelname"' in overzicht.text

    wijzig = client.get("/intake/ilse/vraag/deelname")
    assert wijzig.status_code == 200
    assert re.search(r'value="0" required checked', wijzig.text)  # vrijwillig, as answered
    antwoord = post(
        client, instellingen, "/intake/ilse/antwoord", vraag="deelname", antwoord="2", wijzig="1"
    )
    assert antwoord.status_code == 303  # type: ignore[attr-defined]
    assert antwoord.headers["location"] == "/intake/ilse/overzicht"  # type: ignore[attr-defined]
    assert lees_casus(kb, pad).antwoorden["deelname"] == "verplicht"
    na = client.get("/intake/ilse/overzicht")
    assert "Nee, meedoen is verplicht" in na.text
    verdict = evalueer(lees_casus(kb, pad), kb, wat_als=False).verdict_label
    assert '<p class="verdict verdict-' in na.text and verdict in na.text

    klaar = post(client, instellingen, "/intake/ilse/klaar")
    assert klaar.headers["location"] == "/advies/ilse"  # type: ignore[attr-defined]
    assert lees_casus(kb, pad).meta.model_dump()["intake"]["klaar"] is True


def test_changing_to_weet_ik_niet_clears_the_fact(
    client: TestClient, instellingen: Instellingen, kb: Kennisbank
) -> None:
    pad = instellingen.map / "ilse.yaml"
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", pad)
    post(client, instellingen, "/intake/ilse/antwoord", vraag="deelname", antwoord="3", wijzig="1")
    bewaard = lees_casus(kb, pad)
    assert "deelname" not in bewaard.antwoorden
    assert "deelname" in bewaard.meta.model_dump()["intake"]["onbekend"]


def test_finishing_with_questions_open_goes_back_to_them(
    client: TestClient, instellingen: Instellingen, kb: Kennisbank
) -> None:
    pad = begin(client, instellingen)
    antwoord = post(client, instellingen, f"/intake/{pad.stem}/klaar")
    assert antwoord.headers["location"] == f"/intake/{pad.stem}"  # type: ignore[attr-defined]
    assert not lees_casus(kb, pad).meta.model_dump()["intake"].get("klaar")
    overzicht = client.get(f"/intake/{pad.stem}/overzicht")
    assert "vragen open" in overzicht.text and "Verder met de intake" in overzicht.text


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("9", "'9' is geen van de antwoorden op deze vraag; kies er een van de 6."),
        ("-1", "'-1' is geen van de antwoorden"),
        ("vrijwillig", "'vrijwillig' is geen van de antwoorden"),
        ("²", "'²' is geen van de antwoorden"),
        ("", "Kies een van de antwoorden om verder te gaan."),
    ],
)
def test_a_value_outside_the_choices_is_asked_again_in_dutch_and_nothing_is_saved(
    client: TestClient, instellingen: Instellingen, kb: Kennisbank, invoer: str, melding: str
) -> None:
    pad = instellingen.map / "ilse.yaml"
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", pad)
    voor = pad.read_bytes()
    antwoord = client.post(
        "/intake/ilse/antwoord",
        data={"csrf": instellingen.csrf, "vraag": "initiatief", "antwoord": invoer, "wijzig": "1"},
    )
    assert antwoord.status_code == 422
    assert melding in html.unescape(antwoord.text)
    assert 'role="alert"' in antwoord.text and 'aria-invalid="true"' in antwoord.text
    assert "Traceback" not in antwoord.text
    assert pad.read_bytes() == voor


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("500", "Dat kan niet: vul een getal in van 1 tot en met 200."),
        ("zes", "Vul een heel getal in van 1 tot en met 200"),
        ("²", "Vul een heel getal in"),
        ("9" * 5000, "Vul een heel getal in"),
    ],
)
def test_a_number_out_of_range_is_asked_again_with_what_was_typed(
    client: TestClient, instellingen: Instellingen, invoer: str, melding: str
) -> None:
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", instellingen.map / "ilse.yaml")
    antwoord = client.post(
        "/intake/ilse/antwoord",
        data={
            "csrf": instellingen.csrf,
            "vraag": "groepsgrootte",
            "antwoord": invoer,
            "wijzig": "1",
        },
    )
    assert antwoord.status_code == 422
    assert melding in html.unescape(antwoord.text)
    assert f'value="{invoer}"' in antwoord.text  # what was typed stays in the field


def test_a_question_that_is_not_asked_now_cannot_be_answered(
    client: TestClient, instellingen: Instellingen, kb: Kennisbank
) -> None:
    pad = begin(client, instellingen)
    for vraag in ("bestaat_niet", "groepsgrootte"):  # unknown, and one not yet asked
        antwoord = post(
            client, instellingen, f"/intake/{pad.stem}/antwoord", vraag=vraag, antwoord="6"
        )
        assert antwoord.status_code == 400  # type: ignore[attr-defined]
        assert "is nu niet aan de orde" in antwoord.text  # type: ignore[attr-defined]
    assert "groepsgrootte" not in lees_casus(kb, pad).antwoorden


def test_a_new_intake_without_a_name_is_asked_again(
    client: TestClient, instellingen: Instellingen
) -> None:
    antwoord = post(client, instellingen, "/intake/nieuw", vraag="naam", antwoord="  ")
    assert antwoord.status_code == 422  # type: ignore[attr-defined]
    assert "Dit is nodig om verder te gaan" in antwoord.text  # type: ignore[attr-defined]
    assert list(instellingen.map.iterdir()) == []


def test_a_broken_case_file_gets_a_dutch_page_naming_file_and_line(
    client: TestClient, instellingen: Instellingen
) -> None:
    (instellingen.map / "kapot.yaml").write_text("antwoorden:\n  deelname: [vrijwillig\n")
    for pad in ("/intake/kapot", "/intake/kapot/overzicht", "/advies/kapot"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 400, pad
        assert "kapot.yaml, regel" in antwoord.text
        assert "geen geldige YAML" in antwoord.text
        assert "Traceback" not in antwoord.text


def test_an_unknown_fact_in_a_case_file_is_named_with_what_is_known(
    client: TestClient, instellingen: Instellingen
) -> None:
    (instellingen.map / "vreemd.yaml").write_text("antwoorden:\n  deelnamen: vrijwillig\n")
    antwoord = client.get("/intake/vreemd")
    assert antwoord.status_code == 400
    assert "vreemd.yaml, regel 2: onbekend feit &#39;deelnamen&#39;" in antwoord.text
    assert "Bedoelt u &#39;deelname&#39;?" in antwoord.text


def test_a_value_outside_the_choices_in_a_case_file_is_named(
    client: TestClient, instellingen: Instellingen
) -> None:
    (instellingen.map / "waarde.yaml").write_text("antwoorden:\n  deelname: soms\n")
    antwoord = client.get("/advies/waarde")
    assert antwoord.status_code == 400
    assert "ongeldige waarde &#39;soms&#39;" in antwoord.text
    assert "Toegestaan: vrijwillig" in antwoord.text


@pytest.mark.parametrize(
    "naam", ["bestaat-niet", "..%2F..%2Fetc%2Fpasswd", ".verborgen", "a%00b", "%2Fetc%2Fpasswd"]
)
def test_a_name_that_is_no_case_in_the_folder_is_not_found(
    client: TestClient, instellingen: Instellingen, naam: str
) -> None:
    (instellingen.map / ".verborgen.yaml").write_text("antwoorden: {}\n")
    antwoord = client.get(f"/intake/{naam}")
    assert antwoord.status_code == 404
    assert "Niet gevonden" in antwoord.text
    assert "root:" not in antwoord.text


def test_a_link_in_the_case_folder_is_not_followed(
    client: TestClient, instellingen: Instellingen, tmp_path: Path
) -> None:
    buiten = tmp_path / "buiten.yaml"
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", buiten)
    (instellingen.map / "link.yaml").symlink_to(buiten)
    assert client.get("/intake/link").status_code == 404
    assert "link.yaml" not in client.get("/").text


def test_the_pages_escape_text_from_the_case_file(
    client: TestClient, instellingen: Instellingen
) -> None:
    pad = instellingen.map / "xss.yaml"
    pad.write_text(
        "meta:\n  naam: '<script>alert(1)</script>'\n  hulpvraag: '<img src=x onerror=alert(2)>'\n"
        "antwoorden: {deelname: vrijwillig}\n"
    )
    for url in ("/", "/intake/xss", "/intake/xss/overzicht", "/advies/xss"):
        html = client.get(url, follow_redirects=True).text
        assert "<script>alert" not in html and "<img src=x" not in html, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/").text
