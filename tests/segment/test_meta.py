"""Titles, outlets, dates and language found on a page, and container metadata winning."""

from __future__ import annotations

from sitroom.config import SegmentSettings
from sitroom.segment.dates import find_dates, parse_iso_like, weekdays_in
from sitroom.segment.meta import clean_outlet

from .helpers import para, run


def test_meta_caption_date_agreeing_with_weekday_is_inferred() -> None:
    page = "\n\n".join([
        "Rebels shell government positions near Sennar",
        "Smoke rises over Sennar, Sudan, March 9, 2024. REUTERS/Staff",
        "Rebels shelled army positions near Sennar on Saturday, residents said, in the heaviest attack in weeks.",
        para("Sennar", 3),
    ])
    art = run(page)[0]
    assert (art.published, art.date_source, art.date_precision) == ("2024-03-09", "inferred", "day")


def test_meta_caption_date_disagreeing_with_weekday_is_not_used() -> None:
    page = "\n\n".join([
        "Rebels shell government positions near Sennar",
        "Smoke rises over Sennar, Sudan, March 9, 2024. REUTERS/Staff",
        "Rebels shelled army positions near Sennar on Tuesday, residents said, in the heaviest attack in weeks.",
        para("Sennar", 3),
    ])
    art = run(page)[0]
    assert (art.published, art.date_source) == (None, "unknown")


def test_meta_file_photo_caption_date_is_ignored() -> None:
    page = "\n\n".join([
        "Envoy says talks will resume next month",
        "The envoy speaks in Geneva, Switzerland, March 9, 2024. REUTERS/Denis Balibouse/File Photo",
        "The envoy said on Saturday that talks between the parties would resume after the holiday period ended.",
        para("Geneva", 3),
    ])
    assert run(page)[0].published is None


def test_meta_infer_dates_setting_off() -> None:
    page = "\n\n".join([
        "Rebels shell government positions near Sennar",
        "Smoke rises over Sennar, Sudan, March 9, 2024. REUTERS/Staff",
        "Rebels shelled army positions near Sennar on Saturday, residents said, in the heaviest attack in weeks.",
        para("Sennar", 3),
    ])
    art = run(page, settings=SegmentSettings(infer_dates=False))[0]
    assert art.published is None and art.date_source == "unknown"


def test_meta_published_beats_updated_in_date_line() -> None:
    page = "\n\n".join([
        "Border crossing reopens for aid trucks",
        "Updated: 14 Feb 2023 09:12 GMT | Published: 13 Feb 2023",
        para("the crossing", 4),
    ])
    art = run(page)[0]
    assert (art.published, art.date_source) == ("2023-02-13", "stated")


def test_meta_wire_dateline_takes_year_from_caption() -> None:
    page = "\n\n".join([
        "Israeli strikes hit southern suburbs",
        "Smoke billows over the suburbs, Lebanon, October 6, 2024. REUTERS/Staff",
        "BEIRUT, Oct 7 (Reuters) - Israeli jets struck the southern suburbs of the capital overnight, witnesses said.",
        para("Beirut", 3),
    ])
    art = run(page)[0]
    assert (art.published, art.date_source) == ("2024-10-07", "stated")


def test_meta_container_title_and_date_win() -> None:
    page = "\n\n".join(["A headline the page prints", para("Kabul", 3), para("the airport", 2)])
    art = run(page, meta={"title": "Given title", "published": "2021-08-26T14:00:00Z", "outlet": "Wire",
                          "url": "https://example.org/a"})[0]
    assert art.title == "Given title"
    assert (art.published, art.date_source, art.date_precision) == ("2021-08-26", "given", "day")
    assert art.outlet == "Wire" and art.url == "https://example.org/a"


def test_meta_container_title_makes_one_article() -> None:
    page = "\n\n".join([
        "First story", para("Kabul", 3), "The post First story first appeared on X.com.",
        "Second story", para("Herat", 3), "The post Second story first appeared on X.com.",
    ])
    arts = run(page, meta={"title": "Record title"})
    assert len(arts) == 1 and arts[0].title == "Record title"
    assert "Kabul" in arts[0].text and "Herat" in arts[0].text


