"""read_file: loading, size limits, gzip, format choice and determinism."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from sitroom.config import IngestSettings
from sitroom.ingest import EXTENSIONS, READERS, read_file

from .helpers import ARTICLE_HTML, ARTICLE_TEXT, read_all


def test_ingest_plain_file_fields(tmp_path: Path) -> None:
    path = tmp_path / "000_4b85ccf491a580e5.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    docs, rejections = read_all(path)
    assert rejections == []
    (doc,) = docs
    digest = hashlib.sha256(ARTICLE_TEXT.encode("utf-8")).hexdigest()
    assert doc.sha256 == digest
    assert doc.doc_id == digest[:16]
    assert doc.path == str(path)
    assert doc.name == "000_4b85ccf491a580e5.txt"
    assert doc.media_type == "text/plain"
    assert doc.content == ARTICLE_TEXT.encode("utf-8")
    assert doc.meta == {}


def test_ingest_same_file_twice_gives_identical_documents(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [{"id": f"a{i}", "text": f"{ARTICLE_TEXT} Report number {i}."} for i in range(3)]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    first, _ = read_all(path)
    second, _ = read_all(path)
    assert [d.doc_id for d in first] == [d.doc_id for d in second]
    assert first == second
    assert len({d.doc_id for d in first}) == 3


def test_ingest_empty_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    docs, rejections = read_all(path)
    assert docs == []
    assert [r.reason for r in rejections] == ["empty file"]
    assert rejections[0].stage == "ingest" and rejections[0].item_id == str(path)


def test_ingest_oversize_file_names_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE_TEXT * 200, encoding="utf-8")  # about 35 KB
    docs, rejections = read_all(path, max_file_mb=0.01)  # 10 KiB
    assert docs == []
    (rejection,) = rejections
    assert "over the limit of 0.01 MiB" in rejection.reason
    assert f"{path.stat().st_size:,} bytes" in rejection.reason


def test_ingest_missing_file_is_rejected_not_raised(tmp_path: Path) -> None:
    docs, rejections = read_all(tmp_path / "gone.txt")
    assert docs == []
    assert rejections[0].reason.startswith("cannot read")


def test_ingest_gzip_of_html_is_read_with_both_hashes(tmp_path: Path) -> None:
    raw = gzip.compress(ARTICLE_HTML.encode("utf-8"))
    path = tmp_path / "page.html.gz"
    path.write_bytes(raw)
    docs, rejections = read_all(path)
    assert rejections == []
    (doc,) = docs
    assert doc.media_type == "text/html"
    assert doc.content == ARTICLE_HTML.encode("utf-8")
    assert doc.sha256 == hashlib.sha256(doc.content).hexdigest()
    assert doc.meta["file_sha256"] == hashlib.sha256(raw).hexdigest()
    assert doc.name == "page.html.gz"


def test_ingest_gzip_of_jsonl_reads_records(tmp_path: Path) -> None:
    lines = [json.dumps({"text": ARTICLE_TEXT, "title": "Protest"}), json.dumps({"html": ARTICLE_HTML})]
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    docs, rejections = read_all(path)
    assert rejections == []
    assert [d.media_type for d in docs] == ["text/plain", "text/html"]
    assert [d.name for d in docs] == ["batch.jsonl.gz:1", "batch.jsonl.gz:2"]


def test_ingest_truncated_gzip_of_jsonl_keeps_whole_records(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"{ARTICLE_TEXT} Item {i}. " + "word " * 400}) for i in range(40)]
    raw = gzip.compress("\n".join(lines).encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(raw[: len(raw) * 2 // 3])
    docs, rejections = read_all(path)
    assert docs, "records before the cut are kept"
    assert any("truncated gzip" in r.reason for r in rejections)
    assert all(d.content.decode("utf-8").count("word") == 400 for d in docs)


def test_ingest_gzip_bomb_stops_at_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"A" * (3 * 1024 * 1024)))  # 3 MiB of text in about 3 KB
    docs, rejections = read_all(path, max_file_mb=1.0)
    assert docs == []
    assert "decompressed size exceeds the limit of 1 MiB" in rejections[0].reason


def test_ingest_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "download"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    image = tmp_path / "photo.dat"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    docs, _ = read_all(page)
    assert [d.media_type for d in docs] == ["text/html"]
    docs, rejections = read_all(image)
    assert docs == []
    assert rejections[0].reason == "unsupported file type: content is a PNG image"


def test_ingest_every_extension_has_a_reader() -> None:
    assert set(EXTENSIONS.values()) <= set(READERS)


def test_ingest_custom_reader_in_registry_is_used(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sitroom.ingest.source import TEXT, document

    def read_md(source, settings):  # type: ignore[no-untyped-def]
        yield document(source, source.data.replace(b"# ", b""), TEXT)

    monkeypatch.setitem(READERS, "markdown", read_md)
    monkeypatch.setitem(EXTENSIONS, ".md", "markdown")
    path = tmp_path / "note.md"
    path.write_text("# Title\nBody text.\n", encoding="utf-8")
    (doc,) = list(read_file(str(path), IngestSettings()))
    assert doc.content == b"Title\nBody text.\n"  # type: ignore[union-attr]


def test_ingest_unreadable_file_is_rejected(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sitroom.ingest as ingest_module

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    monkeypatch.setattr(ingest_module, "open", denied, raising=False)  # tests run as root, so chmod cannot
    docs, rejections = read_all(path)
    assert docs == []
    assert rejections[0].reason == "cannot read: Permission denied"


def test_ingest_xhtml_saved_as_xml_is_a_page(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    path.write_text('<?xml version="1.0"?>\n' + ARTICLE_HTML.replace("<!DOCTYPE html>", ""), encoding="utf-8")
    docs, rejections = read_all(path)
    assert rejections == []
    assert [d.media_type for d in docs] == ["text/html"]


def test_ingest_directory_path_is_not_read(tmp_path: Path) -> None:
    docs, rejections = read_all(tmp_path)
    assert docs == []
    assert rejections[0].reason == "not a regular file"


def test_ingest_gzip_with_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = ARTICLE_HTML * 200  # inflates past the 64 KiB sniff window
    path = tmp_path / "snapshot.gz"
    path.write_bytes(gzip.compress(page.encode("utf-8")))
    docs, rejections = read_all(path)
    assert rejections == []
    assert [(d.media_type, len(d.content)) for d in docs] == [("text/html", len(page))]
