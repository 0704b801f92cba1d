"""jsonl reader: good rows, broken lines, wrong types, limits, .json arrays."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import ARTICLE_HTML, ARTICLE_TEXT, read_all


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_bad_lines_are_rejected_and_the_rest_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "wire.jsonl",
        [
            json.dumps({"id": "w-1", "text": ARTICLE_TEXT, "url": "https://news.example/1", "outlet": "Wire"}),
            '{"id": "w-2", "text": "cut off',
            json.dumps({"id": "w-3", "text": ARTICLE_TEXT, "title": ["not", "a", "string"]}),
            "",
            json.dumps({"id": 4, "html": ARTICLE_HTML, "published": "2024-03-05"}),
            json.dumps(["an", "array"]),
        ],
    )
    docs, rejections = read_all(path)
    assert [d.name for d in docs] == ["wire.jsonl:1", "wire.jsonl:5"]
    assert docs[0].meta["url"] == "https://news.example/1"
    assert docs[0].meta["outlet"] == "Wire" and docs[0].meta["id"] == "w-1"
    assert docs[0].path == f"{path}::1"
    assert docs[1].media_type == "text/html" and docs[1].meta["id"] == "4"
    assert docs[1].meta["published"] == "2024-03-05"
    assert docs[1].content == ARTICLE_HTML.encode("utf-8")
    reasons = [r.reason for r in rejections]
    assert reasons[0].startswith("line 2: invalid JSON (Unterminated string")
    assert reasons[1] == "line 3: field 'title' must be a string, got an array"
    assert reasons[2] == "line 6: expected a JSON object, got an array"
    assert [r.item_id for r in rejections] == [f"{path}::2", f"{path}::3", f"{path}::6"]


def test_jsonl_record_fields_and_file_hash(tmp_path: Path) -> None:
    path = _write(tmp_path / "one.jsonl", [json.dumps({"text": ARTICLE_TEXT})])
    (doc,), _ = read_all(path)
    import hashlib

    assert doc.content == ARTICLE_TEXT.encode("utf-8")
    assert doc.doc_id == hashlib.sha256(doc.content).hexdigest()[:16]
    assert doc.meta == {"file_sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "charset": "utf-8"}


def test_jsonl_wrong_typed_or_missing_body_is_rejected(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "bodies.jsonl",
        [json.dumps({"text": 42}), json.dumps({"title": "no body"}), json.dumps({"text": "  "})],
    )
    docs, rejections = read_all(path)
    assert docs == []
    assert [r.reason for r in rejections] == [
        "line 1: field 'text' must be a string, got a number",
        "line 2: no 'text' or 'html' field",
        "line 3: field 'text' is empty",
    ]


def test_jsonl_file_that_is_not_json_lines_gets_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "page.jsonl"
    path.write_text(ARTICLE_HTML + "\n" + ARTICLE_HTML, encoding="utf-8")
    docs, rejections = read_all(path)
    assert docs == []
    assert [r.reason for r in rejections] == ["not JSON Lines: the first line does not start with '{' (found '<')"]


def test_jsonl_records_beyond_max_records_give_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path / "many.jsonl", [json.dumps({"text": f"{ARTICLE_TEXT} {i}"}) for i in range(5)])
    docs, rejections = read_all(path, max_records=3)
    assert len(docs) == 3
    (warning,) = rejections
    assert warning.severity == "warning"
    assert "stopped after 3 records (ingest.max_records=3)" in warning.reason


def test_jsonl_json_array_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    items = [{"text": ARTICLE_TEXT, "title": "Protest"}, {"html": ARTICLE_HTML}, 7]
    path.write_text(json.dumps(items), encoding="utf-8")
    docs, rejections = read_all(path)
    assert [d.name for d in docs] == ["export.json:1", "export.json:2"]
    assert [r.reason for r in rejections] == ["item 3: expected a JSON object, got a number"]


def test_jsonl_json_named_file_holding_lines_is_read_as_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "lines.json", [json.dumps({"text": ARTICLE_TEXT}), json.dumps({"text": "Second report."})])
    docs, rejections = read_all(path)
    assert (len(docs), rejections) == (2, [])


def test_jsonl_many_bad_lines_are_capped_and_counted(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sitroom.ingest import jsonl

    monkeypatch.setattr(jsonl, "MAX_LISTED_ERRORS", 2)
    path = _write(tmp_path / "noisy.jsonl", [json.dumps({"text": ARTICLE_TEXT})] + ["{broken"] * 5)
    docs, rejections = read_all(path)
    assert len(docs) == 1
    assert [r.item_id for r in rejections[:2]] == [f"{path}::2", f"{path}::3"]
    assert rejections[2].reason == "3 more bad lines not listed (5 in all)"
    assert len(rejections) == 3
