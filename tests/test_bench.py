from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.bench import make_corpus
from sitroom.cli import cli


def test_bench_make_corpus_varies_ids_and_text(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Headline\n\nBody text.", encoding="utf-8")
    (src / "b.txt").write_text("Other\n\nMore text.", encoding="utf-8")
    out = make_corpus(src, tmp_path / "corpus", copies=3)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6
    assert len({r["id"] for r in records}) == 6
    assert len({r["text"] for r in records}) == 6


@pytest.mark.slow
def test_bench_prints_stage_shares_and_summary_line(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    body = "Rebels seized the town of Sake on Tuesday after clashes with the army, residents said. " * 5
    (src / "a.txt").write_text("Rebels take Sake\n\n" + body, encoding="utf-8")
    result = CliRunner().invoke(cli, ["bench", "--seeds", str(src), "--copies", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert re.fullmatch(
        r"bench: articles_per_s_per_core [\d.]+ articles_per_s [\d.]+ peak_rss_mb \d+ cores \d+", lines[-1]
    )
    assert lines[0].startswith("articles 2 ")
    assert any(line.startswith("stage nlp") for line in lines)


def test_bench_make_corpus_limit_and_rss_slope(tmp_path: Path) -> None:
    from sitroom.bench import BenchResult, rss_mb, rss_slope

    src = tmp_path / "src"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.txt").write_text(f"{name}\n\nBody text.", encoding="utf-8")
    out = make_corpus(src, tmp_path / "corpus", copies=1, limit=7)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 7
    assert rss_slope([(0, 100.0), (1000, 110.0), (2000, 120.0)]) == pytest.approx(0.01)
    assert rss_slope([(5, 1.0)]) == 0.0
    assert rss_mb() > 0
    result = BenchResult(articles=10, seconds=1.0, rss=[(0, 500.0), (5, 600.0), (10, 601.0)])
    assert "rss loaded_mb 500 start_mb 600 end_mb 601 slope_mb_per_1000_articles 200.00 samples 2" in result.lines()


def test_bench_stage_lines_show_the_peak_when_each_stage_ended() -> None:
    from sitroom.bench import BenchResult

    result = BenchResult(articles=4, seconds=10.0)
    result.stages.update({"dedup": 6.0, "nlp": 4.0})
    result.stage_peak_mb["dedup"] = 1400.4
    lines = result.lines()
    assert "stage dedup              6.00 s   60.0%  peak_mb 1400" in lines
    assert "stage nlp                4.00 s   40.0%" in lines
