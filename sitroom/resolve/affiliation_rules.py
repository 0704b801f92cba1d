"""The rule interpreters behind ``find_affiliations``, one function per rule kind.

Each rule reads a sentence's actor mentions and the text between them; an actor written
as a bare word inside a compound or title ("Iran-backed", "Iranian Foreign Minister") is
resolved through the registry (aliases first, then demonyms to the state).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from ..model import ActorRef

if TYPE_CHECKING:
    from .actors import ActorRegistry

Found = tuple[str, str, str, int, int]
_SUBJECT_GAP = re.compile(r"^[\s,]*(?:(?:which|who|that)\s+)?(?:(?:is|are|was|were|has|have|had|been|being|also|"
                          r"reportedly|allegedly|widely|now|still|long|seen\s+as|considered|will|would|could|to|not)"
                          r"\s+)*$", re.I)
_OBJECT_GAP = re.compile(r"^\s*(?:(?:the|a|an|its|their|neighbouring|neighboring|regional|foreign|powerful|"
                         r"key|main|close|allies|ally)[\s,:—–-]+)*$", re.I)
_VERB_SUBJECT_GAP = re.compile(r"^[\s,]*(?:(?:which|who|that)\s+)?(?:(?:\w+ly|is|are|was|were|has|have|had|been|"
                               r"being|also|now|still|will|would|could|not|then|again|to)\s+)*$", re.I)
_VERB_OBJECT_GAP = re.compile(r"^\s*(?:(?:the|a|an|its|their|fellow|allied|local)\s+)*$", re.I)
_FIGHT_OBJECT_GAP = re.compile(r"^\s*(?:(?:with|against|on|at|the|a|an|positions\s+of|fierce|heavy|battles?|"
                               r"clashes)\s+)*$", re.I)
_CLAUSE = re.compile(r"[.;:!?\"“”()]|\b(?:said|says|told|according|but|while|whereas)\b", re.I)
_LIST = re.compile(r"^\s*(?:,|,?\s*and|,?\s*as well as|&|/|—|–)\s*(?:the\s+)?$", re.I)
_GROUP_SUBJECT = re.compile(r"^\s*the\s+(?:fighters|militias|groups|militants|forces|brigades|troops|units)\b", re.I)
_WORD = re.compile(r"[\w’'.-]+")
_POSSESSIVE_HEAD = re.compile(r"^([\w.-]+)['’]s\s")
_POSSESSIVE_GAP = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}?$")


@dataclass(slots=True)
class Sentence:
    """A sentence's span, its actor mentions, and the sentence before it."""

    start: int
    end: int
    refs: list[ActorRef]
    previous: Sentence | None = None


