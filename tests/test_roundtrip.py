"""Property tests: model records survive a trip through the DuckDB store unchanged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.model import Article, RawDocument, Rejection
from sitroom.store import open_store

_text = st.text()
_maybe = st.none() | st.text()
_id = st.text(min_size=1, max_size=30)

articles = st.builds(
    Article,
    article_id=_id,
    doc_id=st.text(max_size=16),
    file=st.text(max_size=40),
    k=st.integers(min_value=0, max_value=2**31 - 1),
    title=_maybe,
    outlet=_maybe,
    published=st.none() | st.dates().map(str),
    date_source=st.sampled_from(["given", "stated", "inferred", "unknown"]),
    text=_text,
    date_precision=st.none() | st.sampled_from(["day", "month", "year"]),
    url=_maybe,
    language=st.none() | st.sampled_from(["en", "ar", "uk"]),
    span=st.none() | st.tuples(st.integers(0, 2**40), st.integers(0, 2**40)),
    duplicate_of=_maybe,
    cluster_id=_maybe,
)

documents = st.builds(
    RawDocument,
    doc_id=_id,
    path=_text,
    sha256=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    media_type=st.sampled_from(["text/plain", "text/html", "application/json"]),
    content=st.binary(max_size=300),
    name=_text,
    fetched_at=st.none() | st.datetimes().map(lambda d: d.isoformat()),
    meta=st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=4),
)

rejections = st.builds(
    Rejection,
    stage=st.sampled_from(["ingest", "segment", "dedup"]),
    item_id=_text,
    path=_text,
    reason=_text,
    severity=st.sampled_from(["error", "warning"]),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(articles, max_size=6, unique_by=lambda a: a.article_id))
def test_roundtrip_articles_through_duckdb(batch: list[Article]) -> None:
    with open_store(":memory:") as store:
        assert store.write_batch([], batch, []) == len(batch)
        stored = store.articles()
    assert stored == sorted(batch, key=lambda a: (a.file, a.k, a.article_id))


@settings(max_examples=30, deadline=None)
@given(st.lists(documents, max_size=4, unique_by=lambda d: d.doc_id), st.lists(rejections, max_size=4))
def test_roundtrip_documents_and_rejections_through_duckdb(docs: list[RawDocument], rejs: list[Rejection]) -> None:
    with open_store(":memory:") as store:
        store.write_batch(docs, [], rejs)
        assert sorted(store.documents(), key=lambda d: d.doc_id) == sorted(docs, key=lambda d: d.doc_id)
        # Rejections are keyed by (stage, item, reason): a repeat with another path or severity
        # replaces the earlier row, so compare against the last of each key.
        last = {(r.stage, r.item_id, r.reason): r for r in rejs}
        assert sorted(store.rejections(), key=repr) == sorted(last.values(), key=repr)
