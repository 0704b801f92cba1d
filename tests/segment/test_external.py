"""Segmentation on public external text (shared/eval/ext): real news split back, long narratives kept whole."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .helpers import run

EXT = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "ext"
LGL = EXT / "lgl" / "lgl.xml"
WIKIWARS = EXT / "wikiwars" / "WikiWars_20120218_v104" / "in"


def _lgl(limit: int) -> list[tuple[str, str]]:
    root = ET.parse(LGL).getroot()
    pairs = [(a.findtext("title", "").strip(), a.findtext("text", "").strip()) for a in root.findall("article")]
    return [(t, x) for t, x in pairs if len(x) >= 400][:limit]


@pytest.mark.skipif(not LGL.exists(), reason=f"external data not checked out beside the repo ({LGL})")
@pytest.mark.parametrize("joiner", ["\n\n\n", "\n\n\n\n"])
def test_external_lgl_news_pages_split_back_by_blank_gaps(joiner: str) -> None:
    articles = _lgl(100)
    for i in range(0, len(articles), 5):
        group = articles[i : i + 5]
        page = joiner.join(f"{title}\n\n{text}" for title, text in group)
        assert [a.title for a in run(page)] == [title for title, _ in group]


@pytest.mark.skipif(not LGL.exists(), reason=f"external data not checked out beside the repo ({LGL})")
def test_external_lgl_single_articles_keep_their_headline() -> None:
    for title, text in _lgl(200):
        assert [a.title for a in run(f"{title}\n\n{text}")] == [title]


@pytest.mark.skipif(not WIKIWARS.exists(), reason=f"external data not checked out beside the repo ({WIKIWARS})")
def test_external_wikiwars_narratives_with_section_headings_stay_one_article() -> None:
    for path in sorted(WIKIWARS.glob("*.sgm")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"<[^>]+>", "", raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")])
        assert len(run(text)) == 1, path.name
