"""Score predicted events against gold events (shared/eval SCHEMA.md matching rule).

A prediction matches a gold event when: same event_type; dates within 1 day (7 when either
side has time_precision >= 2); places within 50 km (300 km, or same admin1, when either side
has geo_precision 3); and actor1 or actor2 overlap after alias normalisation, in either order.
Matching is one-to-one (Hungarian): the most pairs, then the cheapest ones. The last report line is the summary:
``events: f1 F precision P recall R matched M pred N gold G``.
"""

from __future__ import annotations

import json
import logging
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..errors import InputError
from ..events.merge import km_between
from ..model import Event

LOGGER = logging.getLogger(__name__)

Normaliser = Callable[[str], str]


@dataclass(slots=True)
class EventsReport:
    """Matched pairs, misses and false positives, with the numbers derived from them."""

    gold: list[dict[str, Any]]
    pred: list[Event]
    pairs: list[tuple[dict[str, Any], Event]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[Event] = field(default_factory=list)
    normalise: Normaliser = str.casefold

    @property
    def precision(self) -> float:
        """Matched predictions over predictions."""
        return len(self.pairs) / len(self.pred) if self.pred else 0.0

    @property
    def recall(self) -> float:
        """Matched gold events over gold events."""
        return len(self.pairs) / len(self.gold) if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field_accuracy(self) -> dict[str, float]:
        """Share of matched pairs agreeing on each field.

        ``exact_day_known`` counts only pairs whose gold day is known to the day (time_precision
        1): where the gold itself only bounds the day (2 or 3), a different day inside that window
        is not an error the text lets anyone avoid. ``exact_day`` counts every pair.
        """
        if not self.pairs:
            return {name: 0.0 for name in _FIELDS}
        n = len(self.pairs)
        agree = Counter[str]()
        day_known = [(g, p) for g, p in self.pairs if g.get("time_precision") == 1]
        for gold, pred in self.pairs:
            agree["sub_event_type"] += gold["sub_event_type"] == pred.sub_event_type
            agree["actor1"] += _norm(self.normalise, gold.get("actor1")) == _norm(self.normalise, pred.actor1)
            km = _km(gold, pred)
            agree["location_10km"] += km is not None and km <= 10
            agree["exact_day"] += gold.get("event_date") == pred.event_date
            agree["time_precision"] += gold.get("time_precision") == pred.time_precision
            agree["fatalities"] += gold.get("fatalities") == pred.fatalities
        scores = {name: agree[name] / n for name in _FIELDS if name != "exact_day_known"}
        scores["exact_day_known"] = (sum(g.get("event_date") == p.event_date for g, p in day_known) / len(day_known)
                                     if day_known else 0.0)
        return {name: scores[name] for name in _FIELDS}

    def median_km(self) -> float | None:
        """Median location error over matched pairs with coordinates on both sides."""
        errors = [km for km in (_km(g, p) for g, p in self.pairs) if km is not None]
        return statistics.median(errors) if errors else None

    def recall_by_type(self) -> dict[str, tuple[int, int]]:
        """event_type -> (matched gold, gold)."""
        total = Counter(g["event_type"] for g in self.gold)
        hit = Counter(g["event_type"] for g, _ in self.pairs)
        return {t: (hit[t], total[t]) for t in sorted(total)}

    def lines(self) -> list[str]:
        """Human-readable report; the last line is the machine-readable summary."""
        out = [f"gold events {len(self.gold)}, predicted {len(self.pred)}, matched {len(self.pairs)}"]
        out += [f"  {name}: {value:.2f}" for name, value in self.field_accuracy().items()]
        km = self.median_km()
        out.append(f"  median location error km: {km:.1f}" if km is not None else "  median location error km: n/a")
        out.append("recall by type:")
        out += [f"  {t}: {hit}/{total}" for t, (hit, total) in self.recall_by_type().items()]
        out.append(f"matches ({len(self.pairs)}):")
        out += [f"  {g.get('id')} <- {_pred_line(p)}" for g, p in self.pairs]
        out.append(f"misses ({len(self.misses)}):")
        out += [f"  {_gold_line(g)}" for g in self.misses]
        out.append(f"false positives ({len(self.false_positives)}):")
        out += [f"  {_pred_line(e)}" for e in self.false_positives]
        out.append(self.summary())
        return out

    def summary(self) -> str:
        """The one-line summary the issues ask for."""
        return (f"events: f1 {self.f1:.2f} precision {self.precision:.2f} recall {self.recall:.2f} "
                f"matched {len(self.pairs)} pred {len(self.pred)} gold {len(self.gold)}")


_FIELDS = ("sub_event_type", "actor1", "location_10km", "exact_day", "exact_day_known", "time_precision",
           "fatalities")


def _gold_line(gold: dict[str, Any]) -> str:
    return (f"{gold.get('id')} {gold.get('event_date')} {gold.get('sub_event_type')} | {gold.get('actor1')} vs "
            f"{gold.get('actor2')} | {gold.get('location')} | hint: {gold.get('evidence_hint')!r}")


def _pred_line(event: Event) -> str:
    sentence = event.evidence.get("sentence") or event.evidence.get("event_type")
    text = " ".join(sentence.text.split())[:140] if sentence is not None else ""
    return (f"{event.event_date} {event.sub_event_type} | {event.actor1} vs {event.actor2} | {event.location} "
            f"| {','.join(event.docs)} | {text!r}")


def _norm(normalise: Normaliser, name: str | None) -> str | None:
    return normalise(name) if name else None


def _km(gold: dict[str, Any], pred: Event) -> float | None:
    if gold.get("latitude") is None or pred.latitude is None or pred.longitude is None:
        return None
    return km_between(float(gold["latitude"]), float(gold["longitude"]), pred.latitude, pred.longitude)


def load_gold_events(gold_dir: str | Path) -> list[dict[str, Any]]:
    """Read ``events.jsonl`` from a gold folder; InputError names a bad line."""
    return _read_jsonl(Path(gold_dir) / "events.jsonl")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), str(exc)) from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"line {number}: {exc}") from exc
    return rows


