"""sniff: binary detection and content kinds."""

from __future__ import annotations

from sitroom.ingest.sniff import binary_kind, kind_of, text_problem

from .helpers import ARTICLE_HTML, ARTICLE_TEXT


def test_sniff_names_known_binary_formats() -> None:
    assert binary_kind(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == "a PNG image"
    assert binary_kind(b"PK\x03\x04\x14\x00") == "a ZIP archive (or DOCX/XLSX/EPUB)"
    assert binary_kind(b"%PDF-1.7\n") == "a PDF document"
    assert binary_kind(ARTICLE_TEXT.encode()) is None


def test_sniff_text_problem_flags_nul_and_control_bytes() -> None:
    assert text_problem(b"abc\x00def") == "binary content: NUL byte at offset 3"
    noisy = bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 10 + b"a" * 100
    assert text_problem(noisy).startswith("binary content: 80 control bytes")  # type: ignore[union-attr]
    assert text_problem(ARTICLE_TEXT.encode("utf-8")) is None
    assert text_problem("Déjà vu — «Hama» 停火".encode()) is None
    assert text_problem("Deja vu in cp1252: caf\xe9".encode("cp1252")) is None


def test_sniff_utf16_text_is_not_binary() -> None:
    assert text_problem(ARTICLE_TEXT.encode("utf-16")) is None  # with BOM
    assert text_problem(ARTICLE_TEXT.encode("utf-16-le")) is None  # without BOM


def test_sniff_kind_of_content() -> None:
    assert kind_of(ARTICLE_HTML.encode()) == "html"
    assert kind_of(b"\xef\xbb\xbf  <html><body>x</body></html>") == "html"
    assert kind_of(b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0"><channel/></rss>') == "feed"
    assert kind_of(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>') == "feed"
    assert kind_of(b'<?xml version="1.0"?><urlset/>') == "xml"
    assert kind_of(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n") == "warc"
    assert kind_of(b'{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert kind_of(b'[{"text": "a"}]') == "json"
    assert kind_of(ARTICLE_TEXT.encode()) == "text"
