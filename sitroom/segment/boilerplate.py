"""HTML pages -> main text and metadata (title, site name, publication date, URL).

Cascade: 1. trafilatura's main-text extraction with metadata (it reads <meta> tags, JSON-LD
and the article body); 2. htmldate for the date when trafilatura finds none; 3. plain text
of the cleaned DOM when trafilatura finds no main text, for the plain-text splitter.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

LOGGER = logging.getLogger(__name__)

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg")
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "article", "section",
               "blockquote", "figcaption", "pre", "dd", "dt")
# Keep trafilatura's date search to markup and metadata: guessing from body text is our job.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(slots=True, frozen=True)
class Page:
    """What the HTML path found; ``extracted`` is False when ``text`` is the whole page's text."""

    title: str | None
    outlet: str | None
    published: str | None
    text: str
    url: str | None
    language: str | None
    extracted: bool


def looks_like_html(media_type: str, text: str) -> bool:
    """True for HTML media types, or a text file whose first markup is an HTML document."""
    media = media_type.lower()
    if "html" in media or media.endswith("+xml"):
        return True
    return bool(_HTML_START.match(text[:4000]))


def extract(html: str, url: str | None = None) -> Page:
    """Return the main text and metadata of an HTML page (see the module cascade)."""
    doc = _trafilatura(html, url)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    date = getattr(doc, "date", None) if doc is not None else None
    if not date:
        date = _htmldate(html)
    if not text:
        return Page(_attr(doc, "title"), _attr(doc, "sitename"), date, _dom_text(html),
                    _attr(doc, "url") or url, _attr(doc, "language"), extracted=False)
    return Page(_attr(doc, "title"), _attr(doc, "sitename"), date, text,
                _attr(doc, "url") or url, _attr(doc, "language"), extracted=True)


def _attr(doc: Any, name: str) -> str | None:
    value = getattr(doc, name, None) if doc is not None else None
    return str(value).strip() or None if value else None


def _trafilatura(html: str, url: str | None) -> Any:
    import trafilatura  # slow import: only pages that are HTML pay for it

    try:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, AttributeError, AssertionError) as exc:
        # trafilatura raises on some malformed trees (lxml asserts when htmldate drops the root
        # of a page that is only an <svg>); the DOM fallback still gets the text.
        LOGGER.warning("trafilatura failed on %s: %s", url or "page", exc)
        return None


def _htmldate(html: str) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError, AssertionError) as exc:
        LOGGER.debug("htmldate failed: %s", exc)
        return None
    return str(found) if found else None


def _dom_text(html: str) -> str:
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for el in list(tree.iter(*_DROP_TAGS)):
        if el.getparent() is not None:  # lxml cannot drop the root (a page that is only <svg>)
            el.drop_tree()
    for el in tree.iter(*_BLOCK_TAGS):
        # Blank lines around blocks keep paragraphs apart in the plain text.
        el.tail = "\n\n" + (el.tail or "")
    text = tree.text_content()
    if _letters(text) * 16 < len(html):
        # libxml2 drops the text nested deeper than 256 elements; the stdlib parser has no
        # depth limit, so a very deep (or hostile) page still gives its text.
        text = max(text, _flat_text(html), key=_letters)
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()


class _TextCollector(HTMLParser):
    """Collect text outside dropped tags, with blank lines at block boundaries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter a dropped tag or mark a block boundary."""
        if tag in _DROP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        """Leave a dropped tag or mark a block boundary."""
        if tag in _DROP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        """Keep text that is not inside a dropped tag."""
        if not self.skip:
            self.parts.append(data)


def _letters(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def _flat_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return re.sub(r"(?:[ \t]*\n){3,}", "\n\n", "".join(collector.parts))
