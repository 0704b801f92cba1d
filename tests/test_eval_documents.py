"""`sitroom eval documents`: segmentation and duplicate pairs scored against documents.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.evaluate.documents import evaluate_documents, gold_pairs, norm_title

STORY = [
    "Shelling hits market in frontline town",
    "Artillery fire struck the central market of the frontline town on Saturday, killing four people, "
    "the regional governor said in a statement posted on social media.",
    "The governor said eleven more people were wounded and several stalls burned down after the strike, "
    "which came shortly after the market opened for the day.",
    "The defence ministry said its air defences had intercepted several drones over the region overnight, "
    "and that fighting continued along the river to the east of the town.",
]
OTHER = [
    "Talks on grain corridor resume in Istanbul",
    "Negotiators met in Istanbul on Monday to discuss reopening the grain corridor, diplomats said, after "
    "weeks of stalled contacts between the two delegations.",
    "A diplomat familiar with the talks said the parties had agreed to meet again later in the week, but "
    "that no agreement on inspections had yet been reached by the teams.",
]


def _write(tmp_path: Path, gold: list[dict]) -> tuple[str, str]:
    gold_dir = tmp_path / "eval" / "corpus"
    gold_dir.mkdir(parents=True)
    (gold_dir / "documents.jsonl").write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    inputs = tmp_path / "corpus"
    inputs.mkdir()
    first = STORY + ["The post Shelling hits market in frontline town first appeared on Wire.com.", "Continue Reading"]
    (inputs / "a.txt").write_text("\n\n".join(first + OTHER), encoding="utf-8")
    (inputs / "b.txt").write_text("\n\n".join(STORY), encoding="utf-8")
    return str(gold_dir), str(inputs)


GOLD = [
    {"file": "a.txt", "articles": [
        {"k": 1, "title": "Shelling hits market in frontline town", "published": "2024-03-09", "lines": [1, 7]},
        {"k": 2, "title": "Talks on grain corridor resume in Istanbul", "published": None, "lines": [11, 15]}]},
    {"file": "b.txt", "articles": [
        {"k": 1, "title": "Shelling hits market in frontline town", "published": "2024-03-10",
         "duplicate_of": "a.txt#1"}]},
]


def test_eval_documents_counts_articles_titles_dates_and_pairs(tmp_path: Path) -> None:
    gold_dir, inputs = _write(tmp_path, GOLD)
    report = evaluate_documents(gold_dir, inputs)
    lines = report.lines()
    assert "a.txt articles 2/2 (predicted 2)" in lines
    assert lines[-1] == "documents: articles 3/3 titles 3/3 dates 0/2 dup_precision 1.00 dup_recall 1.00"


def test_eval_documents_reports_missing_input_and_wrong_title(tmp_path: Path) -> None:
    gold = [dict(GOLD[0]), {"file": "missing.txt", "articles": [{"k": 1, "title": "X", "published": None}]}]
    gold[0]["articles"] = [dict(GOLD[0]["articles"][0], title="Four killed at market, governor says"),
                           GOLD[0]["articles"][1]]
    gold_dir, inputs = _write(tmp_path, gold)
    lines = evaluate_documents(gold_dir, inputs).lines()
    assert any(line.startswith("missing.txt articles 0/1 (input file not found") for line in lines)
    assert any(line.startswith("a.txt titles 1/2 [#1 ") for line in lines)
    # The misnamed gold article still matches its prediction through the lines it covers.
    assert lines[-1].startswith("documents: articles 2/3 titles 1/3 ")


def test_eval_documents_cli_prints_summary_last(tmp_path: Path) -> None:
    gold_dir, inputs = _write(tmp_path, GOLD)
    result = CliRunner().invoke(cli, ["eval", "documents", "--gold", gold_dir, "--inputs", inputs])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("documents: articles 3/3 ")


def test_eval_documents_gold_pairs_use_file_level_duplicate() -> None:
    gold = [{"file": "x.txt", "articles": [{"k": 1}], "duplicate_of": "y.txt#1"},
            {"file": "y.txt", "articles": [{"k": 1}]},
            {"file": "z.txt", "articles": [{"k": 1, "duplicate_of": "y.txt#1"}, {"k": 2}], "duplicate_of": None}]
    assert gold_pairs(gold) == {frozenset({"x.txt#1", "y.txt#1"}), frozenset({"y.txt#1", "z.txt#1"}),
                                frozenset({"x.txt#1", "z.txt#1"})}


def test_eval_documents_title_normalisation() -> None:
    assert norm_title("Syria\u2019s  \u2018new\u2019 army ") == "Syria's 'new' army"
