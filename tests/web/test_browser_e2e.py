"""End to end in a real browser: `advies web` in a subprocess, Debian's Chromium driven by
Playwright. A user's paths through the product, waiting for what the page shows (never for time),
with screenshots of the main pages in tests/web/schermafdrukken/ for people to look at."""

from __future__ import annotations

import http.server
import io
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from advies.case.files import lees_casus, lees_casus_tekst
from advies.case.model import Casus
from advies.knowledge.model import Kennisbank
from advies.questionnaires.flow import begin_keuze, speel_na
from advies.questionnaires.model import Vraag, Vragenlijst
from advies.questionnaires.selfcheck import beoordeel_zelfcheck

from .conftest import VOORBEELDEN, WACHT_MS, Server, invoer_voor, keuze_voor, schermafdruk

pytestmark = pytest.mark.e2e
TELEFOON = {"width": 390, "height": 844}


def huidige_vraag(pagina: Any) -> str | None:
    veld = pagina.locator('input[name="vraag"]')
    return veld.get_attribute("value") if veld.count() else None


def wacht_op_volgende(pagina: Any, was: str) -> None:
    """Until the page shows another question, or no question (the review, the result)."""
    pagina.wait_for_function(
        "was => { const v = document.querySelector('input[name=vraag]');"
        " return !v || v.value !== was; }",
        arg=was,
    )


def beantwoord(pagina: Any, vraag: Vraag, casus: Casus) -> None:
    """Answer as a user: click the choice, or type; then 'Volgende'."""
    if vraag.keuzes:
        tekst = vraag.keuzes[keuze_voor(vraag, casus)].tekst
        pagina.get_by_role("radio", name=tekst, exact=True).check()
    else:
        pagina.locator("#invoer").fill(invoer_voor(vraag, casus))
    pagina.get_by_role("button", name="Volgende").click()
    wacht_op_volgende(pagina, vraag.id)


def test_an_intake_from_the_first_question_to_the_pdf_with_a_reload_halfway(
    pagina: Any, server: Server, kb: Kennisbank, intake_vl: Vragenlijst, ilse: Casus, tmp_path: Path
) -> None:
    pagina.get_by_role("link", name="Nieuwe intake").first.click()
    pagina.wait_for_selector("text=Hoe noemen we deze casus?")
    schermafdruk(pagina, "intake-eerste-vraag")
    aantal = 0
    herladen = False
    while (vraag_id := huidige_vraag(pagina)) is not None:
        vraag = intake_vl.vraag(vraag_id)
        if aantal == 12 and not herladen:  # halfway: the tab is reloaded (or closed and opened)
            voortgang = pagina.locator(".voortgang").inner_text()
            pagina.reload()
            pagina.wait_for_selector('input[name="vraag"]', state="attached")
            assert huidige_vraag(pagina) == vraag_id  # on at the same question
            assert pagina.locator(".voortgang").inner_text() == voortgang  # nothing lost
            herladen = True
            schermafdruk(pagina, "intake-vraag-met-oordeel")
        beantwoord(pagina, vraag, ilse)
        aantal += 1
    assert herladen and aantal > 20
    pagina.wait_for_selector("h1:has-text('Overzicht: klopt alles?')")
    schermafdruk(pagina, "intake-overzicht")
    pad = server.map / "coordinatoren-zorgdistricten.yaml"
    assert lees_casus(kb, pad).antwoorden == ilse.antwoorden

    pagina.get_by_role("button", name="Klaar: toon het advies").click()
    pagina.wait_for_selector("h2:has-text('Het advies in het kort')")
    assert "Go onder voorwaarden" in pagina.locator("main").inner_text()
    schermafdruk(pagina, "advies")
    with pagina.expect_download() as wacht:
        pagina.get_by_role("link", name="PDF, voor de opdrachtgever").click()
    download = wacht.value
    assert download.suggested_filename == "advies-coordinatoren-zorgdistricten-klant.pdf"
    pdf = tmp_path / "advies.pdf"
    download.save_as(pdf)
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Coördinatoren zorgdistricten" in tekst
    assert "Go onder voorwaarden" in tekst or "GO ONDER VOORWAARDEN" in tekst


