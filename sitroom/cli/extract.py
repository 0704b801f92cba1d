"""`sitroom extract`: stream JSONL texts through the resolvers and the event extractor."""

from __future__ import annotations

import json
import sys
from typing import IO, Iterator

import click

from ..errors import InputError
from ..extraction import TextInput, extract_records, parse_input


@click.command("extract")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              show_default=True, help="Where to write JSONL (default: standard output).")
def extract_command(source: IO[str], output: IO[str]) -> None:
    """Read SOURCE (JSONL: id, text, optional published, title, url; '-' for stdin) and write
    one JSON line per input with its actors, places, dates and events.

    A bad line is reported with its line number and skipped; the exit status is then 1.
    """
    errors: list[InputError] = []
    for record in extract_records(_inputs(source, errors)):
        output.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    output.flush()
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if errors:
        sys.exit(1)


def _inputs(source: IO[str], errors: list[InputError]) -> Iterator[TextInput]:
    name = getattr(source, "name", "<stdin>")
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            yield parse_input(json.loads(line), where)
        except json.JSONDecodeError as exc:
            errors.append(InputError(where, f"invalid JSON ({exc.msg})"))
        except InputError as exc:
            errors.append(exc)
