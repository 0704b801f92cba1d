"""A large store: the page lists only the newest sources and says how many there are."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sitroom.web.app import SOURCES_LISTED, create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from bench_web import synthetic  # noqa: E402


def test_page_scale_lists_the_newest_sources_with_the_total() -> None:
    snapshot = synthetic(2000)  # 400 articles, every one cited
    html = TestClient(create_app(snapshot)).get("/").text
    assert html.count('<li><span class="src-title">') == SOURCES_LISTED
    assert f"The newest {SOURCES_LISTED} of 400 cited articles" in html


@pytest.mark.slow
def test_page_scale_browser_loads_every_page_and_clusters_all_markers() -> None:
    """12,000 events span three listing pages: all reach the page, the table draws a window, and
    the cluster badges plus single markers account for every event."""
    from playwright.sync_api import sync_playwright

    from sitroom.web.background import serving

    from .test_browser import _chromium

    snapshot = synthetic(12_000)
    problems: list[str] = []
    with serving(create_app(snapshot)) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            tab.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
            requested: list[str] = []
            tab.on("request", lambda r: requested.append(r.url) if "/api/events?" in r.url else None)
            tab.goto(url + "/")
            tab.wait_for_selector(".marker-cluster")
            tab.wait_for_selector("#events tbody tr")
            assert len(requested) == 3  # each preloaded page fetched once, none twice
            assert tab.locator("#events tbody tr").count() == 200
            assert "of 12000 events" in tab.locator("#table-note").inner_text()
            badges = sum(int(t) for t in tab.locator(".marker-cluster").all_inner_texts())
            singles = tab.locator("path.leaflet-interactive[fill-opacity='0.75']").count()
            assert badges + singles == 12_000
            tab.locator("#search").fill("Town 7 ")
            assert tab.locator("#count-events").inner_text() != "12000"
        finally:
            browser.close()
    assert problems == []
