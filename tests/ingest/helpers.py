"""Small shared helpers for the ingest tests."""

from __future__ import annotations

from pathlib import Path

from sitroom.config import IngestSettings
from sitroom.ingest import read_file
from sitroom.model import RawDocument, Rejection

ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Shelling hits market town</title></head>"
    "<body><nav>Home | World</nav><article><h1>Shelling hits market town</h1>"
    "<p>Artillery fire struck the central market of a frontline town on Tuesday morning, "
    "killing three civilians and wounding eleven, the regional governor said.</p>"
    "<p>The army blamed the attack on separatist forces, who denied firing at the town.</p>"
    "</article></body></html>"
)
ARTICLE_TEXT = (
    "Protesters gathered outside the parliament on Friday demanding the release of detained "
    "journalists. Police used tear gas to disperse the crowd, witnesses said.\n"
)


def read_all(path: Path | str, **settings: object) -> tuple[list[RawDocument], list[Rejection]]:
    """Read ``path`` with ingest settings overridden by ``settings``; split documents and rejections."""
    docs: list[RawDocument] = []
    rejections: list[Rejection] = []
    for item in read_file(str(path), IngestSettings(**settings)):  # type: ignore[arg-type]
        (rejections if isinstance(item, Rejection) else docs).append(item)  # type: ignore[arg-type]
    return docs, rejections
