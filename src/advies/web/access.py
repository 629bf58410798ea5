"""Private by construction: who may talk to the server, and what every answer carries.

The server listens on 127.0.0.1 only. On top of that every request must show the session's random
token: once in the address `advies web` prints (`/inloggen?token=…`), which sets an HttpOnly,
SameSite=Strict cookie, or as `Authorization: Bearer …` for a tool using the API. A request whose
Host is not this server (DNS rebinding) or whose Origin is another site (a cross-site post) is
refused before anything else. Every form carries a CSRF token derived from the session token.
Every answer gets a Content-Security-Policy that allows only this server, and is not cached.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from advies.errors import AdviesError

MAX_VERZOEK = 2 * 1024 * 1024  # bytes in one request body: a case file is far smaller
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
VASTE_KOPPEN = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    # not no-referrer: under it a browser sends "Origin: null" with our own plain form posts
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
INLOGGEN = "/inloggen"


class Geweigerd(AdviesError):
    """A request without the session's token, from another site, or without the form's CSRF
    token: refused with a Dutch message and no hint of what lies behind."""

    http_status = 403


class TeGroot(AdviesError):
    """A request body over MAX_VERZOEK."""

    http_status = 413


@dataclass(frozen=True)
class Instellingen:
    """One run of `advies web`: where the cases are, the port, and the session's secret."""

    map: Path
    poort: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset({f"127.0.0.1:{self.poort}", f"localhost:{self.poort}"})

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{h}" for h in self.hosts)

    @property
    def cookie(self) -> str:
        # cookies are shared between ports of one host: one name per server
        return f"advies_{self.poort}"

    @property
    def csrf(self) -> str:
        return hmac.new(self.token.encode(), b"csrf", hashlib.sha256).hexdigest()

    @property
    def adres(self) -> str:
        """The address to open: it logs the browser in."""
        return f"http://127.0.0.1:{self.poort}{INLOGGEN}?token={self.token}"

    def token_klopt(self, gegeven: str | None) -> bool:
        return gegeven is not None and hmac.compare_digest(gegeven.encode(), self.token.encode())

    def csrf_klopt(self, gegeven: str | None) -> bool:
        return gegeven is not None and hmac.compare_digest(gegeven.encode(), self.csrf.encode())


Weigering = Callable[[Scope, Exception], Awaitable[Response]]  # an error as a page or JSON


class Toegang:
    """ASGI middleware in front of every route, static files included."""

    def __init__(self, app: ASGIApp, instellingen: Instellingen, weiger: Weigering):
        self.app, self.inst, self.weiger = app, instellingen, weiger

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._met_koppen(send)
        koppen = Headers(scope=scope)
        fout = self._fout(scope, koppen)
        if fout is not None:
            await (await self.weiger(scope, fout))(scope, receive, send)
            return
        if scope["path"] == INLOGGEN:
            await (await self._log_in(scope))(scope, receive, send)
            return
        if not self._bekend(koppen):
            fout = Geweigerd(
                "geen toegang zonder de sleutel van deze sessie. Open advies via het adres dat "
                "'advies web' in de terminal toonde (het eindigt op ?token=…)"
            )
            await (await self.weiger(scope, fout))(scope, receive, send)
            return
        begonnen = False

        async def volg(bericht: Message) -> None:
            nonlocal begonnen
            begonnen = begonnen or bericht["type"] == "http.response.start"
            await send(bericht)

        try:
            await self.app(scope, self._begrensd(receive), volg)
        except Exception as bug:  # plain words for the user, no traceback anywhere
            if begonnen:
                raise
            await (await self.weiger(scope, bug))(scope, receive, send)

    def _fout(self, scope: Scope, koppen: Headers) -> AdviesError | None:
        if koppen.get("host") not in self.inst.hosts:
            # DNS rebinding: a foreign name that points at 127.0.0.1
            return Geweigerd(
                "deze server antwoordt alleen op het adres dat 'advies web' toonde "
                f"(http://127.0.0.1:{self.inst.poort}), niet op een andere naam"
            )
        origin = koppen.get("origin")
        if origin is not None and origin not in self.inst.origins:
            return Geweigerd(
                "een verzoek van een andere website wordt geweigerd; advies werkt alleen vanuit "
                "zijn eigen pagina's"
            )
        if koppen.get("sec-fetch-site") == "cross-site" and scope["method"] != "GET":
            return Geweigerd("een verzoek van een andere website wordt geweigerd")
        return None

    def _bekend(self, koppen: Headers) -> bool:
        for deel in (koppen.get("cookie") or "").split(";"):
            naam, _, waarde = deel.strip().partition("=")
            if naam == self.inst.cookie and self.inst.token_klopt(waarde):
                return True
        soort, _, token = (koppen.get("authorization") or "").partition(" ")
        return soort.lower() == "bearer" and self.inst.token_klopt(token.strip())

    async def _log_in(self, scope: Scope) -> Response:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if not self.inst.token_klopt((query.get("token") or [None])[0]):
            fout = Geweigerd(
                "dit adres klopt niet (meer): de sleutel hoort bij een andere sessie. Gebruik "
                "het adres dat 'advies web' nu in de terminal toont"
            )
            return await self.weiger(scope, fout)
        antwoord = RedirectResponse("/", status_code=303)
        antwoord.set_cookie(
            self.inst.cookie, self.inst.token, httponly=True, samesite="strict", path="/"
        )
        return antwoord

    def _met_koppen(self, send: Send) -> Send:
        async def verstuur(bericht: Message) -> None:
            if bericht["type"] == "http.response.start":
                koppen = MutableHeaders(scope=bericht)
                for naam, waarde in VASTE_KOPPEN.items():
                    koppen[naam] = waarde
                if "cache-control" not in koppen:
                    koppen["cache-control"] = "no-store"  # pages hold case data
            await send(bericht)

        return verstuur

    def _begrensd(self, receive: Receive) -> Receive:
        gelezen = 0

        async def ontvang() -> Message:
            nonlocal gelezen
            bericht = await receive()
            if bericht["type"] == "http.request":
                gelezen += len(bericht.get("body", b""))
                if gelezen > MAX_VERZOEK:
                    raise TeGroot(
                        f"het verzoek is te groot: meer dan {MAX_VERZOEK // (1024 * 1024)} MB"
                    )
            return bericht

        return ontvang
