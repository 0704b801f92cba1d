"""The situation page: a Starlette app serving the JSON API, one HTML page and packaged static files.

Security by default: Jinja autoescape, a strict Content-Security-Policy (scripts only from this
origin, no inline script or handlers), static files only from the package's ``static`` folder
(Starlette's StaticFiles refuses paths that leave it), and an optional Host allow-list against
DNS rebinding when bound to loopback.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Sequence

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..store import open_store
from . import api

LOGGER = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class SecurityHeaders:
    """ASGI middleware adding the CSP and friends to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def _templates() -> Environment:
    # autoescape on for every template, whatever its extension: data never reaches markup raw.
    return Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


# The page lists the newest sources only: thousands of list items cost the browser more than the map.
SOURCES_LISTED = 200


def _sources(snap: api.Snapshot) -> tuple[list[dict[str, Any]], int]:
    """The newest cited articles (at most SOURCES_LISTED), oldest first, and how many are cited in all."""
    cited = {d for e in snap.events for d in e.docs}
    arts = [a for a in snap.articles.values() if a.article_id in cited or not snap.events]
    newest = sorted(arts, key=lambda a: (a.published or "", a.article_id))[-SOURCES_LISTED:]
    listed = [
        {"title": a.title or a.article_id, "outlet": a.outlet or "", "published": a.published or "", "url": a.url or ""}
        for a in newest
    ]
    return listed, len(arts)


async def _page(request: Request) -> HTMLResponse:
    snap: api.Snapshot = request.app.state.snapshot
    sources, total = _sources(snap)
    html = request.app.state.templates.get_template("index.html").render(
        title=request.app.state.title,
        counts={"events": len(snap.events), "articles": len(snap.articles), "actors": len(snap.actors)},
        sources=sources,
        sources_total=total,
    )
    return HTMLResponse(html)


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": "not found"}, status_code=404)


def create_app(
    snapshot: api.Snapshot,
    *,
    title: str = "sitroom",
    allowed_hosts: Sequence[str] | None = None,
) -> Starlette:
    """Return the ASGI app serving ``snapshot``; ``allowed_hosts`` restricts the Host header."""
    routes = [
        Route("/", _page),
        Route("/api/events", api.events_endpoint),
        Route("/api/events/{event_id}", api.event_endpoint),
        Route("/api/actors", api.actors_endpoint),
        Route("/api/network", api.network_endpoint),
        Route("/api/claims", api.claims_endpoint),
        Route("/api/contradictions", api.contradictions_endpoint),
        Route("/api/control", api.control_endpoint),
        Mount("/static", app=StaticFiles(directory=str(STATIC_DIR), follow_symlink=False), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={404: _not_found})
    app.state.snapshot = snapshot
    app.state.templates = _templates()
    app.state.title = title
    return app


def app_from_store(db: str | Path, *, allowed_hosts: Sequence[str] | None = None) -> Starlette:
    """Read the store at ``db`` once and return the app serving it (StoreError when unreadable)."""
    with open_store(db) as store:
        snapshot = api.load_snapshot(store)
    return create_app(snapshot, title=f"sitroom: {Path(db).name}", allowed_hosts=allowed_hosts)
