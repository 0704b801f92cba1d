"""The model's ceiling: articles/s of spaCy's ``nlp.pipe`` alone, with fewer components each row.

    .venv/bin/python tools/bench_spacy.py [--articles 150] [--paragraphs 14]

Parses generated articles (sitroom.synth, 14 paragraphs is ~570 words) in one process with the
default model, first with every component, then without the parser, without parser and ner,
and with only the tokenizer and tok2vec. No sitroom code runs between parses, so each row is
an upper bound for an end-to-end pipeline that needs those components. One line per row:
`spacy: components C articles_per_s X words_per_s Y`. Numbers are in docs/bench.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitroom.nlp import load_pipeline  # noqa: E402
from sitroom.synth import stories  # noqa: E402

# Each row drops more of the model; the last keeps what every component reads (tokens, tok2vec).
DISABLED = ((), ("parser",), ("parser", "ner"), ("tagger", "parser", "attribute_ruler", "lemmatizer", "ner"))


def main(argv: list[str] | None = None) -> None:
    """Parse the generated texts once per row and print the rates."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150, help="generated articles to parse per row")
    parser.add_argument("--paragraphs", type=int, default=14, help="paragraphs per article")
    args = parser.parse_args(argv)
    texts = [story.text() for story in stories(args.articles, paragraphs=args.paragraphs)]
    words = sum(len(text.split()) for text in texts)
    nlp = load_pipeline()
    list(nlp.pipe(texts[:10]))  # warm up: first batches allocate
    print(f"{len(texts)} articles, {words / len(texts):.0f} words each")
    for disable in DISABLED:
        with nlp.select_pipes(disable=[name for name in disable if name in nlp.pipe_names]):
            running = "+".join(nlp.pipe_names)
            start = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=32):
                pass
            seconds = time.perf_counter() - start
        print(f"spacy: components {running} articles_per_s {len(texts) / seconds:.1f} words_per_s {words / seconds:.0f}")


if __name__ == "__main__":
    main()
