"""The review web page: a local Starlette app that makes the same signed decisions as
``testimony review …``. Loopback only, a per-session token, CSRF on every change, a strict CSP,
no external resource and nothing cached (see :mod:`redact.web.guard`)."""

from redact.web.app import create_app
from redact.web.guard import Settings

__all__ = ["Settings", "create_app"]
