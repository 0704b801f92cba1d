"""Find explicit calendar dates and weekday words in a line of text (English month names).

Deterministic regexes instead of a general date parser: segmentation needs only written-out
dates ("December 3, 2024", "03 Dec, 2024", "2024-12-03"), and must never read "in 2011" or
"on Monday" as a publication day.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from .rules import Rules, load_rules

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True, frozen=True)
class FoundDate:
    """One explicit date in a string: ``iso`` is YYYY-MM-DD, YYYY-MM or YYYY by ``precision``."""

    iso: str
    precision: str
    start: int
    end: int

    @property
    def day(self) -> dt.date | None:
        """The calendar day, when the precision is a day."""
        return dt.date.fromisoformat(self.iso) if self.precision == "day" else None


@dataclass(slots=True, frozen=True)
class _Patterns:
    full: tuple[re.Pattern[str], ...]
    month_year: re.Pattern[str]
    weekday: re.Pattern[str]


@lru_cache(maxsize=4)
def _patterns(rules: Rules) -> _Patterns:
    months = "|".join(sorted(rules.months, key=len, reverse=True))
    mon = rf"(?P<month>{months})\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    # "20258:21 PM": copied pages often glue the clock time to the year.
    year = r"(?P<year>(?:19|20)\d{2})(?:(?!\d)|(?=\d{1,2}:\d{2}))"
    full = (
        re.compile(rf"\b{mon}\s+{day},?\s+{year}", re.IGNORECASE),
        re.compile(rf"\b{day}\s+(?:of\s+)?{mon},?\s+{year}", re.IGNORECASE),
        re.compile(rf"\b(?P<year>(?:19|20)\d{{2}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})\b"),
        re.compile(rf"\b(?P<year>(?:19|20)\d{{2}})/(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})\b"),
    )
    month_year = re.compile(rf"\b{mon},?\s+{year}", re.IGNORECASE)
    weekday = re.compile(r"\b(" + "|".join(rules.weekdays) + r")s?\b", re.IGNORECASE)
    return _Patterns(full, month_year, weekday)


def _month_number(token: str, rules: Rules) -> int | None:
    if token.isdigit():
        return int(token)
    return rules.months.get(token.lower().rstrip("."))


def find_dates(text: str, rules: Rules | None = None) -> list[FoundDate]:
    """Return the explicit dates in ``text`` in reading order (full days first claim their span)."""
    rules = rules or load_rules()
    pats = _patterns(rules)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in pats.full:
        for m in pattern.finditer(text):
            month = _month_number(m.group("month"), rules)
            try:
                day = dt.date(int(m.group("year")), month or 0, int(m.group("day")))
            except ValueError:
                continue
            found.append(FoundDate(day.isoformat(), "day", m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in pats.month_year.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        month = _month_number(m.group("month"), rules)
        if month:
            found.append(FoundDate(f"{int(m.group('year')):04d}-{month:02d}", "month", m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


_YEAR = re.compile(r"(?<![\d,.])((?:19|20)\d{2})(?![\d,.]\d)")


def years_in(text: str) -> set[int]:
    """Return the four-digit years (1900-2099) named in ``text``, bare or inside a date."""
    return {int(m.group(1)) for m in _YEAR.finditer(text)}


def weekdays_in(text: str, rules: Rules | None = None) -> set[int]:
    """Return the weekdays (Monday=0) named in ``text``."""
    rules = rules or load_rules()
    return {rules.weekdays[m.group(1).lower()] for m in _patterns(rules).weekday.finditer(text)}


def strip_dates(text: str, rules: Rules | None = None) -> str:
    """Return ``text`` with its explicit dates and clock times removed (for date-line tests)."""
    rules = rules or load_rules()
    pieces = []
    last = 0
    for f in find_dates(text, rules):
        if f.start >= last:
            pieces.append(text[last : f.start])
            last = f.end
    pieces.append(text[last:])
    rest = " ".join(pieces)
    rest = re.sub(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", " ", rest, flags=re.IGNORECASE)
    return _patterns(rules).weekday.sub(" ", rest)


def parse_iso_like(value: str) -> tuple[str, str] | None:
    """Read a given date ("2024-12-03T10:00Z", "2024-12", "December 3, 2024") -> (iso, precision)."""
    value = value.strip()
    m = re.match(r"^((?:19|20)\d{2})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$", value)
    if m:
        year, month, day = m.group(1), m.group(2), m.group(3)
        try:
            if day:
                return dt.date(int(year), int(month), int(day)).isoformat(), "day"
            if month and 1 <= int(month) <= 12:
                return f"{year}-{int(month):02d}", "month"
        except ValueError:
            return None
        return year, "year"
    found = find_dates(value)
    return (found[0].iso, found[0].precision) if found else None
