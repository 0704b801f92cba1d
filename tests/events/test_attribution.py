from sitroom.events.attribution import find_attribution, is_hedged
from sitroom.events.sentences import tokenize


def _source(text: str, trigger_word: str) -> str | None:
    tokens = tokenize(text)
    k = next(t.i for t in tokens if t.text == trigger_word)
    found = find_attribution(tokens, k)
    return None if found is None else " ".join(t.text for t in tokens[found.first : found.last + 1])


def test_attribution_trailing_leading_and_according_to() -> None:
    assert _source("Fighters crossed late on Sunday, two Iraqi security sources said.", "crossed") == "two Iraqi security sources"
    assert _source("The army said that rebels shelled the town.", "shelled") == "army"
    assert _source("According to local officials, rebels shelled the town.", "shelled") == "local officials"


def test_attribution_none_without_reporting_verb() -> None:
    assert _source("Rebels shelled the town on Monday.", "shelled") is None


def test_attribution_hedging_is_claims_not_sources() -> None:
    claimed = tokenize("HTS rebels have claimed control over the towns")
    sourced = tokenize("Rebels took control of the towns, sources said")
    assert is_hedged(claimed, 0, 5)
    assert not is_hedged(sourced, 0, 4)