def test_an_answer_changed_in_the_review_is_saved_and_moves_the_verdict(
    pagina: Any, server: Server, kb: Kennisbank
) -> None:
    pad = server.map / "wijzig-in-overzicht.yaml"
    shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", pad)
    pagina.goto(f"{server.basis}/intake/wijzig-in-overzicht/overzicht")
    pagina.wait_for_selector("h1:has-text('Overzicht: klopt alles?')")
    assert "Go onder voorwaarden" in pagina.locator(".paneel").inner_text()
    rij = pagina.locator(".antwoordrij", has_text="Gedeelde conflicten")
    assert "Nee" in rij.inner_text()
    rij.get_by_role("link", name="Wijzig").click()
    pagina.wait_for_selector("text=Antwoord wijzigen")
    pagina.get_by_role("radio", name="Ja", exact=True).check()
    pagina.get_by_role("button", name="Opslaan en terug naar het overzicht").click()
    pagina.wait_for_selector("h1:has-text('Overzicht: klopt alles?')")
    assert "Ja" in pagina.locator(".antwoordrij", has_text="Gedeelde conflicten").inner_text()
    assert "No go" in pagina.locator(".paneel").inner_text()
    assert lees_casus(kb, pad).antwoorden["gedeelde_conflicten"] is True


def test_the_self_check_on_a_phone(
    browser: Any, server: Server, kb: Kennisbank, zelfcheck_vl: Vragenlijst, ilse: Casus
) -> None:
    ctx = browser.new_context(
        viewport=TELEFOON,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        accept_downloads=True,
    )
    ctx.set_default_timeout(WACHT_MS)
    try:
        p = ctx.new_page()
        p.goto(server.adres)
        p.get_by_role("link", name="Zelfcheck voor een leidinggevende").tap()
        p.wait_for_selector('input[name="vraag"]', state="attached")
        schermafdruk(p, "zelfcheck-telefoon-vraag")
        gegeven: dict[str, str] = {}
        while (vraag_id := huidige_vraag(p)) is not None:
            vraag = zelfcheck_vl.vraag(vraag_id)
            gegeven[vraag_id] = invoer_voor(vraag, ilse)
            if vraag.keuzes:
                p.get_by_role(
                    "radio", name=vraag.keuzes[int(gegeven[vraag_id])].tekst, exact=True
                ).tap()
            else:
                p.locator("#invoer").fill(gegeven[vraag_id])
            p.get_by_role("button", name="Volgende").tap()
            wacht_op_volgende(p, vraag_id)
            # usable on a phone: nothing wider than the screen
            assert p.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
        p.wait_for_selector("h2:has-text('Regel dit eerst')")
        assert p.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
        z = beoordeel_zelfcheck(
            kb, zelfcheck_vl, speel_na(zelfcheck_vl, kb, gegeven).stand.antwoorden
        )
        tekst = p.locator("main").inner_text()
        assert f"Dit wijst op: {z.verdict_label}" in tekst
        for a in z.eerst_regelen:
            assert a.naam in tekst
        schermafdruk(p, "zelfcheck-telefoon-uitslag")
        with p.expect_download() as wacht:
            p.get_by_role("link", name="Antwoorden downloaden (casusbestand)").tap()
        bestand = Path(wacht.value.path())
        casus = lees_casus_tekst(kb, bestand.read_text(encoding="utf-8"), "download")
        assert casus.antwoorden == speel_na(zelfcheck_vl, kb, gegeven).stand.antwoorden
    finally:
        ctx.close()


