"""Segment stage: one RawDocument -> its articles, with clean text, title, outlet and date.

``segment(doc, settings)`` decodes the bytes, extracts the main text of HTML pages
(boilerplate.py) or splits plain-text dumps that hold several articles (lines.py labels
lines, split.py groups them), then finds titles, outlets and dates (meta.py). Metadata the
container supplied (doc.meta: title, published, outlet, url) always wins.
"""

from __future__ import annotations

import logging
import os

from ..config import SegmentSettings
from ..model import Article, RawDocument
from .boilerplate import extract, looks_like_html
from .build import Draft, Options, apply_given, drafts_from_page, drafts_from_text
from .decode import decode
from .rules import load_rules

LOGGER = logging.getLogger(__name__)

__all__ = ["segment"]


def segment(doc: RawDocument, settings: SegmentSettings) -> list[Article]:
    """Return the articles of ``doc`` in file order (possibly none).

    Args:
        doc: one raw input unit; ``doc.meta`` values win over anything found in the text.
        settings: the segment settings (minimum article size, date inference).

    Returns:
        Articles with ids ``f"{doc.doc_id}#{k}"``, k counting from 1 in file order.

    Raises:
        InputError: the bytes cannot be decoded as text at all.
    """
    rules = load_rules()
    text = decode(doc.content, doc.path, doc.meta.get("charset"))
    options = Options(settings.min_article_chars, settings.infer_dates)
    if looks_like_html(doc.media_type, text):
        drafts = drafts_from_page(extract(text, doc.meta.get("url")), rules, options)
    else:
        drafts = drafts_from_text(text, rules, options)
    drafts = apply_given(drafts, doc.meta)
    LOGGER.debug("%s: %d article(s)", doc.path, len(drafts))
    return [_article(doc, k, draft) for k, draft in enumerate(drafts, start=1)]


def _article(doc: RawDocument, k: int, draft: Draft) -> Article:
    return Article(
        article_id=f"{doc.doc_id}#{k}",
        doc_id=doc.doc_id,
        file=doc.name or os.path.basename(doc.path),
        k=k,
        title=draft.title,
        outlet=draft.outlet,
        published=draft.published,
        date_source=draft.date_source if draft.published else "unknown",
        text=draft.text,
        date_precision=draft.date_precision if draft.published else None,
        url=draft.url,
        language=draft.language,
        span=draft.span,
    )
