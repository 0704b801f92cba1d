"""End-to-end: the page in headless Chromium (Debian's `chromium`) against a live server.

Needs the `chromium` package (`apt-get install -y chromium`; or SITROOM_CHROMIUM=/path). When it
is missing the test fails with that instruction rather than skipping, so CI cannot pass
without having run it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from sitroom.web.app import app_from_store
from sitroom.web.background import serving

from .helpers import XSS_TEXT

pytestmark = pytest.mark.slow


def _chromium() -> str:
    path = os.environ.get("SITROOM_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("headless Chromium not found: run `apt-get install -y chromium` (or set SITROOM_CHROMIUM)")
    return path


@pytest.fixture
def base_url(store_path: Path) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, serving the hand-built store."""
    with serving(app_from_store(store_path, allowed_hosts=["127.0.0.1"])) as url:
        yield url


@pytest.fixture
def page(base_url: str) -> Iterator[tuple[Page, list[str]]]:
    """A loaded page and the list of console errors and dialogs it produced."""
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            tab = browser.new_page()
            tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            tab.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
            tab.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
            tab.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
            tab.goto(base_url + "/")
            tab.wait_for_selector("#events tbody tr")
            yield tab, problems
        finally:
            browser.close()


def test_browser_page_renders_panels_without_errors(page: tuple[Page, list[str]]) -> None:
    tab, problems = page
    assert tab.locator("#events tbody tr").count() == 5
    tab.wait_for_selector("#control tbody tr")
    assert tab.locator(".leaflet-interactive").count() >= 4  # country shapes + event markers
    assert tab.locator("#network circle").count() >= 2
    assert "seized Kafr Nabl" in tab.locator("#contradictions").inner_text()
    assert problems == []


def test_browser_detail_shows_payload_as_text(page: tuple[Page, list[str]]) -> None:
    tab, problems = page
    tab.locator('#events tbody tr[data-id="e5"]').click()
    tab.wait_for_selector("#detail pre")
    assert XSS_TEXT.split("<img")[0] in tab.locator("#detail pre").inner_text()
    assert tab.locator("#detail mark").first.text_content() == "<img src=x onerror=alert(1)>location"
    assert tab.locator("#detail img, #detail script").count() == 0
    assert "location: “<img src=x onerror=alert(1)>”" in tab.locator("#detail ul.evidence").inner_text()
    assert problems == []


def test_browser_search_and_network_filter_the_table(page: tuple[Page, list[str]]) -> None:
    tab, problems = page
    tab.fill("#search", "maarat")
    expect(tab.locator("#events tbody tr")).to_have_count(1)
    tab.click("#clear-filters")
    expect(tab.locator("#events tbody tr")).to_have_count(5)
    tab.locator("#network circle", has=tab.locator("title", has_text="Civilians (Syria)")).dispatch_event("click")
    expect(tab.locator("#events tbody tr")).to_have_count(1)
    assert "Civilians" in tab.locator("#filter-state").inner_text()
    assert problems == []


def test_browser_control_day_picker(page: tuple[Page, list[str]]) -> None:
    tab, problems = page
    tab.fill("#control-day", "2024-12-03")
    tab.dispatch_event("#control-day", "change")
    expect(tab.locator("#control tbody")).to_contain_text("Dovan Front")
    assert "Military Forces of Syria" not in tab.locator("#control tbody").inner_text().split("Maarat")[0]
    assert problems == []


def test_browser_timeline_brush_filters_days(page: tuple[Page, list[str]]) -> None:
    tab, problems = page
    box = tab.locator("#timeline").bounding_box()
    assert box is not None
    day_width = box["width"] / 6  # the events span 2024-12-02 .. 2024-12-07
    y = box["y"] + box["height"] / 2
    tab.mouse.move(box["x"] + 0.5 * day_width, y)
    tab.mouse.down()
    tab.mouse.move(box["x"] + 1.5 * day_width, y, steps=5)
    tab.mouse.up()
    expect(tab.locator("#events tbody tr")).to_have_count(1)
    assert tab.locator("#events tbody tr").first.get_attribute("data-id") == "e1"
    assert "2024-12-02 to 2024-12-03" in tab.locator("#filter-state").inner_text()
    tab.locator("#timeline").dblclick()
    expect(tab.locator("#events tbody tr")).to_have_count(5)
    assert problems == []


def test_browser_online_tiles_only_when_configured(store_path: Path) -> None:
    """With --tiles the map draws tiles from that origin (another local server here) and never
    asks for the packaged borders; the attribution shows as text."""
    from sitroom.web.app import create_app
    from sitroom.web.api import Snapshot

    with serving(create_app(Snapshot())) as tile_server:
        template = tile_server + "/static/vendor/leaflet/images/marker-icon.png?{z}/{x}/{y}"
        app = app_from_store(store_path, tiles=template, tiles_attribution="<b>Tiles</b> © someone")
        with serving(app) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
            try:
                tab = browser.new_page()
                requested: list[str] = []
                blocked: list[str] = []
                tab.on("request", lambda r: requested.append(r.url))
                tab.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
                tab.goto(url + "/")
                tab.wait_for_selector("img.leaflet-tile-loaded")
                assert any(u.startswith(tile_server) for u in requested)
                assert not any("countries-110m" in u for u in requested)
                assert "<b>Tiles</b> © someone" in tab.locator(".leaflet-control-attribution").inner_text()
                assert blocked == []
            finally:
                browser.close()
