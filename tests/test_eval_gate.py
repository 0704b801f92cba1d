import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _gate():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_gate", ROOT / "tools" / "eval_gate.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_eval_gate_update_refuses_to_lower_a_floor() -> None:
    gate = _gate()
    baseline = {"gold_sha256": "abc", "floors": {"f1": 0.5, "recall": 0.4}}
    with pytest.raises(ValueError, match="f1: 0.5 -> 0.4"):
        gate.update({"f1": 0.4, "recall": 0.5}, baseline, "abc", allow_regression=False)
    pinned = gate.update({"f1": 0.4, "recall": 0.5}, baseline, "abc", allow_regression=True)
    assert pinned == {"gold_sha256": "abc", "floors": {"f1": 0.4, "recall": 0.5}}


def test_eval_gate_check_flags_regressions_and_changed_gold() -> None:
    gate = _gate()
    baseline = {"gold_sha256": "abc", "floors": {"f1": 0.5}}
    assert gate.check({"f1": 0.5}, baseline, "abc") == []
    assert gate.check({"f1": 0.49}, baseline, "abc") == ["f1 0.49 fell below its floor 0.5"]
    assert "gold files changed" in gate.check({"f1": 0.9}, baseline, "def")[0]


def test_eval_gate_sha_covers_the_gold_files(tmp_path) -> None:
    gate = _gate()
    (tmp_path / "events.jsonl").write_text('{"id": "a"}\n')
    first = gate.gold_sha(tmp_path)
    (tmp_path / "events.jsonl").write_text('{"id": "b"}\n')
    assert gate.gold_sha(tmp_path) != first


@pytest.mark.slow
def test_eval_gate_dev_set_meets_pinned_floors() -> None:
    gate = _gate()
    baseline = json.loads((ROOT / "tools" / "eval_baseline.json").read_text())
    assert baseline["floors"], "no floors pinned"
    assert gate.main([]) == 0