def test_one_questionnaire_by_keyboard_alone(
    pagina: Any, zelfcheck_vl: Vragenlijst, kb: Kennisbank, ilse: Casus
) -> None:
    """The self-check with Tab, arrow keys and Enter only: focus starts on the answers of each
    new question (where the terminal's pointer starts) and is always visible, and the reason
    behind a question opens with Enter."""
    pagina.keyboard.press("Tab")  # the skip link comes first
    assert pagina.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    pagina.keyboard.press("Tab")
    pagina.keyboard.press("Tab")
    pagina.keyboard.press("Tab")
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.textContent") == "Zelfcheck"
    pagina.keyboard.press("Enter")
    pagina.wait_for_selector('input[name="vraag"]', state="attached")
    gegeven: dict[str, str] = {}
    eerste = True
    while (vraag_id := huidige_vraag(pagina)) is not None:
        vraag = zelfcheck_vl.vraag(vraag_id)
        # htmx puts the focus on the new question's answers once the swap has settled
        pagina.wait_for_function("id => document.activeElement.name === id", arg=vraag_id)
        assert pagina.evaluate("document.activeElement.matches(':focus-visible')")
        gegeven[vraag_id] = invoer_voor(vraag, ilse)
        if eerste:  # "Waarom vragen we dit?" by keyboard: Tab past the answers, Enter opens it
            pagina.keyboard.press("Tab")
            pagina.keyboard.press("Tab")
            assert pagina.evaluate("document.activeElement.tagName") == "SUMMARY"
            pagina.keyboard.press("Enter")
            assert pagina.locator("details.waarom").get_attribute("open") is not None
            pagina.keyboard.press("Shift+Tab")
            pagina.keyboard.press("Shift+Tab")
            eerste = False
        if vraag.keuzes:
            # the focus starts where the terminal's pointer starts (never on an answer that
            # would block, unasked); Space chooses it, the arrows move the choice from there
            begin = int(pagina.evaluate("document.activeElement.value"))
            eerder = {k: w for k, w in gegeven.items() if k != vraag_id}
            assert begin == begin_keuze(vraag, speel_na(zelfcheck_vl, kb, eerder).stand, kb)
            pagina.keyboard.press("Space")
            doel = int(gegeven[vraag_id])
            for _ in range(abs(doel - begin)):
                pagina.keyboard.press("ArrowDown" if doel > begin else "ArrowUp")
            assert pagina.locator(f'input[type=radio][value="{gegeven[vraag_id]}"]').is_checked()
        else:
            pagina.keyboard.type(gegeven[vraag_id])
        pagina.keyboard.press("Enter")
        wacht_op_volgende(pagina, vraag_id)
    pagina.wait_for_selector("h2:has-text('Regel dit eerst')")
    z = beoordeel_zelfcheck(kb, zelfcheck_vl, speel_na(zelfcheck_vl, kb, gegeven).stand.antwoorden)
    assert f"Dit wijst op: {z.verdict_label}" in pagina.locator("main").inner_text()


def test_the_intake_works_with_javascript_off(browser: Any, server: Server) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    ctx.set_default_timeout(WACHT_MS)
    try:
        p = ctx.new_page()
        p.goto(server.adres)
        p.goto(f"{server.basis}/intake/nieuw")
        p.locator("#invoer").fill("Zonder script")
        p.get_by_role("button", name="Volgende").click()
        p.wait_for_load_state("load")
        assert p.url.endswith("/intake/zonder-script"), (p.url, p.locator("main").inner_text())
        assert huidige_vraag(p) == "organisatie"
        p.get_by_role("link", name="Alle antwoorden tot nu toe").click()
        p.wait_for_selector("text=Zonder script")
        assert (server.map / "zonder-script.yaml").exists()
    finally:
        ctx.close()


# --- private by construction ---------------------------------------------------------------------


