"""htmlpage reader: HTML files, misnamed binaries, markup-free pages."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .helpers import ARTICLE_HTML, ARTICLE_TEXT, read_all


def test_htmlpage_reads_page_as_one_html_document(tmp_path: Path) -> None:
    path = tmp_path / "story.htm"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    docs, rejections = read_all(path)
    assert rejections == []
    assert [(d.media_type, d.name, d.content) for d in docs] == [("text/html", "story.htm", ARTICLE_HTML.encode())]


def test_htmlpage_png_named_html_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    docs, rejections = read_all(path)
    assert docs == []
    assert rejections[0].reason == "content is a PNG image, not an HTML page as its name says"
    assert rejections[0].path == str(path)


def test_htmlpage_zip_named_html_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "archive.html"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("index.html", ARTICLE_HTML)
    docs, rejections = read_all(path)
    assert docs == []
    assert "ZIP archive" in rejections[0].reason


def test_htmlpage_without_markup_is_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "export.html"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    docs, _ = read_all(path)
    assert [d.media_type for d in docs] == ["text/plain"]


def test_htmlpage_whitespace_only_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("  \n\t\n", encoding="utf-8")
    docs, rejections = read_all(path)
    assert docs == []
    assert rejections[0].reason == "empty file (only whitespace)"
