from sitroom.events.extract import ExtractOptions, extract_events
from sitroom.events.sentences import split_sentences

from .helpers import article, refs


def _events(text: str, published: str | None = "2025-03-04", title: str | None = None, **options):  # type: ignore[no-untyped-def]
    art = article(text, published, title=title)
    actors, places, dates = refs(art)
    return art, extract_events(art, split_sentences(text), actors, places, dates, ExtractOptions(**options))


def test_extract_shelling_with_toll_target_source_and_event_day() -> None:
    _art, events = _events("Russian forces shelled Kharkiv on Monday, killing seven civilians, Ukrainian officials said on Tuesday.")
    assert len(events) == 1
    event = events[0]
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert event.actor1 == "Military Forces of Russia (2000-)"
    assert event.actor2 == "Civilians (Ukraine)"
    assert (event.location, event.country, event.geo_precision) == ("Kharkiv", "Ukraine", 1)
    assert (event.event_date, event.time_precision) == ("2025-03-03", 1)
    assert event.fatalities == 7
    assert event.attribution == "Ukrainian officials"
    assert not event.hedged


def test_extract_evidence_slices_article_text_exactly() -> None:
    art, events = _events("M23 rebels captured Goma on Sunday after heavy fighting, killing 12 soldiers.")
    assert events
    for event in events:
        assert {"event_type", "actor1", "location", "event_date", "sentence"} <= set(event.evidence)
        for span in event.evidence.values():
            assert art.text[span.start : span.end] == span.text
            assert span.article_id == art.article_id


def test_extract_territory_sub_type_depends_on_actor_kind() -> None:
    _art, rebel = _events("M23 rebels captured Goma on Sunday.")
    _art, army = _events("The Congolese army recaptured Bunia on Saturday.")
    assert rebel[0].sub_event_type == "Non-state actor overtakes territory"
    assert army[0].sub_event_type == "Government regains territory"
    assert army[0].event_type == rebel[0].event_type == "Battles"


def test_extract_drops_hypothetical_negated_aggregate_and_old_events() -> None:
    text = (
        "The RSF will attack El Fasher on Monday. "
        "The army denied that it had shelled Khartoum on Sunday. "
        "Russian forces launched 89 attacks on Kharkiv last year. "
        "M23 rebels captured Goma in 2014."
    )
    _art, events = _events(text)
    assert events == []


def test_extract_skips_captions_and_titles() -> None:
    text = (
        "M23 rebels captured Goma\n"
        "A soldier walks past a burnt truck in Goma after M23 rebels captured the city. Photo: REUTERS/John Doe\n"
        "Life resumed in the city on Tuesday."
    )
    _art, events = _events(text, title="M23 rebels captured Goma")
    assert events == []


def test_extract_listed_places_become_events_with_their_own_days() -> None:
    _art, events = _events("Ukrainian troops withdrew from Izium on Saturday and from Kupiansk on Sunday, Ukrainian forces said.")
    found = sorted((e.location, e.event_date) for e in events)
    assert found == [("Izium", "2025-03-01"), ("Kupiansk", "2025-03-02")]
    assert all(e.sub_event_type == "Non-violent transfer of territory" for e in events)


def test_extract_undated_past_tense_takes_publication_day_precision_two() -> None:
    _art, events = _events("M23 rebels had taken Bunia, residents said.")
    assert [(e.event_date, e.time_precision) for e in events] == [("2025-03-04", 2)]


def test_extract_hedged_claim_is_kept_and_flagged() -> None:
    _art, events = _events("M23 rebels claimed control of Goma on Sunday.")
    assert len(events) == 1 and events[0].hedged


def test_extract_protest_dispersed_by_police() -> None:
    _art, events = _events("Protesters rallied in Khartoum on Tuesday, and police fired tear gas.")
    assert len(events) == 1
    event = events[0]
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor1 == "Protesters (Sudan)"
    assert event.actor2 == "Police Forces of Sudan (2019-)"


