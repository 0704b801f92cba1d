"""Split a sentence into event frames (one trigger each) and decide which frames to drop.

A frame is a clause holding a trigger plus the trigger-less clauses that follow it ("..., followed
by Quneitra on Saturday"). Frames are dropped, with a reason, when the text does not report a
real, dated, single event: negated or denied, hypothetical or planned, aggregate statistics,
background history, or in a photo caption.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Sequence

from .attribution import find_phrase, has_phrase, phrase_index
from .lexicon import Lexicon
from .sentences import Sentence, Token
from .triggers import TriggerMatch

LOGGER = logging.getLogger(__name__)

MODAL_WINDOW = 6
CAPTION_MAX = 600
CAPTION_TAIL = 50
NEGATION_WINDOW = 7
_YEAR = re.compile(r"^(19|20)\d\d$")
_NOT_BREAK_AFTER = frozenset({"far", "well", "such", "soon", "long", "much", "just"})
_NOUNISH_BEFORE_TO = frozenset({"exposure", "subjected", "due", "close", "next", "according", "response",
                                "reaction", "return", "prior", "addition", "opposed", "relation", "contrast", "down",
                                "up", "back", "way", "fell", "fall", "falls", "led", "lead", "leading", "comes"})


@dataclass(slots=True, frozen=True)
class Frame:
    """One trigger and the token range [lo, hi] its roles, place and date are read from."""

    trigger: TriggerMatch
    lo: int
    hi: int
    others: tuple[TriggerMatch, ...] = ()

    def alternatives(self) -> list[Frame]:
        """This frame with each trigger of its clause, best first (the next is tried when one is dropped)."""
        return [self] + [Frame(m, self.lo, self.hi) for m in self.others]


def clause_starts(tokens: Sequence[Token], lexicon: Lexicon) -> list[int]:
    """Token indices where a new clause starts (after ';', at 'after', 'while', 'as' ...)."""
    starts = {0}
    for k, tok in enumerate(tokens):
        if tok.text in (";", ":"):
            starts.add(k + 1)
    index = phrase_index(lexicon.clause_breaks)
    for k, tok in enumerate(tokens):
        for phrase in index.get(tok.text.lower(), ()):
            if find_phrase(tokens, phrase, k, k + len(phrase)) == k and not _false_break(tokens, k, phrase):
                starts.add(k)
    return sorted(s for s in starts if s < len(tokens))


def _false_break(tokens: Sequence[Token], k: int, phrase: tuple[str, ...]) -> bool:
    prev = tokens[k - 1].text.lower() if k > 0 else ""
    nxt = tokens[k + len(phrase)].text.lower() if k + len(phrase) < len(tokens) else ""
    if phrase == ("as",):
        # "as far as", "as well as", "such as", "as reported by" are not clause breaks.
        return prev in _NOT_BREAK_AFTER or prev == "as" or nxt in _NOT_BREAK_AFTER or nxt in ("reported", "part", "a", "an")
    if phrase == ("with",):
        # "with government forces reinforcing": an absolute clause, a new frame; "clashed with X" is not.
        return not any(t.text.lower().endswith("ing") for t in tokens[k + 1 : k + 5])
    if phrase in (("since",), ("after",), ("before",), ("following",)):
        # "since late on Friday", "after years": a time adverbial, not a new clause.
        return nxt in ("late", "early", "the", "years", "months", "weeks", "days", "it", "that") or _YEAR.match(nxt) is not None
    return False


def build_frames(sentence: Sentence, tokens: Sequence[Token], matches: Sequence[TriggerMatch], lexicon: Lexicon) -> list[Frame]:
    """Choose the best trigger per clause; trigger-less clauses extend the frame before them."""
    starts = clause_starts(tokens, lexicon)
    bounds = [(s, (starts[i + 1] - 1) if i + 1 < len(starts) else len(tokens) - 1) for i, s in enumerate(starts)]
    frames: list[Frame] = []
    for lo, hi in bounds:
        inside = [m for m in matches if lo <= m.first <= hi]
        if frames and inside and all(m.rule.consequence for m in inside):
            inside = []  # "... where seven people were killed": the toll of the frame before
        if not inside:
            if frames and not _purpose(tokens, lo):
                last = frames[-1]
                frames[-1] = Frame(last.trigger, last.lo, hi, last.others)
            continue
        ranked = sorted(inside, key=lambda m: (-m.rule.priority, m.first))
        frames.append(Frame(ranked[0], lo, hi, tuple(ranked[1:])))
    return frames


def _purpose(tokens: Sequence[Token], lo: int) -> bool:
    # "withdrew from Laukkai to protect civilians": a purpose clause adds no facts to the event.
    first = tokens[lo].text.lower()
    return first == "to" or (first == "in" and lo + 2 < len(tokens) and tokens[lo + 2].text.lower() == "to")


def drop_reason(tokens: Sequence[Token], frame: Frame, lexicon: Lexicon, year: int | None = None) -> str | None:
    """Why the frame reports no codable event, or None when it does."""
    first = frame.trigger.first
    lo = max(frame.lo, first - MODAL_WINDOW)
    if not _participle_modifier(tokens, first) and has_phrase(tokens, lexicon.modals, lo, first):
        return "hypothetical or planned"
    if _modal_after_subject(tokens, frame, lexicon):
        return "hypothetical subject"
    if _infinitive(tokens, frame.trigger):
        return "purpose or infinitive"
    if frame.lo > 0 and _purpose(tokens, frame.lo) and not _participle_modifier(tokens, first):
        return "purpose or infinitive"  # "aiming to thwart rebels from capturing Homs": an aim, not an act
    if has_phrase(tokens, lexicon.negations, max(frame.lo, first - NEGATION_WINDOW), first):
        return "negated or denied"
    if _aggregate(tokens, frame, lexicon):
        return "aggregate"
    if has_phrase(tokens, lexicon.history, frame.lo, frame.hi + 1) or _old_year(tokens, frame, year):
        return "background history"
    return None


_AUX = frozenset({"have", "has", "had", "be", "been", "was", "were", "is", "are", "to", "not", "n't", "being"})
_DAY_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday overnight".split())
_FUTURE_MODALS = (("would",), ("will",), ("could",), ("might",), ("may",), ("should",))


def _participle_modifier(tokens: Sequence[Token], first: int) -> bool:
    # "a string of towns recaptured from rebels": a past participle after a noun reports a
    # done event even inside a purpose clause ("working to secure ...").
    if first == 0 or not tokens[first].text.lower().endswith(("ed", "en")):
        return False
    prev = tokens[first - 1]
    if prev.pos:
        return prev.pos in ("NOUN", "PROPN") and tokens[first].pos == "VERB"
    return prev.text.isalpha() and prev.text.lower() not in _AUX and prev.text.islower()


def _modal_after_subject(tokens: Sequence[Token], frame: Frame, lexicon: Lexicon) -> bool:
    """A noun or gerund trigger heading its clause with a modal after it: "Seizing Homs would ..."."""
    first, last = frame.trigger.first, frame.trigger.last
    low = tokens[first].text.lower()
    nominal = tokens[first].pos in ("NOUN", "PROPN") or low.endswith("ing") or low.endswith("s")
    if not nominal or first - frame.lo > 3:
        return False
    for k in range(last + 1, min(frame.hi + 1, last + 16)):
        low = tokens[k].text.lower()
        if low in _DAY_WORDS:
            return False  # "the fall of Deraa on Friday could allow ...": a dated, done event
        if (low,) in _FUTURE_MODALS:
            return True
    return False


def _infinitive(tokens: Sequence[Token], match: TriggerMatch) -> bool:
    k = match.first
    if not match.rule.infinitive_ok and tokens[k].dep == "conj" and tokens[k].pos == "VERB":
        head = tokens[k].head
        if 0 < head < k and tokens[head - 1].text.lower() == "to" and tokens[head].pos == "VERB":
            return True  # "measures to increase its presence and deploy forces": both verbs are infinitives
    if match.rule.infinitive_ok or k == 0 or tokens[k - 1].text.lower() != "to":
        return False
    if tokens[k].pos and tokens[k].pos != "VERB":
        return False
    return not (k >= 2 and tokens[k - 2].text.lower() in _NOUNISH_BEFORE_TO)


def _aggregate(tokens: Sequence[Token], frame: Frame, lexicon: Lexicon) -> bool:
    first = frame.trigger.first
    if _counted_events(tokens, frame, lexicon):
        return True  # "launched 89 attacks on US bases in 2024, using drones and rockets"
    if any(t.text.lower().endswith("-long") or t.text.lower() == "long" and k > 0 and tokens[k - 1].text == "-"
           for k, t in enumerate(tokens[frame.lo : first + 1], frame.lo)):
        return True  # "year-long battle": a campaign, not an event
    return has_phrase(tokens, lexicon.aggregate_markers, frame.lo, frame.hi + 1)


def _counted_events(tokens: Sequence[Token], frame: Frame, lexicon: Lexicon) -> bool:
    """A clause counting events ("89 attacks", "12 strikes") reports a tally, unless a day follows the count.

    "carried out 3 strikes on Kyiv overnight" is one dated event (ACLED codes one event per day and
    place); "launched 89 attacks on US bases in 2024" is a statistic over a period.
    """
    for k in range(max(frame.lo, 1), frame.hi + 1):
        if tokens[k].text.lower() not in lexicon.aggregate_nouns:
            continue
        count = tokens[k - 1].text.replace(",", "")
        if count.isdigit() and int(count) > 1 and not any(t.text.lower() in _DAY_WORDS for t in tokens[k + 1 : frame.hi + 1]):
            return True
    return False


def _old_year(tokens: Sequence[Token], frame: Frame, year: int | None) -> bool:
    # A year before the publication year in the clause ("in 2011", "from 2012 until 2016")
    # marks background; current-year dates are checked against the history window instead.
    years = [int(t.text) for t in tokens[frame.lo : frame.hi + 1] if _YEAR.match(t.text)]
    return bool(years) and year is not None and all(y < year for y in years)


def _closes(line: str, marker: str) -> bool:
    at = line.rfind(marker)
    if at < 0:
        return False
    rest = line[at + len(marker) :].lstrip()
    return len(rest) <= CAPTION_TAIL and not rest.startswith(("-", "—", "–"))


def is_caption(text: str, sentence: Sentence, lexicon: Lexicon) -> bool:
    """True when the sentence's line is a photo caption (credit markers or a repeated line)."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    low = line.lower()
    # Credits close a caption ("... (Reuters)", "Photo: REUTERS/..."); a dateline that opens a
    # story ("KYIV (Reuters) - ...") or a long paragraph is body text.
    if len(line) <= CAPTION_MAX and any(_closes(low, marker) for marker in lexicon.caption_markers):
        return True
    # Captions are often printed twice in a row by page templates.
    return len(line) > 40 and text.count(line) > 1
