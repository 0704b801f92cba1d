"""Score segmentation against gold documents.jsonl (shared/eval SCHEMA.md).

Per file: gold articles matched by a predicted article (same title after normalisation, or the
same lines of the raw file), titles equal, and publication dates equal where gold knows one.
Over the corpus: duplicate pairs (two articles in one cluster) found by the dedup stage. The
last report line is the summary
``documents: articles A/G titles T/G dates D/S dup_precision P dup_recall R``.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable, Sequence

from rapidfuzz import fuzz

from ..config import Settings
from ..errors import InputError, SitroomError
from ..model import Article

LOGGER = logging.getLogger(__name__)

TITLE_MATCH = 80.0  # rapidfuzz ratio at which two titles name the same article
LINES_MATCH = 0.5  # share of the gold line range a predicted article must cover
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'})


@dataclass(slots=True)
class Predicted:
    """A predicted article with the raw-file line range it covers (None without a span)."""

    article: Article
    lines: tuple[int, int] | None


@dataclass(slots=True)
class FileScore:
    """Counts for one gold file; ``matches`` maps gold k to the predicted article."""

    file: str
    gold: list[dict[str, Any]]
    predicted: list[Predicted]
    matches: dict[int, Predicted] = field(default_factory=dict)
    problem: str | None = None

    @property
    def titles_equal(self) -> int:
        """Matched gold articles whose predicted title is the same text."""
        return sum(1 for g in self.gold if g["k"] in self.matches and _same_title(g, self.matches[g["k"]]))

    @property
    def dated(self) -> list[dict[str, Any]]:
        """Gold articles with a known publication date."""
        return [g for g in self.gold if g.get("published")]

    @property
    def dates_equal(self) -> int:
        """Dated gold articles whose matched prediction has the same day."""
        return sum(1 for g in self.dated if g["k"] in self.matches and
                   self.matches[g["k"]].article.published == g["published"])

    def lines(self) -> list[str]:
        """One line per measure, with the misses named."""
        name = self.file
        if self.problem:
            return [f"{name} articles 0/{len(self.gold)} ({self.problem})"]
        titles = [f"#{g['k']} {self.matches[g['k']].article.title!r}" for g in self.gold
                  if g["k"] in self.matches and not _same_title(g, self.matches[g["k"]])]
        dates = [f"#{g['k']} {self.matches[g['k']].article.published if g['k'] in self.matches else 'unmatched'}"
                 f" != {g['published']}" for g in self.dated
                 if g["k"] not in self.matches or self.matches[g["k"]].article.published != g["published"]]
        return [
            f"{name} articles {len(self.matches)}/{len(self.gold)} (predicted {len(self.predicted)})",
            f"{name} titles {self.titles_equal}/{len(self.gold)}" + (f" [{'; '.join(titles)}]" if titles else ""),
            f"{name} dates {self.dates_equal}/{len(self.dated)}" + (f" [{'; '.join(dates)}]" if dates else ""),
        ]


@dataclass(slots=True)
class DocumentsReport:
    """Per-file scores and duplicate pairs (as frozensets of gold-style ids)."""

    files: list[FileScore]
    pred_pairs: set[frozenset[str]]
    gold_pairs: set[frozenset[str]]
    dedup_used: bool = True

    @property
    def dup_precision(self) -> float:
        """Correct predicted pairs over predicted pairs (1.00 when neither side has any)."""
        if not self.pred_pairs:
            return 1.0 if not self.gold_pairs else 0.0
        return len(self.pred_pairs & self.gold_pairs) / len(self.pred_pairs)

    @property
    def dup_recall(self) -> float:
        """Gold pairs found over gold pairs (1.00 when gold has none)."""
        if not self.gold_pairs:
            return 1.0
        return len(self.pred_pairs & self.gold_pairs) / len(self.gold_pairs)

    def lines(self) -> list[str]:
        """Human-readable report; the last line is the machine-readable summary."""
        out = [line for f in self.files for line in f.lines()]
        note = "" if self.dedup_used else " (dedup stage unavailable: no duplicates predicted)"
        out.append(f"duplicate pairs: predicted {len(self.pred_pairs)} gold {len(self.gold_pairs)} "
                   f"correct {len(self.pred_pairs & self.gold_pairs)}{note}")
        out.append(self.summary())
        return out

    def summary(self) -> str:
        """The one-line summary."""
        gold = sum(len(f.gold) for f in self.files)
        return (f"documents: articles {sum(len(f.matches) for f in self.files)}/{gold} "
                f"titles {sum(f.titles_equal for f in self.files)}/{gold} "
                f"dates {sum(f.dates_equal for f in self.files)}/{sum(len(f.dated) for f in self.files)} "
                f"dup_precision {self.dup_precision:.2f} dup_recall {self.dup_recall:.2f}")


def evaluate_documents(gold_dir: str, inputs: str, settings: Settings | None = None) -> DocumentsReport:
    """Segment the files named in ``gold_dir/documents.jsonl`` (found under ``inputs``) and score them.

    Args:
        gold_dir: folder holding documents.jsonl.
        inputs: folder with the raw files (or one raw file); files are matched by name.
        settings: ingest/segment/dedup settings (defaults when None).

    Returns:
        A DocumentsReport; ``lines()`` prints it, its last line is the summary.
    """
    settings = settings or Settings()
    gold = load_gold(Path(gold_dir) / "documents.jsonl")
    files = [_score_file(entry, _input_path(inputs, entry["file"]), settings) for entry in gold]
    clustered, used = _cluster([p.article for f in files for p in f.predicted], settings)
    names = {f.matches[k].article.article_id: f"{f.file}#{k}" for f in files for k in f.matches}
    return DocumentsReport(files, predicted_pairs(clustered, names), gold_pairs(gold), used)


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read documents.jsonl; raises InputError naming the file and line on bad JSON."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read gold documents: {exc.strerror or exc}") from exc
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"line {number}: {exc.msg}") from exc
    return out


def _input_path(inputs: str, name: str) -> Path:
    root = Path(inputs)
    return root / name if root.is_dir() else root.parent / name


def _score_file(entry: dict[str, Any], path: Path, settings: Settings) -> FileScore:
    score = FileScore(entry["file"], list(entry.get("articles", [])), [])
    if not path.is_file():
        score.problem = f"input file not found under {path.parent}"
        return score
    try:
        score.predicted = list(_predict(path, settings))
    except SitroomError as exc:
        score.problem = str(exc)
        return score
    score.matches = match_articles(score.gold, score.predicted)
    return score


def _predict(path: Path, settings: Settings) -> Iterable[Predicted]:
    from ..ingest import read_file
    from ..model import RawDocument
    from ..segment import segment
    from ..segment.decode import decode

    for item in read_file(str(path), settings.ingest):
        if not isinstance(item, RawDocument):
            LOGGER.warning("%s: %s", item.path, item.reason)
            continue
        articles = segment(item, settings.segment)
        text = decode(item.content, item.path) if any(a.span for a in articles) else ""
        for article in articles:
            yield Predicted(article, _line_range(text, article.span))


def _line_range(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    if not span:
        return None
    return text.count("\n", 0, span[0]) + 1, text.count("\n", 0, max(span[0], span[1] - 1)) + 1


def match_articles(gold: Sequence[dict[str, Any]], predicted: Sequence[Predicted]) -> dict[int, Predicted]:
    """Pair gold and predicted articles one-to-one, best evidence first (title, then lines)."""
    scored = []
    for g in gold:
        for i, p in enumerate(predicted):
            value = _pair_score(g, p)
            if value > 0:
                scored.append((value, g["k"], i))
    out: dict[int, Predicted] = {}
    used: set[int] = set()
    for _, k, i in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if k not in out and i not in used:
            out[k] = predicted[i]
            used.add(i)
    if not out and len(gold) == len(predicted) and all(p.lines is None for p in predicted):
        # Nothing to compare (no titles, no spans): fall back to file order.
        out = {g["k"]: p for g, p in zip(gold, predicted)}
    return out


def _pair_score(gold: dict[str, Any], pred: Predicted) -> float:
    best = 0.0
    if gold.get("title") and pred.article.title:
        ratio = fuzz.ratio(norm_title(gold["title"]), norm_title(pred.article.title))
        if ratio >= TITLE_MATCH:
            best = 1.0 + ratio / 100  # a title match beats any line overlap
    lines = gold.get("lines")
    if lines and pred.lines:
        lo, hi = max(lines[0], pred.lines[0]), min(lines[1], pred.lines[1])
        cover = max(0, hi - lo + 1) / (lines[1] - lines[0] + 1)
        if cover >= LINES_MATCH:
            best = max(best, cover)
    return best


def norm_title(title: str) -> str:
    """Titles compare after Unicode, quote and whitespace normalisation."""
    return " ".join(unicodedata.normalize("NFKC", title).translate(_QUOTES).split())


def _same_title(gold: dict[str, Any], pred: Predicted) -> bool:
    return bool(pred.article.title) and norm_title(gold.get("title") or "") == norm_title(pred.article.title or "")


def _cluster(articles: list[Article], settings: Settings) -> tuple[list[Article], bool]:
    try:
        from ..dedup import cluster
    except ImportError as exc:  # dedup is optional for scoring segmentation alone
        LOGGER.warning("dedup unavailable (%s): scoring with no duplicates", exc)
        return articles, False
    return list(cluster(articles, settings.dedup)), True


def predicted_pairs(articles: Sequence[Article], names: dict[str, str]) -> set[frozenset[str]]:
    """Pairs of articles that share a cluster, named by gold id where matched."""
    groups: dict[str, list[str]] = {}
    for article in articles:
        key = article.cluster_id or article.duplicate_of or article.article_id
        groups.setdefault(key, []).append(names.get(article.article_id, article.article_id))
    return {frozenset(pair) for members in groups.values() for pair in combinations(sorted(members), 2)}


def gold_pairs(gold: Sequence[dict[str, Any]]) -> set[frozenset[str]]:
    """Pairs of gold articles in one duplicate cluster (article- or file-level duplicate_of)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        """Union-find root of ``x``."""
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for entry in gold:
        articles = entry.get("articles", [])
        for art in articles:
            target = art.get("duplicate_of") or (entry.get("duplicate_of") if len(articles) == 1 else None)
            if target:
                parent[find(f"{entry['file']}#{art['k']}")] = find(target)
    groups: dict[str, list[str]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    return {frozenset(p) for members in groups.values() for p in combinations(sorted(members), 2)}


__all__ = ["DocumentsReport", "FileScore", "evaluate_documents", "load_gold", "match_articles", "norm_title"]
