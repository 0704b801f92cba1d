"""`python -m sitroom` runs the CLI."""

from .cli import main

main()
