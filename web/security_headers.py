"""Security headers on every response of the web app, and safe cookie attributes.

:func:`install_security_headers` wraps the app's whole middleware stack (Starlette's error middleware
included), so the pages, the JSON API, static files, the feed, the docs and even an unhandled error's 500
all carry:

- a strict ``Content-Security-Policy``: scripts, styles, images, fonts and fetches from the app's own
  origin only (no inline script or style, no third-party origin), no plugins, no ``<base>``, forms post
  back to the app, and ``frame-ancestors 'none'`` (no framing);
- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``, ``X-Frame-Options: DENY`` (for
  older browsers), ``Cross-Origin-Opener-Policy: same-origin`` and a ``Permissions-Policy`` that turns
  off the powerful features the archive never uses.

The archive sets no cookies; should a route ever set one, ``HttpOnly`` and ``SameSite=Lax`` are added
when missing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    )
)

#: Headers set on every response (replacing any value a route gave), as ASGI byte pairs.
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
_ENCODED = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in SECURITY_HEADERS.items()]
_REPLACED = {name for name, _ in _ENCODED}


def harden_cookie(value: str) -> str:
    """A ``Set-Cookie`` value with ``HttpOnly`` and ``SameSite=Lax`` added when it lacks them (attributes it
    already has, e.g. ``SameSite=Strict``, are kept)."""
    attributes = {part.strip().split("=", 1)[0].lower() for part in value.split(";")[1:]}
    if "httponly" not in attributes:
        value += "; HttpOnly"
    if "samesite" not in attributes:
        value += "; SameSite=Lax"
    return value


def secure_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The raw ASGI headers of a response with :data:`SECURITY_HEADERS` set (any earlier value of those
    names dropped) and every ``Set-Cookie`` hardened by :func:`harden_cookie`."""
    kept: list[tuple[bytes, bytes]] = []
    for name, value in headers:
        lowered = name.lower()
        if lowered in _REPLACED:
            continue
        if lowered == b"set-cookie":
            value = harden_cookie(value.decode("latin-1")).encode("latin-1")
        kept.append((name, value))
    return kept + _ENCODED


class SecurityHeadersMiddleware:
    """Pure ASGI middleware: rewrites the headers of each HTTP response start (bodies, streaming included,
    pass through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = secure_headers(list(message.get("headers", [])))
            await send(message)

        await self.app(scope, receive, send_secured)


def install_security_headers(app: FastAPI) -> None:
    """Put :class:`SecurityHeadersMiddleware` outside the whole middleware stack of ``app``.

    ``app.add_middleware`` would sit inside Starlette's ``ServerErrorMiddleware``, so the 500 answered for
    an unhandled exception would go out without the headers; wrapping the built stack covers every
    response. Call before the app serves its first request."""
    build_stack = app.build_middleware_stack

    def build_secured_stack() -> ASGIApp:
        return SecurityHeadersMiddleware(build_stack())

    setattr(app, "build_middleware_stack", build_secured_stack)  # noqa: B010 (an instance override)
