"""Scorers for ``sitroom eval``: each compares pipeline output with gold files (shared/eval SCHEMA.md).

One module per gold file kind (documents.py, events.py, ...); each returns a report object whose
``lines()`` the CLI prints, the last line being a one-line machine-readable summary.
"""
