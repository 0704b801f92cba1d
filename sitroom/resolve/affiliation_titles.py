"""Titles that place a named person in an organisation ("Hezbollah chief Sheikh Naim Qassem").

The title sits before the person's name (possibly inside the matched alias, as in
"Iranian Foreign Minister Abbas Araqchi") or after it ("Mazloum Abdi, leader of the SDF").
The organisation is written before the title ("Kremlin spokesperson", "Syrian opposition
leader", a demonym for the state); a head-of-state title with no organisation falls back to
the person's registry membership ("Prime Minister Benjamin Netanyahu").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Iterable

from ..model import ActorRef
from .actor_text import fold_text

if TYPE_CHECKING:
    from .affiliation_rules import RuleContext, Sentence


def person_titles(ctx: RuleContext, sentence: Sentence) -> None:
    """Record leads/part_of relations stated by titles around person mentions."""
    titles = ctx.rules["titles"]
    leading = {t.lower() for t in titles["leads"]}
    heads = {t.lower() for t in titles["head_of_state"]}
    people = [ref for ref in sentence.refs if ref.type == "person"]
    words = _title_words(tuple(titles["leads"] + titles["part_of"] + titles["honorifics"])) if people else frozenset()
    for ref in people:
        # Why: articles repeat the same person mentions; find each name's start once.
        key = (ref.name, ref.evidence.text)
        if key not in ctx.memo:
            ctx.memo[key] = _name_start(ctx, ref, words) - ref.evidence.start
        name_start = ref.evidence.start + ctx.memo[key]
        window_start = max(sentence.start, name_start - 90)
        m = ctx.compiled["title_tail"].search(ctx.text, window_start, name_start)
        if m is not None:
            title = " ".join(m.group(1).lower().split())
            relation = "leads" if title in leading else "part_of"
            org, org_start = _org_before(ctx, ctx.text[window_start:m.start(1)], ref, window_start)
            if org is None and title in heads:
                org, org_start = _member_of(ctx, ref), m.start(1)
            ctx.add(ref.name, relation, org, (org_start, m.end()), (ref.evidence.start, ref.evidence.end))
        after = ctx.compiled["title_after"].match(ctx.text, ref.evidence.end, sentence.end)
        if after is not None:
            org_ref = next((r for r in sentence.refs if r.evidence.start == after.end()), None)
            if org_ref is not None:
                title = " ".join(after.group(1).lower().split())
                relation = "leads" if title in leading else "part_of"
                ctx.add(ref.name, relation, org_ref.name, (ref.evidence.start, org_ref.evidence.end))


@functools.lru_cache(maxsize=8)
def _title_words(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.strip(".") for p in phrases for w in fold_text(p).replace("-", " ").split())


def _name_start(ctx: RuleContext, ref: ActorRef, title_words: Iterable[str]) -> int:
    """Where the person's own name begins inside the mention ("Kremlin spokesperson Dmitry Peskov").

    The longest tail of the mention that still names the same person and does not start with
    a title, honorific, demonym or organisation name.
    """
    words = set(title_words)
    surface = ref.evidence.text
    for token in re.finditer(r"\S+", surface):
        folded = fold_text(token.group()).strip(".,'’")
        if folded in words or ctx.registry.state_of_demonym(folded) is not None:
            continue
        alone = ctx.registry.lookup_exact(token.group())
        if alone is not None and alone.type != "person":
            continue  # an organisation word before the title ("Kremlin spokesperson ...")
        found = ctx.registry.lookup_exact(surface[token.start():])
        if found is not None and found.name == ref.name:
            return ref.evidence.start + token.start()
    return ref.evidence.start


def _org_before(ctx: RuleContext, words: str, person: ActorRef, offset: int) -> tuple[str | None, int]:
    """The organisation named by the words before a title (longest resolvable tail) and where it starts."""
    if words[-1:].isspace() is False and words:
        return None, offset  # the title must follow the organisation's words
    tokens = list(re.finditer(r"[\w’'.-]+", words))
    for i in range(max(0, len(tokens) - 3), len(tokens)):
        phrase = words[tokens[i].start():tokens[-1].end()].strip(".")
        entry = ctx.registry.lookup_exact(phrase)
        if entry is None and i == len(tokens) - 1:
            entry = ctx.registry.state_of_demonym(phrase)
        if entry is not None:
            return _same_state(ctx, entry.name, person), offset + tokens[i].start()
    return None, offset


def _same_state(ctx: RuleContext, name: str, person: ActorRef) -> str:
    """ "Syrian President" names whichever Syrian government the person belongs to."""
    entry = ctx.registry.get(name)
    person_entry = ctx.registry.get(person.name)
    if entry is not None and entry.type == "state" and person_entry is not None:
        for parent in person_entry.part_of:
            candidate = ctx.registry.get(parent)
            if candidate is not None and candidate.type == "state" and candidate.country == entry.country:
                return candidate.name
    return name


def _member_of(ctx: RuleContext, person: ActorRef) -> str | None:
    """The state or government a registry person belongs to."""
    entry = ctx.registry.get(person.name)
    for parent in entry.part_of if entry else ():
        candidate = ctx.registry.get(parent)
        if candidate is not None and candidate.type == "state":
            return candidate.name
    return None
