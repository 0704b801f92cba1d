"""Plain data objects passed between pipeline stages.

Every object is a frozen, slotted dataclass with ``to_dict``/``from_dict``. Field names follow
the gold schema (shared/eval/SCHEMA.md) so that scoring is a plain comparison. No I/O and no
spaCy here: this module is imported by every stage, the store and the Spark job.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping, TypeVar

T = TypeVar("T", bound="Record")


def content_id(*parts: str, length: int = 16) -> str:
    """Return a stable hex id derived from ``parts``; ids are content hashes so re-runs upsert."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


class Record:
    """Mixin giving dataclasses a JSON-friendly dict round trip."""

    def to_dict(self) -> dict[str, Any]:
        """Return a dict of plain JSON-compatible values (nested records become dicts)."""
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
        """Build the record from ``to_dict`` output; unknown keys are ignored."""
        kwargs: dict[str, Any] = {}
        hints = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        for name, spec in hints.items():
            if name not in data:
                continue
            kwargs[name] = _revive(cls, name, spec, data[name])
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return value


def _revive(cls: type, name: str, spec: dataclasses.Field[Any], value: Any) -> Any:
    if value is None:
        return None
    if cls is RawDocument and name == "content" and isinstance(value, str):
        return bytes.fromhex(value)
    if name == "evidence":
        if isinstance(value, dict) and "start" in value:
            return Evidence.from_dict(value)
        if isinstance(value, dict):
            return {k: Evidence.from_dict(v) for k, v in value.items()}
    if name in ("actors", "places", "dates"):
        item_cls = {"actors": ActorRef, "places": PlaceRef, "dates": DateRef}[name]
        return tuple(item_cls.from_dict(v) for v in value)
    if isinstance(value, list):
        return tuple(value)
    return value


@dataclass(slots=True, frozen=True)
class RawDocument(Record):
    """One raw input unit: a file, or one record of a container file (JSONL row, feed item, WARC record).

    ``meta`` carries fields the container supplied (id, url, title, outlet, published);
    they win over anything segmentation infers.
    """

    doc_id: str
    path: str
    sha256: str
    media_type: str
    content: bytes
    name: str = ""
    fetched_at: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Article(Record):
    """One article found in a raw document, with clean text and metadata.

    ``date_source`` is ``given`` (input metadata), ``stated`` (in the page), ``inferred`` (latest
    explicit date in captions/text) or ``unknown``; ``date_precision`` is ``day``/``month``/``year``.
    ``span`` is the (start, end) character range of the article in the decoded raw text, when
    the raw input is text.
    """

    article_id: str
    doc_id: str
    file: str
    k: int
    title: str | None
    outlet: str | None
    published: str | None
    date_source: str
    text: str
    date_precision: str | None = None
    url: str | None = None
    language: str | None = None
    span: tuple[int, int] | None = None
    duplicate_of: str | None = None
    cluster_id: str | None = None


@dataclass(slots=True, frozen=True)
class Evidence(Record):
    """Character span in ``Article.text`` that supports a fact."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(slots=True, frozen=True)
class Mention(Record):
    """A named span found by NLP before resolution."""

    article_id: str
    label: str
    evidence: Evidence
    sent_index: int


@dataclass(slots=True, frozen=True)
class ActorRef(Record):
    """A mention resolved to a canonical actor (``provisional`` when not in the registry)."""

    name: str
    alias_matched: str
    type: str
    evidence: Evidence
    provisional: bool = False


@dataclass(slots=True, frozen=True)
class PlaceRef(Record):
    """A mention resolved to a gazetteer entry; geo_precision 1 town, 2 near/district, 3 region."""

    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    gazetteer_id: str | None
    evidence: Evidence
    kind: str = "city"


@dataclass(slots=True, frozen=True)
class DateRef(Record):
    """A date expression resolved to an ISO day; time_precision 1 day, 2 week, 3 month.

    ``future`` marks a day after publication ("will meet on Monday", "next week"): events
    must not take their date from it.
    """

    day: str
    end_day: str | None
    time_precision: int
    evidence: Evidence
    future: bool = False


@dataclass(slots=True, frozen=True)
class Event(Record):
    """An ACLED-style event; ``evidence`` maps field names to their supporting spans."""

    id: str
    docs: tuple[str, ...]
    event_date: str | None
    end_date: str | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: tuple[str, ...]
    actor2: str | None
    assoc_actor_2: tuple[str, ...]
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    quantities: dict[str, int]
    attribution: str | None
    hedged: bool
    evidence: dict[str, Evidence]
    notes: str = ""
    sources: int = 1


@dataclass(slots=True, frozen=True)
class Claim(Record):
    """An attributed statement: stance is asserts, denies, threatens or promises."""

    id: str
    doc: str
    claimant: str
    stance: str
    about: str
    about_event: str | None
    date: str | None
    evidence: Evidence
    contradicts: str | None = None


@dataclass(slots=True, frozen=True)
class Relation(Record):
    """A stated relation between actors: backs, allied_with, part_of, leads, fights, negotiates_with."""

    source: str
    relation: str
    target: str
    docs: tuple[str, ...]
    evidence: Evidence


@dataclass(slots=True, frozen=True)
class Rejection(Record):
    """Why an input or candidate was dropped; stored and shown, never silent."""

    stage: str
    item_id: str
    path: str
    reason: str
    severity: str = "error"