def load_predictions(path: str | Path) -> list[Event]:
    """Read events written as JSONL (``Event.to_dict`` per line)."""
    return [Event.from_dict(row) for row in _read_jsonl(Path(path))]


def alias_normaliser(gold_dir: str | Path, extra: Normaliser | None = None) -> Normaliser:
    """Map names to one key: the gold actors' aliases, then ``extra`` (e.g. a registry), then casefold."""
    table: dict[str, str] = {}
    path = Path(gold_dir) / "actors.jsonl"
    if path.exists():
        for row in _read_jsonl(path):
            canonical = row["name"].casefold()
            for alias in [row["name"], *row.get("aliases", [])]:
                table.setdefault(_clean(alias), canonical)

    def normalise(name: str) -> str:
        key = _clean(name)
        if key in table:
            return table[key]
        if extra is not None:
            return _clean(extra(name))
        return key

    return normalise


def _clean(name: str) -> str:
    key = " ".join(name.replace("’", "'").casefold().split())
    return key[4:] if key.startswith("the ") else key


def is_match(gold: dict[str, Any], pred: Event, normalise: Normaliser = str.casefold) -> bool:
    """The SCHEMA.md matching rule."""
    if gold["event_type"] != pred.event_type:
        return False
    return _date_ok(gold, pred) and _place_ok(gold, pred) and _actors_ok(gold, pred, normalise)


def _date_ok(gold: dict[str, Any], pred: Event) -> bool:
    if not gold.get("event_date") or not pred.event_date:
        return False
    gap = abs((date.fromisoformat(gold["event_date"]) - date.fromisoformat(pred.event_date)).days)
    coarse = max(int(gold.get("time_precision") or 1), pred.time_precision or 1) >= 2
    return gap <= (7 if coarse else 1)


def _place_ok(gold: dict[str, Any], pred: Event) -> bool:
    coarse = max(int(gold.get("geo_precision") or 1), pred.geo_precision or 1) >= 3
    km = _km(gold, pred)
    if km is None:
        return bool(gold.get("location")) and gold.get("location") == pred.location
    if coarse:
        return km <= 300 or (gold.get("admin1") is not None and gold.get("admin1") == pred.admin1)
    return km <= 50


