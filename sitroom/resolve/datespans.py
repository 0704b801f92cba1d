"""Find date expressions in text with regex rules loaded from ``data/date_patterns.json``.

This module only finds spans and says what kind they are; ``dates.py`` turns them into days.
All rules run once over the whole text (no per-token parsing), overlapping matches keep the
longest, and the surrounding clause is read for tense cues ("will meet on Monday").
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

LOGGER = logging.getLogger(__name__)

# Characters that end the clause a date belongs to when we look for tense cues.
# Quotes are not boundaries: "sent forces to Homs on Friday" must see "sent" past a quote.
_CLAUSE_END = re.compile(
    r"[.;:!?\n]|,\s+(?:and|but|while|as|which|who)\b|\s(?:but|while|although|though|whereas)\s"
)
_CUE_WINDOW = 90
# Characters searched either side of an anchor: longer than any date expression.
_RULE_WINDOW = 48
_MOD_REACH = 24  # longest weekday modifier: "this coming " / "before dawn on "
_PASSIVE = re.compile(r"\b(?:be|been|being)\s+$", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class DateSpan:
    """A date expression found in text: [start, end) offsets, its kind and the rule's captures.

    ``kind`` is ``date``, ``date_range``, ``month``, ``weekday``, ``relative`` or ``year``;
    ``since`` is True for "since X" (an open range up to the report); ``fields`` holds the
    named captures plus, for relative rules, ``op``/``n``/``precision`` from the data file.
    """

    start: int
    end: int
    text: str
    kind: str
    rule: str
    fields: Mapping[str, str] = field(default_factory=dict)
    since: bool = False


@dataclass(slots=True, frozen=True)
class _Rule:
    name: str
    kind: str
    pattern: re.Pattern[str]
    extra: Mapping[str, str]
    anchors: tuple[str, ...]  # literal strings; all-lowercase ones are matched case-blind


@dataclass(slots=True, frozen=True)
class DateRules:
    """Compiled rules and the vocabularies the resolver needs."""

    rules: tuple[_Rule, ...]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    trim: re.Pattern[str]
    exclude_before: frozenset[str]
    exclude_after: tuple[str, ...]
    weekday_mod: re.Pattern[str]
    cues: re.Pattern[str]  # groups "future" and "past"; future wins a tie ("scheduled")


def _alternation(words: list[str]) -> str:
    """Regex alternation with longer words first, so "June" wins over "Jun"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _macros(data: Mapping[str, Any]) -> dict[str, str]:
    """Regex fragments for <MONTH>, <WEEKDAY>, <NUMBER> and the data file's own macros."""
    months: dict[str, int] = data["months"]
    longest: dict[int, str] = {}
    for name, number in months.items():
        if len(name) > len(longest.get(number, "")):
            longest[number] = name
    full = [m.capitalize() for m in longest.values()]
    abbrev = [m.capitalize() for m in months if m.capitalize() not in full]
    # An abbreviation may carry a full stop ("Dec. 7"); a full name may not.
    month = f"(?:{_alternation(full)}|(?:{_alternation(abbrev)})\\.?)"
    macros = dict(data["macros"])
    macros["MONTH"] = month
    macros["FULLMONTH"] = f"(?:{_alternation(full)})"
    macros["WEEKDAY"] = f"(?:{_alternation([d.capitalize() for d in data['weekdays']])})"
    macros["NUMBER"] = f"(?:{_alternation(list(data['numbers']))})"
    return macros


def _expand(regex: str, macros: Mapping[str, str]) -> str:
    """Replace <NAME> placeholders in a rule regex."""
    for name, value in macros.items():
        regex = regex.replace(f"<{name}>", value)
    return regex