def test_meta_language_guess() -> None:
    arabic = "\n\n".join(["اشتباكات عنيفة في ريف حلب الشمالي"] + [
        f"قالت مصادر محلية إن اشتباكات عنيفة اندلعت بين القوات الحكومية والفصائل المسلحة في القرية رقم {n} صباح اليوم."
        for n in range(4)
    ])
    assert run(arabic)[0].language == "ar"
    french = "\n\n".join(["Les combats reprennent dans le nord"] + [
        "Les combats ont repris dans le nord du pays, selon des sources locales, et les habitants fuient la ville "
        f"pour se réfugier dans les camps de la région numéro {n}."
        for n in range(3)
    ])
    assert run(french)[0].language == "fr"


def test_meta_clean_outlet_strips_domain() -> None:
    assert clean_outlet("Algemeiner.com") == "Algemeiner"
    assert clean_outlet("www.kyivindependent.com") == "kyivindependent"
    assert clean_outlet("Dawn") == "Dawn"
    assert clean_outlet("  ") is None


def test_dates_find_written_forms() -> None:
    text = "Published Dec 02 2024, updated 3rd December, 2024; photo Oct. 11, 2024; in October 2023 and 2024-12-05."
    assert [(f.iso, f.precision) for f in find_dates(text)] == [
        ("2024-12-02", "day"), ("2024-12-03", "day"), ("2024-10-11", "day"), ("2023-10", "month"), ("2024-12-05", "day"),
    ]
    assert find_dates("in 2011 the uprising began on Monday") == []
    assert find_dates("February 30, 2024") == []


def test_dates_weekdays_and_given_values() -> None:
    assert weekdays_in("on Saturday and late on Friday; Mondays") == {5, 4, 0}
    assert parse_iso_like("2024-12") == ("2024-12", "month")
    assert parse_iso_like("Tue, 03 Dec 2024 10:00:00 GMT") == ("2024-12-03", "day")
    assert parse_iso_like("soon") is None


def test_meta_body_date_needs_its_own_weekday() -> None:
    background = "\n\n".join([
        "Offensive enters its second week",
        "The offensive began on November 27, 2024, when fighters crossed the front line near the city.",
        "On Wednesday, the army said it had pushed the attackers back from two villages in the north.",
        para("the front", 3),
    ])
    # Without its weekday the body date is only a lower bound: coarse, never a day.
    art = run(background)[0]
    assert (art.published, art.date_source, art.date_precision) == ("2024-11-27", "inferred", "week")
    dated = background.replace("On Wednesday,", "On Wednesday, December 4, 2024,")
    art = run(dated)[0]
    assert (art.published, art.date_source) == ("2024-12-04", "inferred")


def test_meta_latest_caption_date_is_a_coarse_lower_bound() -> None:
    page = "\n\n".join([
        "Militias expand training camps in the east",
        "A convoy drives past damaged buildings in Deir al-Zor, Syria, October 5, 2023. REUTERS/Staff",
        "Monitors said on Tuesday that militias had launched 40 attacks on bases so far in 2023.",
        para("Deir al-Zor", 3),
    ])
    art = run(page)[0]
    assert (art.published, art.date_source, art.date_precision) == ("2023-10-05", "inferred", "week")


def test_meta_caption_date_needs_the_body_to_name_its_year() -> None:
    page = "\n\n".join([
        "Envoy attends talks abroad",
        "The president speaks at a press conference in Paris, France, May 7, 2023. REUTERS/Staff/Pool",
        "The president is attending at least one meeting with foreign officials today, sources said.",
        para("the capital", 3),
    ])
    assert run(page)[0].published is None
    later = page.replace("sources said.", "sources said, the first such talks since 2024.")
    assert run(later)[0].published is None  # the body names a later year: the photo is old


def test_meta_coarse_fallback_skips_file_photos() -> None:
    page = "\n\n".join([
        "Envoy says talks will resume",
        "The envoy speaks in Geneva, Switzerland, March 9, 2024. REUTERS/Staff/File Photo",
        "The envoy said that talks would resume after the holiday period, the first round of 2024.",
        para("Geneva", 3),
    ])
    assert run(page)[0].published is None
