"""Settings as data: one dataclass per section, each field with a default and help text.

``Settings.load(path, overrides)`` reads an optional TOML file and ``section.key=value``
overrides, validating names and types. ``settings_table()`` feeds the docs and the test that
fails when a setting is undocumented.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import ConfigError


def setting(default: Any, help: str) -> Any:
    """Declare a setting with its default and one line of help."""
    if isinstance(default, (list, dict, set)):
        return field(default_factory=lambda: type(default)(default), metadata={"help": help})
    return field(default=default, metadata={"help": help})


@dataclass(slots=True, frozen=True)
class IngestSettings:
    """How input files are found and read."""

    max_file_mb: float = setting(50.0, "Files larger than this many MiB are rejected with a message.")
    follow_symlinks: bool = setting(False, "Follow symbolic links when walking input folders.")
    max_records: int = setting(1_000_000, "Most records read from one JSONL/CSV/feed/WARC file.")


@dataclass(slots=True, frozen=True)
class SegmentSettings:
    """How raw pages become articles."""

    min_article_chars: int = setting(200, "Blocks of body text shorter than this are not articles.")
    infer_dates: bool = setting(True, "Infer a publication date from captions and text when none is stated.")


@dataclass(slots=True, frozen=True)
class DedupSettings:
    """Near-duplicate clustering of syndicated copies and rewrites."""

    threshold: float = setting(0.2, "MinHash LSH Jaccard threshold for candidate pairs (tuned for recall).")
    confirm: float = setting(
        0.3, "Minimum share of the shorter article's shingles, overall and in its opening, found in the other."
    )
    num_perm: int = setting(128, "Number of MinHash permutations.")
    shingle_words: int = setting(3, "Words per shingle.")


@dataclass(slots=True, frozen=True)
class StoreSettings:
    """The embedded database."""

    batch_size: int = setting(200, "Articles written per transaction.")


@dataclass(slots=True, frozen=True)
class NlpSettings:
    """Parsing and per-article analysis."""

    workers: int = setting(
        0, "Worker processes for parsing and per-article analysis, each loading its own model (0 = one per core,"
           " fewer for small batches; 1 = in the main process)."
    )


@dataclass(slots=True, frozen=True)
class EventsSettings:
    """How events are extracted and merged."""

    history_days: int = setting(30, "Events dated more than this many days before publication are background, not coded.")
    vague_fatalities: bool = setting(False, "Code vague tolls with ACLED's numbers (dozens=12, hundreds=100) instead of none.")
    fallback_place: bool = setting(True, "Place events whose sentence names no place in the article's main country (geo_precision 3).")
    merge_km: float = setting(50.0, "Reports within this many km (same type, day and actors) merge into one event.")
    merge_days: int = setting(1, "Reports within this many days merge (7 when either date is only known to the week).")


@dataclass(slots=True, frozen=True)
class Settings:
    """All settings, by section."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    segment: SegmentSettings = field(default_factory=SegmentSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    events: EventsSettings = field(default_factory=EventsSettings)

    @classmethod
    def load(cls, path: str | Path | None = None, overrides: list[str] | None = None) -> Settings:
        """Read an optional TOML file, then apply ``section.key=value`` overrides."""
        values: dict[str, dict[str, Any]] = {}
        if path is not None:
            try:
                values = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{path}: {exc}") from exc
        for item in overrides or []:
            key, sep, raw = item.partition("=")
            section, dot, name = key.strip().partition(".")
            if not sep or not dot:
                raise ConfigError(f"override {item!r} is not of the form section.key=value")
            values.setdefault(section, {})[name] = raw.strip()
        return cls._build(values)

    @classmethod
    def _build(cls, values: dict[str, dict[str, Any]]) -> Settings:
        sections: dict[str, Any] = {}
        known = {f.name: f for f in dataclasses.fields(cls)}
        for section, items in values.items():
            if section not in known or not isinstance(items, dict):
                raise ConfigError(f"unknown settings section {section!r}")
            section_cls = type(getattr(cls(), section))
            sections[section] = _build_section(section, section_cls, items)
        return cls(**sections)


def _build_section(section: str, section_cls: type, items: dict[str, Any]) -> Any:
    fields = {f.name: f for f in dataclasses.fields(section_cls)}
    kwargs: dict[str, Any] = {}
    for name, raw in items.items():
        if name not in fields:
            raise ConfigError(f"unknown setting {section}.{name}")
        default = fields[name].default
        kwargs[name] = _coerce(f"{section}.{name}", raw, type(default))
    return section_cls(**kwargs)


def _coerce(name: str, raw: Any, kind: type) -> Any:
    if isinstance(raw, kind) and not (kind is int and isinstance(raw, bool)):
        return raw
    text = str(raw).strip().lower()
    try:
        if kind is bool:
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name} wants a {kind.__name__}, got {raw!r}") from exc


def settings_table() -> Iterator[tuple[str, Any, str]]:
    """Yield ``(section.key, default, help)`` for every setting."""
    root = Settings()
    for section in dataclasses.fields(Settings):
        obj = getattr(root, section.name)
        for f in dataclasses.fields(obj):
            yield f"{section.name}.{f.name}", getattr(obj, f.name), f.metadata["help"]
