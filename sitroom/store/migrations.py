"""Database schema as an ordered list of named migrations, each applied once in a transaction.

Adding a table or column is one new ``(name, sql)`` entry at the end of ``MIGRATIONS``; names
already applied are recorded in ``_migrations`` and never run again, so opening an existing
database is a no-op once it is current. Never edit or reorder an entry that has shipped.
"""

from __future__ import annotations

import logging
import duckdb

LOGGER = logging.getLogger(__name__)

_DOCUMENTS = """
CREATE TABLE documents (
    doc_id VARCHAR PRIMARY KEY,
    path VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    media_type VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    fetched_at VARCHAR,
    meta JSON NOT NULL,
    content BLOB NOT NULL
)
"""

_ARTICLES = """
CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    file VARCHAR NOT NULL,
    k INTEGER NOT NULL,
    title VARCHAR,
    outlet VARCHAR,
    published VARCHAR,
    date_source VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    date_precision VARCHAR,
    url VARCHAR,
    language VARCHAR,
    span_start BIGINT,
    span_end BIGINT,
    duplicate_of VARCHAR,
    cluster_id VARCHAR
)
"""

_REJECTIONS = """
CREATE TABLE rejections (
    id VARCHAR PRIMARY KEY,
    stage VARCHAR NOT NULL,
    item_id VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    severity VARCHAR NOT NULL
)
"""

# Analysis tables: recomputed over the whole store on every run and replaced as a set by
# ``Store.write_analysis``. Lists, dicts and evidence spans are JSON text.
_EVENTS = """
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    docs JSON NOT NULL,
    event_date VARCHAR,
    end_date VARCHAR,
    time_precision INTEGER,
    event_type VARCHAR NOT NULL,
    sub_event_type VARCHAR NOT NULL,
    actor1 VARCHAR,
    assoc_actor_1 JSON NOT NULL,
    actor2 VARCHAR,
    assoc_actor_2 JSON NOT NULL,
    country VARCHAR,
    admin1 VARCHAR,
    location VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    geo_precision INTEGER,
    fatalities BIGINT,
    quantities JSON NOT NULL,
    attribution VARCHAR,
    hedged BOOLEAN NOT NULL,
    evidence JSON NOT NULL,
    notes VARCHAR NOT NULL,
    sources INTEGER NOT NULL,
    articles JSON NOT NULL
)
"""

_CLAIMS = """
CREATE TABLE claims (
    id VARCHAR PRIMARY KEY,
    doc VARCHAR NOT NULL,
    claimant VARCHAR NOT NULL,
    stance VARCHAR NOT NULL,
    about VARCHAR NOT NULL,
    about_event VARCHAR,
    date VARCHAR,
    evidence JSON NOT NULL,
    contradicts VARCHAR
)
"""

_RELATIONS = """
CREATE TABLE relations (
    id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    relation VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    docs JSON NOT NULL,
    evidence JSON NOT NULL,
    weight INTEGER NOT NULL
)
"""

_CONTRADICTIONS = """
CREATE TABLE contradictions (
    id VARCHAR PRIMARY KEY,
    event_id VARCHAR,
    asserting JSON NOT NULL,
    denying JSON NOT NULL,
    docs JSON NOT NULL,
    summary VARCHAR NOT NULL
)
"""

_ACTORS = """
CREATE TABLE actors (
    name VARCHAR PRIMARY KEY,
    type VARCHAR,
    country VARCHAR,
    acled_name VARCHAR NOT NULL,
    provisional BOOLEAN NOT NULL,
    mentions INTEGER NOT NULL
)
"""

# Per-article analysis cache: what one article gave (before cross-article merging), valid only
# while ``key`` matches the key of the article's text, the analysis version and, where it
# matters, the corpus day (sitroom.cache). One row per article, replaced when stale; a row is
# written whole in one transaction, so a killed run leaves rows that are complete or absent.
_ARTICLE_ANALYSES = """
CREATE TABLE article_analyses (
    article_id VARCHAR PRIMARY KEY,
    key VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    actors JSON NOT NULL,
    places JSON NOT NULL,
    dates JSON NOT NULL,
    relations JSON NOT NULL,
    events JSON NOT NULL,
    claims JSON NOT NULL
)
"""

# Ordered and append-only: (name, sql); one entry may hold several ";"-separated statements.
MIGRATIONS: list[tuple[str, str]] = [
    ("0001_documents", _DOCUMENTS),
    ("0002_articles", _ARTICLES),
    ("0003_rejections", _REJECTIONS),
    ("0004_events", _EVENTS),
    ("0005_claims", _CLAIMS),
    ("0006_relations", _RELATIONS),
    ("0007_contradictions", _CONTRADICTIONS),
    ("0008_actors", _ACTORS),
    ("0009_article_analyses", _ARTICLE_ANALYSES),
]

_LEDGER = "CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"


def applied(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the names of migrations already recorded in the database."""
    con.execute(_LEDGER)
    return [row[0] for row in con.execute("SELECT name FROM _migrations ORDER BY name").fetchall()]


def migrate(con: duckdb.DuckDBPyConnection, migrations: list[tuple[str, str]] | None = None) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction; return their names."""
    todo = MIGRATIONS if migrations is None else migrations
    done = set(applied(con))
    unknown = done - {name for name, _ in todo}
    if unknown:
        # A newer sitroom wrote this database; carry on, the tables we know are unchanged.
        LOGGER.warning("database has migrations this version does not know: %s", sorted(unknown))
    new = []
    for name, sql in todo:
        if name in done:
            continue
        _apply(con, name, sql)
        new.append(name)
    return new


def _apply(con: duckdb.DuckDBPyConnection, name: str, sql: str) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(sql)
        con.execute("INSERT INTO _migrations VALUES (?, current_timestamp)", [name])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    LOGGER.info("applied migration %s", name)
