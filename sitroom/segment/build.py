"""Turn decoded text or an extracted HTML page into article drafts with title, outlet and date."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from .boilerplate import Page
from .dates import parse_iso_like
from .lines import Kind, Line, split_lines
from .meta import DateGuess, bounded_date, clean_outlet, find_outlet, guess_language, inferred_date, stated_date
from .rules import Rules
from .split import Segment, accepted, article_text, split

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True, frozen=True)
class Options:
    """What drafting needs from SegmentSettings."""

    min_article_chars: int
    infer_dates: bool


@dataclass(slots=True, frozen=True)
class Draft:
    """An article before it gets its ids: everything segmentation found about it."""

    title: str | None
    outlet: str | None
    published: str | None
    date_source: str
    date_precision: str | None
    text: str
    span: tuple[int, int] | None
    url: str | None = None
    language: str | None = None


def drafts_from_text(text: str, rules: Rules, options: Options) -> list[Draft]:
    """Split a plain-text page into article drafts (possibly none)."""
    lines = split_lines(text, rules)
    page_outlet = find_outlet(lines)
    drafts = []
    for seg in split(lines, rules):
        body = article_text(seg, rules)
        if not accepted(seg, body, rules, options.min_article_chars):
            first = seg.title or (seg.lines[0] if seg.lines else None)
            LOGGER.debug("dropped short block at line %s", first.number if first else "?")
            continue
        drafts.append(_draft(seg, body, page_outlet, rules, options))
    return drafts


def _draft(seg: Segment, body: list[Line], page_outlet: str | None, rules: Rules, options: Options) -> Draft:
    context = seg.pre + seg.lines
    guess = _date(context, body, rules, options)
    start = seg.title.start if seg.title else body[0].start
    text = "\n\n".join(line.text for line in body)
    return Draft(
        title=seg.title.text if seg.title else None,
        outlet=find_outlet(seg.lines) or page_outlet,
        published=guess.published if guess else None,
        date_source=guess.source if guess else "unknown",
        date_precision=guess.precision if guess else None,
        text=text,
        span=(start, body[-1].end),
        language=guess_language(text, rules),
    )


def _date(context: list[Line], body: list[Line], rules: Rules, options: Options) -> DateGuess | None:
    first = next((ln.text for ln in body if ln.kind is Kind.BODY), None)
    guess = stated_date(context, first, rules)
    if guess is None and options.infer_dates:
        guess = inferred_date(context, body, rules) or bounded_date(context, body, rules)
    return guess


def drafts_from_page(page: Page, rules: Rules, options: Options) -> list[Draft]:
    """Article drafts of an HTML page: one article, or the splitter's result on the page text."""
    if not page.extracted:
        drafts = drafts_from_text(page.text, rules, options)
        if len(drafts) == 1:
            drafts = [_with_page_meta(drafts[0], page)]
        return drafts
    lines = split_lines(page.text, rules)
    seg = Segment(title=None)
    for line in lines:
        if line.kind is Kind.ZONE:
            break  # comments and "related" lists that trafilatura let through
        seg.add(line)
    body = article_text(seg, rules)
    if not accepted(seg, body, rules, options.min_article_chars):
        return []
    draft = _draft(seg, body, None, rules, options)
    return [_with_page_meta(replace(draft, span=None), page)]


def _with_page_meta(draft: Draft, page: Page) -> Draft:
    stated = parse_iso_like(page.published) if page.published else None
    if stated and draft.date_source != "stated":
        draft = replace(draft, published=stated[0], date_source="stated", date_precision=stated[1])
    return replace(
        draft,
        title=page.title or draft.title,
        outlet=clean_outlet(page.outlet) or draft.outlet,
        url=page.url or draft.url,
        language=page.language or draft.language,
    )


def apply_given(drafts: list[Draft], meta: dict[str, str]) -> list[Draft]:
    """Let container metadata win: a given title makes the record one article."""
    if not drafts:
        return drafts
    title = (meta.get("title") or "").strip()
    if title and len(drafts) > 1:
        # The container already split its records: one record is one article.
        first, last = drafts[0], drafts[-1]
        span = (first.span[0], last.span[1]) if first.span and last.span else None
        drafts = [replace(first, text="\n\n".join(d.text for d in drafts), span=span)]
    given = parse_iso_like(meta["published"]) if meta.get("published") else None
    out = []
    for draft in drafts:
        if title:
            draft = replace(draft, title=title)
        if given:
            draft = replace(draft, published=given[0], date_source="given", date_precision=given[1])
        if meta.get("outlet"):
            draft = replace(draft, outlet=meta["outlet"].strip())
        if meta.get("url"):
            draft = replace(draft, url=meta["url"].strip())
        out.append(draft)
    return out