def test_extract_same_event_twice_in_article_is_merged() -> None:
    text = "M23 rebels captured Goma on Sunday. Residents said M23 fighters captured Goma on Sunday after a night of shelling."
    _art, events = _events(text)
    captures = [e for e in events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert len(captures) == 1


def test_extract_undated_article_without_stated_day_gives_no_event() -> None:
    _art, events = _events("M23 rebels had taken Bunia.", published=None)
    assert events == []


def test_extract_dateline_with_agency_credit_is_body_text() -> None:
    _art, events = _events("KYIV, March 4 (Reuters) - Russian forces shelled Kharkiv overnight, the regional governor said.")
    assert [(e.location, e.event_date, e.time_precision) for e in events] == [("Kharkiv", "2025-03-04", 1)]


def test_extract_clause_after_main_event_keeps_its_subject() -> None:
    _art, events = _events("The Sudanese army recaptured Khartoum on Monday after heavy fighting with the RSF.")
    clash = [e for e in events if e.sub_event_type == "Armed clash"]
    assert [(e.actor1, e.actor2) for e in clash] == [("Military Forces of Sudan (2019-)", "Rapid Support Forces")]


def test_extract_victims_named_by_nationality_are_civilians() -> None:
    _art, events = _events("Russian forces shelled Kharkiv on Monday, killing 4 Ukrainians.")
    assert [(e.actor2, e.fatalities) for e in events] == [("Civilians (Ukraine)", 4)]


def test_extract_two_days_in_one_sentence_stay_two_events() -> None:
    _art, events = _events("Russian forces shelled Kharkiv on both Sunday and Monday.")
    assert sorted(e.event_date for e in events) == ["2025-03-02", "2025-03-03"]


def test_extract_relative_clause_does_not_inherit_a_country_place() -> None:
    text = "Ukrainian troops crossed into Ukraine on Monday to help Kharkiv, which Russian forces shelled."
    _art, events = _events(text)
    assert all(e.sub_event_type != "Shelling/artillery/missile attack" for e in events)


def test_extract_second_hand_report_is_hedged_but_plain_sourcing_is_not() -> None:
    _art, quoted = _events("M23 rebels captured Goma on Sunday, a news agency reported a lawmaker as saying.")
    _art, sourced = _events("M23 rebels captured Goma on Sunday, residents said.")
    assert [e.hedged for e in quoted] == [True]
    assert [e.hedged for e in sourced] == [False]


def test_extract_nearby_towns_listed_in_one_sentence_stay_apart() -> None:
    text = "M23 rebels and the Congolese army traded fire. The fall of Goma and Sake on Sunday stunned the region."
    _art, events = _events(text)
    falls = [e for e in events if e.sub_event_type == "Non-violent transfer of territory"]
    assert sorted((e.location, e.actor1, e.actor2) for e in falls) == [
        ("Goma", "M23: March 23 Movement", "Military Forces of the Democratic Republic of Congo (2019-)"),
        ("Sake", "M23: March 23 Movement", "Military Forces of the Democratic Republic of Congo (2019-)"),
    ]


def test_extract_actor_span_running_into_the_trigger_is_actor1() -> None:
    _art, events = _events("Heavy Rwandan shelling hit Goma on Sunday.")
    assert [(e.actor1, e.sub_event_type) for e in events] == [
        ("Military Forces of Rwanda (1994-)", "Shelling/artillery/missile attack")]


def test_extract_named_person_in_apposition_acts_for_the_state() -> None:
    _art, events = _events("A senior Ugandan official, John Doe, met M23 rebels in Goma on Sunday.")
    assert [(e.sub_event_type, e.actor1, e.assoc_actor_1) for e in events] == [("Other", "John Doe", ("Uganda",))]


def test_extract_protest_opponent_must_be_a_force() -> None:
    _art, events = _events("Protesters marched in Goma on Sunday against Kinshasa.")
    assert [(e.actor1, e.actor2) for e in events] == [("Protesters (Democratic Republic of Congo)", None)]


def test_extract_followed_by_lists_another_place_with_its_day() -> None:
    text = "M23 rebels and the Congolese army traded fire. The fall of Goma on Saturday, followed by Bunia on Sunday, could change the war."
    _art, events = _events(text)
    falls = sorted((e.location, e.event_date) for e in events if e.sub_event_type == "Non-violent transfer of territory")
    assert falls == [("Bunia", "2025-03-02"), ("Goma", "2025-03-01")]


def test_extract_capture_target_needs_from_and_civilians_are_not_captured() -> None:
    _art, events = _events("Russian forces captured the village of Izium near Ukraine's border with Kharkiv on Monday.")
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Non-state actor overtakes territory", None)]


def test_extract_purpose_clause_adds_no_victims() -> None:
    _art, events = _events("Ukrainian troops withdrew from Izium on Saturday to protect civilians.")
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Non-violent transfer of territory", None)]


def test_extract_two_sides_listed_as_subjects_clash_with_each_other() -> None:
    _art, events = _events("M23 rebels and the Congolese army clashed near Goma on Sunday.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Armed clash", "M23: March 23 Movement", "Military Forces of the Democratic Republic of Congo (2019-)")]


