"""articles.jsonl: the record shape, sorting, byte-identical re-runs and atomic replacement."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sitroom.errors import StageError
from sitroom.export import EXPORTERS, write_all
from sitroom.model import Article, RawDocument
from sitroom.store import Store, open_store

KEYS = ["id", "file", "k", "title", "outlet", "published", "date_source", "date_precision", "url",
        "cluster", "duplicate_of", "text"]  # fmt: skip


def _fill(store: Store) -> None:
    body = "Kyiv — Drones struck an energy plant overnight, officials said.\u2028Repairs “will take weeks”."
    doc = RawDocument("d" * 16, "/in/b.txt", "0" * 64, "text/plain", body.encode("utf-8"), name="b.txt")
    articles = [
        Article("b.txt#2", doc.doc_id, "b.txt", 2, "Second", None, None, "unknown", "Короткий текст.", None),
        Article("b.txt#10", doc.doc_id, "b.txt", 10, None, None, None, "unknown", "Tenth.", None),
        Article("b.txt#1", doc.doc_id, "b.txt", 1, "Drones hit plant", "Ukrainska Pravda", "2024-03-22", "stated",
                body, "day", url="https://example.org/a", cluster_id="c1"),
        Article("a.txt#1", doc.doc_id, "a.txt", 1, "Copy", "Wire", "2024-03-23", "given", body, "day",
                cluster_id="c1", duplicate_of="b.txt#1"),
    ]  # fmt: skip
    store.write_batch([doc], articles, [])


def test_articles_jsonl_records_are_sorted_and_complete(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        _fill(store)
        written = write_all(store, tmp_path / "out")
    path = Path(written["articles.jsonl"])
    assert path == tmp_path / "out" / "articles.jsonl"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    records = [json.loads(line) for line in lines[:-1]]
    assert [r["id"] for r in records] == ["a.txt#1", "b.txt#1", "b.txt#2", "b.txt#10"]
    assert all(list(r) == KEYS for r in records)
    assert records[0]["duplicate_of"] == "b.txt#1" and records[0]["cluster"] == "c1"
    assert records[1]["text"].endswith("Repairs “will take weeks”.")
    # Non-ASCII stays readable, but the Unicode line separator is escaped to keep one record per line.
    raw = path.read_bytes()
    assert "“will take weeks”".encode() in raw and "Короткий".encode() in raw
    assert "\u2028".encode() not in raw and b"\\u2028" in raw
    assert len(path.read_text(encoding="utf-8").splitlines()) == 4


def test_articles_jsonl_is_byte_identical_on_rerun(tmp_path: Path) -> None:
    digests = []
    for run in range(2):
        with open_store(tmp_path / "s.duckdb") as store:
            _fill(store)
            path = Path(write_all(store, tmp_path / "out")["articles.jsonl"])
        digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(EXPORTERS)


def test_articles_jsonl_replaces_an_older_export(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.jsonl").write_text("stale\n", encoding="utf-8")
    with open_store(":memory:") as store:
        _fill(store)
        write_all(store, out)
    assert "stale" not in (out / "articles.jsonl").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == sorted(EXPORTERS)  # no temporary files left behind


def test_articles_jsonl_unwritable_folder_raises_stage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with open_store(":memory:") as store, pytest.raises(StageError, match="articles.jsonl"):
        write_all(store, blocker)


def test_articles_jsonl_registry_accepts_extra_writers(tmp_path: Path) -> None:
    def write_count(store: Store, out_dir: Path) -> Path:
        path = out_dir / "count.txt"
        path.write_text(str(len(store.articles())), encoding="utf-8")
        return path

    with open_store(":memory:") as store:
        _fill(store)
        written = write_all(store, tmp_path, {**EXPORTERS, "count.txt": write_count})
    assert list(written) == [*EXPORTERS, "count.txt"]
    assert (tmp_path / "count.txt").read_text(encoding="utf-8") == "4"
