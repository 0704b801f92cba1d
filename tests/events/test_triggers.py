import pytest

from sitroom.errors import InputError
from sitroom.events.sentences import split_sentences
from sitroom.events.triggers import find_triggers, load_rules


def _ids(text: str) -> list[tuple[str, str]]:
    sent = split_sentences(text)[0]
    return [(m.rule.id, text[m.start - sent.start : m.end - sent.start]) for m in find_triggers(sent)]


def test_triggers_match_inflected_forms_and_multiword_patterns() -> None:
    found = _ids("Gunmen shelled the town and warplanes bombed the market after a roadside bomb exploded.")
    assert ("shelling", "shelled") in found
    assert ("air", "warplanes") in found
    assert ("ied", "roadside bomb") in found


def test_triggers_irregular_past_tense_matches_lemma_pattern() -> None:
    assert ("clash", "fought") in _ids("Soldiers fought militants near the dam.")
    assert ("overtake", "overran the garrison") in _ids("Insurgents overran the garrison.")


def test_triggers_captures_need_territory_or_a_place() -> None:
    assert _ids("Police seized the items and drugs.") == []
    assert [m for m in _ids("Rebels seized the strategic town on Monday.") if m[0] == "overtake"] == [
        ("overtake", "seized the strategic town")]


def test_triggers_gap_pattern_and_month_name_are_handled() -> None:
    assert ("agreement", "signed a ceasefire") in _ids("The two sides signed a ceasefire in Doha.")
    # "March" the month is not a protest march.
    assert _ids("Fighting resumed in March.") == [("clash", "Fighting")]


def test_triggers_bad_rule_file_names_the_line(tmp_path) -> None:
    path = tmp_path / "rules.jsonl"
    path.write_text('{"id": "x", "sub_event_type": "Air strike", "priority": 1, "patterns": ["bomb"]}\n')
    with pytest.raises(InputError, match="line 1: unknown sub-event type"):
        load_rules(str(path))


def test_triggers_every_packaged_rule_is_valid() -> None:
    rules = load_rules()
    assert len({r.id for r in rules}) == len(rules)
    assert all(r.patterns for r in rules)
