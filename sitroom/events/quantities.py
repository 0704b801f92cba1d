"""Numbers tied to an event: fatalities ("killed seven", "seven people were killed") and counts.

ACLED codes the most conservative reported figure: ranges take the low end ("seven to ten"
-> 7), "at least 300" -> 300. Vague words ("dozens", "several") are not numbers in the gold
conventions (NOTES.md), so they give no fatality count unless ``vague`` is switched on, in
which case ACLED's mapping applies (dozens -> 12, hundreds -> 100).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Sequence

from .lexicon import Lexicon, load_lexicon
from .sentences import Token

LOGGER = logging.getLogger(__name__)

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_YEARS = range(1900, 2100)
# Words between a number and the noun it counts ("seven people", "300 heavily-armed fighters").
_FILLER = frozenset({"people", "persons", "of", "them", "more", "other", "heavily", "-", "armed", "pro", "government",
                     "civilians", "civilian", "the", "local", "security", "iraqi", "syrian"})


_AUX_WORDS = frozenset({"were", "was", "have", "had", "been", "are", "is", "reportedly", "also", "later"})


@dataclass(slots=True, frozen=True)
class Number:
    """A number found at tokens [first, last]; ``vague`` for words like "dozens"."""

    value: int
    first: int
    last: int
    vague: bool = False


def number_at(tokens: Sequence[Token], k: int, lexicon: Lexicon | None = None) -> Number | None:
    """Read a number starting at token k ("300", "2,000", "seven", "two dozen", "hundreds")."""
    lexicon = lexicon or load_lexicon()
    low = tokens[k].text.lower()
    if low in lexicon.vague_numbers and low not in ("a", "many"):
        return Number(lexicon.vague_numbers[low], k, k, vague=True)
    value = _digit_or_word(low)
    if value is None or low in ("a", "an"):
        return None
    last = k
    if last + 1 < len(tokens) and tokens[last + 1].text.lower() in _SCALES:
        value *= _SCALES[tokens[last + 1].text.lower()]
        last += 1
    return Number(value, k, last)


def _digit_or_word(low: str) -> int | None:
    if _DIGITS.match(low):
        value = int(low.replace(",", ""))
        return None if value in _YEARS and "," not in low else value
    return _UNITS.get(low)


def numbers(tokens: Sequence[Token], lexicon: Lexicon | None = None) -> list[Number]:
    """All numbers in ``tokens``; a range "seven to ten" keeps only its low end."""
    out: list[Number] = []
    k = 0
    while k < len(tokens):
        found = number_at(tokens, k, lexicon)
        if found is None:
            k += 1
            continue
        k = found.last + 1
        # A range ("7 to 10", "7-10", "between 7 and 10") keeps its low value and spans both ends.
        if k + 1 < len(tokens) and tokens[k].text.lower() in ("to", "-", "and", "or", "–"):
            high = number_at(tokens, k + 1, lexicon)
            if high is not None and not high.vague:
                found = Number(found.value, found.first, high.last)
                k = high.last + 1
        out.append(found)
    return out


def fatalities(tokens: Sequence[Token], vague: bool = False, lexicon: Lexicon | None = None) -> Number | None:
    """The fatality count stated in ``tokens`` (a clause), or None.

    Recognised: "killed (at least) N", "killing N", "N (people) were killed", "N dead",
    "death toll of/rose to N", "N died". The first such number in the clause wins.
    """
    lexicon = lexicon or load_lexicon()
    for num in numbers(tokens, lexicon):
        if num.vague and not vague:
            continue
        if _near_killed(tokens, num, lexicon):
            return num
    return None


def _near_killed(tokens: Sequence[Token], num: Number, lexicon: Lexicon) -> bool:
    before = [t.text.lower() for t in tokens[max(0, num.first - 4) : num.first]]
    after = [t.text.lower() for t in tokens[num.last + 1 : num.last + 6]]
    if before and before[-1] in ("including", "of", "among"):
        return False  # "including five children": a subset, not the toll
    if any(w in lexicon.killed_words for w in before[-3:]) and not _blocked(before):
        return True
    victims = {w for nouns in lexicon.quantity_nouns.values() for w in nouns}
    for word in after:
        if word in lexicon.killed_words:
            return True
        if word not in _FILLER and word not in victims and word not in _AUX_WORDS:
            return False
    return False


def _blocked(before: list[str]) -> bool:
    # "killed in 2014" style: a preposition between the verb and the number means it is not the object.
    return bool(before) and before[-1] in ("in", "since", "by", "on", "at")


def quantities(tokens: Sequence[Token], lexicon: Lexicon | None = None) -> dict[str, tuple[int, int, int]]:
    """Counts of fighters, soldiers, injured, displaced... as {name: (value, first, last)}."""
    lexicon = lexicon or load_lexicon()
    found: dict[str, tuple[int, int, int]] = {}
    for num in numbers(tokens, lexicon):
        if num.vague:
            continue
        name = _counted_noun(tokens, num, lexicon)
        if name is not None and name not in found:
            found[name] = (num.value, num.first, num.last)
    return found


_VERB_COUNTS = {"wounding": "injured", "injuring": "injured", "wounded": "injured", "injured": "injured",
                "displacing": "displaced", "arresting": "arrested", "detaining": "arrested",
                "abducting": "abducted", "kidnapping": "abducted"}


def _counted_noun(tokens: Sequence[Token], num: Number, lexicon: Lexicon) -> str | None:
    # "killing five and wounding 23": the verb before the number names what is counted.
    before = [t.text.lower() for t in tokens[max(0, num.first - 3) : num.first]]
    for word in reversed(before):
        if word in _VERB_COUNTS:
            return _VERB_COUNTS[word]
        if word not in ("at", "least", "more", "than", "about", "around", "some", "nearly", "over"):
            break
    for tok in tokens[num.last + 1 : num.last + 5]:
        word = tok.text.lower()
        for name, nouns in lexicon.quantity_nouns.items():
            if word in nouns and not (name == "children_killed" and not _killed_after(tokens, num, lexicon)):
                return name
        # Nationality and group adjectives ("2,000 Syrian soldiers") may stand between.
        if word not in _FILLER and not tok.text[:1].isupper():
            break
    return None


def _killed_after(tokens: Sequence[Token], num: Number, lexicon: Lexicon) -> bool:
    before = [t.text.lower() for t in tokens[max(0, num.first - 12) : num.first]]
    return any(w in lexicon.killed_words for w in before)
