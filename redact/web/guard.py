"""The page's locks: Host check (DNS rebinding), the session token, CSRF, security headers.

A pure ASGI middleware in front of every route, static files included:

- the Host header must name the address served (``127.0.0.1:PORT`` or ``localhost:PORT``);
- the first request carries ``?token=`` (printed by ``review serve``); it is swapped for a
  session cookie (HttpOnly, SameSite=Strict, Path=/) and the token is dropped from the address;
  the token works once: the same link opened again elsewhere (a replay) is refused;
- every other request needs that cookie; every POST also needs ``X-CSRF-Token`` (an HMAC of the
  session) and a JSON body of at most ``max_body`` bytes (413 beyond); anything else is answered
  403 and reaches no route;
- every answer carries a strict Content-Security-Policy, nosniff, no-referrer and no-store.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
FORBIDDEN = (
    "This review page needs the link printed by `testimony review serve` "
    "(it carries a one-time session token). Open that link, or start the command again."
)
SPENT = (
    "This link has already been used to open the review page, so it no longer opens a session "
    "(a copied or replayed link is refused). Go back to the browser window that opened it, or "
    "stop `testimony review serve` and start it again for a new link."
)
MAX_BODY = 256 * 1024  # a decision is a few hundred bytes


@dataclass
class Settings:
    """One serving session: where it listens and its secrets (random per run)."""

    port: int
    host: str = "127.0.0.1"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    any_host: bool = False  # --allow-remote on a wildcard address: the Host check cannot hold
    sessions: set[str] = field(default_factory=set)
    token_spent: bool = False  # the token opens one session, once
    max_body: int = MAX_BODY

    @property
    def cookie(self) -> str:
        return f"testimony_review_{self.port}"  # cookies ignore ports: one name per server

    @property
    def allowed_hosts(self) -> set[str]:
        hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}", f"{self.host}:{self.port}"}
        return hosts | ({f"[::1]:{self.port}"} if self.host == "::1" else set())

    def url(self, path: str = "/") -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{path}?token={self.token}"

    def csrf(self, session: str) -> str:
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in scope.get("headers", [])}


def _cookies(raw: bytes) -> dict[str, str]:
    jar = {}
    for part in raw.decode("latin-1").split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            jar[name] = value
    return jar


class Guard:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        refusal = self._refusal(scope)
        if refusal is not None:
            await _plain(send_secured, 403, refusal)
            return
        session = self._session(scope)
        if session is None:
            token = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"))).get("token")
            if token and secrets.compare_digest(token.encode(), self.settings.token.encode()):
                if self.settings.token_spent:
                    await _plain(send_secured, 403, SPENT)
                    return
                self.settings.token_spent = True
                await self._start_session(scope, send_secured)
                return
            await _plain(send_secured, 403, FORBIDDEN)
            return
        if scope["method"] not in ("GET", "HEAD") and not self._csrf_ok(scope, session):
            await _plain(send_secured, 403, "refused: missing or wrong CSRF token; reload the page")
            return
        if scope["method"] == "POST":
            body = await _bounded_body(scope, receive, self.settings.max_body)
            if body is None:
                limit = self.settings.max_body
                await _plain(send_secured, 413, f"refused: a request body over {limit} bytes")
                return
            receive = _replay(body)
        scope.setdefault("state", {})["session"] = session
        scope["state"]["csrf"] = self.settings.csrf(session)
        await self.app(scope, receive, send_secured)

    def _refusal(self, scope: Scope) -> str | None:
        host = _headers(scope).get(b"host", b"").decode("latin-1").lower()
        if not self.settings.any_host and host not in self.settings.allowed_hosts:
            return "refused: this page answers only at the address `testimony review serve` printed"
        if scope["method"] not in ("GET", "HEAD", "POST"):
            return "refused: method not allowed"
        return None

    def _session(self, scope: Scope) -> str | None:
        raw = _headers(scope).get(b"cookie", b"")
        value = _cookies(raw).get(self.settings.cookie, "")
        for session in self.settings.sessions:
            if value and secrets.compare_digest(value.encode(), session.encode()):
                return session
        return None

    def _csrf_ok(self, scope: Scope, session: str) -> bool:
        headers = _headers(scope)
        given = headers.get(b"x-csrf-token", b"")
        kind = headers.get(b"content-type", b"").split(b";")[0].strip()
        expected = self.settings.csrf(session).encode()
        return kind == b"application/json" and secrets.compare_digest(given, expected)

    async def _start_session(self, scope: Scope, send: Send) -> None:
        session = secrets.token_urlsafe(32)
        self.settings.sessions.add(session)
        rest = [
            (k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode()) if k != "token"
        ]
        location = scope.get("path", "/") + (f"?{urlencode(rest)}" if rest else "")
        cookie = f"{self.settings.cookie}={session}; HttpOnly; SameSite=Strict; Path=/"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", location.encode()), (b"set-cookie", cookie.encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})


async def _bounded_body(scope: Scope, receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None as soon as it (or its declared length) passes ``limit``."""
    declared = _headers(scope).get(b"content-length", b"0")
    if not declared.isdigit() or int(declared) > limit:
        return None
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b""  # the client went away; the app sees an empty body
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
