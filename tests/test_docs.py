"""Docs are generated from code; these tests fail when a setting or command is undocumented."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _gen():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_docs_configuration_is_current() -> None:
    current = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert current == _gen().configuration_md(), "run: python tools/gen_docs.py"


def test_docs_cli_reference_is_current() -> None:
    current = (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    assert current == _gen().cli_reference_md(), "run: python tools/gen_docs.py"


def test_docs_every_setting_has_help() -> None:
    from sitroom.config import settings_table

    for name, _default, help_text in settings_table():
        assert help_text.strip(), name
