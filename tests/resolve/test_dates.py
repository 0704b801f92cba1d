"""Tests for date span finding and resolution (sitroom.resolve.dates / datespans)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.model import DateRef
from sitroom.resolve.dates import resolve_dates, resolve_expression
from sitroom.resolve.datespans import detect_tense, find_date_spans

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _one(text: str, published: str | None) -> DateRef:
    refs = resolve_dates(text, "a#1", published)
    assert len(refs) == 1, refs
    return refs[0]


@pytest.mark.parametrize(
    ("expr", "published", "day", "precision"),
    [
        ("on December 3, 2024", "2024-12-05", "2024-12-03", 1),
        ("on 3 December 2024", "2024-12-05", "2024-12-03", 1),
        ("Updated: Dec 02 2024 | 10:55 PM IST", "2024-12-02", "2024-12-02", 1),
        ("in Syria on Nov 30, 2024. AFP", "2024-12-03", "2024-11-30", 1),
        ("filed 2024-12-01 by staff", None, "2024-12-01", 1),
        ("Published December 3rd, 2024", None, "2024-12-03", 1),
        ("03 Dec, 2024", None, "2024-12-03", 1),
        ("Sunday, December 1, 2024", None, "2024-12-01", 1),
        ("the vote on Dec. 7 was close", "2024-12-09", "2024-12-07", 1),
        ("the attack on December 7 killed four", "2024-12-03", "2023-12-07", 1),
        ("it began on November 27.", "2024-12-06", "2024-11-27", 1),
        ("the 27th of November", "2024-12-06", "2024-11-27", 1),
        ("on 15/11/2024", None, "2024-11-15", 1),
        ("in November 2024", "2024-12-03", "2024-11-15", 3),
        ("since it began in late November", "2024-12-03", "2024-11-25", 2),
        ("in mid-October", "2024-12-03", "2024-10-15", 2),
        ("in November", "2024-11-13", "2024-11-07", 3),
    ],
)
def test_dates_explicit_expressions(expr: str, published: str | None, day: str, precision: int) -> None:
    ref = _one(expr, published)
    assert (ref.day, ref.time_precision, ref.future) == (day, precision, False)


@pytest.mark.parametrize(
    ("sentence", "published", "day"),
    [
        ("fighters crossed late on Sunday using a dirt road", "2024-12-02", "2024-12-01"),
        ("fighters crossed into Syria on Sunday night", "2024-12-03", "2024-12-01"),
        ("warplanes intensified attacks on Monday", "2024-12-03", "2024-12-02"),
        ("the group sent forces to Homs on Friday", "2024-12-07", "2024-12-06"),
        ("rebels entered the suburbs on Saturday", "2024-12-07", "2024-12-07"),
        ("On Monday evening, militants attacked a convoy", "2024-11-13", "2024-11-11"),
        ("thousands began fleeing on Thursday night", "2024-12-06", "2024-12-05"),
        ("shelling resumed early on Monday", "2024-12-04", "2024-12-02"),
        ("the ministry said last Sunday", "2024-12-01", "2024-11-24"),
        ("Monday's strike killed three", "2024-12-04", "2024-12-02"),
        ("troops were deployed overnight", "2024-12-06", "2024-12-06"),
        ("the army said yesterday", "2024-12-06", "2024-12-05"),
        ("clashes erupted today", "2024-12-06", "2024-12-06"),
        ("rebels took the town two days ago", "2024-12-06", "2024-12-04"),
    ],
)
def test_dates_weekdays_and_days_resolve_on_or_before_publication(sentence: str, published: str, day: str) -> None:
    ref = _one(sentence, published)
    assert (ref.day, ref.time_precision, ref.future) == (day, 1, False)


@pytest.mark.parametrize(
    ("sentence", "published", "day", "precision"),
    [
        ("rebels who seized Aleppo last week", "2024-12-02", "2024-11-28", 2),
        ("the sweep into Aleppo a week ago", "2024-12-07", "2024-11-30", 2),
        ("fighters recently arrived in the province", "2024-11-13", "2024-11-13", 3),
        ("talks held earlier this month failed", "2024-12-20", "2024-12-10", 3),
        ("the offensive this week", "2024-12-04", "2024-12-03", 2),
        ("strikes continued over the weekend", "2024-12-03", "2024-11-30", 2),
        ("the base was hit last month", "2024-12-03", "2024-11-15", 3),
        ("the town fell three weeks ago", "2024-12-22", "2024-12-01", 2),
    ],
)
def test_dates_vague_windows_take_middle_day_with_coarse_precision(
    sentence: str, published: str, day: str, precision: int
) -> None:
    ref = _one(sentence, published)
    assert (ref.day, ref.time_precision, ref.future) == (day, precision, False)


def test_dates_since_gives_range_to_publication() -> None:
    ref = _one("Fighting had raged around the city since late on Friday with", "2024-12-07")
    assert (ref.day, ref.end_day, ref.time_precision) == ("2024-12-06", "2024-12-07", 1)
    assert ref.evidence.text == "since late on Friday"


def test_dates_evidence_drops_leading_prepositions_but_keeps_modifiers() -> None:
    refs = resolve_dates("Rebels seized it in late November and in May, on Sunday and during 2023.", "a", "2024-12-05")
    assert [r.evidence.text for r in refs] == ["late November", "May", "Sunday"]
    assert _one("In the past 24 hours, 40 people were killed", "2024-12-05").day == "2024-12-05"


def test_dates_explicit_range() -> None:
    ref = _one("Clashes on December 1-3, 2024 left dozens dead", "2024-12-05")
    assert (ref.day, ref.end_day) == ("2024-12-01", "2024-12-03")


@pytest.mark.parametrize(
    ("sentence", "published", "day"),
    [
        ("Ministers will meet on Monday in Geneva", "2024-12-04", "2024-12-09"),
        ("Talks are to be held on Monday", "2024-12-04", "2024-12-09"),
        ("He said he would travel to Moscow on Friday", "2024-12-04", "2024-12-06"),
        ("On Monday, ministers will meet", "2024-12-04", "2024-12-09"),
        ("We are ready to start negotiating tomorrow", "2024-12-02", "2024-12-03"),
        ("The envoy visits next week", "2024-12-03", "2024-12-12"),
        ("Elections will be held in November", "2024-10-03", "2024-11-15"),
    ],
)
def test_dates_future_clauses_resolve_forward_and_are_flagged(sentence: str, published: str, day: str) -> None:
    ref = _one(sentence, published)
    assert (ref.day, ref.future) == (day, True)


def test_dates_past_reporting_verb_wins_over_later_future() -> None:
    ref = _one("A senior official announced on Friday that Iran will send missiles", "2024-12-06")
    assert (ref.day, ref.future) == ("2024-12-06", False)
    assert detect_tense("On Monday, Iran said it will send troops", 3, 9) == "past"


def test_dates_tense_hint_overrides_cue_words() -> None:
    text = "Ministers meet on Monday"
    assert resolve_dates(text, "a", "2024-12-04", tense_hint="future")[0].day == "2024-12-09"
    assert resolve_dates(text, "a", "2024-12-04", tense_hint=lambda s, e: "past")[0].day == "2024-12-02"


@pytest.mark.parametrize(
    "text",
    [
        "to save President Bashar al-Assad's 24-year rule",
        "around 2,000 Syrian soldiers crossed",
        "the M5 highway, 30 km (20 miles) south",
        "the civil war erupted 13 years ago",
        "rebels held much of Aleppo from 2012 until 2016",
        "a 35-year-old man and 300 fighters",
        "after two days of meetings",
        "Worshippers gathered on Good Friday; the Sunday Times reported",
        "we may see 10 more",
    ],
)
def test_dates_numbers_and_names_that_are_not_dates_give_nothing(text: str) -> None:
    assert resolve_dates(text, "a", "2024-12-03") == []


def test_dates_years_are_found_as_year_spans_but_never_resolved() -> None:
    spans = find_date_spans("since 2022 and 13 years ago")
    assert [(s.kind, s.text) for s in spans] == [("year", "since 2022"), ("year", "13 years ago")]
    assert resolve_expression("13 years ago", "2024-12-03") is None


def test_dates_without_publication_only_dated_expressions_resolve() -> None:
    refs = resolve_dates("On Sunday, and on December 1, 2024, and on Dec. 7", "a", None)
    assert [r.day for r in refs] == ["2024-12-01"]


def test_dates_evidence_slices_text_and_round_trips() -> None:
    text = "AMMAN: Fighters crossed on Sunday night; on Monday, late on Friday and on Nov 30, 2024."
    refs = resolve_dates(text, "003#1", "2024-12-03")
    assert [r.evidence.text for r in refs] == ["Sunday night", "Monday", "late on Friday", "Nov 30, 2024"]
    for ref in refs:
        assert text[ref.evidence.start : ref.evidence.end] == ref.evidence.text
        assert ref.evidence.article_id == "003#1"
        assert DateRef.from_dict(ref.to_dict()) == ref


def test_dates_resolve_expression_falls_back_to_dateparser_for_odd_formats() -> None:
    found = resolve_expression("02.12.2024", "2024-12-03")
    assert found is not None and (found.day, found.time_precision) == ("2024-12-02", 1)
    assert resolve_expression("the Homs front", "2024-12-03") is None


WEEKDAY_FORMS = ["on {d}", "late on {d}", "early on {d}", "{d} night", "on {d} evening", "last {d}",
                 "since late on {d}", "{d} morning", "overnight on {d}"]
RELATIVE_FORMS = ["yesterday", "today", "overnight", "last night", "last week", "a week ago", "two days ago",
                  "earlier this week", "this week", "earlier this month", "recently", "over the weekend",
                  "in recent days", "last month", "three weeks ago", "the day before yesterday"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@settings(max_examples=300, deadline=None)
@given(
    pub=st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)),
    form=st.sampled_from(WEEKDAY_FORMS + RELATIVE_FORMS),
    weekday=st.sampled_from(DAYS),
)
def test_dates_past_expressions_never_after_publication(pub: date, form: str, weekday: str) -> None:
    expr = form.format(d=weekday)
    refs = resolve_dates(f"Rebels attacked the town {expr}, residents said.", "a", pub.isoformat())
    assert len(refs) == 1, (expr, refs)
    day = date.fromisoformat(refs[0].day)
    assert day <= pub and not refs[0].future
    if refs[0].end_day is not None:
        assert day < date.fromisoformat(refs[0].end_day) <= pub
    if "{d}" in form:
        assert day >= pub - timedelta(days=7)
        assert day.strftime("%A") == weekday


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("0123456789 /-.,DecMonSuyatfrwklis")), max_size=80),
       pub=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))))
def test_dates_any_text_resolves_without_error_and_slices(text: str, pub: date | None) -> None:
    for ref in resolve_dates(text, "a", pub.isoformat() if pub else None):
        assert text[ref.evidence.start : ref.evidence.end] == ref.evidence.text
        assert ref.time_precision in (1, 2, 3)


# --- gold: every dated hint sentence in the seed events resolves to the gold day ---------------


def _norm(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _sentence_with(text: str, hint: str) -> str | None:
    position = _norm(text).find(_norm(hint))
    if position < 0:
        return None
    for match in re.finditer(r"[^\n.!?]+(?:[.!?]+|(?=\n)|$)", text):
        if match.start() <= position < match.end():
            return match.group(0)
    return None


def _gold_cases() -> list[tuple[str, str, str, str, int]]:
    seeds = SHARED / "eval" / "seeds"
    articles: dict[str, tuple[str, str | None]] = {}
    for line in (seeds / "documents.jsonl").read_text("utf-8").splitlines():
        doc = json.loads(line)
        lines = (SHARED / "seeds" / doc["file"]).read_text("utf-8").split("\n")
        for art in doc["articles"]:
            first, last = art["lines"]
            articles[f"{doc['file']}#{art['k']}"] = ("\n".join(lines[first - 1 : last]), art["published"])
    cases = []
    for line in (seeds / "events.jsonl").read_text("utf-8").splitlines():
        event = json.loads(line)
        for doc_id in event["docs"]:
            text, published = articles[doc_id]
            sentence = _sentence_with(text, event["evidence_hint"])
            if sentence is not None and published:
                cases.append((event["id"], sentence, published, event["event_date"], event["time_precision"]))
    return cases


@pytest.mark.skipif(not (SHARED / "eval" / "seeds").is_dir(), reason="../shared/eval/seeds (gold) is absent")
def test_dates_gold_seed_hint_sentences_resolve_to_gold_day() -> None:
    checked, failures = 0, []
    for event_id, sentence, published, gold_day, precision in _gold_cases():
        refs = [r for r in resolve_dates(sentence, "x", published) if not r.future]
        if not refs:
            continue  # the sentence has no date: the event takes its day from elsewhere
        checked += 1
        gold = date.fromisoformat(gold_day)
        if precision == 1:
            ok = gold_day in {r.day for r in refs}
        else:
            coarse = [r for r in refs if r.time_precision >= 2] or refs
            ok = min(abs((date.fromisoformat(r.day) - gold).days) for r in coarse) <= 7
        if not ok:
            failures.append((event_id, sentence.strip()[:80], gold_day, [r.day for r in refs]))
    assert not failures
    assert checked >= 20  # the seeds have over 20 dated hint sentences; fewer means lookup broke
