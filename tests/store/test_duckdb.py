"""The DuckDB store: migrations, idempotent upserts, rejections, and refusing foreign files."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from pathlib import Path

import duckdb
import pytest

from sitroom.errors import StoreError
from sitroom.model import Article, RawDocument, Rejection
from sitroom.store import MIGRATIONS, open_store
from sitroom.store.migrations import migrate

TEXT = "Rebels shelled the town of Dovan on Tuesday, residents said. “Nobody slept,” one told Reuters."


def _doc(name: str, body: str = TEXT) -> RawDocument:
    content = body.encode("utf-8")
    sha = hashlib.sha256(content).hexdigest()
    return RawDocument(sha[:16], f"/in/{name}", sha, "text/plain", content, name=name, meta={"outlet": "Dawn"})


def _art(doc: RawDocument, k: int, text: str = TEXT) -> Article:
    return Article(f"{doc.name}#{k}", doc.doc_id, doc.name, k, "Dovan shelled", "Dawn", "2024-05-02", "stated", text,
                   date_precision="day", span=(0, len(text)))  # fmt: skip


def _batch() -> tuple[list[RawDocument], list[Article], list[Rejection]]:
    a, b = _doc("a.txt"), _doc("b.txt", TEXT + " More.")
    rejections = [Rejection("ingest", "c.bin", "/in/c.bin", "not a text file"),
                  Rejection("segment", b.doc_id, b.path, "no article text found", severity="warning")]  # fmt: skip
    return [a, b], [_art(a, 1), _art(a, 2, "Second story."), _art(b, 1)], rejections


def test_duckdb_migrations_are_recorded_and_not_rerun(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    open_store(db).close()
    con = duckdb.connect(str(db))
    try:
        names = [r[0] for r in con.execute("SELECT name FROM _migrations ORDER BY name").fetchall()]
        assert names == [name for name, _ in MIGRATIONS]
        assert migrate(con) == []
        extra = [*MIGRATIONS, ("9999_notes", "CREATE TABLE notes (id VARCHAR PRIMARY KEY, body VARCHAR)")]
        assert migrate(con, extra) == ["9999_notes"]
        assert migrate(con, extra) == []
    finally:
        con.close()
    with open_store(db) as store:
        assert store.counts() == {"actors": 0, "article_analyses": 0, "articles": 0, "claims": 0,
                                  "contradictions": 0, "documents": 0, "events": 0, "notes": 0, "rejections": 0,
                                  "relations": 0}  # fmt: skip


def test_duckdb_failed_migration_leaves_nothing_behind(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb"):
        pass
    con = duckdb.connect(str(tmp_path / "s.duckdb"))
    try:
        broken = [*MIGRATIONS, ("9999_broken", "CREATE TABLE half (a INT); CREATE TABLE nonsense (")]
        with pytest.raises(duckdb.Error):
            migrate(con, broken)
        assert con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'half'").fetchone() == (0,)
        assert "9999_broken" not in [r[0] for r in con.execute("SELECT name FROM _migrations").fetchall()]
    finally:
        con.close()


def test_duckdb_upsert_twice_changes_nothing(tmp_path: Path) -> None:
    documents, articles, rejections = _batch()
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.write_batch(documents, articles, rejections) == 3
        first = (store.articles(), store.documents(), store.rejections(), store.counts())
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.write_batch(documents, articles, rejections) == 0
        assert (store.articles(), store.documents(), store.rejections(), store.counts()) == first
    assert {k: v for k, v in first[3].items() if v} == {"articles": 3, "documents": 2, "rejections": 2}
    assert first[0] == sorted(articles, key=lambda a: (a.file, a.k))
    assert first[1] == sorted(documents, key=lambda d: d.path)


def test_duckdb_changed_article_replaces_the_row(tmp_path: Path) -> None:
    documents, articles, _ = _batch()
    with open_store(":memory:") as store:
        store.write_batch(documents, articles, [])
        edited = dataclasses.replace(articles[0], title="New title", span=None, outlet=None)
        assert store.write_batch(documents[:1], [edited, articles[1]], []) == 0
        assert store.articles()[0] == edited


def test_duckdb_resegmented_document_drops_its_stale_articles() -> None:
    documents, articles, _ = _batch()
    with open_store(":memory:") as store:
        store.write_batch(documents, articles, [])
        store.write_batch(documents[:1], articles[:1], [])
        assert [a.article_id for a in store.articles()] == ["a.txt#1", "b.txt#1"]


def test_duckdb_rejections_are_stored_once_per_stage_item_and_reason() -> None:
    _, _, rejections = _batch()
    again = Rejection("ingest", "c.bin", "/in/c.bin", "not a text file")
    other = Rejection("ingest", "c.bin", "/in/c.bin", "file larger than 50 MiB")
    with open_store(":memory:") as store:
        assert store.write_batch([], [], rejections) == 0
        store.write_batch([], [], [again, other])
        stored = store.rejections()
    assert len(stored) == 3
    assert set(stored) == {*rejections, other}
    assert {r.severity for r in stored} == {"error", "warning"}


def test_duckdb_update_clusters_writes_only_cluster_fields() -> None:
    documents, articles, _ = _batch()
    with open_store(":memory:") as store:
        store.write_batch(documents, articles, [])
        store.update_clusters([
            dataclasses.replace(articles[0], cluster_id="c1", title="ignored"),
            dataclasses.replace(articles[2], cluster_id="c1", duplicate_of=articles[0].article_id),
        ])  # fmt: skip
        stored = {a.article_id: a for a in store.articles()}
    assert stored["a.txt#1"] == dataclasses.replace(articles[0], cluster_id="c1")
    assert stored["b.txt#1"] == dataclasses.replace(articles[2], cluster_id="c1", duplicate_of="a.txt#1")
    assert stored["a.txt#2"] == articles[1]


def test_duckdb_failed_batch_writes_nothing() -> None:
    documents, articles, _ = _batch()
    with open_store(":memory:") as store:
        store.write_batch(documents, articles[:1], [])
        bad = dataclasses.replace(articles[1], text=None)  # violates NOT NULL
        with pytest.raises(StoreError, match="cannot write batch"):
            store.write_batch([_doc("z.txt", "Other.")], [bad], [Rejection("segment", "z", "/in/z.txt", "x")])
        assert {k: v for k, v in store.counts().items() if v} == {"articles": 1, "documents": 2}


@pytest.mark.parametrize("kind", ["text", "sqlite", "short"])
def test_duckdb_foreign_file_raises_store_error_and_is_untouched(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "notes.db"
    if kind == "sqlite":
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE t (a)")
        con.commit()
        con.close()
    else:
        db.write_bytes(b"abc" if kind == "short" else "meeting notes, not a database\n".encode() * 100)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="notes.db"):
        open_store(db)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_duckdb_directory_as_database_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)


def test_duckdb_creates_missing_parent_folders(tmp_path: Path) -> None:
    db = tmp_path / "runs" / "one" / "s.duckdb"
    with open_store(db) as store:
        assert store.counts()["articles"] == 0
    assert db.read_bytes()[8:12] == b"DUCK"
