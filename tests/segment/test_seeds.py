"""Golden test: the seed pages split into exactly the gold articles, titles and stated dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.config import SegmentSettings
from sitroom.segment import segment

from .helpers import make_doc

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds" / "documents.jsonl"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason=f"seed corpus not checked out beside the repo ({SHARED})")


def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _articles(name: str):
    return segment(make_doc((SEEDS / name).read_bytes(), name=name), SegmentSettings())


@pytest.mark.parametrize("entry", _gold() if GOLD.exists() else [], ids=lambda e: e["file"])
def test_seeds_articles_and_titles_match_gold(entry: dict) -> None:
    arts = _articles(entry["file"])
    assert [a.title for a in arts] == [g["title"] for g in entry["articles"]]


@pytest.mark.parametrize("entry", _gold() if GOLD.exists() else [], ids=lambda e: e["file"])
def test_seeds_dates_never_contradict_gold(entry: dict) -> None:
    for art, gold in zip(_articles(entry["file"]), entry["articles"]):
        if gold["date_source"] == "stated":
            assert (art.published, art.date_source) == (gold["published"], "stated")
        elif art.published is not None and art.date_precision == "day":
            # An inferred day is optional, but when given it must be the gold day.
            assert art.published == gold["published"]
        elif art.published is not None:
            # A coarse inferred date is a lower bound: on or before the gold day.
            assert gold["published"] is not None and art.published <= gold["published"]


def test_seeds_inferred_dates_found_where_text_supports_them() -> None:
    found = {a.article_id.split("#")[1]: a.published for a in _articles("004_46ef03d3189a3381.txt")}
    assert found == {"1": "2024-12-07", "2": None, "3": None, "4": None}
    second = _articles("000_4b85ccf491a580e5.txt")[1]
    assert (second.published, second.date_source) == ("2024-11-20", "inferred")


def test_seeds_text_has_no_boilerplate() -> None:
    text = "\n".join(a.text for e in _gold() for a in _articles(e["file"]))
    for junk in ("(Reuters)\n", "\nTT\n", "See also", "Subscribe", "Leave a Reply", "Topics :", "first appeared",
                 "Continue Reading", "Copyright", "Published in Dawn", "Competing narratives", "min read"):
        assert junk not in text
