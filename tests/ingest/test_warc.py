"""warc reader: HTML responses, skipped records, truncated archives."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .helpers import ARTICLE_HTML, read_all


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)


def _request(writer: WARCWriter, url: str) -> None:
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers))


def _archive(gzip: bool, pages: int = 1) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    _request(writer, "https://news.example/a")
    for number in range(pages):
        body = ARTICLE_HTML.replace("Tuesday", f"day {number}").encode("utf-8")
        _response(writer, f"https://news.example/a{number}", body, "text/html; charset=utf-8")
    _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    _response(writer, "https://news.example/gone", b"<html>gone</html>", "text/html", status="404 Not Found")
    return out.getvalue()


def test_warc_html_response_becomes_document(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_archive(gzip=False))
    docs, rejections = read_all(path)
    assert rejections == []
    (doc,) = docs  # the request, the PNG and the 404 page are skipped
    assert doc.media_type == "text/html"
    assert doc.content == ARTICLE_HTML.replace("Tuesday", "day 0").encode("utf-8")
    assert doc.meta["url"] == "https://news.example/a0"
    assert doc.meta["charset"] == "utf-8"  # from the HTTP Content-Type header
    assert "published" not in doc.meta  # crawl time is not publication time
    assert doc.fetched_at is not None and doc.fetched_at.startswith("20")
    assert doc.name == "crawl.warc:2"
    assert doc.path == f"{path}::2"


def test_warc_gz_reads_the_same_pages(tmp_path: Path) -> None:
    plain, packed = tmp_path / "a.warc", tmp_path / "a.warc.gz"
    plain.write_bytes(_archive(gzip=False, pages=2))
    packed.write_bytes(_archive(gzip=True, pages=2))
    plain_docs, _ = read_all(plain)
    packed_docs, rejections = read_all(packed)
    assert rejections == []
    assert [d.doc_id for d in packed_docs] == [d.doc_id for d in plain_docs]
    assert len(packed_docs) == 2


def test_warc_truncated_gz_keeps_pages_before_the_cut(tmp_path: Path) -> None:
    data = _archive(gzip=True, pages=6)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) * 3 // 5])
    docs, rejections = read_all(path)
    assert 1 <= len(docs) < 6
    (rejection,) = rejections
    assert rejection.reason.startswith("WARC file is truncated or corrupt after")
    assert f"({len(docs)} HTML pages kept)" in rejection.reason
    assert all(b"</html>" in d.content for d in docs)  # no half page slipped through


def test_warc_truncated_plain_archive_is_reported(tmp_path: Path) -> None:
    data = _archive(gzip=False, pages=3)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 40])
    docs, rejections = read_all(path)
    assert len(docs) == 3
    assert "truncated or corrupt after" in rejections[0].reason


def test_warc_not_a_warc_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    docs, rejections = read_all(path)
    assert docs == []
    assert rejections[0].reason == "not a WARC file (it does not start with a 'WARC/' version line)"


def test_warc_deterministic_doc_ids(tmp_path: Path) -> None:
    path = tmp_path / "again.warc.gz"
    path.write_bytes(_archive(gzip=True, pages=3))
    first, _ = read_all(path)
    second, _ = read_all(path)
    assert [d.doc_id for d in first] == [d.doc_id for d in second]
    assert len(set(d.doc_id for d in first)) == 3


def test_warc_gz_with_large_first_record(tmp_path: Path) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    body = (ARTICLE_HTML * 40).encode("utf-8")  # first gzip member inflates past any small sniff window
    _response(writer, "https://news.example/long", body, "text/html")
    path = tmp_path / "long.warc.gz"
    path.write_bytes(out.getvalue())
    docs, rejections = read_all(path)
    assert rejections == []
    assert [d.content for d in docs] == [body]
