"""Segment on hostile HTML: deep nesting and script payloads still give the page's text."""

from __future__ import annotations

from sitroom.config import SegmentSettings
from sitroom.model import RawDocument
from sitroom.segment import segment
from sitroom.segment.boilerplate import extract

from .corpus import _nested, _script_page


def _doc(content: bytes) -> RawDocument:
    return RawDocument(doc_id="0" * 16, path="page.html", sha256="0" * 64, media_type="text/html",
                       content=content, name="page.html")


def test_hostile_segment_text_nested_5000_deep_is_kept() -> None:
    # libxml2 stops at depth 256 and silently dropped the whole body of such a page.
    (article,) = segment(_doc(_nested(5000)), SegmentSettings())
    assert article.title == "Deep page"
    assert "killing three civilians" in article.text


def test_hostile_segment_shallow_page_text_is_unchanged() -> None:
    page = extract(_nested(3).decode("utf-8"))
    assert "killing three civilians" in page.text


def test_hostile_segment_script_payload_is_not_text() -> None:
    (article,) = segment(_doc(_script_page()), SegmentSettings())
    assert "injected" not in article.text and "alert" not in article.text
    assert "tear gas" in article.text


def test_hostile_segment_page_that_is_only_svg_does_not_crash() -> None:
    # Found by tools/fuzz.py: lxml asserted inside trafilatura/htmldate and the run died.
    assert segment(_doc(b"<svg>html"), SegmentSettings()) == []
    assert isinstance(segment(_doc(b"<svg><p>" + b"word " * 100), SegmentSettings()), list)
