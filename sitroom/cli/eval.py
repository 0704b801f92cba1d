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


@eval_group.command("events")
@click.option("--gold", required=True, type=click.Path(exists=True, file_okay=False), help="Folder with events.jsonl.")
@click.option("--inputs", type=click.Path(exists=True), help="Raw files the gold describes (default: ../../NAME of --gold).")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False), help="Events JSONL to score instead of running the pipeline.")
@click.option("--write", "write_path", type=click.Path(dir_okay=False), help="Also write the predicted events as JSONL.")
def eval_events(gold: str, inputs: str | None, pred: str | None, write_path: str | None) -> None:
    """Events: P/R/F1 under the SCHEMA.md matching rule, field accuracy, misses and false positives."""
    from ..evaluate.events import evaluate_events, write_events

    if pred is not None:
        predicted = pred
    else:
        from ..events.predict import predict_events

        predicted = predict_events(inputs or default_inputs(gold))  # type: ignore[assignment]
        if write_path:
            write_events(predicted, write_path)  # type: ignore[arg-type]
    report = evaluate_events(gold, predicted)
    for line in report.lines():
        click.echo(line)


@eval_group.command("places")
@click.option("--gold", required=True, type=click.Path(exists=True, file_okay=False), help="Folder with places.jsonl and documents.jsonl.")
@click.option("--inputs", type=click.Path(exists=True), help="Raw files the gold describes (default: ../../NAME of --gold).")
def eval_places(gold: str, inputs: str | None) -> None:
    """Place resolution: gold place spellings found and resolved within 10 km (or right admin area)."""
    from ..evaluate.places import evaluate_places

    report = evaluate_places(gold, inputs or default_inputs(gold))
    for line in report.lines():
        click.echo(line)


@eval_group.command("lgl")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def eval_lgl(path: str) -> None:
    """End-to-end geoparsing on LGL's lgl.xml: span P/R/F1, Acc@161km, median km error."""
    from ..evaluate.lgl import evaluate_lgl

    report = evaluate_lgl(path)
    for line in report.lines():
        click.echo(line)


@eval_group.command("claims")
@click.option("--gold", required=True, type=click.Path(exists=True, file_okay=False), help="Folder with claims.jsonl.")
@click.option("--inputs", type=click.Path(exists=True), help="Raw files the gold describes (default: ../../NAME of --gold).")
def eval_claims(gold: str, inputs: str | None) -> None:
    """Claims: P/R/F1 by evidence hint, stance accuracy and the gold contradictions found."""
    from ..evaluate.claims import evaluate_claims

    report = evaluate_claims(gold, inputs or default_inputs(gold))
    for line in report.lines():
        click.echo(line)
