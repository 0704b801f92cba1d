"""Reader for HTML pages (.html, .htm, .xhtml): the whole file is one document."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from ..config import IngestSettings
from ..model import RawDocument, Rejection
from .sniff import text_problem
from .source import HTML, TEXT, Source, document, reject

LOGGER = logging.getLogger(__name__)

_MARKUP = re.compile(rb"<[A-Za-z!/][^>]{0,2000}>")
_SAMPLE = 1 << 16


def read(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Rejection]:
    """Yield the page as one text/html document, or a Rejection when it is not text at all."""
    problem = text_problem(source.data)
    if problem:
        yield reject(source, f"{problem}, not an HTML page as its name says")
        return
    if not source.data.strip():
        yield reject(source, "empty file (only whitespace)")
        return
    media = HTML
    if not _MARKUP.search(source.data[:_SAMPLE]):
        # A page saved as .html that holds no tag at all is plain text; say so to segment.
        LOGGER.debug("%s: no HTML markup found; reading as plain text", source.path)
        media = TEXT
    yield document(source, source.data, media)
