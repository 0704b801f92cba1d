from sitroom.events.quantities import fatalities, quantities
from sitroom.events.sentences import tokenize


def _dead(text: str, vague: bool = False) -> int | None:
    found = fatalities(tokenize(text), vague=vague)
    return found.value if found else None


def test_quantities_fatalities_verb_before_and_after_number() -> None:
    assert _dead("a strike on a camp that killed seven.") == 7
    assert _dead("where seven people were killed, including five children.") == 7
    assert _dead("killing at least 156 people") == 156
    assert _dead("12 soldiers died in the ambush") == 12


def test_quantities_ranges_take_low_end_and_vague_words_need_opt_in() -> None:
    assert _dead("between seven and ten people died") == 7
    assert _dead("7-10 people died") == 7
    assert _dead("the clashes killed dozens of fighters") is None
    assert _dead("the clashes killed dozens of fighters", vague=True) == 12


def test_quantities_years_are_not_counts() -> None:
    assert _dead("fighters killed in 2014 were buried") is None


def test_quantities_counts_by_noun() -> None:
    found = quantities(tokenize("At least 300 fighters and around 2,000 Syrian soldiers crossed; 40 were wounded"))
    assert found["fighters"][0] == 300
    assert found["soldiers"][0] == 2000
