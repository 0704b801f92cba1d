"""Conversions between model records and table rows (column order = the CREATE TABLE order)."""

from __future__ import annotations

import json
from typing import Any, Sequence

from ..model import Article, RawDocument, Rejection, content_id

_V, _I, _B = "VARCHAR", "INTEGER", "BIGINT"

# Column name -> SQL type, in table order; the types cast the column lists of a bulk upsert.
DOCUMENT_COLUMNS = {"doc_id": _V, "path": _V, "name": _V, "sha256": _V, "media_type": _V, "size": _B,
                    "fetched_at": _V, "meta": "JSON", "content": "BLOB"}  # fmt: skip
ARTICLE_COLUMNS = {
    "article_id": _V, "doc_id": _V, "file": _V, "k": _I, "title": _V, "outlet": _V, "published": _V,
    "date_source": _V, "text": _V, "date_precision": _V, "url": _V, "language": _V, "span_start": _B,
    "span_end": _B, "duplicate_of": _V, "cluster_id": _V,
}  # fmt: skip
REJECTION_COLUMNS = {"id": _V, "stage": _V, "item_id": _V, "path": _V, "reason": _V, "severity": _V}


def document_row(doc: RawDocument) -> tuple[Any, ...]:
    """Return the ``documents`` row of a raw document (content kept as a BLOB for provenance)."""
    meta = json.dumps(doc.meta, ensure_ascii=False, sort_keys=True)
    return (doc.doc_id, doc.path, doc.name, doc.sha256, doc.media_type, len(doc.content),
            doc.fetched_at, meta, doc.content)  # fmt: skip


def document_from_row(row: Sequence[Any]) -> RawDocument:
    """Return the raw document stored in a ``documents`` row."""
    values = dict(zip(DOCUMENT_COLUMNS, row))
    return RawDocument(
        doc_id=values["doc_id"],
        path=values["path"],
        sha256=values["sha256"],
        media_type=values["media_type"],
        content=bytes(values["content"]),
        name=values["name"],
        fetched_at=values["fetched_at"],
        meta=json.loads(values["meta"]),
    )


def article_row(article: Article) -> tuple[Any, ...]:
    """Return the ``articles`` row of an article; the span becomes two integer columns."""
    start, end = article.span if article.span is not None else (None, None)
    return (article.article_id, article.doc_id, article.file, article.k, article.title, article.outlet,
            article.published, article.date_source, article.text, article.date_precision, article.url,
            article.language, start, end, article.duplicate_of, article.cluster_id)  # fmt: skip


def article_from_row(row: Sequence[Any]) -> Article:
    """Return the article stored in an ``articles`` row."""
    values = dict(zip(ARTICLE_COLUMNS, row))
    start, end = values.pop("span_start"), values.pop("span_end")
    span = None if start is None or end is None else (int(start), int(end))
    return Article(span=span, **values)


def rejection_id(rejection: Rejection) -> str:
    """Return the content id of a rejection: the same failure on a re-run is the same row."""
    return content_id(rejection.stage, rejection.item_id, rejection.reason)


def rejection_row(rejection: Rejection) -> tuple[Any, ...]:
    """Return the ``rejections`` row of a rejection."""
    return (rejection_id(rejection), rejection.stage, rejection.item_id, rejection.path,
            rejection.reason, rejection.severity)  # fmt: skip


def rejection_from_row(row: Sequence[Any]) -> Rejection:
    """Return the rejection stored in a ``rejections`` row."""
    values = dict(zip(REJECTION_COLUMNS, row))
    values.pop("id")
    return Rejection(**values)
