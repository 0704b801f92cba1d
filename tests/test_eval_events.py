import json

from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.evaluate.events import evaluate_events, write_events
from sitroom.model import Event

GOLD = {
    "id": "g1", "docs": ["x.txt#1"], "event_date": "2025-03-02", "end_date": None, "time_precision": 1,
    "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "M23: March 23 Movement",
    "assoc_actor_1": [], "actor2": "Military Forces of the Democratic Republic of Congo (2019-)", "assoc_actor_2": [],
    "country": "Democratic Republic of Congo", "admin1": "North Kivu", "location": "Goma", "latitude": -1.68,
    "longitude": 29.22, "geo_precision": 1, "fatalities": 4, "quantities": {}, "attribution": None,
    "hedged": False, "evidence_hint": "clashed near Goma",
}


def _gold_dir(tmp_path, rows):  # type: ignore[no-untyped-def]
    (tmp_path / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "actors.jsonl").write_text(json.dumps({"name": "M23: March 23 Movement", "aliases": ["M23"], "type": "rebel"}) + "\n")
    return tmp_path


def _pred(**changes) -> Event:  # type: ignore[no-untyped-def]
    row = {**GOLD, "id": "p1", "evidence": {}, **changes}
    return Event.from_dict(row)


def test_eval_events_alias_match_counts_and_summary_line(tmp_path) -> None:
    gold = _gold_dir(tmp_path, [GOLD, {**GOLD, "id": "g2", "location": "Bunia", "latitude": 1.56, "longitude": 30.25}])
    report = evaluate_events(gold, [_pred(actor1="M23", actor2=None, event_date="2025-03-03", fatalities=None)])
    assert len(report.pairs) == 1 and len(report.misses) == 1
    assert report.lines()[-1] == "events: f1 0.67 precision 1.00 recall 0.50 matched 1 pred 1 gold 2"
    accuracy = report.field_accuracy()
    assert accuracy["actor1"] == 1.0 and accuracy["exact_day"] == 0.0 and accuracy["fatalities"] == 0.0


def test_eval_events_rejects_wrong_type_far_place_or_late_day(tmp_path) -> None:
    gold = _gold_dir(tmp_path, [GOLD])
    preds = [
        _pred(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"),
        _pred(latitude=1.56, longitude=30.25),
        _pred(event_date="2025-03-05"),
    ]
    report = evaluate_events(gold, preds)
    assert report.pairs == [] and len(report.false_positives) == 3


def test_eval_events_coarse_precision_widens_windows(tmp_path) -> None:
    gold = _gold_dir(tmp_path, [GOLD])
    report = evaluate_events(gold, [_pred(event_date="2025-03-07", time_precision=2, latitude=-2.5, longitude=28.9,
                                          geo_precision=3)])
    assert len(report.pairs) == 1


def test_eval_events_cli_scores_a_prediction_file(tmp_path) -> None:
    (tmp_path / "gold").mkdir()
    gold = _gold_dir(tmp_path / "gold", [GOLD])
    pred_file = tmp_path / "pred.jsonl"
    write_events([_pred()], pred_file)
    result = CliRunner().invoke(cli, ["eval", "events", "--gold", str(gold), "--pred", str(pred_file)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "events: f1 1.00 precision 1.00 recall 1.00 matched 1 pred 1 gold 1"


def test_eval_events_matching_maximises_pairs(tmp_path) -> None:
    other = {**GOLD, "id": "g2", "event_date": "2025-03-03"}
    gold = _gold_dir(tmp_path, [GOLD, other])
    # p1 fits both gold events (and is the cheaper pair for g1); p2 fits only g1.
    preds = [_pred(id="p1", event_date="2025-03-02", time_precision=2), _pred(id="p2", event_date="2025-03-01")]
    report = evaluate_events(gold, preds)
    assert sorted((g["id"], p.id) for g, p in report.pairs) == [("g1", "p2"), ("g2", "p1")]
