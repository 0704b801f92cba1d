import pytest

from sitroom.events.predict import predict_events

BODY = (
    "Russian forces shelled Kharkiv on Monday, killing three civilians and wounding 12, regional officials said. "
    "Ukrainian troops withdrew from the village of Krasnohorivka, the military said on Tuesday. "
    "Russia has launched more than 4,000 drones at Ukraine since January, according to the air force."
)


@pytest.mark.slow
def test_predict_events_runs_the_stages_and_merges_reports_across_files(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(f"Russia shells Kharkiv\n\nPublished March 4, 2025\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Kharkiv hit by shelling\n\nMarch 5, 2025\n\n"
        "Russian forces shelled Kharkiv on Monday, killing three civilians, the governor said. "
        "Residents said the shelling hit a residential district near the city centre. "
        "Schools in the city moved lessons online for the rest of the week, local authorities said.\n",
        encoding="utf-8",
    )
    events = predict_events(tmp_path)
    shelling = [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert len(shelling) == 1
    event = shelling[0]
    assert (event.event_date, event.location, event.country) == ("2025-03-03", "Kharkiv", "Ukraine")
    assert event.actor1 == "Military Forces of Russia (2000-)"
    assert event.fatalities == 3 and event.quantities.get("injured") == 12
    assert len(event.docs) == 2
    assert not any(e.quantities.get("drones") for e in events)
    assert all(e.event_date and e.event_date <= "2025-03-05" for e in events)


def test_predict_coarse_publication_widens_to_month_past_a_week() -> None:
    from dataclasses import replace

    from sitroom.events.predict import coarse_publication

    from .helpers import article

    bound = replace(article("Shelling hit the city.", published="2025-03-06"), date_source="inferred",
                    date_precision="week")
    assert coarse_publication(bound, "2025-03-20").date_precision == "month"
    assert coarse_publication(bound, "2025-03-10").date_precision == "week"
    assert coarse_publication(bound, None).date_precision == "week"
    dated = replace(bound, date_precision="day")
    assert coarse_publication(dated, "2025-03-20") is dated


@pytest.mark.slow
@pytest.mark.parametrize(("batch_day", "precision"), [("March 20, 2025", 3), ("March 10, 2025", 2)])
def test_predict_events_from_a_lower_bound_publication_date_are_coarse(tmp_path, batch_day, precision) -> None:
    (tmp_path / "a.txt").write_text(f"Russia shells Kharkiv\n\nPublished {batch_day}\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Shelling hits Odesa port\n\n"
        "Smoke rises over the port in Odesa, Ukraine, March 6, 2025. REUTERS/Staff\n\n"
        "Russian forces shelled the port of Odesa on Monday, killing two dock workers, regional officials said. "
        "It was the fifth attack on the port since January 2025, the port authority said. "
        "Residents said the shelling damaged warehouses near the grain terminal.\n",
        encoding="utf-8",
    )
    events = predict_events(tmp_path)
    odesa = [e for e in events if e.location == "Odesa"]
    assert odesa, [(e.location, e.event_date) for e in events]
    # "Monday" counted from the 6 March lower bound; a batch running over a week past it gives 3.
    assert all((e.event_date, e.time_precision) == ("2025-03-03", precision) for e in odesa)


def test_predict_undated_article_is_read_on_the_latest_weekday_it_names() -> None:
    from dataclasses import replace

    from sitroom.events.predict import batch_publication
    from sitroom.model import DateRef, Evidence

    from .helpers import article

    undated = replace(article("Sudanese army shelled Omdurman on Thursday and Bahri on Friday.", published=None),
                      date_source="unknown")
    dates = [DateRef("2025-03-06", None, 1, Evidence("a.txt#1", 0, 11, "on Thursday")),
             DateRef("2025-03-07", None, 1, Evidence("a.txt#1", 0, 9, "on Friday"))]
    dated = batch_publication(undated, "2025-03-08", dates)
    assert (dated.published, dated.date_precision, dated.date_source) == ("2025-03-07", "day", "inferred")
    today = [DateRef("2025-03-08", None, 1, Evidence("a.txt#1", 0, 5, "today"))]
    assert batch_publication(undated, "2025-03-08", today) is undated  # no weekday: the day stays unknown
