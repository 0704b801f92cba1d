"""Find an article's outlet and publication date from its labelled lines.

Dates, in order of trust: 1. stated on the page (date line, print-edition line, wire
dateline); 2. inferred at day precision from an explicit date in captions or body text whose
weekday the text also names; 3. inferred at "week" precision from the latest explicit full date
in non-file-photo captions and body text, when the body's own year mentions agree with it.

Step 3 is only a lower bound: a photo is taken, and a dated fact happens, on or before the day
of publication, so the true day may be later. The coarse precision tells the event stage to
widen the time precision of everything dated relative to it. A caption date alone is often an
old photo's, so its year must be the latest year the body names (a story naming 2025 is not
from 2024) and must be named there at all.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from .dates import FoundDate, find_dates, weekdays_in, years_in
from .lines import Kind, Line
from .rules import Rules

LOGGER = logging.getLogger(__name__)

# "Algemeiner.com", "Sudan Monitor.org": a lower-case TLD right after the name.
_DOMAIN = re.compile(r"^(?:www\.)?(?P<name>\S.*?\w)(?:\.[a-z]{2,6}){1,2}$")


@dataclass(slots=True, frozen=True)
class DateGuess:
    """A publication date with where it came from (stated/inferred) and its precision."""

    published: str
    source: str
    precision: str


def clean_outlet(name: str | None) -> str | None:
    """Tidy an outlet name: 'Algemeiner.com' -> 'Algemeiner'; blank -> None."""
    if not name:
        return None
    name = name.strip(" .,:;|-\u2013\u2014\"'")
    m = _DOMAIN.match(name)
    if m:
        name = m.group("name")
    return name or None


def find_outlet(lines: list[Line]) -> str | None:
    """The outlet an article's own lines name: end markers first, then other boilerplate."""
    for kinds in ((Kind.END,), (Kind.BOILER, Kind.ZONE)):
        for line in lines:
            if line.kind in kinds and line.outlet:
                return clean_outlet(line.outlet)
    return None


def stated_date(lines: list[Line], first_body: str | None, rules: Rules) -> DateGuess | None:
    """The date the page states: keyed date lines, print-edition lines, then a wire dateline."""
    ranked: list[tuple[int, int, FoundDate]] = []
    for order, line in enumerate(lines):
        if line.kind not in (Kind.DATE, Kind.END):
            continue
        for found, rank in _keyed_dates(line.text, rules):
            ranked.append((rank, order, found))
    if ranked:
        # Published beats plain beats updated; within a rank the earliest day wins.
        rank = min(r for r, _, _ in ranked)
        best = min((f for r, _, f in ranked if r == rank), key=lambda f: (f.iso, f.start))
        return DateGuess(best.iso, "stated", best.precision)
    return _dateline(first_body, lines, rules) if first_body else None


def _keyed_dates(text: str, rules: Rules) -> list[tuple[FoundDate, int]]:
    out = []
    last = 0
    lowered = text.lower()
    for found in find_dates(text, rules):
        before = lowered[last : found.start]
        last = found.end
        if any(k in before for k in rules.updated_keys):
            rank = 2
        elif any(k in before for k in rules.published_keys):
            rank = 0
        else:
            rank = 1
        out.append((found, rank))
    return out


def _dateline(first_body: str, lines: list[Line], rules: Rules) -> DateGuess | None:
    m = rules.dateline.match(first_body)
    if not m:
        return None
    month = rules.months.get(m.group("month").lower().rstrip("."))
    year = m.group("year") or _context_year(lines, rules)
    if not month or not year:
        return None
    try:
        day = dt.date(int(year), month, int(m.group("day")))
    except ValueError:
        return None
    return DateGuess(day.isoformat(), "stated", "day")


def _context_year(lines: list[Line], rules: Rules) -> str | None:
    # A wire dateline omits the year; the latest full date in captions supplies it.
    years = [f.iso[:4] for ln in lines if ln.kind is Kind.CAPTION for f in find_dates(ln.text, rules)]
    return max(years) if years else None


def inferred_date(lines: list[Line], text: list[Line], rules: Rules) -> DateGuess | None:
    """Latest explicit day whose weekday the text also names.

    Caption days count when the weekday appears anywhere in the article (captions date the
    news photo of the day); body days only when their paragraph names the weekday too, since
    body dates are mostly background ("the offensive began on November 27").
    """
    captions = [ln.text for ln in lines if ln.kind is Kind.CAPTION and not rules.file_photo.search(ln.text)]
    weekdays = weekdays_in("\n".join([ln.text for ln in text] + captions), rules)
    days = [d for chunk in captions for d in _days(chunk, rules) if d.weekday() in weekdays]
    for line in text:
        local = weekdays_in(line.text, rules)
        days.extend(d for d in _days(line.text, rules) if d.weekday() in local)
    return DateGuess(max(days).isoformat(), "inferred", "day") if days else None


def bounded_date(lines: list[Line], text: list[Line], rules: Rules) -> DateGuess | None:
    """Latest explicit day in captions and body, as a lower bound ("week" precision).

    Accepted only when the body names that day's year and no later one: an undated story that
    names only older years, or none, may reuse an old photo, and its day is left unknown.
    """
    captions = [ln.text for ln in lines if ln.kind is Kind.CAPTION and not rules.file_photo.search(ln.text)]
    body = [ln.text for ln in text if ln.kind is Kind.BODY]
    days = [d for chunk in captions + body for d in _days(chunk, rules)]
    if not days:
        return None
    latest = max(days)
    years = years_in("\n".join(body))
    if latest.year not in years or max(years) > latest.year:
        return None
    return DateGuess(latest.isoformat(), "inferred", "week")


def _days(text: str, rules: Rules) -> list[dt.date]:
    return [d for d in (f.day for f in find_dates(text, rules)) if d is not None]


def guess_language(text: str, rules: Rules) -> str | None:
    """Cheap language guess: letters of a script, else the share of common function words."""
    sample = text[:4000]
    letters = max(1, sum(1 for ch in sample if ch.isalpha()))
    for script in rules.scripts:
        base = re.findall(f"[{script['base']}]", sample)
        if len(base) < 20 or len(base) / letters < 0.5:
            continue
        marks = script.get("chars")
        if marks and not any(ch in sample for ch in marks):
            continue
        return script["lang"]
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 5:
        return None
    scores = {lang: sum(1 for w in words if w in stop) / len(words) for lang, stop in rules.stopwords.items()}
    lang, share = max(scores.items(), key=lambda kv: kv[1])
    return lang if share >= rules.min_language_share else None
