"""articles.jsonl: one line per article with its metadata, cluster and clean text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Article
from ..store import Store
from .files import write_jsonl

FILENAME = "articles.jsonl"


def article_record(article: Article) -> dict[str, Any]:
    """Return the exported record of one article (keys in a fixed order)."""
    return {
        "id": article.article_id,
        "file": article.file,
        "k": article.k,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "date_source": article.date_source,
        "date_precision": article.date_precision,
        "url": article.url,
        "cluster": article.cluster_id,
        "duplicate_of": article.duplicate_of,
        "text": article.text,
    }


def write_articles(store: Store, out_dir: Path) -> Path:
    """Write ``articles.jsonl`` (sorted by file, k) into ``out_dir`` and return its path."""
    articles = sorted(store.articles(), key=lambda a: (a.file, a.k, a.article_id))
    return write_jsonl(out_dir / FILENAME, (article_record(a) for a in articles))