def _anchors(names: list[str], data: Mapping[str, Any]) -> tuple[str, ...]:
    """Expand <MONTHS>/<WEEKDAYS>/<YEARS> into the literal strings a rule's window needs."""
    expanded: list[str] = []
    for name in names:
        if name == "<MONTHS>":
            # Three capitalised letters cover every month form: "Dec", "December", "Dec.".
            expanded += sorted({m[:3].capitalize() for m in data["months"]})
        elif name == "<WEEKDAYS>":
            expanded += [d.capitalize() for d in data["weekdays"]]
        elif name == "<YEARS>":
            expanded += data["year_anchors"]
        else:
            expanded.append(name)
    return tuple(expanded)


def _compile_rules(data: Mapping[str, Any], macros: Mapping[str, str]) -> tuple[_Rule, ...]:
    """Compile the data file's rules in priority order, one rule per relative phrase."""
    rules: list[_Rule] = []
    for spec in data["rules"]:
        if spec["regex"] == "<RELATIVE>":
            # Each relative phrase is its own rule so it can carry its own op and precision.
            for k, rel in enumerate(data["relative"]):
                pattern = re.compile(rf"\b(?:{_expand(rel['regex'], macros)})\b", re.IGNORECASE)
                extra = {"op": rel["op"], "n": str(rel.get("n", "")), "precision": str(rel["precision"])}
                anchors = _anchors(rel["anchors"], data)
                rules.append(_Rule(f"relative{k}", "relative", pattern, extra, anchors))
            continue
        pattern = re.compile(_expand(spec["regex"], macros))
        rules.append(_Rule(spec["name"], spec["kind"], pattern, {}, _anchors(spec["anchors"], data)))
    return tuple(rules)


@lru_cache(maxsize=1)
def load_rules() -> DateRules:
    """Load and compile the packaged date rules once per process."""
    text = resources.files("sitroom").joinpath("data/date_patterns.json").read_text("utf-8")
    data = json.loads(text)
    macros = _macros(data)
    trim = re.compile(rf"(?:{'|'.join(data['trim_prefixes'])})\s+", re.IGNORECASE)
    return DateRules(
        rules=_compile_rules(data, macros),
        months=data["months"],
        weekdays=data["weekdays"],
        numbers=data["numbers"],
        trim=trim,
        exclude_before=frozenset(data["weekday_exclude_before"]),
        exclude_after=tuple(data["weekday_exclude_after"]),
        weekday_mod=re.compile(data["weekday_mod"]),
        cues=re.compile(f"(?P<future>{data['future_cues']})|(?P<past>{data['past_cues']})", re.IGNORECASE),
    )


def _excluded(text: str, match: re.Match[str], rules: DateRules) -> bool:
    """True for names that only contain a weekday: "Good Friday", "Sunday Times"."""
    before = text[max(0, match.start() - 12) : match.start()].split()
    if before and before[-1] in rules.exclude_before:
        return True
    after = text[match.end() : match.end() + 20].lstrip()
    return after.startswith(rules.exclude_after)


def _occurrences(text: str, lower: str, anchor: str, cache: dict[str, list[int]]) -> list[int]:
    """Start offsets of ``anchor`` (str.find is C-fast; a regex scan per rule is not)."""
    found = cache.get(anchor)
    if found is None:
        haystack = lower if anchor.islower() else text
        found, pos = [], haystack.find(anchor)
        while pos >= 0:
            found.append(pos)
            pos = haystack.find(anchor, pos + 1)
        cache[anchor] = found
    return found


