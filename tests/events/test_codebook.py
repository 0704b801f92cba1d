from sitroom.events.codebook import SUB_EVENT_TYPES, disorder_type, event_type_of, inter_code, interaction_code


def test_codebook_has_all_25_sub_event_types_in_six_types() -> None:
    assert len(SUB_EVENT_TYPES) == 25
    assert {t.value for t in SUB_EVENT_TYPES.values()} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments",
    }


def test_codebook_disorder_types_follow_acled_exceptions() -> None:
    assert disorder_type("Air/drone strike") == "Political violence"
    assert disorder_type("Peaceful protest") == "Demonstrations"
    assert disorder_type("Violent demonstration") == "Demonstrations"
    assert disorder_type("Mob violence") == "Political violence"
    assert disorder_type("Excessive force against protesters") == "Political violence; Demonstrations"
    assert disorder_type("Agreement") == "Strategic developments"


def test_codebook_interaction_code_orders_lower_inter_first() -> None:
    assert event_type_of("Grenade") == "Explosions/Remote violence"
    assert inter_code("rebel") == 2 and inter_code(None) == 0
    assert interaction_code("rebel", "state_force") == 12
    assert interaction_code("state_force", "civilians") == 17
    assert interaction_code("protesters", None) == 60
    assert interaction_code(None, "militia") == 30
