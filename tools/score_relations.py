"""Score find_affiliations against the seed gold relations (shared/eval/seeds/relations.jsonl).

Articles are cut from the seed files by the gold line ranges (documents.jsonl) and dated by
the gold ``published`` day, so the score measures relation finding, not segmentation.
A predicted (source, relation, target) matches a gold one for the same article; fights,
allied_with and negotiates_with match in either direction. Prints precision and recall per
triple-and-article and per distinct triple.

    python tools/score_relations.py [--gold ../shared/eval/seeds] [--seeds ../shared/seeds] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SYMMETRIC = {"fights", "allied_with", "negotiates_with"}


def articles(gold: Path, seeds: Path) -> list[tuple[str, str, str | None]]:
    """(article_id, text, published) for every gold article."""
    out = []
    for line in (gold / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        lines = (seeds / doc["file"]).read_text(encoding="utf-8").splitlines()
        for art in doc["articles"]:
            first, last = art["lines"]
            out.append((f"{doc['file']}#{art['k']}", "\n".join(lines[first - 1:last]), art.get("published")))
    return out


def key(source: str, relation: str, target: str) -> tuple[str, str, str]:
    """Canonical triple; symmetric relations are ordered."""
    if relation in SYMMETRIC and target < source:
        source, target = target, source
    return source, relation, target


def predict(items: list[tuple[str, str, str | None]]) -> set[tuple[str, tuple[str, str, str]]]:
    """Run the resolver and affiliation finder on every article."""
    from sitroom.resolve.actors import default_registry
    from sitroom.resolve.affiliations import find_affiliations

    registry = default_registry()
    found = set()
    for article_id, text, day in items:
        refs = registry.resolve_mentions(text, article_id, on_date=day)
        for rel in find_affiliations(text, article_id, refs, registry):
            found.add((article_id, key(rel.source, rel.relation, rel.target)))
    return found


def gold_pairs(gold: Path) -> set[tuple[str, tuple[str, str, str]]]:
    """Gold (article, triple) pairs."""
    pairs = set()
    for line in (gold / "relations.jsonl").read_text(encoding="utf-8").splitlines():
        rel = json.loads(line)
        for doc in rel["docs"]:
            pairs.add((doc, key(rel["source"], rel["relation"], rel["target"])))
    return pairs


def report(name: str, pred: set, gold: set) -> str:  # type: ignore[type-arg]
    """One line of precision/recall/F1."""
    hit = len(pred & gold)
    p = hit / len(pred) if pred else 0.0
    r = hit / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{name}: P={p:.2f} R={r:.2f} F1={f:.2f} (matched {hit}, predicted {len(pred)}, gold {len(gold)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--gold", type=Path, default=root.parent / "shared" / "eval" / "seeds")
    parser.add_argument("--seeds", type=Path, default=root.parent / "shared" / "seeds")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    pred = predict(articles(args.gold, args.seeds))
    gold = gold_pairs(args.gold)
    print(report("per article", pred, gold))
    print(report("distinct triples", {t for _, t in pred}, {t for _, t in gold}))
    if args.verbose:
        for doc, triple in sorted(gold - pred):
            print("missed ", doc, triple)
        for doc, triple in sorted(pred - gold):
            print("extra  ", doc, triple)
    return 0


if __name__ == "__main__":
    sys.exit(main())