def _windows(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Merge [anchor - W, anchor + W] windows, widened to whitespace so no word is cut."""
    merged: list[tuple[int, int]] = []
    for pos in sorted(starts):
        lo = text.rfind(" ", 0, max(0, pos - _RULE_WINDOW)) + 1
        hi = text.find(" ", min(len(text), pos + _RULE_WINDOW))
        hi = len(text) if hi < 0 else hi
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _modifier_start(text: str, start: int, rules: DateRules) -> int:
    """Start of "late on"/"last"/"next" before a weekday (a separate regex: 6x faster)."""
    mod = rules.weekday_mod.search(text, max(0, start - _MOD_REACH), start)
    return mod.start() if mod else start


def _candidates(text: str, rules: DateRules) -> list[tuple[int, int, int, re.Match[str]]]:
    """All rule matches inside their anchors' windows, deduplicated."""
    found: dict[tuple[int, int, int], re.Match[str]] = {}
    lower, cache = text.lower(), dict[str, list[int]]()
    # Many rules share anchors (all month rules): compute their windows once per text.
    windows: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for order, rule in enumerate(rules.rules):
        if rule.anchors not in windows:
            starts = [p for a in rule.anchors for p in _occurrences(text, lower, a, cache)]
            windows[rule.anchors] = _windows(text, starts)
        for lo, hi in windows[rule.anchors]:
            for match in rule.pattern.finditer(text, lo, hi):
                if match.end() == match.start():
                    continue
                start = match.start()
                if rule.kind == "weekday":
                    if _excluded(text, match, rules):
                        continue
                    start = _modifier_start(text, start, rules)
                found[(start, match.end(), order)] = match
    return [(start, end, order, m) for (start, end, order), m in found.items()]


def _select(found: list[tuple[int, int, int, re.Match[str]]]) -> list[tuple[int, int, int, re.Match[str]]]:
    """Keep non-overlapping matches, longest first, then by rule order."""
    chosen: list[tuple[int, int, int, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = item[0], item[1]
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append(item)
    chosen.sort(key=lambda c: c[0])
    return chosen


def _make_span(text: str, item: tuple[int, int, int, re.Match[str]], rules: DateRules) -> DateSpan:
    """DateSpan from a match: trims leading prepositions, absorbs a preceding "since"."""
    start, end, order, match = item
    rule = rules.rules[order]
    fields = dict(rule.extra)  # data defaults first: a captured count ("two days ago") wins
    fields.update({k: v for k, v in match.groupdict().items() if v is not None})
    if rule.kind == "weekday":
        fields["mod"] = text[start : match.start()]
    trimmed = rules.trim.match(text, start, end)
    if trimmed:
        start = trimmed.end()
    since = text[start:end].lower().startswith("since ")
    if not since and text[max(0, start - 6) : start].lower() == "since ":
        # "since Friday": the range opener sits just outside the rule's match.
        start, since = start - 6, True
    return DateSpan(start, end, text[start:end], rule.kind, rule.name, fields, since)


def find_date_spans(text: str) -> list[DateSpan]:
    """Return every date expression in ``text``, in order, without overlaps.

    Year-only expressions ("in 2011", "13 years ago") come back with kind ``year`` so callers
    can tell background history from undated sentences; ``resolve_dates`` never uses them.
    """
    rules = load_rules()
    return [_make_span(text, item, rules) for item in _select(_candidates(text, rules))]


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the clause around [start, end), at most _CUE_WINDOW either side."""
    left = max(0, start - _CUE_WINDOW)
    for m in _CLAUSE_END.finditer(text, left, start):
        left = m.end()
    right_match = _CLAUSE_END.search(text, end, min(len(text), end + _CUE_WINDOW))
    right = right_match.start() if right_match else min(len(text), end + _CUE_WINDOW)
    return left, right


def detect_tense(text: str, start: int, end: int) -> str:
    """Return ``future`` or ``past`` for the date at [start, end) from cue words in its clause.

    The nearest cue before the date decides ("said on Monday it will" -> past); with none
    before, the first cue after it does ("On Monday, ministers will meet" -> future).
    """
    rules = load_rules()
    left, right = _clause_bounds(text, start, end)
    before: str | None = None
    for cue in rules.cues.finditer(text, left, start):
        if cue.lastgroup == "past" and _PASSIVE.search(text, max(left, cue.start() - 7), cue.start()):
            continue  # "will be held": the participle carries no tense of its own
        before = cue.lastgroup
    if before is not None:
        return before
    after = rules.cues.search(text, end, right)
    return after.lastgroup if after and after.lastgroup else "past"
