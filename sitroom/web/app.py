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
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import QueryParams
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
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def security_headers(tile_origin: str | None = None) -> dict[str, str]:
    """The headers every response carries; images may also come from ``tile_origin`` when set."""
    return {
        "content-security-policy": CSP.format(tiles=f" {tile_origin}" if tile_origin else ""),
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "x-frame-options": "DENY",
    }


SECURITY_HEADERS = security_headers()


def tile_origin(template: str) -> str:
    """The origin (scheme://host[:port]) of a slippy-map tile URL template; ValueError when the
    template is not an http(s) URL with {z}, {x} and {y} placeholders."""
    parts = urlsplit(template)
    # Leaflet's {s} subdomain placeholder becomes a CSP wildcard label
    host = "*." + parts.netloc[4:] if parts.netloc.startswith("{s}.") else parts.netloc
    if parts.scheme not in ("http", "https") or not host or any(c in host for c in "{}'\" ;,"):
        raise ValueError(f"tiles: expected an http(s) URL template with a fixed host, got {template[:80]!r}")
    missing = [p for p in ("{z}", "{x}", "{y}") if p not in template]
    if missing:
        raise ValueError(f"tiles: the URL template lacks {', '.join(missing)}: {template[:80]!r}")
    return f"{parts.scheme}://{host}"


class SecurityHeaders:
    """ASGI middleware adding the CSP and friends to every HTTP response."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] = SECURITY_HEADERS) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in self.headers]
                headers += [(k.encode(), v.encode()) for k, v in self.headers.items()]
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


def event_pages(total: int) -> list[str]:
    """The compact listing's page URLs covering ``total`` events (at least one page)."""
    step = api.MAX_LIMIT
    return [f"/api/events?view=rows&limit={step}&offset={offset}" for offset in range(0, max(total, 1), step)]


async def _page(request: Request) -> HTMLResponse:
    snap: api.Snapshot = request.app.state.snapshot
    sources, total = _sources(snap)
    html = request.app.state.templates.get_template("index.html").render(
        title=request.app.state.title,
        # preloaded: the browser fetches the events while it is still parsing the scripts
        event_pages=event_pages(len(snap.events)),
        counts={"events": len(snap.events), "articles": len(snap.articles), "actors": len(snap.actors)},
        sources=sources,
        sources_total=total,
        tiles=request.app.state.tiles,
    )
    return HTMLResponse(html)


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": "not found"}, status_code=404)


def create_app(
    snapshot: api.Snapshot,
    *,
    title: str = "sitroom",
    allowed_hosts: Sequence[str] | None = None,
    tiles: str | None = None,
    tiles_attribution: str = "",
) -> Starlette:
    """Return the ASGI app serving ``snapshot``; ``allowed_hosts`` restricts the Host header.

    ``tiles`` is a slippy-map URL template ({z}/{x}/{y}) drawn instead of the packaged borders;
    without it the page makes no request beyond this server (ValueError for a bad template).
    """
    origin = tile_origin(tiles) if tiles else None
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
    middleware = [Middleware(SecurityHeaders, headers=security_headers(origin))]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={404: _not_found})
    app.state.snapshot = snapshot
    for url in event_pages(len(snapshot.events)):
        snapshot.listings.body(snapshot, QueryParams(urlsplit(url).query))
    app.state.templates = _templates()
    app.state.title = title
    app.state.tiles = {"url": tiles, "attribution": tiles_attribution} if tiles else None
    return app


def app_from_store(db: str | Path, *, allowed_hosts: Sequence[str] | None = None, **options: Any) -> Starlette:
    """Read the store at ``db`` once and return the app serving it (StoreError when unreadable);
    ``options`` go to create_app."""
    with open_store(db) as store:
        snapshot = api.load_snapshot(store)
    return create_app(snapshot, title=f"sitroom: {Path(db).name}", allowed_hosts=allowed_hosts, **options)
