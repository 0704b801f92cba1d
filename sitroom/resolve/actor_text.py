"""Text normalisation shared by the actor index, lookups and the mention scan.

Two forms of a text are used side by side: the original (for case-sensitive acronyms such as
``IS`` or ``US``) and a *folded* copy of the same length (lower case, diacritics and curly
quotes/dashes mapped to ASCII), so character offsets found in one are valid in the other.
A token's *key* then drops dots and apostrophes, collapses doubled letters (Nujabaa/Nujaba,
Qassem/Qasem) and maps Arabic article variants (el-, ash-, ad-...) to ``al``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Callable, Iterable, Iterator, NamedTuple

# Word tokens on folded text: dotted acronyms (u.s.), or letters/digits with inner apostrophes.
TOKEN_RE = re.compile(r"[a-z](?:\.[a-z])+\.?|[^\W_]+(?:'[^\W_]+)*")
# What may separate two tokens inside one alias match: spaces, a hyphen, one line break.
GAP_RE = re.compile(r"[ \t\u00a0]*(?:-[ \t\u00a0]*)?(?:\n[ \t\u00a0]*)?")
# One step of the scan: a token (a possessive 's stays on it) and the gap after it.
# The next word of a scan: an optional possessive, the gap, then the word.
NEXT_RE = re.compile(r"(?:'s)?" + GAP_RE.pattern + r"((?:[a-z]\.){2,}|\w+(?:'\w+)*)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_DOUBLED = re.compile(r"(.)\1+")
_SPECIAL = {
    "\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'", "\u02bb": "'", "\u2032": "'",
    "\u02bf": "'", "\u02be": "'", "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-", "\u2212": "-",
    "\u2015": "-", "\u0131": "i", "\u00f8": "o", "\u00e6": "a", "\u00df": "s", "\u0111": "d", "\u0142": "l",
    "\u0153": "o", "\u00fe": "t", "\u00f0": "d", "\u00a0": " ",
}
# Arabic article forms that are written assimilated to the next word (ash-Sham, ad-Dawla).
ASSIMILATED_AL = frozenset({"ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az"})
CS_PREFIX = "="


class Token(NamedTuple):
    """A token of a text: its span (possessive 's excluded), folded form and original form."""

    start: int
    end: int
    folded: str
    raw: str
    next_char: str


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    # Keep one character per character so offsets stay aligned; scripts without ASCII
    # bases (Arabic, Cyrillic) pass through unchanged.
    return base[0] if len(base) >= 1 and base[0].isascii() else char


def fold_text(text: str) -> str:
    """Return ``text`` lower-cased with diacritics, quotes and dashes folded, same length."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower()[0] for c in text)
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(lambda m: _fold_char(m.group()), lowered)


def strip_marks(text: str) -> str:
    """Return ``text`` with combining marks removed and quotes/dashes folded, case kept."""
    return "".join(_fold_char(c) if not c.isascii() else c for c in text)


@functools.lru_cache(maxsize=65536)
def norm_key(folded_token: str, before_hyphen: bool = False) -> str:
    """Return the case-insensitive key of a folded token."""
    key = _DOUBLED.sub(r"\1", folded_token.replace(".", "").replace("'", ""))
    if key == "el" or (before_hyphen and key in ASSIMILATED_AL):
        return "al"
    return key


@functools.lru_cache(maxsize=65536)
def cs_key(raw_token: str) -> str:
    """Return the case-sensitive key of an original token (acronyms, exact-case names)."""
    return CS_PREFIX + strip_marks(raw_token).replace(".", "").replace("'", "")


@functools.lru_cache(maxsize=65536)
def is_acronym(raw_token: str) -> bool:
    """True for tokens such as IS, U.S., HTS, PDFs or M23A that must match case-sensitively."""
    body = strip_marks(raw_token).replace(".", "").replace("'", "")
    if len(body) < 2 or sum(c.isupper() for c in body) < 2:
        return False
    head = body[:-1] if body.endswith("s") else body
    return all(c.isupper() or c.isdigit() for c in head)


def iter_tokens(text: str, folded: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Yield the tokens of ``text[start:end]``; a trailing possessive 's is cut off the token."""
    for match in TOKEN_RE.finditer(folded, start, len(folded) if end is None else end):
        yield make_token(text, folded, match.start(), match.end())


def make_token(text: str, folded: str, s: int, e: int) -> Token:
    """Build the Token for the folded span ``[s, e)``."""
    word = folded[s:e]
    if word.endswith("'s") and len(word) > 2:
        word, e = word[:-2], e - 2
    next_char = folded[e] if e < len(folded) else ""
    return Token(s, e, word, text[s:e], next_char)


def alias_keys(alias: str, case_sensitive: bool = False) -> tuple[str, ...]:
    """Return the key tuple an alias is indexed under (leading 'the' dropped unless exact-case)."""
    folded = fold_text(alias)
    keys: list[str] = []
    for tok in iter_tokens(alias, folded):
        if case_sensitive or is_acronym(tok.raw):
            keys.append(cs_key(tok.raw))
        else:
            keys.append(norm_key(tok.folded, tok.next_char == "-"))
    if not case_sensitive and len(keys) > 1 and keys[0] == "the":
        keys = keys[1:]
    return tuple(keys)


def surface_key_variants(surface: str) -> list[tuple[str, ...]]:
    """Key tuples to try for a free surface string: as written, exact-case, and all-normal."""
    folded = fold_text(surface)
    tokens = list(iter_tokens(surface, folded))
    if not tokens:
        return []
    normal = [norm_key(t.folded, t.next_char == "-") for t in tokens]
    written = [cs_key(t.raw) if is_acronym(t.raw) else n for t, n in zip(tokens, normal)]
    exact = [cs_key(t.raw) for t in tokens]
    out: list[tuple[str, ...]] = []
    for keys in (written, exact, normal):
        trimmed = keys[1:] if len(keys) > 1 and keys[0] == "the" else keys
        for cand in (tuple(keys), tuple(trimmed)):
            if cand and cand not in out:
                out.append(cand)
    return out


def plural_variants(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Singular/plural variants of a key tuple's last token (forces/force, militia/militias)."""
    last = keys[-1]
    if last.startswith(CS_PREFIX) or len(last) < 3 or not last.isalpha():
        return []
    if last.endswith("s") and not last.endswith("ss"):
        return [keys[:-1] + (last[:-1],)]
    return [keys[:-1] + (last + "s",)]


def _trie_regex(words: Iterable[str], unit: Callable[[str], str]) -> str:
    """Build a compact alternation from a character trie; ``unit`` renders one character."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict[str, Any]) -> str:
        parts = []
        for ch in sorted(k for k in node if k != ""):
            child = node[ch]
            tail = emit(child) if any(k != "" for k in child) else ""
            if not tail:
                parts.append(unit(ch))
            elif "" in child:
                parts.append(unit(ch) + "(?:" + tail + ")?")
            else:
                parts.append(unit(ch) + tail)
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(root)


def compile_words(words: Iterable[str], arabic_article: bool = False) -> re.Pattern[str]:
    """Regex matching any of ``words`` as a whole word of folded text; group 1 is the next word.

    With ``arabic_article``, assimilated article forms before a hyphen (ash-, ad-) match too.
    """
    body = _trie_regex(sorted(w for w in words if w), re.escape)
    if arabic_article:
        body += r"|a(?:[dnrstz]|sh|dh|th)(?=-)"
    # The lookahead also reads the following word (group 1) in the same C pass, without
    # consuming it, since most alias walks need exactly that one more word.
    return re.compile(r"(?<![^\W_])(?:" + body + r")(?![^\W_])(?=" + NEXT_RE.pattern + ")?")
