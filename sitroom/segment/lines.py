"""Split decoded text into lines and label each one (body, heading, caption, date line, ...).

Labels come from the shape of one line plus the rules data; ``mark_repeats`` then uses the
whole file, because repetition is what betrays photo captions, headline repeats and site
headers in text copied out of a browser.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from enum import Enum

from .dates import find_dates, strip_dates
from .rules import Rules
from .wrap import raw_lines, unwrap

LOGGER = logging.getLogger(__name__)


class Kind(str, Enum):
    """What a line is; only BODY and HEADING lines can become article text."""

    BODY = "body"
    HEADING = "heading"
    LABEL = "label"
    NAV = "nav"
    CAPTION = "caption"
    DATE = "date"
    BYLINE = "byline"
    BOILER = "boiler"
    END = "end"
    ZONE = "zone"
    REPEAT = "repeat"
    HEADER = "header"


@dataclass(slots=True, frozen=True)
class Line:
    """One non-blank line: ``start``/``end`` are offsets of ``raw`` in the decoded text."""

    pos: int
    number: int
    start: int
    end: int
    raw: str
    text: str
    gap: int
    kind: Kind
    outlet: str | None = None
    repeated: bool = False


_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^[-\u2022*\u2013\u2014\u25cf\u25aa>]\s")
_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
# "U.S.", "D.C.", "L.A." end headlines with a period that closes no sentence.
_PICTURE_CREDIT = re.compile(r"images|photo|picture|shutterstock|alamy|/| via ", re.IGNORECASE)
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[A-Z]\.){2,}$")


def split_lines(text: str, rules: Rules) -> list[Line]:
    """Return the non-blank lines of ``text`` (hard wraps undone) with offsets, gaps and kinds."""
    lines: list[Line] = []
    for raw in unwrap(raw_lines(text), text, rules):
        clean = _SPACE.sub(" ", raw.text)
        kind, outlet = classify(clean, rules)
        lines.append(Line(len(lines), raw.number, raw.start, raw.end, raw.text, clean, raw.gap, kind, outlet))
    return _mark_credited_captions(mark_repeats(lines, rules), rules)


def classify(text: str, rules: Rules) -> tuple[Kind, str | None]:
    """Label one whitespace-normalised line; returns the kind and an outlet name if one is named."""
    # Markers and boilerplate are short lines; a long paragraph that happens to start with
    # "The story was published in ..." is still body text.
    if len(text.split()) <= rules.limits["marker_max_words"]:
        for kind, patterns in ((Kind.END, rules.end_markers), (Kind.ZONE, rules.zone_markers)):
            for pattern in patterns:
                m = pattern.search(text)
                if m:
                    return kind, _outlet(m)
        if is_date_line(text, rules) or any(p.match(text) for p in rules.relative_times):
            return Kind.DATE, None
        for pattern in rules.boilerplate:
            m = pattern.search(text)
            if m:
                return Kind.BOILER, _outlet(m)
    return _classify_shape(text, rules), None


def _classify_shape(text: str, rules: Rules) -> Kind:
    words = text.split()
    if sum(text.count(sep) for sep in rules.nav_separators) >= rules.nav_min_separators:
        # Breadcrumbs are short and unpunctuated; a paragraph may quote a photo credit "A / B".
        if len(words) <= rules.limits["heading_max_words"] + 10 and not text.endswith((".", "!", "?")):
            return Kind.NAV
    if rules.credit_line.match(text) or any(p.search(text) for p in rules.strong_credits):
        return Kind.CAPTION
    if len(words) <= rules.byline_max_words and any(p.search(text) for p in rules.bylines):
        return Kind.BYLINE
    if len(words) == 1 or text.lower().strip(".:!") in rules.widgets or not _WORD.search(text):
        return Kind.LABEL
    return Kind.HEADING if heading_shape(text, rules) else Kind.BODY


def _outlet(match: re.Match[str]) -> str | None:
    value = match.groupdict().get("outlet")
    return value.strip(" .,:;|-\u2013\u2014") or None if value else None


def heading_shape(text: str, rules: Rules) -> bool:
    """True for a short line without closing punctuation that starts with a capital: a headline."""
    words = text.split()
    limits = rules.limits
    if not 2 <= len(words) <= limits["heading_max_words"] or len(text) > limits["heading_max_chars"]:
        return False
    if _BULLET.match(text) or text.endswith(("...", "\u2026")):
        return False
    core = text.rstrip(_CLOSERS)
    if not core:
        return False
    last = core[-1]
    if last in ".,;:\u060c\u061b\u06d4\u3002" and not _ABBREVIATION.search(core):
        return False
    if last in "?!\u061f" and len(words) > limits["question_heading_max_words"]:
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    # Scripts without case (Arabic, Hebrew) cannot show a capital; accept them on shape alone.
    return bool(first) and (first.isupper() or first.isdigit() or first.lower() == first.upper())


def is_date_line(text: str, rules: Rules) -> bool:
    """True when the line is a date stamp: a date plus at most a few keywords/times/zones."""
    if len(text.split()) > 20 or not find_dates(text, rules):
        return False
    keys = {w for key in rules.published_keys | rules.updated_keys for w in key.split()}
    other = 0
    for token in strip_dates(text, rules).lower().split():
        token = token.strip(".,:;()[]|\u2022\u00b7-")
        if not token or token.isdigit() or token in rules.date_filler or token in keys:
            continue
        other += 1
    return other <= rules.date_max_other_words


def norm_key(text: str) -> str:
    """Comparison key: case-folded letters and digits only."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def mark_repeats(lines: list[Line], rules: Rules) -> list[Line]:
    """Relabel repeated lines: nearby headline copies, site headers and doubled captions."""
    groups: dict[str, list[int]] = defaultdict(list)
    for line in lines:
        groups[norm_key(line.text)].append(line.pos)
    out = list(lines)
    window = rules.limits["repeat_window_lines"]
    for positions in groups.values():
        if len(positions) < 2:
            continue
        first = out[positions[0]]
        for pos in positions:
            out[pos] = dataclasses.replace(out[pos], repeated=True)
        if first.kind is Kind.HEADING:
            _mark_heading_repeats(out, positions, window)
        elif first.kind in (Kind.BODY, Kind.CAPTION) and _is_doubled_caption(out, positions, rules):
            for pos in positions:
                out[pos] = dataclasses.replace(out[pos], kind=Kind.CAPTION)
    return out


