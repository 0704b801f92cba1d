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
