"""Private by construction: the token, the cookie, Host and Origin, CSRF and the security headers,
checked with the framework's test client (in process)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from advies.web.access import CSP, MAX_VERZOEK, Instellingen

from .conftest import POORT, TOKEN

PAGINAS = ["/", "/intake/nieuw", "/zelfcheck", "/static/advies.css", "/static/htmx.min.js"]


@pytest.mark.parametrize("pad", PAGINAS)
def test_without_the_token_every_path_is_refused_in_dutch(anoniem: TestClient, pad: str) -> None:
    antwoord = anoniem.get(pad)
    assert antwoord.status_code == 403
    assert "Geen toegang" in antwoord.text
    assert "token" in antwoord.text and "advies web" in antwoord.text
    assert "Traceback" not in antwoord.text


def test_the_printed_address_sets_a_strict_httponly_cookie_and_leaves_the_token_behind(
    anoniem: TestClient,
) -> None:
    antwoord = anoniem.get(f"/inloggen?token={TOKEN}")
    assert antwoord.status_code == 303
    assert antwoord.headers["location"] == "/"  # the token does not stay in the address bar
    cookie = antwoord.headers["set-cookie"]
    assert cookie.startswith(f"advies_{POORT}={TOKEN}")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert anoniem.get("/").status_code == 200


def test_a_wrong_token_in_the_address_is_refused_and_sets_nothing(anoniem: TestClient) -> None:
    antwoord = anoniem.get("/inloggen?token=geraden")
    assert antwoord.status_code == 403
    assert "set-cookie" not in antwoord.headers
    assert "klopt niet" in antwoord.text
    assert anoniem.get("/").status_code == 403


def test_a_wrong_cookie_is_refused(anoniem: TestClient) -> None:
    anoniem.cookies.set(f"advies_{POORT}", "geraden")
    assert anoniem.get("/").status_code == 403


def test_the_api_accepts_the_token_as_a_bearer_and_refuses_without_it_in_json(
    anoniem: TestClient,
) -> None:
    zonder = anoniem.post("/api/beoordeel", content="antwoorden: {}\n")
    assert zonder.status_code == 403
    assert zonder.json()["fout"].startswith("fout: geen toegang")
    met = anoniem.post(
        "/api/beoordeel",
        content="antwoorden: {}\n",
        headers={"authorization": f"Bearer {TOKEN}"},
    )
    assert met.status_code == 200
    assert met.json()["verdict"] == "onvoldoende_informatie"


@pytest.mark.parametrize("host", ["evil.example:8123", "127.0.0.1:9999", "localhost", ""])
def test_a_foreign_host_is_refused_even_with_the_cookie(client: TestClient, host: str) -> None:
    """DNS rebinding: another name resolving to 127.0.0.1 must not reach the cases."""
    antwoord = client.get("/", headers={"host": host})
    assert antwoord.status_code == 403
    assert "alleen op het adres" in antwoord.text


def test_localhost_with_the_port_is_this_server(client: TestClient) -> None:
    assert client.get("/", headers={"host": f"localhost:{POORT}"}).status_code == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "null", f"http://127.0.0.1:{POORT + 1}"])
def test_a_foreign_origin_is_refused_for_pages_and_posts(
    client: TestClient, instellingen: Instellingen, origin: str
) -> None:
    pagina = client.get("/", headers={"origin": origin})
    assert pagina.status_code == 403
    post = client.post(
        "/intake/nieuw",
        data={"csrf": instellingen.csrf, "vraag": "naam", "antwoord": "Overgenomen"},
        headers={"origin": origin},
    )
    assert post.status_code == 403
    assert "andere website" in post.text
    assert list(instellingen.map.iterdir()) == []  # nothing was written


def test_a_cross_site_fetch_without_origin_is_refused(
    client: TestClient, instellingen: Instellingen
) -> None:
    antwoord = client.post(
        "/intake/nieuw",
        data={"csrf": instellingen.csrf, "vraag": "naam", "antwoord": "x"},
        headers={"sec-fetch-site": "cross-site"},
    )
    assert antwoord.status_code == 403


def test_the_own_origin_is_welcome(client: TestClient, instellingen: Instellingen) -> None:
    antwoord = client.post(
        "/intake/nieuw",
        data={"csrf": instellingen.csrf, "vraag": "naam", "antwoord": "Eigen site"},
        headers={"origin": f"http://127.0.0.1:{POORT}"},
    )
    assert antwoord.status_code == 303


@pytest.mark.parametrize("code", [None, "", "0" * 64])
def test_a_post_without_the_forms_csrf_code_is_refused(
    client: TestClient, instellingen: Instellingen, code: str | None
) -> None:
    data = {"vraag": "naam", "antwoord": "Zonder code"}
    if code is not None:
        data["csrf"] = code
    antwoord = client.post("/intake/nieuw", data=data)
    assert antwoord.status_code == 403
    assert "controlecode" in antwoord.text
    assert list(instellingen.map.iterdir()) == []


def test_every_answer_carries_the_security_headers(client: TestClient) -> None:
    for pad in ["/", "/zelfcheck", "/bestaat-niet", "/static/advies.css"]:
        koppen = client.get(pad).headers
        assert koppen["content-security-policy"] == CSP, pad
        assert "default-src 'self'" in CSP and "script-src 'self'" in CSP
        assert "unsafe" not in CSP
        assert koppen["x-content-type-options"] == "nosniff"
        assert koppen["referrer-policy"] == "same-origin"
        assert koppen["x-frame-options"] == "DENY"
    assert client.get("/").headers["cache-control"] == "no-store"


def test_refusals_carry_the_headers_too(anoniem: TestClient) -> None:
    assert anoniem.get("/").headers["content-security-policy"] == CSP


def test_pages_load_nothing_from_outside(client: TestClient) -> None:
    html = client.get("/").text
    assert "http://" not in html.replace(f"http://127.0.0.1:{POORT}", "")
    assert "https://" not in html
    assert '<script src="/static/htmx.min.js"' in html
    assert "<style" not in html and " style=" not in html  # the CSP allows no inline style
    assert "<script>" not in html  # nor inline script


def test_a_request_body_over_the_limit_is_refused(client: TestClient) -> None:
    antwoord = client.post("/api/beoordeel", content=b"a: " + b"x" * (MAX_VERZOEK + 10), headers={})
    assert antwoord.status_code == 413
    assert "te groot" in antwoord.json()["fout"]


def test_cookies_of_two_servers_on_other_ports_do_not_mix(casusmap: object) -> None:
    een = Instellingen(map=casusmap, poort=8001)  # type: ignore[arg-type]
    twee = Instellingen(map=casusmap, poort=8002)  # type: ignore[arg-type]
    assert een.cookie != twee.cookie
    assert een.token != twee.token and len(een.token) >= 40
    assert een.adres.startswith("http://127.0.0.1:8001/inloggen?token=")
