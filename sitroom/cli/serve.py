"""`sitroom serve`: the situation page (map, timeline, events, network, control) over a store."""

from __future__ import annotations

import ipaddress
import logging

import click

LOGGER = logging.getLogger(__name__)

_HELP = """Serve the situation page and its JSON API for the store at --db.

Binds 127.0.0.1 by default; the store is read once at start-up. See docs/web.md.
"""


def _is_loopback(host: str) -> bool:
    """True when ``host`` is a loopback name or address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> list[str] | None:
    """Host-header allow-list for ``host``: loopback names only when bound to loopback (DNS rebinding)."""
    if _is_loopback(host):
        return sorted({host, "localhost", "127.0.0.1", "[::1]"})
    return None


@click.command("serve", help=_HELP)
@click.option("--db", default="sitroom.duckdb", show_default=True, type=click.Path(exists=True, dir_okay=False),
              help="DuckDB file written by `sitroom run`.")  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; anything but loopback exposes the data.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--tiles", metavar="URL", default=None,
              help="Online map tiles, a URL template with {z}/{x}/{y} (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png); "
                   "default: the packaged country borders, no request leaves this server.")  # fmt: skip
@click.option("--tiles-attribution", metavar="TEXT", default="", help="Credit line the tile provider requires.")
def serve_command(db: str, host: str, port: int, tiles: str | None, tiles_attribution: str) -> None:
    """Read the store at --db and serve it with uvicorn until interrupted."""
    import uvicorn  # imported here so other commands do not pay for the web stack

    from ..web.app import app_from_store, tile_origin

    if tiles:
        try:
            tile_origin(tiles)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--tiles") from None
    if not _is_loopback(host):
        click.echo(f"warning: serving on {host}: anyone who can reach it can read the store", err=True)
    app = app_from_store(db, allowed_hosts=allowed_hosts(host), tiles=tiles, tiles_attribution=tiles_attribution)
    click.echo(f"serving {db} on http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning")
