"""A large store: the page lists only the newest sources and says how many there are."""

from __future__ import annotations

import sys
from pathlib import Path

from starlette.testclient import TestClient

from sitroom.web.app import SOURCES_LISTED, create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from bench_web import synthetic  # noqa: E402


def test_page_scale_lists_the_newest_sources_with_the_total() -> None:
    snapshot = synthetic(2000)  # 400 articles, every one cited
    html = TestClient(create_app(snapshot)).get("/").text
    assert html.count('<li><span class="src-title">') == SOURCES_LISTED
    assert f"The newest {SOURCES_LISTED} of 400 cited articles" in html
