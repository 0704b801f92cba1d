"""Build RawDocuments for segment tests."""

from __future__ import annotations

import hashlib

from sitroom.config import SegmentSettings
from sitroom.model import Article, RawDocument
from sitroom.segment import segment


def make_doc(content: str | bytes, name: str = "page.txt", media_type: str = "text/plain",
             meta: dict[str, str] | None = None) -> RawDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    digest = hashlib.sha256(data).hexdigest()
    return RawDocument(digest[:16], f"/in/{name}", digest, media_type, data, name=name, meta=meta or {})


def run(content: str | bytes, **kwargs: object) -> list[Article]:
    settings = kwargs.pop("settings", None) or SegmentSettings()
    return segment(make_doc(content, **kwargs), settings)  # type: ignore[arg-type]


def para(topic: str, n: int = 1) -> str:
    """A body paragraph of ordinary news prose about ``topic`` (n sentences)."""
    sentences = [
        f"Officials said the fighting around {topic} intensified overnight as both sides brought in reinforcements.",
        f"Residents of {topic} described heavy shelling that damaged a hospital and several schools.",
        f"A spokesman for the regional administration said aid convoys could not reach {topic} because of the clashes.",
        f"Independent monitors reported that at least a dozen civilians had been killed near {topic} since the start of the week.",
    ]
    return " ".join(sentences[i % len(sentences)] for i in range(n))