def test_without_the_token_the_browser_sees_only_a_dutch_refusal(
    browser: Any, server: Server
) -> None:
    ctx = browser.new_context()
    try:
        p = ctx.new_page()
        antwoord = p.goto(f"{server.basis}/")
        assert antwoord.status == 403
        assert "Geen toegang" in p.locator("h1").inner_text()
        schermafdruk(p, "geen-toegang")
        assert p.goto(f"{server.basis}/inloggen?token=geraden").status == 403
        assert p.goto(f"{server.basis}/intake/nieuw").status == 403
        assert ctx.cookies() == []
        assert p.goto(server.adres).status == 200  # the printed address lets the user in
        cookie = ctx.cookies()[0]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert p.evaluate("document.cookie") == ""  # no script can read the session
    finally:
        ctx.close()


def test_a_foreign_host_is_refused_dns_rebinding(context: Any, server: Server) -> None:
    p = context.new_page()
    p.goto(server.adres)
    poort = server.basis.rsplit(":", 1)[1]
    antwoord = p.goto(f"http://rebinding.test:{poort}/")
    assert antwoord.status == 403
    assert "alleen op het adres" in p.locator("main").inner_text()


class _Aanvaller(http.server.BaseHTTPRequestHandler):
    """Another site on this machine: a page with a form that posts to advies."""

    doel = ""

    def do_GET(self) -> None:
        html = (
            '<!DOCTYPE html><html><body><form method="post" action="'
            f'{self.doel}/intake/nieuw"><input name="vraag" value="naam">'
            '<input name="antwoord" value="Overgenomen"><button>Win een prijs</button>'
            "</form></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.end_headers()
        self.wfile.write(html)

    def log_message(self, *args: object) -> None:
        pass


def test_a_post_from_another_site_is_refused_and_writes_nothing(
    context: Any, server: Server
) -> None:
    """Same machine, other port: the browser even sends the cookie; the Origin gives it away."""
    _Aanvaller.doel = server.basis
    aanvaller = http.server.HTTPServer(("127.0.0.1", 0), _Aanvaller)
    draad = threading.Thread(target=aanvaller.serve_forever, daemon=True)
    draad.start()
    try:
        p = context.new_page()
        p.goto(server.adres)
        voor = sorted(x.name for x in server.map.iterdir())
        p.goto(f"http://127.0.0.1:{aanvaller.server_address[1]}/")
        with p.expect_response(lambda r: r.url.endswith("/intake/nieuw")) as wacht:
            p.get_by_role("button", name="Win een prijs").click()
        assert wacht.value.status == 403
        assert "andere website" in p.locator("main").inner_text()
        assert sorted(x.name for x in server.map.iterdir()) == voor
    finally:
        aanvaller.shutdown()
        aanvaller.server_close()


def test_the_pages_have_no_console_errors_and_fetch_nothing_from_outside(
    pagina: Any, server: Server
) -> None:
    fouten: list[str] = []
    verzoeken: list[str] = []
    pagina.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
    pagina.on("request", lambda r: verzoeken.append(r.url))
    shutil.copy(VOORBEELDEN / "schoolleiders-go.yaml", server.map / "schoolleiders.yaml")
    for pad in (
        "/",
        "/intake/nieuw",
        "/zelfcheck",
        "/gesprek/schoolleiders",
        "/advies/schoolleiders",
    ):
        pagina.goto(server.basis + pad)
        pagina.wait_for_load_state("load")
        if pad.startswith("/gesprek"):
            schermafdruk(pagina, "gesprek")
    schermafdruk(pagina, "advies-go")
    pagina.goto(server.basis + "/")
    schermafdruk(pagina, "casussen")
    assert fouten == []  # a CSP violation would show here
    assert all(v.startswith(server.basis) for v in verzoeken), verzoeken


def test_chromium_keeps_its_own_files_in_this_runs_folder(
    pagina: Any, chromium_thuis: Path
) -> None:
    """Another test run at the same time (another checkout) shares no file with this one: the
    crash database Chromium writes beside any profile is in this run's folder (and GTK's
    settings, written when the browser closes)."""
    assert (chromium_thuis / ".config" / "chromium" / "Crash Reports").is_dir()
