"""Resolve date expressions to ISO days with an ACLED time precision.

``resolve_dates`` finds every date expression in an article (``datespans.find_date_spans``)
and resolves it against the publication day with plain calendar arithmetic: no dateparser
call per span, so a 600-word article takes well under a millisecond or two.

Conventions (docs/dates.md has the full table):
1. Explicit dates are precision 1; a date without a year takes the closest year that puts it
   on or before publication (on or after in a future-tense clause).
2. A weekday is the most recent such day on or before publication ("on Friday" in a Friday
   report is that Friday); future clauses and "next" look forward and are flagged ``future``.
3. Vague windows ("last week", "earlier this month", "in late November") take the window's
   middle day, ACLED style, never after publication; precision 2 for a week, 3 for a month.
4. "since X" keeps X as the day and the publication day as ``end_day``.
5. Year-only expressions and "N years ago" are never returned: events must not use them.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable, Union

from ..model import DateRef, Evidence
from .datespans import DateSpan, detect_tense, find_date_spans, load_rules

LOGGER = logging.getLogger(__name__)

#: A tense for every date ("past"/"future"), or a function of a span's (start, end) giving
#: one or None (None = read cue words in the clause).
TenseHint = Union[str, Callable[[int, int], Union[str, None]], None]

# Day windows for "early/mid/late <month>" (last day is clipped to the month's length).
_MONTH_PARTS = {"early": (1, 10), "start": (1, 10), "beginning": (1, 10), "mid": (11, 20),
                "middle": (11, 20), "late": (21, 31), "end": (21, 31)}


@dataclass(slots=True, frozen=True)
class ResolvedDate:
    """One expression resolved: ISO day, optional ISO end day, precision 1-3, future flag, kind."""

    day: str
    end_day: str | None
    time_precision: int
    future: bool = False
    kind: str = ""


@dataclass(slots=True, frozen=True)
class _Window:
    """A resolved expression before it becomes ISO strings."""

    day: date
    precision: int
    end: date | None = None


def parse_published(published: str | None) -> date | None:
    """Return the publication day from an ISO date or datetime string, or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        LOGGER.warning("publication date %r is not ISO; only dated expressions resolve", published)
        return None


