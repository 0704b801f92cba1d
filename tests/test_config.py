from __future__ import annotations

import pytest

from sitroom.config import Settings
from sitroom.errors import ConfigError


def test_config_overrides_coerce_types() -> None:
    s = Settings.load(None, ["dedup.threshold=0.4", "ingest.follow_symlinks=yes", "store.batch_size=7"])
    assert s.dedup.threshold == 0.4
    assert s.ingest.follow_symlinks is True
    assert s.store.batch_size == 7
    assert s.segment == Settings().segment


def test_config_toml_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.toml"
    path.write_text("[ingest]\nmax_file_mb = 2.5\n", encoding="utf-8")
    assert Settings.load(path).ingest.max_file_mb == 2.5


@pytest.mark.parametrize(
    "override, message",
    [
        ("nosuch.key=1", "unknown settings section"),
        ("dedup.nosuch=1", "unknown setting dedup.nosuch"),
        ("store.batch_size=many", "wants a int"),
        ("ingest.follow_symlinks=perhaps", "wants a bool"),
        ("novalue", "not of the form"),
    ],
)
def test_config_rejects_bad_overrides(override: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.load(None, [override])


def test_config_bad_toml_names_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.toml"
    path.write_text("[ingest\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml"):
        Settings.load(path)
