"""The embedded DuckDB store: one connection, one transaction per batch, upsert by content id."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Iterator, Mapping, Sequence, TypeVar

import duckdb

from ..analysis import ArticleAnalysis
from ..errors import StoreError
from ..claims.contradict import Contradiction
from ..model import ActorRef, Article, Claim, Event, Evidence, RawDocument, Rejection, Relation
from . import analysis_rows as arows
from . import rows
from .migrations import migrate

LOGGER = logging.getLogger(__name__)

K = TypeVar("K")

# DuckDB offers to open some foreign files (SQLite, ...) by downloading an extension; sitroom must
# neither reach the network nor treat such a file as its store.
_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
# A DuckDB file starts with an 8-byte checksum followed by this magic.
_MAGIC, _MAGIC_AT = b"DUCK", 8


class Store:
    """A sitroom database: documents, articles and rejections, schema kept by migrations."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self._con = con
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (DuckDB checkpoints the file)."""
        self._con.close()

    def write_batch(self, documents: list[RawDocument], articles: list[Article], rejections: list[Rejection]) -> int:
        """Upsert one batch in one transaction and return how many articles were new.

        Each document must come with all of its articles: articles stored earlier for a document
        in the batch that the batch no longer holds (a re-segmented page) are deleted.
        """
        docs = _last_by(documents, lambda d: d.doc_id)
        arts = _last_by(articles, lambda a: a.article_id)
        rejs = _last_by(rejections, rows.rejection_id)
        with self._transaction("write batch"):
            new = len(arts) - self._count_existing("articles", "article_id", list(arts))
            self._delete_stale_articles(list(docs), list(arts))
            self._upsert("documents", rows.DOCUMENT_COLUMNS, [rows.document_row(d) for d in docs.values()])
            self._upsert("articles", rows.ARTICLE_COLUMNS, [rows.article_row(a) for a in arts.values()])
            self._upsert("rejections", rows.REJECTION_COLUMNS, [rows.rejection_row(r) for r in rejs.values()])
        LOGGER.debug("batch: %d documents, %d articles (%d new), %d rejections", len(docs), len(arts), new, len(rejs))
        return new

    def update_clusters(self, articles: list[Article]) -> None:
        """Write ``cluster_id`` and ``duplicate_of`` of ``articles`` in one transaction."""
        arts = _last_by(articles, lambda a: a.article_id)
        ids = list(arts)
        clusters = [a.cluster_id for a in arts.values()]
        duplicates = [a.duplicate_of for a in arts.values()]
        with self._transaction("update clusters"):
            self._con.execute(
                "UPDATE articles SET cluster_id = u.cluster_id, duplicate_of = u.duplicate_of "
                "FROM (SELECT unnest(?::VARCHAR[]) AS article_id, unnest(?::VARCHAR[]) AS cluster_id, "
                "unnest(?::VARCHAR[]) AS duplicate_of) AS u WHERE articles.article_id = u.article_id",
                [ids, clusters, duplicates],
            )

    def write_analysis(
        self,
        events: list[Event],
        claims: list[Claim],
        relations: list[Relation],
        contradictions: list[Contradiction],
        actors: list[ActorRef],
        registry: arows.ActorLookup | None = None,
    ) -> None:
        """Replace the analysis tables with these results in one transaction.

        The analysis is recomputed over the whole store on every run, so the old rows are
        deleted rather than merged: re-running on the same articles gives identical rows, and a
        reader never sees half of an analysis.

        Args:
            events, claims, relations, contradictions: the merged results of one analysis.
            actors: every resolved actor mention (counted per name in ``actors.mentions``).
            registry: looks up type, country and ACLED name by actor name; the packaged
                registry when None.
        """
        lookup = registry if registry is not None else _default_registry()
        named = [*arows.event_actor_names(events), *(n for r in relations for n in (r.source, r.target))]
        tables = {
            "events": (arows.EVENT_COLUMNS, [arows.event_row(e) for e in _last_by(events, lambda e: e.id).values()]),
            "claims": (arows.CLAIM_COLUMNS, [arows.claim_row(c) for c in _last_by(claims, lambda c: c.id).values()]),
            "relations": (arows.RELATION_COLUMNS, arows.relation_rows(relations)),
            "contradictions": (
                arows.CONTRADICTION_COLUMNS,
                [arows.contradiction_row(c) for c in _last_by(contradictions, arows.contradiction_id).values()],
            ),
            "actors": (arows.ACTOR_COLUMNS, arows.actor_rows(actors, named, lookup)),
        }
        with self._transaction("write analysis"):
            for table, (columns, values) in tables.items():
                self._con.execute(f"DELETE FROM {table}")
                self._upsert(table, columns, values)
        LOGGER.debug("analysis: %s", {table: len(values) for table, (_, values) in tables.items()})

    def analysis_keys(self) -> dict[str, str]:
        """Return the key of every cached per-article analysis, by article id."""
        return {str(a): str(k) for a, k in self._query("SELECT article_id, key FROM article_analyses")}

    def article_analyses(self, articles: Mapping[str, Article], keys: Mapping[str, str],
                         chunk: int = 500, merging: bool = False) -> Iterator[ArticleAnalysis]:
        """Yield the cached analysis of each article in ``articles`` whose stored key is ``keys[id]``.

        Rows are read ``chunk`` at a time; each comes back with the article as given (its
        current dedup cluster), since the cache holds only what the article yielded. With
        ``merging``, places and dates are not read (``analysis.for_merging``).
        """
        ids = [i for i in articles if i in keys]
        sql = f"SELECT {', '.join(arows.ARTICLE_ANALYSIS_COLUMNS)} FROM article_analyses " \
              "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))"
        for lo in range(0, len(ids), chunk):
            for row in self._query(sql, [ids[lo:lo + chunk]]):
                if keys[row[0]] == row[1]:
                    yield arows.article_analysis_from_row(row, articles[row[0]], merging)

    def write_article_analyses(self, items: Sequence[tuple[ArticleAnalysis, str]], version: str) -> None:
        """Cache per-article results, each under its key, in one transaction (replacing older rows)."""
        values = [arows.article_analysis_row(item, key, version)
                  for item, key in _last_by(items, lambda pair: pair[0].article.article_id).values()]
        with self._transaction("write article analyses"):
            self._upsert("article_analyses", arows.ARTICLE_ANALYSIS_COLUMNS, values)

    def events(self) -> list[Event]:
        """Return every stored event, undated last, then by date and id."""
        sql = f"SELECT {', '.join(arows.EVENT_COLUMNS)} FROM events ORDER BY event_date NULLS LAST, id"
        return [arows.event_from_row(r) for r in self._query(sql)]

    def claims(self) -> list[Claim]:
        """Return every stored claim, ordered by article, then id."""
        sql = f"SELECT {', '.join(arows.CLAIM_COLUMNS)} FROM claims ORDER BY doc, id"
        return [arows.claim_from_row(r) for r in self._query(sql)]

    def relations(self) -> list[Relation]:
        """Return every stored relation (docs pooled, first evidence span), by source, relation, target."""
        return [arows.relation_from_row(r) for r in self._relation_rows()]

    def relation_evidence(self) -> dict[tuple[str, str, str], tuple[Evidence, ...]]:
        """Return every evidence span of each relation, keyed by (source, relation, target)."""
        return {(r[1], r[2], r[3]): arows.relation_evidence_from_row(r) for r in self._relation_rows()}

    def contradictions(self) -> list[Contradiction]:
        """Return every stored contradiction, ordered by event id (none last), then id."""
        columns = ", ".join(arows.CONTRADICTION_COLUMNS)
        sql = f"SELECT {columns} FROM contradictions ORDER BY event_id NULLS LAST, id"
        return [arows.contradiction_from_row(r) for r in self._query(sql)]

    def actors(self) -> list[arows.ActorSummary]:
        """Return every actor the analysis named, by name."""
        sql = f"SELECT {', '.join(arows.ACTOR_COLUMNS)} FROM actors ORDER BY name"
        return [arows.actor_from_row(r) for r in self._query(sql)]

    def articles(self) -> list[Article]:
        """Return every stored article, ordered by file then k."""
        sql = f"SELECT {', '.join(rows.ARTICLE_COLUMNS)} FROM articles ORDER BY file, k, article_id"
        return [rows.article_from_row(r) for r in self._query(sql)]

    def documents(self) -> list[RawDocument]:
        """Return every stored raw document, ordered by path then doc_id."""
        sql = f"SELECT {', '.join(rows.DOCUMENT_COLUMNS)} FROM documents ORDER BY path, doc_id"
        return [rows.document_from_row(r) for r in self._query(sql)]

    def rejections(self) -> list[Rejection]:
        """Return every stored rejection, ordered by path, stage, item and reason."""
        sql = f"SELECT {', '.join(rows.REJECTION_COLUMNS)} FROM rejections ORDER BY path, stage, item_id, reason"
        return [rows.rejection_from_row(r) for r in self._query(sql)]

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each table (the migration ledger left out)."""
        tables = self._query(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' AND NOT starts_with(table_name, '_') "
            "ORDER BY table_name"
        )
        return {str(name): int(self._query(f'SELECT count(*) FROM "{name}"')[0][0]) for (name,) in tables}

    def _relation_rows(self) -> list[tuple[Any, ...]]:
        sql = f"SELECT {', '.join(arows.RELATION_COLUMNS)} FROM relations ORDER BY source, relation, target, id"
        return self._query(sql)

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, params).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        try:
            self._con.execute("BEGIN TRANSACTION")
            yield
            self._con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: cannot {what}: {exc}") from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self._con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # no transaction was open (BEGIN itself failed); nothing to undo

    def _count_existing(self, table: str, key: str, ids: list[str]) -> int:
        sql = f"SELECT count(*) FROM {table} WHERE list_contains(?::VARCHAR[], {key})"
        return int(self._con.execute(sql, [ids]).fetchall()[0][0])

    def _delete_stale_articles(self, doc_ids: list[str], keep: list[str]) -> None:
        if doc_ids:
            self._con.execute(
                "DELETE FROM articles WHERE list_contains(?::VARCHAR[], doc_id) "
                "AND NOT list_contains(?::VARCHAR[], article_id)",
                [doc_ids, keep],
            )
            # Cached analyses go with their articles (a key would never match them again anyway).
            self._con.execute(
                "DELETE FROM article_analyses WHERE article_id NOT IN (SELECT article_id FROM articles)"
            )

    def _upsert(self, table: str, columns: Mapping[str, str], values: list[tuple[object, ...]]) -> None:
        if not values:
            return
        # One statement over parallel column lists: executemany costs milliseconds per row.
        lists = [list(column) for column in zip(*values)]
        unnests = ", ".join(f"unnest(?::{kind}[])" for kind in columns.values())
        self._con.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) SELECT {unnests}", lists)


