"""Line labels: markers, boilerplate and bylines are recognised, body sentences are not mistaken for them."""

from __future__ import annotations

import pytest

from sitroom.segment.lines import Kind, classify, split_lines
from sitroom.segment.rules import load_rules


@pytest.mark.parametrize(("line", "kind"), [
    ("The post Rebels seize airport first appeared on Front News.", Kind.END),
    ("This article was originally published on Foreign Desk.com.", Kind.END),
    ("Published in Dawn, December 3rd, 2024", Kind.END),
    ("Continue Reading", Kind.END),
    ("Leave a Reply", Kind.ZONE),
    ("Rami K. says:", Kind.ZONE),
    ("Related articles", Kind.ZONE),
    ("By Jane Doe", Kind.BYLINE),
    ("By Jane Doe and Omar Ali, Reuters", Kind.BYLINE),
    ("5 min read Last Updated : Dec 02 2024 | 10:55 PM IST", Kind.DATE),
    ("Sat 3 Aug 2024 10.01 BST", Kind.DATE),
    ("3 hours ago", Kind.DATE),
    ("Topics : Syria crisis Iran", Kind.BOILER),
    ("Copyright © 2017 - 2023 Jewish Post & News", Kind.BOILER),
    ("Home / World / Middle East", Kind.NAV),
    ("A man walks past rubble in Homs, Syria November 7, 2024. (Reuters)", Kind.CAPTION),
    ("Getty Images", Kind.CAPTION),
    ("TT", Kind.LABEL),
    ("Rebels advance on provincial capital", Kind.HEADING),
    ("“Where will we go?”", Kind.HEADING),
])
def test_lines_classify_markers_and_shapes(line: str, kind: Kind) -> None:
    assert classify(line, load_rules())[0] is kind


@pytest.mark.parametrize("line", [
    "The story was published in Haaretz on Sunday and caused outrage among settlers in the area.",
    "First published in 1990, the report was updated many times by the ministry.",
    "Telegram on Monday removed several channels run by the group, a spokesman said.",
    "In a statement, the army said:",
    "Residents who subscribe to the council's newsletter were warned of the shelling on Sunday.",
])
def test_lines_body_sentences_are_not_markers(line: str) -> None:
    assert classify(line, load_rules())[0] in (Kind.BODY, Kind.HEADING)


def test_lines_outlet_from_marker() -> None:
    rules = load_rules()
    assert classify("Discover more from Defence Talks | Defense News", rules) == (Kind.BOILER, "Defence Talks")
    assert classify("Published in Dawn, December 3rd, 2024", rules) == (Kind.END, "Dawn")


def test_lines_offsets_and_repeats() -> None:
    text = "Title of the story\n\n  Caption of a photo, March 1, 2024.\nCaption of a photo, March 1, 2024.\n\nBody text here."
    lines = split_lines(text, load_rules())
    assert [ln.kind for ln in lines] == [Kind.HEADING, Kind.CAPTION, Kind.CAPTION, Kind.BODY]
    assert text[lines[1].start:lines[1].end] == "Caption of a photo, March 1, 2024."
    assert [ln.gap for ln in lines] == [0, 1, 0, 1]
