"""Cut text into raw lines and re-join paragraphs that were hard-wrapped at a fixed width.

E-mail digests, PDF extracts and terminal copies break every paragraph into ~70-character
lines; labelled one by one, those pieces look like headings. A run of lines (no blank line
between) counts as hard-wrapped only when it is at least three lines long and its lines end
near one common width of 40-100 characters, so single-newline pages with long paragraph
lines (where a short line is a real heading) are left alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .rules import Rules

LOGGER = logging.getLogger(__name__)

_FINAL = ".!?:;\"'\u201d\u2019)\u2026\u061f\u06d4\u3002"


@dataclass(slots=True, frozen=True)
class RawLine:
    """A non-blank stretch of the text: ``start``/``end`` offsets, first line ``number``, blank ``gap`` before."""

    number: int
    start: int
    end: int
    gap: int
    text: str


def raw_lines(text: str) -> list[RawLine]:
    """Return the non-blank lines of ``text`` with offsets and the blank lines before each."""
    out: list[RawLine] = []
    offset = 0
    gap = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            gap += 1
        else:
            start = offset + len(raw) - len(raw.lstrip())
            out.append(RawLine(number, start, start + len(stripped), gap, stripped))
            gap = 0
        offset += len(raw) + 1
    return out


def unwrap(lines: list[RawLine], text: str, rules: Rules) -> list[RawLine]:
    """Join the pieces of hard-wrapped paragraphs; other lines come back unchanged."""
    out: list[RawLine] = []
    block: list[RawLine] = []
    for line in lines + [RawLine(0, len(text), len(text), 1, "")]:
        if line.gap and block:
            out.extend(_unwrap_block(block, text, rules))
            block = []
        block.append(line)
    return out


def _unwrap_block(block: list[RawLine], text: str, rules: Rules) -> list[RawLine]:
    width = wrap_width(block, rules)
    if width is None:
        return block
    out = [block[0]]
    for line in block[1:]:
        prev = out[-1]
        if _continues(prev, line, width):
            out[-1] = RawLine(prev.number, prev.start, line.end, prev.gap, text[prev.start : line.end])
        else:
            out.append(line)
    return out


def wrap_width(block: list[RawLine], rules: Rules) -> int | None:
    """The width a run of lines (no blank line between) was hard-wrapped at, or None."""
    limits = rules.limits
    if len(block) < limits["wrap_min_lines"]:
        return None
    width = max(len(line.text) for line in block)
    if not limits["wrap_min_width"] <= width <= limits["wrap_max_width"]:
        return None
    # Every piece but the paragraph's last runs close to the width.
    near = sum(1 for line in block[:-1] if len(line.text) >= 0.75 * width)
    return width if near * 100 >= limits["wrap_share_percent"] * (len(block) - 1) else None


def _continues(prev: RawLine, line: RawLine, width: int) -> bool:
    last = prev.text.rsplit("\n", 1)[-1]
    if last.endswith(tuple(_FINAL)):
        return False
    # A piece that stopped well short of the width ended for a reason (a heading, a list item).
    return len(last) >= 0.6 * width or line.text[:1].islower()
