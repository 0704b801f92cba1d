"""plaintext reader: text files, binary files named .txt, saved pages."""

from __future__ import annotations

import os
from pathlib import Path

from .helpers import ARTICLE_HTML, ARTICLE_TEXT, read_all


def test_plaintext_reads_bytes_untouched(tmp_path: Path) -> None:
    raw = "Kämpfe in der Stadt, sagte ein Sprecher.\r\n".encode("latin-1")
    path = tmp_path / "de.txt"
    path.write_bytes(raw)
    docs, rejections = read_all(path)
    assert rejections == []
    assert docs[0].content == raw  # decoding is segment's job
    assert docs[0].media_type == "text/plain"


def test_plaintext_binary_named_txt_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"header" + os.urandom(64) + b"\x00\x00tail")
    docs, rejections = read_all(path)
    assert docs == []
    assert rejections[0].reason.startswith("binary content")
    assert rejections[0].reason.endswith("not text as its name says")


def test_plaintext_saved_web_page_is_html(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("\n\n" + ARTICLE_HTML, encoding="utf-8")
    docs, _ = read_all(path)
    assert [d.media_type for d in docs] == ["text/html"]


def test_plaintext_utf16_file_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(ARTICLE_TEXT.encode("utf-16"))
    docs, rejections = read_all(path)
    assert rejections == []
    assert docs[0].content.decode("utf-16") == ARTICLE_TEXT
