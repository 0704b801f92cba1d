"""csvfile reader: BOM, ragged rows, missing columns, big fields, encodings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .helpers import ARTICLE_HTML, ARTICLE_TEXT, read_all


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def test_csvfile_bom_and_ragged_row(tmp_path: Path) -> None:
    table = _csv(
        [
            [" ID ", "Title", "Text", "URL"],
            ["c1", "Protest", ARTICLE_TEXT, "https://news.example/c1"],
            ["c2", "Broken", "only three"],
            [],
            ["c3", "Market", "Multi-line\nbody of a second report.", ""],
        ]
    )
    path = tmp_path / "table.csv"
    path.write_bytes(b"\xef\xbb\xbf" + table.encode("utf-8"))
    docs, rejections = read_all(path)
    assert [d.name for d in docs] == ["table.csv:1", "table.csv:3"]
    assert docs[0].meta["id"] == "c1"  # the BOM did not stick to the first column name
    assert docs[0].meta["url"] == "https://news.example/c1"
    assert docs[0].content == ARTICLE_TEXT.encode("utf-8")
    assert "url" not in docs[1].meta  # empty cells give no metadata
    assert docs[1].content == b"Multi-line\nbody of a second report."
    (rejection,) = rejections
    assert rejection.reason == "row 2 (line 4): 3 fields, but the header has 4"
    assert rejection.item_id == f"{path}::2"


def test_csvfile_without_text_column_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text(_csv([["headline", "body"], ["a", "b"]]), encoding="utf-8")
    docs, rejections = read_all(path)
    assert docs == []
    assert rejections[0].reason == "no 'text' or 'html' column in the header row (found 'headline', 'body')"


def test_csvfile_field_larger_than_csv_default_limit(tmp_path: Path) -> None:
    body = ARTICLE_TEXT * 1200  # about 200 KB, over csv's default 128 KiB field limit
    path = tmp_path / "long.csv"
    path.write_text(_csv([["text"], [body]]), encoding="utf-8")
    docs, rejections = read_all(path)
    assert rejections == []
    assert docs[0].content == body.encode("utf-8")


def test_csvfile_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes(_csv([["text"], ["Caf\xe9 bombed in the old quarter"]]).encode("cp1252"))
    docs, rejections = read_all(path)
    assert docs[0].content == "Café bombed in the old quarter".encode()
    assert [r.severity for r in rejections] == ["warning"]


def test_csvfile_tsv_with_html_column(tmp_path: Path) -> None:
    path = tmp_path / "pages.tsv"
    path.write_text(_csv([["html", "outlet"], [ARTICLE_HTML, "Daily Example"]], delimiter="\t"), encoding="utf-8")
    docs, rejections = read_all(path)
    assert rejections == []
    assert (docs[0].media_type, docs[0].meta["outlet"]) == ("text/html", "Daily Example")


def test_csvfile_binary_named_csv_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    docs, rejections = read_all(path)
    assert docs == []
    assert rejections[0].reason == "content is an old Microsoft Office document, not a CSV table as its name says"