@dataclass(slots=True)
class RuleContext:
    """What every rule needs, and the relations found so far."""

    text: str
    registry: ActorRegistry
    rules: Mapping[str, Any]
    compiled: dict[str, re.Pattern[str]]
    found: list[Found] = field(default_factory=list)
    by_phrase: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    memo: dict[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_phrase = {" ".join(p["phrase"].lower().split()): p for p in self.rules["after_subject"]}

    def add(self, source: str | None, relation: str, target: str | None, *spans: tuple[int, int]) -> None:
        """Record a relation whose evidence covers all ``spans``."""
        if source and target and source != target:
            start = min(s for s, _ in spans)
            end = max(e for _, e in spans)
            self.found.append((source, relation, target, start, end))

    def name_of_words(self, words: str) -> str | None:
        """Resolve a bare word or two ("Iran", "U.S.", "Iranian", "Kremlin") to an actor name."""
        tokens = _WORD.findall(words)
        for size in (3, 2, 1):
            if len(tokens) < size:
                continue
            phrase = " ".join(tokens[-size:]).strip(".")
            entry = self.registry.lookup_exact(phrase)
            if entry is None and size == 1:
                entry = self.registry.state_of_demonym(phrase)
            if entry is not None:
                return entry.name
        return None

    def is_past(self, pos: int) -> bool:
        """True when a past marker ("formerly") comes right before ``pos``."""
        return self.compiled["past"].search(self.text[max(0, pos - 30):pos]) is not None


def run_rules(ctx: RuleContext, sentence: Sentence) -> None:
    """Apply every rule kind to one sentence (rules needing two mentions only where there are two)."""
    _under_command(ctx, sentence)
    _demonym_pairs(ctx, sentence)
    if not sentence.refs:
        return
    _compounds(ctx, sentence)
    _state_possessive(ctx, sentence)
    _titles(ctx, sentence)
    if len(sentence.refs) < 2:
        return
    _after_phrases(ctx, sentence)
    _known_possessive(ctx, sentence)
    _roles(ctx, sentence)
    _verbs(ctx, sentence)
    _pairs(ctx, sentence)


def _span(ref: ActorRef) -> tuple[int, int]:
    return ref.evidence.start, ref.evidence.end


def _before(ctx: RuleContext, sentence: Sentence, pos: int, gap: re.Pattern[str] | None = None) -> ActorRef | None:
    """The nearest mention ending before ``pos`` with an acceptable gap."""
    limit = ctx.rules["max_gap"]
    for ref in reversed(sentence.refs):
        if ref.evidence.end <= pos:
            between = ctx.text[ref.evidence.end:pos]
            ok = gap.match(between) if gap is not None else not _CLAUSE.search(between)
            return ref if len(between) <= limit and ok else None
    return None


def _after(ctx: RuleContext, sentence: Sentence, pos: int, gap: re.Pattern[str] | None = None) -> ActorRef | None:
    """The first mention starting after ``pos`` with an acceptable gap."""
    limit = ctx.rules["max_gap"]
    for ref in sentence.refs:
        if ref.evidence.start >= pos:
            between = ctx.text[pos:ref.evidence.start]
            ok = gap.match(between) if gap is not None else not _CLAUSE.search(between)
            return ref if len(between) <= limit and ok else None
    return None


def _listed(ctx: RuleContext, sentence: Sentence, ref: ActorRef, forward: bool) -> list[ActorRef]:
    """``ref`` plus the mentions joined to it by commas or "and" ("Russia, Iran and Hezbollah")."""
    refs = sentence.refs
    i = refs.index(ref)
    out = [ref]
    step = 1 if forward else -1
    while 0 <= i + step < len(refs):
        a, b = (refs[i], refs[i + step]) if forward else (refs[i + step], refs[i])
        if not _LIST.match(ctx.text[a.evidence.end:b.evidence.start]):
            break
        i += step
        out.append(refs[i])
    return out


def _lift(ctx: RuleContext, ref: ActorRef) -> str:
    """Backing a head of state is backing the state: a person maps to the government they lead."""
    if ref.type != "person" or ref.provisional:
        return ref.name
    entry = ctx.registry.get(ref.name)
    for parent in entry.part_of if entry else ():
        target = ctx.registry.get(parent)
        if target is not None and target.type == "state":
            return target.name
    return ref.name


def _apply(ctx: RuleContext, relation: str, x: str | None, y: str | None, *spans: tuple[int, int]) -> None:
    """Record a rule's relation; ``x`` is the backer/leader/whole, ``y`` the backed/led/part."""
    if relation in ("backs", "leads"):
        ctx.add(x, relation, y, *spans)
    else:
        ctx.add(y, relation, x, *spans)


def _compounds(ctx: RuleContext, sentence: Sentence) -> None:
    """ "Iran-backed Iraqi militias", "U.S.-led coalition", "Turkish-backed rebels"."""
    relations = ctx.rules["compound"]
    for hit in ctx.compiled["compound"].finditer(ctx.text, sentence.start, sentence.end):
        m = ctx.compiled["compound_left"].search(ctx.text, max(sentence.start, hit.start() - 40), hit.start())
        if m is None or ctx.is_past(m.start()):
            continue
        x = ctx.name_of_words(m.group(1))
        hyphen = hit.start()
        # The compound is often inside the mention it qualifies ("Iran-backed Iraqi militias").
        holder = next((r for r in sentence.refs if r.evidence.start <= hyphen < r.evidence.end), None)
        target = holder or _after(ctx, sentence, m.end())
        if x is None or target is None or target.name == x:
            continue
        start = holder.evidence.start if holder else m.start()
        _apply(ctx, relations[hit.group(1).lower()], x, target.name, (start, hit.end()), _span(target))


def _after_phrases(ctx: RuleContext, sentence: Sentence) -> None:
    """ "rebels led by HTS", "militias backed by Iran and Russia", "a group allied with X"."""
    by_phrase = ctx.by_phrase
    for m in ctx.compiled["after"].finditer(ctx.text, sentence.start, sentence.end):
        rule = by_phrase.get(" ".join(m.group(1).lower().split()))
        if rule is None or ctx.is_past(m.start()):
            continue
        y = _before(ctx, sentence, m.start(), _SUBJECT_GAP)
        x = _after(ctx, sentence, m.end(), _OBJECT_GAP)
        if x is None or y is None:
            continue
        subjects = _listed(ctx, sentence, y, forward=False)
        for each in _listed(ctx, sentence, x, forward=True):
            for subject in subjects:
                first, second = (each, subject) if rule["direction"] == "x_y" else (subject, each)
                target = _lift(ctx, second) if rule["relation"] == "backs" else second.name
                ctx.add(first.name, rule["relation"], target, _span(subject), _span(each))


def _under_command(ctx: RuleContext, sentence: Sentence) -> None:
    """ "stationed in Al-Boukamal under IRGC command": the group before (or the previous
    sentence's groups, after "The fighters ...") is led by the commander."""
    for m in ctx.compiled["under"].finditer(ctx.text, sentence.start, sentence.end):
        leader = ctx.name_of_words(m.group(1))
        if leader is None:
            continue
        relation = "part_of" if m.group(2).lower() == "umbrella" else "leads"
        led = [r for r in sentence.refs if r.evidence.end <= m.start() and r.type not in ("state", "media", "person")]
        if not led and sentence.previous and _GROUP_SUBJECT.match(ctx.text[sentence.start:m.start()]):
            led = [r for r in sentence.previous.refs if r.type in ("militia", "rebel", "identity")]
        for ref in led:
            _apply(ctx, relation, leader, ref.name, (m.start(), m.end()), _span(ref))


def _roles(ctx: RuleContext, sentence: Sentence) -> None:
    """ "the main rebels' backer Turkey", "Iran's proxy Hezbollah", "Nabih Berri, a Hezbollah ally"."""
    roles, appositive = ctx.rules["possessive_roles"], ctx.rules["appositive_roles"]
    refs = sentence.refs
    for left, right in zip(refs, refs[1:]):
        between = ctx.text[left.evidence.end:right.evidence.start]
        m = ctx.compiled["role"].match(between)
        if m:
            kind = roles[m.group(1).lower()]
            if kind == "backs_y":
                ctx.add(right.name, "backs", _lift(ctx, left), _span(left), _span(right))
            elif kind == "backs_x":
                ctx.add(left.name, "backs", right.name, _span(left), _span(right))
            else:
                ctx.add(right.name, "allied_with", left.name, _span(left), _span(right))
        if ctx.compiled["appositive"].match(between):
            tail = ctx.compiled["appositive_role"].match(ctx.text, right.evidence.end, sentence.end)
            if tail:
                relation = appositive[tail.group(1).lower()]
                _apply(ctx, relation, right.name, left.name, _span(left), (right.evidence.start, tail.end()))


def _known_possessive(ctx: RuleContext, sentence: Sentence) -> None:
    """ "Palestinian Islamic Jihad's Al-Quds Brigades": a possessive the registry confirms as membership."""
    for left, right in zip(sentence.refs, sentence.refs[1:]):
        if not _POSSESSIVE_GAP.match(ctx.text, left.evidence.end, right.evidence.start):
            continue
        entry = ctx.registry.get(right.name)
        if entry is not None and entry.type != "person" and left.name in entry.part_of:
            ctx.add(right.name, "part_of", left.name, _span(left), _span(right))


def _state_possessive(ctx: RuleContext, sentence: Sentence) -> None:
    """ "Iran's Revolutionary Guard Corps": a state's own force, named with its possessive."""
    for ref in sentence.refs:
        m = _POSSESSIVE_HEAD.match(ref.evidence.text)
        if m is None or ref.type != "state_force":
            continue
        owner = ctx.registry.get(ctx.name_of_words(m.group(1)) or "")
        entry = ctx.registry.get(ref.name)
        if owner is None or entry is None or owner.type != "state" or owner.country != entry.country:
            continue
        # The force's own parent of that country wins ("Syria's military" in 2024 is Assad's).
        parents = [p for p in (ctx.registry.get(x) for x in entry.part_of) if p and p.country == owner.country]
        ctx.add(ref.name, "part_of", parents[0].name if parents else owner.name, _span(ref))


def _titles(ctx: RuleContext, sentence: Sentence) -> None:
    from .affiliation_titles import person_titles

    person_titles(ctx, sentence)


def _verbs(ctx: RuleContext, sentence: Sentence) -> None:
    """Subject-verb-object within a clause: "X fought Y", "Iran and Hezbollah are bolstering Assad"."""
    for m in ctx.compiled["verbs"].finditer(ctx.text, sentence.start, sentence.end):
        relation = m.lastgroup or ""
        subject = _before(ctx, sentence, m.start(), _VERB_SUBJECT_GAP)
        obj = _after(ctx, sentence, m.end(), _FIGHT_OBJECT_GAP if relation == "fights" else _VERB_OBJECT_GAP)
        if obj is None and relation == "fights":
            taken = ctx.compiled["taken_from"].match(ctx.text, m.end(), sentence.end)
            obj = _after(ctx, sentence, taken.end(), _VERB_OBJECT_GAP) if taken else None
        if subject is None or obj is None or ctx.is_past(m.start()):
            continue
        if relation == "fights" and "civilians" in (subject.type, obj.type):
            continue  # violence against civilians is an event, not a relation between actors
        if "media" in (subject.type, obj.type):
            continue
        target = _lift(ctx, obj) if relation == "backs" else obj.name
        for each in _listed(ctx, sentence, subject, forward=False):
            if relation != "negotiates_with" and each.type == "person":
                continue
            ctx.add(each.name, relation, target, _span(each), (m.start(), m.end()), _span(obj))


def _pairs(ctx: RuleContext, sentence: Sentence) -> None:
    """ "war between A and B", "foreign ministers of A, B and C", "A's battle with B"."""
    fight_nouns = set(ctx.rules["fight_nouns"])
    refs = sentence.refs
    for i, ref in enumerate(refs):
        head = ctx.text[max(sentence.start, ref.evidence.start - 40):ref.evidence.start]
        between = ctx.compiled["pair_between"].search(head)
        if between and i + 1 < len(refs) and re.match(r"^\s+and\s+(?:the\s+)?$", ctx.text[ref.evidence.end:refs[i + 1].evidence.start]):
            relation = "fights" if between.group(1).lower() in fight_nouns else "negotiates_with"
            ctx.add(ref.name, relation, refs[i + 1].name, _span(ref), _span(refs[i + 1]))
        if i + 1 < len(refs) and ctx.compiled["fight_noun"].match(ctx.text[ref.evidence.end:refs[i + 1].evidence.start]):
            ctx.add(ref.name, "fights", refs[i + 1].name, _span(ref), _span(refs[i + 1]))
        ministers = ctx.compiled["pair_ministers"].search(head)
        if ministers and ministers.end() == len(head) and (i == 0 or refs[i - 1].evidence.end <= ref.evidence.start):
            group = _listed(ctx, sentence, ref, forward=True)
            for a in range(len(group)):
                for b in range(a + 1, len(group)):
                    ctx.add(group[a].name, "negotiates_with", group[b].name, _span(group[a]), _span(group[b]))


def _demonym_pairs(ctx: RuleContext, sentence: Sentence) -> None:
    """ "Turkish and Iranian foreign ministers" met: the two states negotiate."""
    for m in ctx.compiled["demonym_pair"].finditer(ctx.text, sentence.start, sentence.end):
        a, b = ctx.name_of_words(m.group(1)), ctx.name_of_words(m.group(2))
        ctx.add(a, "negotiates_with", b, (m.start(), m.end()))
