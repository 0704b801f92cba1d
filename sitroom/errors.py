"""Typed errors: every failure names the file (or stage) and the reason."""

from __future__ import annotations


class SitroomError(Exception):
    """Base class for errors the CLI reports without a traceback."""


class InputError(SitroomError):
    """An input file cannot be read as what it claims to be."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StageError(SitroomError):
    """A pipeline stage failed on one document."""

    def __init__(self, stage: str, doc_id: str, reason: str) -> None:
        super().__init__(f"{stage} failed on {doc_id}: {reason}")
        self.stage = stage
        self.doc_id = doc_id
        self.reason = reason


class StoreError(SitroomError):
    """The database cannot be opened, migrated or written."""


class ConfigError(SitroomError):
    """A setting is unknown or has a value of the wrong type."""
