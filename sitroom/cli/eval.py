"""`sitroom eval ...`: score the pipeline against gold files (shared/eval SCHEMA.md).

Each subcommand calls one ``sitroom.evaluate`` function returning a report whose ``lines()``
are printed; the last line is the machine-readable summary the issues ask for.
"""

from __future__ import annotations

from pathlib import Path

import click


def default_inputs(gold: str) -> str:
    """Guess the raw corpus for a gold folder: eval/NAME -> ../NAME beside eval/."""
    gold_path = Path(gold).resolve()
    candidate = gold_path.parent.parent / gold_path.name
    return str(candidate)


@click.group("eval")
def eval_group() -> None:
    """Score sitroom against gold annotations."""


@eval_group.command("documents")
@click.option("--gold", required=True, type=click.Path(exists=True, file_okay=False), help="Folder with documents.jsonl.")
@click.option("--inputs", type=click.Path(exists=True), help="Raw files the gold describes (default: ../../NAME of --gold).")
def eval_documents(gold: str, inputs: str | None) -> None:
    """Segmentation: articles per file, titles, dates and duplicate pairs."""
    from ..evaluate.documents import evaluate_documents

    report = evaluate_documents(gold, inputs or default_inputs(gold))
    for line in report.lines():
        click.echo(line)
