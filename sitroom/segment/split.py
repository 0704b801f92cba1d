"""Split a plain-text page (labelled lines) into articles and drop the blocks between them.

A heading line opens a new article only with enough evidence, scored by ``title_score``:
what separates it from the previous article's body (an end marker, a repeated site header,
a wider blank gap than the page's paragraph gap) plus what a headline carries with it (a
copy of itself, a date line or byline, a caption). Headings without that evidence are
subheadings and stay inside the article. Blocks without a title after an end marker
(comment threads, footers, teaser lists) never become articles.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from .lines import Kind, Line, norm_key
from .rules import Rules

LOGGER = logging.getLogger(__name__)

_SEPARATORS = (Kind.LABEL, Kind.BOILER, Kind.NAV)
_OWN_META_STRONG = (Kind.DATE, Kind.BYLINE)
_HEAD_LINES = 2
_NEAR = 10
_OWN_META_WEAK = (Kind.CAPTION, Kind.LABEL, Kind.NAV, Kind.BOILER, Kind.HEADER)


@dataclass(slots=True)
class Segment:
    """Lines of one candidate article: ``pre`` precedes the title (chrome, captions, date lines)."""

    title: Line | None
    pre: list[Line] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    in_zone: bool = False
    last_body: int = -1

    def add(self, line: Line) -> None:
        """Append a line; remember where the body last grew."""
        self.lines.append(line)
        if line.kind is Kind.BODY:
            self.last_body = line.pos

    @property
    def has_body(self) -> bool:
        """True once a body paragraph follows the title."""
        return self.last_body >= 0


@dataclass(slots=True)
class _Context:
    lines: list[Line]
    rules: Rules
    typical_gap: int
    confirmed: frozenset[str]
    body_ahead: list[bool]


@dataclass(slots=True)
class _State:
    segments: list[Segment] = field(default_factory=list)
    cur: Segment | None = None
    pending: list[Line] = field(default_factory=list)
    after: str = "start"
    zone: bool = False

    def close(self) -> None:
        """Finish the open segment, if any."""
        if self.cur is not None:
            self.segments.append(self.cur)
            self.cur = None


def split(lines: list[Line], rules: Rules) -> list[Segment]:
    """Group labelled lines into candidate articles (acceptance is ``article_text``'s job)."""
    ctx = _Context(lines, rules, typical_gap(lines), confirmed_titles(lines, rules), body_ahead(lines))
    state = _State()
    for line in lines:
        if line.kind is Kind.HEADING:
            _feed_heading(line, ctx, state)
        elif line.kind is Kind.BODY:
            _feed_body(line, ctx, state)
        elif line.kind in (Kind.END, Kind.ZONE):
            _feed_marker(line, state)
        elif state.cur is not None:
            state.cur.add(line)
        else:
            state.pending.append(line)
    state.close()
    if not state.segments and _body_chars(state.pending) > 0:
        # A page with no headline at all is one untitled article.
        state.segments.append(_untitled(state.pending))
    return state.segments


def _feed_marker(line: Line, state: _State) -> None:
    if state.cur is None and state.after == "start" and _body_chars(state.pending) > 0:
        state.cur = _untitled(state.pending)  # a short untitled item ends here
    if state.cur is not None:
        state.cur.add(line)
    state.close()
    state.pending = [line]
    state.after = "end"
    # A comment thread or teaser list lasts until the next end marker or article.
    state.zone = line.kind is Kind.ZONE


def _feed_heading(line: Line, ctx: _Context, state: _State) -> None:
    cur = state.cur
    if (cur is None or cur.has_body) and ctx.body_ahead[line.pos]:
        if title_score(line, ctx, cur, state) >= ctx.rules.limits["title_min_score"]:
            if cur is not None and cur.lines and cur.lines[-1].kind is Kind.DATE and cur.lines[-1].pos == line.pos - 1:
                state.pending.append(cur.lines.pop())  # the date stamp above a headline is its own
            state.close()
            state.cur = Segment(title=line, pre=state.pending, in_zone=state.zone)
            state.pending = []
            state.zone = False
            return
    if cur is not None:
        cur.add(line)
    else:
        state.pending.append(line)


def _feed_body(line: Line, ctx: _Context, state: _State) -> None:
    if state.cur is not None:
        if not state.cur.has_body:
            _resolve_title(state.cur, ctx)
        state.cur.add(line)
        return
    state.pending.append(line)
    wanted = ctx.rules.limits["untitled_min_paragraphs"]
    if state.after == "start" and sum(1 for p in state.pending if p.kind is Kind.BODY) >= wanted:
        state.cur = _untitled(state.pending)
        state.pending = []


def _resolve_title(seg: Segment, ctx: _Context) -> None:
    """Among the headings above the first paragraph, keep the likeliest headline as the title.

    A section kicker ("Middle East") or a standfirst can precede or follow the headline;
    the others stay in ``seg.lines`` and are dropped from the text as head matter.
    """
    if seg.title is None:
        return
    heads = [seg.title] + [ln for ln in seg.lines if ln.kind is Kind.HEADING]
    best = max(heads, key=lambda h: (_head_rank(h, ctx), -h.pos))
    if best is not seg.title:
        seg.lines = [seg.title] + [ln for ln in seg.lines if ln is not best]
        seg.title = best


def _head_rank(line: Line, ctx: _Context) -> int:
    words = len(line.text.split())
    rank = 3 * (norm_key(line.text) in ctx.confirmed) + 2 * line.repeated
    rank += 4 <= words <= ctx.rules.limits["heading_max_words"]
    return rank - line.text.isupper()


def _untitled(pending: list[Line]) -> Segment:
    seg = Segment(title=None)
    for line in pending:
        seg.add(line)
    return seg


def title_score(line: Line, ctx: _Context, cur: Segment | None, state: _State) -> int:
    """Evidence that ``line`` is the headline of a new article rather than a subheading."""
    score = _separation(line, ctx, cur, state) + _own_meta(line, ctx)
    if norm_key(line.text) in ctx.confirmed:
        score += 2
    if line.text.isupper():
        # All-caps lines are overwhelmingly section subheadings in article bodies.
        score -= 1
    return score


def _separation(line: Line, ctx: _Context, cur: Segment | None, state: _State) -> int:
    if cur is None or not cur.has_body:
        # Page start or just after an end marker; inside a comment/teaser zone it proves nothing.
        return 0 if state.zone else 2
    between = ctx.lines[cur.last_body + 1 : line.pos + 1]
    score = 0
    if any(b.kind is Kind.HEADER for b in between):
        score += 2
    elif any(b.repeated and b.kind in _SEPARATORS for b in between[:-1]):
        score += 1
    # One blank line around a heading is layout; more blank lines than the page puts between
    # paragraphs mark the end of a container (seen between articles and before footers).
    if max(b.gap for b in between) > max(ctx.typical_gap, 1):
        score += 2
    if len(between) > 1 and between[-2].kind is Kind.DATE:
        score += 2  # a date stamp right above a headline belongs to it, not to the last paragraph
    return score


def _own_meta(line: Line, ctx: _Context) -> int:
    lines = ctx.lines
    key = norm_key(line.text)
    strong = weak = repeat = False
    headings = 0
    for nxt in lines[line.pos + 1 :]:
        if nxt.kind is Kind.HEADING:
            # A standfirst or an author line may sit between a headline and its date line.
            headings += 1
            if headings > _HEAD_LINES:
                break
            continue
        if nxt.kind in (Kind.BODY, Kind.END, Kind.ZONE):
            break
        if nxt.kind is Kind.REPEAT:
            repeat = repeat or norm_key(nxt.text) == key
        strong = strong or nxt.kind in _OWN_META_STRONG
        # A one-word line under a heading is a widget ("TT", "Share") or a sub-subheading;
        # only the widgets go with a headline.
        widget = nxt.kind is Kind.LABEL and nxt.text.lower().strip(".:!") in ctx.rules.widgets
        weak = weak or widget or (nxt.kind in _OWN_META_WEAK and nxt.kind is not Kind.LABEL)
    return 2 * repeat + 2 * strong + int(weak)


def body_ahead(lines: list[Line]) -> list[bool]:
    """For each line: does a body paragraph follow before the next end marker? (one backward pass)"""
    out = [False] * len(lines)
    ahead = False
    for line in reversed(lines):
        out[line.pos] = ahead
        if line.kind is Kind.BODY:
            ahead = True
        elif line.kind in (Kind.END, Kind.ZONE):
            ahead = False
    return out


def typical_gap(lines: list[Line]) -> int:
    """The most common number of blank lines before a body paragraph (the page's paragraph gap)."""
    gaps = Counter(line.gap for line in lines[1:] if line.kind is Kind.BODY)
    return gaps.most_common(1)[0][0] if gaps else 1


def confirmed_titles(lines: list[Line], rules: Rules) -> frozenset[str]:
    """Headlines the page repeats elsewhere: 'The post X first appeared', breadcrumb tails."""
    keys: set[str] = set()
    for line in lines:
        if line.kind is Kind.NAV:
            tail = line.text
            for sep in rules.nav_separators:
                tail = tail.rsplit(sep, 1)[-1]
            keys.add(norm_key(tail))
            continue
        for pattern in rules.title_echoes:
            m = pattern.search(line.text)
            if m:
                keys.add(norm_key(m.group("title")))
    return frozenset(k for k in keys if k)


def _body_chars(lines: list[Line]) -> int:
    return sum(len(line.text) for line in lines if line.kind is Kind.BODY)


def article_text(seg: Segment, rules: Rules) -> list[Line]:
    """The lines that make the article's text: body paragraphs and inner subheadings."""
    title_key = norm_key(seg.title.text) if seg.title else None
    kept = [ln for ln in seg.lines if ln.kind in (Kind.BODY, Kind.HEADING) and norm_key(ln.text) != title_key]
    while kept and kept[0].kind is Kind.HEADING:
        kept.pop(0)  # standfirst or kicker above the first paragraph
    while kept and kept[-1].kind is Kind.HEADING:
        kept.pop()  # a trailing heading introduces nothing in this article
    kept = _drop_contained(kept, rules.limits["contained_min_chars"])
    return _drop_teaser_tail(kept, rules)


def _drop_contained(kept: list[Line], min_chars: int) -> list[Line]:
    # A standfirst often repeats the lead, and a pull quote repeats a paragraph nearby: keep
    # the longer. Only nearby paragraphs are compared, so long texts stay linear.
    keys = [norm_key(ln.text) for ln in kept]
    out = []
    for i, line in enumerate(kept):
        key = keys[i]
        near = keys[max(0, i - _NEAR) : i] + keys[i + 1 : i + 1 + _NEAR]
        inside = len(key) >= min_chars and any(len(other) > len(key) and key in other for other in near)
        if not inside:
            out.append(line)
    return out


def _drop_teaser_tail(kept: list[Line], rules: Rules) -> list[Line]:
    # A run of (heading, one short paragraph) pairs at the end is a list of links, not sections.
    limit = rules.limits["teaser_max_chars"]
    end = len(kept)
    runs = 0
    while end >= 2 and kept[end - 1].kind is Kind.BODY and len(kept[end - 1].text) <= limit:
        if kept[end - 2].kind is not Kind.HEADING:
            break
        end -= 2
        runs += 1
    return kept[:end] if runs >= rules.limits["teaser_min_run"] else kept


def accepted(seg: Segment, text: list[Line], rules: Rules, min_chars: int) -> bool:
    """True when the segment holds enough body text to be an article."""
    paragraphs = [ln for ln in text if ln.kind is Kind.BODY]
    if sum(len(ln.text) for ln in paragraphs) < min_chars:
        return False
    return not seg.in_zone or len(paragraphs) >= rules.limits["zone_min_paragraphs"]
