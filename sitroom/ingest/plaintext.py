"""Reader for plain text files (.txt): the whole file is one document."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from ..config import IngestSettings
from ..model import RawDocument, Rejection
from .sniff import starts_like_html, text_problem
from .source import HTML, TEXT, Source, document, reject

LOGGER = logging.getLogger(__name__)


def read(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Rejection]:
    """Yield the file as one text/plain document (text/html when it is a saved web page)."""
    problem = text_problem(source.data)
    if problem:
        yield reject(source, f"{problem}, not text as its name says")
        return
    if not source.data.strip():
        yield reject(source, "empty file (only whitespace)")
        return
    media = TEXT
    if starts_like_html(source.data):
        # Web pages saved with a .txt name still need boilerplate removal from their markup.
        LOGGER.debug("%s: text file holds an HTML page; reading as HTML", source.path)
        media = HTML
    yield document(source, source.data, media)
