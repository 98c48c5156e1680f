"""What `eventwire stats` and `eventwire query` print: rich tables over the database."""

from __future__ import annotations

import duckdb
from rich.table import Table

from eventwire.store.dedup import STORIES_COUNT_SQL, story_join, story_of
from eventwire.store.export.common import modality_filter

STATS_QUERIES: list[tuple[str, str]] = [
    ("rows per table", f"""
        SELECT 'documents' AS "table", count(*) AS n FROM documents UNION ALL
        SELECT 'stories (near-duplicate documents as one)', ({STORIES_COUNT_SQL}) UNION ALL
        SELECT 'events', count(*) FROM events UNION ALL
        SELECT 'event clusters', count(*) FROM clusters UNION ALL
        SELECT 'quotes', count(*) FROM quotes UNION ALL
        SELECT 'actors', count(*) FROM actors UNION ALL
        SELECT 'entities', count(*) FROM entities UNION ALL
        SELECT 'errors', count(*) FROM errors UNION ALL
        SELECT 'failed inputs', count(*) FROM errors WHERE failed UNION ALL
        SELECT 'runs', count(*) FROM runs"""),
    ("languages (only English is analysed; the others are kept as text)", """
        SELECT coalesce(language, '?') AS language, count(*) AS documents, sum(n_events) AS events
        FROM documents GROUP BY ALL ORDER BY documents DESC LIMIT ?"""),
    ("top events (largest clusters; negated and hypothetical events left out)", f"""
        SELECT c.plover_type AS type, e.cameo_code AS cameo, coalesce(e.source_name, e.source_text) AS source,
               left(e.trigger_text, 40) AS trigger, coalesce(e.target_name, e.target_text) AS target,
               c.first_day AS day,
               e.location_name AS "where", c.num_mentions AS mentions, c.num_articles AS articles,
               c.num_sources AS sources
        FROM clusters c JOIN events e ON e.event_key = c.root_event_key
        WHERE {modality_filter("real", "e.")}
        ORDER BY c.num_articles DESC, c.num_mentions DESC, e.confidence DESC, c.first_day DESC LIMIT ?"""),
    ("event types", """
        SELECT plover_type AS type, count(*) AS mentions, count(DISTINCT doc_id) AS documents
        FROM events GROUP BY ALL ORDER BY mentions DESC LIMIT ?"""),
    ("top dyads (source → target codes)", """
        SELECT source_code AS source, target_code AS target, count(*) AS events
        FROM events WHERE source_code IS NOT NULL OR target_code IS NOT NULL
        GROUP BY ALL ORDER BY events DESC LIMIT ?"""),
    ("top actors", """
        SELECT name, code, any_value(kind) AS kind, any_value(country) AS country,
               count(DISTINCT doc_id) AS documents
        FROM actors GROUP BY name, code ORDER BY documents DESC, name LIMIT ?"""),
    ("quotes (each story's once)", f"""
        SELECT coalesce(q.speaker_name, q.speaker_text, '?') AS speaker, q.kind,
               left(q.content_text, 110) || CASE WHEN length(q.content_text) > 110 THEN '…' ELSE '' END AS quote,
               left(coalesce(d.title, d.input), 60) || CASE WHEN length(coalesce(d.title, d.input)) > 60 THEN '…' ELSE '' END
                   AS document
        FROM quotes q JOIN documents d USING (doc_id) {story_join("q.doc_id")}
        WHERE {story_of("q.doc_id")} = q.doc_id
        ORDER BY (q.speaker_actor_id IS NOT NULL) DESC, (q.kind = 'direct') DESC, d.added DESC, q.content_start
        LIMIT ?"""),
    ("errors by stage", """
        SELECT stage, count(*) AS errors, count(*) FILTER (WHERE failed) AS "failed inputs",
               any_value(message) AS example
        FROM errors GROUP BY stage ORDER BY errors DESC LIMIT ?"""),
    ("runs", """
        SELECT run_id AS run, pipeline_version AS version, status, strftime(started, '%Y-%m-%d %H:%M:%S') AS started,
               strftime(ended, '%H:%M:%S') AS ended, documents, skipped, reprocessed, events, quotes, errors
        FROM runs ORDER BY run_id DESC LIMIT ?"""),
]


# Columns holding prose: they share the width left over and wrap; every other column keeps its values on one line.
PROSE = {"quote", "document", "trigger", "source", "target", "example", "where", "name", "speaker", "sentence", "text"}


def result_table(result: duckdb.DuckDBPyConnection, rows: list[tuple] | int, title: str | None = None) -> Table:
    """A rich table of a query result: the `rows` fetched from it (or at most that many, fetched here)."""
    columns = [d[0] for d in result.description or []]
    rows = result.fetchmany(rows) if isinstance(rows, int) else rows
    table = Table(title=title, title_justify="left")
    for i, column in enumerate(columns):
        numeric = bool(rows) and all(isinstance(row[i], (int, float)) or row[i] is None for row in rows)
        if column in PROSE:
            table.add_column(column, overflow="fold", ratio=3 if column == "quote" else 1)
        else:
            table.add_column(column, no_wrap=True, justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    if not rows:
        table.caption = "(none yet)"
    return table


def stats_tables(con: duckdb.DuckDBPyConnection, top: int = 10) -> list[Table]:
    """The tables `eventwire stats` prints; empty tables say so instead of failing."""
    tables = []
    for title, sql in STATS_QUERIES:
        params = [top] if "?" in sql else []
        tables.append(result_table(con.execute(sql, params), top if params else 100, title))
    return tables