def test_extract_claim_of_responsibility_is_not_hedging() -> None:
    _art, events = _events("M23 rebels attacked Goma on Sunday and claimed responsibility.")
    assert [e.hedged for e in events] == [False]
    assert events[0].notes.startswith("M23 rebels attacked Goma")


def test_extract_clashes_between_two_named_sides() -> None:
    _art, events = _events("Clashes between the Congolese army and ADF fighters killed 15 near Bunia on Sunday.")
    assert [(e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Military Forces of the Democratic Republic of Congo (2019-)", "Allied Democratic Forces", 15)]


def test_extract_guessed_actor_named_as_a_village_is_no_target() -> None:
    _art, events = _events("ADF fighters killed 12 villagers in an attack on the village of Kibumba near Goma on Sunday.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Attack", "Allied Democratic Forces", "Civilians (Democratic Republic of Congo)")]


def test_extract_foreign_capture_is_lost_by_the_host_forces() -> None:
    text = "Ukrainian forces held their lines. Russian forces captured the village of Izium on Monday."
    _art, events = _events(text)
    captures = [e for e in events if e.event_type == "Battles"]
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in captures] == [
        ("Non-state actor overtakes territory", "Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)")]


def test_extract_reported_that_opens_a_report_not_a_relative_clause() -> None:
    _art, events = _events("The Sudanese army announced that it is deploying reinforcements in El Fasher.")
    assert [(e.sub_event_type, e.actor1, e.location) for e in events] == [
        ("Change to group/activity", "Military Forces of Sudan (2019-)", "El Fasher")]


def test_extract_local_witness_town_locates_an_unplaced_report() -> None:
    _art, events = _events("A resident of El Fasher said that police posts had been vacated, with officers leaving.")
    assert [(e.sub_event_type, e.location) for e in events] == [("Change to group/activity", "El Fasher")]
    _art, events = _events("An official in Khartoum said that police posts had been vacated.")
    assert not any(e.location == "Khartoum" for e in events)  # an official is no local witness


def test_extract_purpose_clause_reports_no_capture() -> None:
    _art, events = _events("RSF fighters shelled El Fasher on Monday, aiming to thwart the army and its allied "
                           "volunteer brigades from capturing Khartoum.")
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


def test_extract_place_reached_towards_does_not_locate_a_capture() -> None:
    _art, events = _events("Russian forces have taken two villages and are advancing towards Kupiansk.")
    assert not any(e.location == "Kupiansk" for e in events)
    _art, events = _events("Ukrainian troops were deploying reinforcements towards Kupiansk on Monday.")
    assert [e.location for e in events] == ["Kupiansk"]  # troops moving towards a town are located there


def test_extract_counted_attacks_over_a_period_are_a_tally() -> None:
    _art, events = _events("Officials said on Tuesday that Russian forces launched 120 attacks on Kharkiv in 2025, "
                           "using drones and missiles.")
    assert events == []
    _art, events = _events("Russian forces carried out 3 strikes on Kharkiv overnight.")
    assert [e.location for e in events] == ["Kharkiv"]  # a count tied to one night is one event


def test_extract_weapons_delivered_are_not_an_attack() -> None:
    _art, events = _events("Russia delivered missiles and fighter jets to the Sudanese army on Monday.")
    assert events == []


def test_extract_detail_after_a_mid_sentence_source_belongs_to_the_event() -> None:
    _art, events = _events("Russian forces shelled Kharkiv on Monday, regional officials said, killing seven civilians.")
    assert [(e.location, e.fatalities, e.attribution) for e in events] == [("Kharkiv", 7, "regional officials")]


def test_extract_capture_without_a_fight_is_a_non_violent_transfer() -> None:
    _art, events = _events("M23 rebels took control of Bunia without a fight on Sunday.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("Strategic developments", "Non-violent transfer of territory")]
    _art, events = _events("M23 rebels took control of Bunia on Sunday after heavy fighting.")
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]