def _mark_heading_repeats(out: list[Line], positions: list[int], window: int) -> None:
    between = out[positions[0] + 1 : positions[-1]]
    if positions[-1] - positions[0] <= window and not any(b.kind is Kind.BODY for b in between):
        # A headline printed twice around its photo, with no paragraph in between.
        for pos in positions[1:]:
            out[pos] = dataclasses.replace(out[pos], kind=Kind.REPEAT)
        return
    # Far-apart copies that always sit just above another headline are a site header.
    if all(_heading_follows(out, p) for p in positions):
        for pos in positions:
            out[pos] = dataclasses.replace(out[pos], kind=Kind.HEADER)


def _heading_follows(out: list[Line], pos: int) -> bool:
    for nxt in out[pos + 1 : pos + 4]:
        if nxt.kind is Kind.HEADING:
            return True
        if nxt.kind is Kind.BODY:
            return False
    return False


def _is_doubled_caption(out: list[Line], positions: list[int], rules: Rules) -> bool:
    if out[positions[0]].kind is Kind.CAPTION:
        return True
    if any(b - a == 1 for a, b in zip(positions, positions[1:])):
        return True
    return any(p.search(out[positions[0]].text) for p in rules.weak_credits)


def _mark_credited_captions(lines: list[Line], rules: Rules) -> list[Line]:
    # Pages copied from some sites print the photo credit on its own line ("Getty Images")
    # and the caption, unpunctuated like a heading, right under it.
    # A bare agency name at an article's head is a source label, not a photo credit.
    out = list(lines)
    for i, line in enumerate(lines[:-1]):
        nxt = lines[i + 1]
        if line.kind is not Kind.CAPTION or nxt.kind is not Kind.HEADING or not rules.credit_line.match(line.text):
            continue
        mid_article = i > 0 and lines[i - 1].kind is Kind.BODY
        if mid_article or _PICTURE_CREDIT.search(line.text):
            out[i + 1] = dataclasses.replace(nxt, kind=Kind.CAPTION)
    return out