def _middle(first: date, last: date) -> date:
    """Middle day of [first, last], rounding down (ACLED codes vague windows at their middle)."""
    return first + timedelta(days=(last - first).days // 2)


def _month_end(year: int, month: int) -> int:
    """Number of days in the month."""
    return calendar.monthrange(year, month)[1]


def _add_months(day: date, months: int) -> date:
    """Same day-of-month ``months`` later (earlier if negative), clipped to the month end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _month_end(year, month + 1)))


def _day_number(raw: str) -> int:
    """Day of month from "3", "03" or "3rd"."""
    return int(raw.rstrip("stndrh"))


def _month_number(raw: str) -> int:
    """Month number from a name ("Dec.", "December") or digits ("12" in ISO dates)."""
    return int(raw) if raw.isdigit() else load_rules().months[raw.rstrip(".").lower()]


def _pick_year(month: int, day: int, pub: date, tense: str) -> date | None:
    """Closest year putting month/day on or before ``pub`` (on or after it when future)."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        if day <= _month_end(year, month):
            candidates.append(date(year, month, day))
    if tense == "future":
        ahead = [c for c in candidates if c >= pub]
        return min(ahead) if ahead else None
    behind = [c for c in candidates if c <= pub]
    return max(behind) if behind else None


def _calendar_day(span: DateSpan, pub: date | None, tense: str, key: str = "day") -> date | None:
    """The day a date span names, choosing its year from ``pub`` when the text gives none."""
    fields = span.fields
    if span.rule == "slash":
        first, second = int(fields["a"]), int(fields["b"])
        if first > 12 >= second:
            month, day = second, first
        elif second > 12 >= first or first == second:
            month, day = first, second
        else:
            return None  # 03/04/2024: day-first or month-first cannot be told apart
    else:
        month, day = _month_number(fields["month"]), _day_number(fields[key])
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if "year" in fields:
        year = int(fields["year"])
        return date(year, month, day) if day <= _month_end(year, month) else None
    return _pick_year(month, day, pub, tense) if pub else None


def _resolve_date(span: DateSpan, pub: date | None, tense: str) -> _Window | None:
    """Explicit date, or range "December 1-3" (first day, ``end`` the last)."""
    first = _calendar_day(span, pub, tense)
    if first is None:
        return None
    if span.kind != "date_range":
        return _Window(first, 1)
    month, last_day = first.month, _day_number(span.fields["day2"])
    if last_day <= first.day or last_day > _month_end(first.year, month):
        return _Window(first, 1)
    return _Window(first, 1, first.replace(day=last_day))


def _prefix_words(span: DateSpan) -> list[str]:
    """Lowercase words before a month name ("in", "late", "mid")."""
    return span.fields.get("prefix", "").lower().replace("-", " ").split()


def _month_part(span: DateSpan) -> str | None:
    """"early", "mid", "late", ... when the expression names part of a month."""
    return next((w for w in _prefix_words(span) if w in _MONTH_PARTS), None)


def _month_window(span: DateSpan, pub: date | None, tense: str) -> tuple[date, date] | None:
    """First and last day of "(early|mid|late) <month> [year]", choosing the year if absent."""
    words = _prefix_words(span)
    low, high = _MONTH_PARTS.get(_month_part(span) or "", (1, 31))
    month = _month_number(span.fields["month"])

    def window(year: int) -> tuple[date, date]:
        """First and last day of the month part in ``year``."""
        return date(year, month, low), date(year, month, min(high, _month_end(year, month)))

    if "year" in span.fields:
        return window(int(span.fields["year"]))
    if pub is None:
        return None
    if "next" in words or (tense == "future" and "last" not in words):
        strict = "next" in words  # "next November" in November means next year's
        ahead = [window(y) for y in (pub.year, pub.year + 1)]
        return next(w for w in ahead if (w[0] > pub if strict else w[1] >= pub))
    strict = "last" in words  # "last November" in November means last year's
    behind = [window(y) for y in (pub.year, pub.year - 1)]
    return next(w for w in behind if (w[1] < pub if strict else w[0] <= pub))


def _resolve_month(span: DateSpan, pub: date | None, tense: str) -> _Window | None:
    """"(early|mid|late) <month> [year]" at the middle of its window."""
    window = _month_window(span, pub, tense)
    if window is None:
        return None
    first, last = window
    if pub is not None and first <= pub <= last:
        # The current month: a past report covers only the days up to publication.
        first, last = (first, pub) if tense != "future" else (pub, last)
    # A named part of a month ("late November") is about ten days: ACLED's week precision.
    precision = 2 if _month_part(span) else 3
    return _Window(_middle(first, last), precision)


def _resolve_weekday(span: DateSpan, pub: date | None, tense: str) -> _Window | None:
    """Weekday at the latest such day on or before publication, or ahead when future."""
    if pub is None:
        return None
    target = load_rules().weekdays[span.fields["weekday"].lower()]
    mod = span.fields.get("mod", "").lower().split()
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    if {"last", "past"} & set(mod):
        return _Window(pub - timedelta(days=back or 7), 1)
    if {"next", "coming"} & set(mod):
        return _Window(pub + timedelta(days=ahead or 7), 1)
    if tense == "future":
        return _Window(pub + timedelta(days=ahead), 1)
    return _Window(pub - timedelta(days=back), 1)


def _monday(day: date) -> date:
    """Monday of the week containing ``day``."""
    return day - timedelta(days=day.weekday())


def _saturday(pub: date, forward: bool) -> date:
    """The Saturday on or before ``pub`` (on or after when ``forward``)."""
    if forward:
        return pub + timedelta(days=(5 - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - 5) % 7)


def _span_of_month(day: date) -> tuple[date, date]:
    """First and last day of the month containing ``day``."""
    return day.replace(day=1), day.replace(day=_month_end(day.year, day.month))


def _relative_window(op: str, pub: date, n: int, tense: str) -> tuple[date, date] | None:
    """First and last day an ``op`` from the data file covers, relative to ``pub``."""
    one = timedelta(days=1)
    week_start, (month_start, month_last) = _monday(pub), _span_of_month(pub)
    if op == "this_week":
        op = "later_this_week" if tense == "future" else "earlier_this_week_incl"
    if op == "this_month":
        op = "later_this_month" if tense == "future" else "this_month_to_date"
    windows: dict[str, tuple[date, date]] = {
        "days": (pub + n * one, pub + n * one),
        "days_ago": (pub - n * one, pub - n * one),
        "weeks_ago": (pub - 7 * n * one, pub - 7 * n * one),
        "last_week": (week_start - 7 * one, week_start - one),
        "past_days": (pub - n * one, pub - one),
        "earlier_this_week": (week_start, max(week_start, pub - one)),
        "earlier_this_week_incl": (week_start, pub),
        "later_this_week": (pub + one, max(pub + one, week_start + 6 * one)),
        "next_week": (week_start + 7 * one, week_start + 13 * one),
        "earlier_this_month": (month_start, max(month_start, pub - one)),
        "this_month_to_date": (month_start, pub),
        "later_this_month": (min(pub + one, month_last), month_last),
        "last_month": _span_of_month(month_start - one),
        "next_month": _span_of_month(month_last + one),
    }
    if op == "months_ago":
        return _add_months(pub, -n), _add_months(pub, -n)
    if op in ("weekend", "next_weekend"):
        forward = op == "next_weekend" or tense == "future"
        saturday = _saturday(pub + one if op == "next_weekend" else pub, forward)
        return saturday, saturday + one
    return windows.get(op)


def _resolve_relative(span: DateSpan, pub: date | None, tense: str) -> _Window | None:
    """Relative phrase ("last week", "two days ago") via its op from the data file."""
    if pub is None:
        return None
    fields = span.fields
    raw_n = fields.get("n", "") or "1"
    numbers = load_rules().numbers
    n = int(raw_n) if raw_n.lstrip("-").isdigit() else numbers.get(raw_n.lower(), 1)
    window = _relative_window(fields["op"], pub, n, tense)
    if window is None:
        LOGGER.debug("no window for relative op %s", fields["op"])
        return None
    first, last = window
    if first <= pub < last:
        last = pub  # a past window never runs past the report
    precision = int(fields["precision"])
    if first == last or fields["op"] == "weekend":
        return _Window(first, precision, last if last != first else None)
    return _Window(_middle(first, last), precision)


_RESOLVERS = {
    "date": _resolve_date,
    "date_range": _resolve_date,
    "month": _resolve_month,
    "weekday": _resolve_weekday,
    "relative": _resolve_relative,
}


def resolve_span(span: DateSpan, published: date | None, tense: str = "past") -> ResolvedDate | None:
    """Resolve one found span against the publication day; None for years and the unresolvable."""
    resolver = _RESOLVERS.get(span.kind)
    if resolver is None:
        return None
    window = resolver(span, published, tense)
    if window is None:
        return None
    end = window.end
    if span.since and published is not None and window.day < published:
        end = published  # "since late on Friday": open range up to the report
    future = published is not None and window.day > published
    return ResolvedDate(
        day=window.day.isoformat(),
        end_day=end.isoformat() if end is not None and end != window.day else None,
        time_precision=window.precision,
        future=future,
        kind=span.kind,
    )


# Relative ops whose reading depends on tense ("this week" past vs "this week" ahead).
_TENSED_OPS = frozenset({"this_week", "this_month", "weekend"})


def _tense_matters(span: DateSpan) -> bool:
    """Only weekdays, yearless dates/months and a few relatives read differently by tense."""
    if span.kind == "relative":
        return span.fields.get("op") in _TENSED_OPS
    return span.kind == "weekday" or ("year" not in span.fields and span.rule != "slash")


def _tense_for(span: DateSpan, text: str, hint: TenseHint) -> str:
    """Tense for one span: the caller's hint, else cue words, else past."""
    if not _tense_matters(span):
        return "past"
    if isinstance(hint, str):
        return hint
    if hint is not None:
        given = hint(span.start, span.end)
        if given:
            return given
    return detect_tense(text, span.start, span.end)


def resolve_dates(
    text: str, article_id: str, published: str | None, tense_hint: TenseHint = None
) -> list[DateRef]:
    """Find and resolve every date expression in ``text``.

    Args:
        text: the article text; evidence offsets index into it.
        article_id: written into each Evidence.
        published: ISO publication day (or datetime); None resolves only dates with a year.
        tense_hint: "past"/"future" for all spans, or a function (start, end) -> tense or None;
            by default cue words in the clause decide ("will meet on Monday" -> future).

    Returns:
        DateRefs in text order; year-only expressions are left out; ``future`` marks days
        after publication.
    """
    pub = parse_published(published)
    refs: list[DateRef] = []
    for span in find_date_spans(text):
        if span.kind == "year":
            continue
        resolved = resolve_span(span, pub, _tense_for(span, text, tense_hint))
        if resolved is None:
            continue
        evidence = Evidence(article_id, span.start, span.end, span.text)
        refs.append(
            DateRef(resolved.day, resolved.end_day, resolved.time_precision, evidence, resolved.future)
        )
    return refs


def resolve_expression(expr: str, published: str | None) -> ResolvedDate | None:
    """Resolve a single expression ("late on Sunday", "Dec. 7", "3 December 2024").

    Falls back to dateparser (loaded lazily) for explicit formats the rules do not know.
    """
    pub = parse_published(published)
    spans = find_date_spans(expr)
    for span in spans:
        resolved = resolve_span(span, pub, _tense_for(span, expr, None))
        if resolved is not None:
            return resolved
    # Only text the rules found nothing in goes to dateparser: "13 years ago" stays unresolved.
    return None if spans else _dateparser_fallback(expr, pub)


def _dateparser_fallback(expr: str, pub: date | None) -> ResolvedDate | None:
    """Explicit dates in odd formats ("02.12.2024"); never relative words, which need tense."""
    if not any(ch.isdigit() for ch in expr):
        return None
    import dateparser  # type: ignore[import-untyped]  # slow import (~0.5 s): rare path only

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    if "." in expr:
        settings["DATE_ORDER"] = "DMY"  # dotted numeric dates (02.12.2024) are day-first
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    return ResolvedDate(day.isoformat(), None, 1, pub is not None and day > pub, "date")