def _actors_ok(gold: dict[str, Any], pred: Event, normalise: Normaliser) -> bool:
    gold_names = {normalise(n) for n in (gold.get("actor1"), gold.get("actor2")) if n}
    pred_names = {normalise(n) for n in (pred.actor1, pred.actor2) if n}
    return bool(gold_names & pred_names)


def _pair_cost(gold: dict[str, Any], pred: Event, normalise: Normaliser) -> tuple[int, int, float]:
    days = abs((date.fromisoformat(gold["event_date"]) - date.fromisoformat(pred.event_date or gold["event_date"])).days)
    km = _km(gold, pred)
    return (gold["sub_event_type"] != pred.sub_event_type, days, km if km is not None else 999.0)


def match_events(gold: Sequence[dict[str, Any]], pred: Sequence[Event], normalise: Normaliser) -> list[tuple[int, int]]:
    """Hungarian one-to-one matching: the most pairs, then the cheapest (sub-type, days, km).

    Pairs that break the matching rule cost more than all allowed pairs together, so the
    assignment first maximises the number of matches, then prefers pairs agreeing on the
    sub-event type, the day and the place.
    """
    if not gold or not pred:
        return []
    costs = [[_scalar_cost(g, p, normalise) for p in pred] for g in gold]
    forbidden = 1.0 + sum(c for row in costs for c in row if c is not None)
    size = max(len(gold), len(pred))
    matrix = [[_cell(costs, i, j, forbidden) for j in range(size)] for i in range(size)]
    pairs = []
    for gi, pi in enumerate(_hungarian(matrix)):
        if gi < len(gold) and pi < len(pred) and costs[gi][pi] is not None:
            pairs.append((gi, pi))
    return pairs


def _cell(costs: list[list[float | None]], i: int, j: int, forbidden: float) -> float:
    cost = costs[i][j] if i < len(costs) and j < len(costs[i]) else None
    return forbidden if cost is None else cost


def _scalar_cost(gold: dict[str, Any], pred: Event, normalise: Normaliser) -> float | None:
    if not is_match(gold, pred, normalise):
        return None
    other_type, days, km = _pair_cost(gold, pred, normalise)
    return other_type * 100.0 + days + min(km, 999.0) / 1000.0


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Column assigned to each row of a square cost matrix, minimising the total (Kuhn-Munkres)."""
    n = len(cost)
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    match, way = [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while match[j0] != 0 or j0 == 0:
            used[j0], i0, delta, j1 = True, match[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    rows = [0] * n
    for j in range(1, n + 1):
        if match[j]:
            rows[match[j] - 1] = j - 1
    return rows


def evaluate_events(
    gold_dir: str | Path,
    predicted: Sequence[Event] | str | Path,
    normalise: Normaliser | None = None,
) -> EventsReport:
    """Score ``predicted`` (events or a JSONL path) against ``gold_dir/events.jsonl``."""
    gold = load_gold_events(gold_dir)
    pred = load_predictions(predicted) if isinstance(predicted, (str, Path)) else list(predicted)
    normalise = normalise or alias_normaliser(gold_dir, _registry_normaliser())
    pairs = match_events(gold, pred, normalise)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    return EventsReport(
        gold=gold,
        pred=pred,
        pairs=[(gold[gi], pred[pi]) for gi, pi in sorted(pairs)],
        misses=[g for gi, g in enumerate(gold) if gi not in matched_g],
        false_positives=[p for pi, p in enumerate(pred) if pi not in matched_p],
        normalise=normalise,
    )


def _registry_normaliser() -> Normaliser:
    """The actor registry's canonicalisation: a name or alias -> the registry's canonical name."""
    from ..resolve.actors import default_registry

    registry = default_registry()

    def canonical(name: str) -> str:
        entry = registry.get(name) or registry.lookup(name)
        return entry.name if entry is not None else name

    return canonical


def write_events(events: Iterable[Event], path: str | Path) -> None:
    """Write events as JSONL, one ``to_dict`` per line (the --pred format)."""
    with Path(path).open("w", encoding="utf-8") as out:
        for event in events:
            out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