def open_store(path: str | Path) -> Store:
    """Open the DuckDB store at ``path`` (``":memory:"`` for a throwaway one), creating and migrating it.

    Args:
        path: the database file; created when missing, never overwritten when it is not DuckDB.

    Returns:
        An open Store; use it as a context manager or call ``close()``.

    Raises:
        StoreError: the file is not a DuckDB database, cannot be opened, or cannot be migrated.
    """
    name = str(path)
    if name != ":memory:":
        _check_file(Path(path))
    try:
        con = duckdb.connect(name, config=_CONFIG)
    except duckdb.Error as exc:
        raise StoreError(f"{name}: cannot open database: {exc}") from exc
    try:
        applied = migrate(con)
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{name}: cannot migrate database: {exc}") from exc
    if applied:
        LOGGER.info("%s: applied migrations %s", name, ", ".join(applied))
    return Store(con, name)


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    if path.exists() and path.stat().st_size > 0:
        try:
            with path.open("rb") as handle:
                head = handle.read(_MAGIC_AT + len(_MAGIC))
        except OSError as exc:
            raise StoreError(f"{path}: cannot read database file: {exc}") from exc
        if head[_MAGIC_AT:] != _MAGIC:
            raise StoreError(f"{path}: not a DuckDB database; refusing to open or overwrite it")
    elif not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the database folder: {exc}") from exc


def _default_registry() -> arows.ActorLookup:
    # Imported here: loading the registry costs seconds and only analysis writes need it.
    from ..resolve.actors import default_registry

    return default_registry()


def _last_by(items: Sequence[K], key: Callable[[K], str]) -> dict[str, K]:
    # DuckDB refuses to upsert one key twice in a statement; the last record of a batch wins.
    return {key(item): item for item in items}
