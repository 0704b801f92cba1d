"""`sitroom run` over a hostile corpus: every bad file is rejected by name, good ones are stored, re-runs change nothing."""

from __future__ import annotations

import builtins
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import sitroom.ingest as ingest_module
from sitroom.cli import cli

from .corpus import write_corpus

# File -> (severity, words the reason must contain). Every other file in the corpus is good.
EXPECTED: dict[str, tuple[str, str]] = {
    "empty.txt": ("error", "empty file"),
    "empty.html": ("error", "empty file"),
    "binary.txt": ("error", "binary"),
    "binary.html": ("error", "PNG image"),
    "invalid_utf8.txt": ("error", "not text"),
    "big.txt": ("error", "ingest.max_file_mb"),
    "truncated.html": ("warning", "no article text"),
    "truncated.warc.gz": ("error", "truncated"),
    "truncated.txt.gz": ("error", "truncated gzip"),
    "records.jsonl": ("error", "line 2: invalid JSON"),
    "ragged.csv": ("error", "fields, but the header has 3"),
    "bomb.rss": ("error", "entity"),
    "unreadable.txt": ("error", "Permission denied"),
    "loop": ("error", "symbolic link loop"),
}
# File -> titles its stored articles must include.
STORED: dict[str, set[str]] = {
    "good.txt": {"Shelling hits market town"},
    "good.html": {"Protest in the capital"},
    "nested.html": {"Deep page"},
    "script.html": {"Protest in the capital"},
    "mixed.warc.gz": {"Protest in the capital"},
    "records.jsonl": {"Clashes near the border", "Protest in the capital"},
    "ragged.csv": {"Shelling hits market town"},
    "arabic_cp1256.txt": set(),
    "latin1.txt": set(),
}


@pytest.fixture()
def denied(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make unreadable.txt unreadable: tests run as root, so chmod cannot."""
    real_open = builtins.open

    def guarded(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).endswith("unreadable.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "open", guarded, raising=False)


def _run(corpus: Path, db: Path, out: Path) -> tuple[int, str]:
    args = ["run", str(corpus), "--db", str(db), "--out", str(out), "--no-progress",
            "--set", "ingest.max_file_mb=1", "--set", "ingest.follow_symlinks=true"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.output


def _table_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}  # type: ignore[index]
    finally:
        con.close()


def _stored(db: Path) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str | None]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rejections = con.execute("SELECT path, severity, reason, stage FROM rejections ORDER BY path, reason").fetchall()
        articles = con.execute("SELECT doc_id, title FROM articles ORDER BY article_id").fetchall()
        docs = dict(con.execute("SELECT doc_id, path FROM documents").fetchall())
    finally:
        con.close()
    return rejections, [(docs[d], t) for d, t in articles]


def _exports(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _name(path: str, corpus: Path) -> str:
    return path.split("::")[0][len(str(corpus)) + 1 :].split("/")[0]


@pytest.mark.slow
def test_hostile_run_rejects_bad_files_by_name_and_rerun_changes_nothing(tmp_path: Path, denied: None) -> None:
    corpus = tmp_path / "corpus"
    cases = write_corpus(corpus, big_mb=3.0)
    assert set(EXPECTED) | set(STORED) == set(cases)
    db, out = tmp_path / "s.duckdb", tmp_path / "out"
    code, output = _run(corpus, db, out)
    assert code == 1, output
    rejections, articles = _stored(db)
    for name, (severity, words) in EXPECTED.items():
        mine = [r for r in rejections if _name(r[0], corpus) == name]
        assert any(r[1] == severity and words in r[2] for r in mine), (name, mine)
        assert any(name in line and words in line for line in output.splitlines()), (name, output)
    titles: dict[str, set[str]] = {}
    for path, title in articles:
        titles.setdefault(_name(path, corpus), set()).add(title or "")
    for name, wanted in STORED.items():
        assert name in titles and wanted <= titles[name], (name, titles.get(name))
    assert not any(r[1] == "error" for r in rejections if _name(r[0], corpus) in STORED and
                   _name(r[0], corpus) not in EXPECTED), rejections
    assert not any("injected" in (t or "") for _, t in articles)
    assert sum(1 for path, _ in articles if _name(path, corpus) == "mixed.warc.gz") == 1  # image, JSON skipped
    counts, exports = _table_counts(db), _exports(out)
    code_again, _ = _run(corpus, db, out)
    assert code_again == 1
    assert _table_counts(db) == counts
    assert _stored(db) == (rejections, articles)
    assert _exports(out) == exports
