"""The DuckDB schema of the event database, and opening it.

One row per document (stored once, keyed by its content hash `doc_id`), per
entity, actor, quote, event (every record field flattened, offsets kept) and
per error; one row per ingest run. `documents.record` keeps the full record
JSON so exports can rebuild the nested record exactly. `clusters` and
`event_clusters` hold the duplicate clusters (see dedup.py), extended at the
end of each ingest with the events that have none yet.

Concurrency: DuckDB lets one process open a database file for writing, or
several processes open it read-only, never both. `eventwire ingest` is the
one writer while it runs; readers (`stats`, `query`, `export`, later the API
and dashboard) open the file read-only (`open_database(path, read_only=True)`),
which waits a few seconds, retrying, while an ingest holds the lock, then
raises `DatabaseBusy` naming the process (errors.py). A server that must
stay up during ingests should own the single connection and take batches
from ingest through it, or ingest should write Parquet parts that the server
attaches: the per-batch transaction in writer.py maps onto either.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from eventwire.store.errors import (DatabaseBusy, DatabaseError, DatabaseMissing, NotADatabase, is_lock_error,
                                    storage_error)

SCHEMA_VERSION = 6

LOCK_WAIT = 5.0  # seconds to wait for another process to let go of the database before DatabaseBusy
LOCK_RETRY = 0.2

SPAN = "{prefix}_text VARCHAR, {prefix}_start INTEGER, {prefix}_end INTEGER"

DDL = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY,
    pipeline_version VARCHAR,
    model VARCHAR,
    started TIMESTAMPTZ,
    ended TIMESTAMPTZ,
    inputs VARCHAR,
    documents INTEGER DEFAULT 0,   -- new document rows written by this run
    skipped INTEGER DEFAULT 0,     -- inputs already in the database
    duplicates INTEGER DEFAULT 0,  -- inputs with the same content as another input of this run
    reprocessed INTEGER DEFAULT 0, -- documents re-run because an older pipeline made them
    events INTEGER DEFAULT 0,
    quotes INTEGER DEFAULT 0,
    errors INTEGER DEFAULT 0,
    status VARCHAR                 -- running | done | interrupted (a killed run stays 'running')
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    input VARCHAR,          -- the input's name with line or byte offset (file.jsonl:12, crawl.warc.gz@1234)
    path VARCHAR, url VARCHAR, outlet VARCHAR, source_id VARCHAR,
    title VARCHAR,
    published VARCHAR,      -- as in the record (ISO 8601 with offset)
    published_day DATE,
    fetched VARCHAR,        -- WARC-Date, when the page was fetched
    dateline_text VARCHAR, dateline_place VARCHAR, dateline_country VARCHAR,
    byline VARCHAR,
    captions VARCHAR[],
    text VARCHAR,
    language VARCHAR,       -- ISO 639-1; only 'en' is analysed (other languages: text kept, nothing coded)
    n_entities INTEGER, n_actors INTEGER, n_quotes INTEGER, n_events INTEGER, n_places INTEGER, n_errors INTEGER,
    pipeline_version VARCHAR, model VARCHAR,
    run_id INTEGER,
    added TIMESTAMPTZ,
    record JSON             -- the full document record, as `eventwire extract` prints it
);

CREATE TABLE IF NOT EXISTS entities (
    doc_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, label VARCHAR, actor_id VARCHAR
);

CREATE TABLE IF NOT EXISTS actors (
    doc_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR,
    role VARCHAR, code VARCHAR, kb_id VARCHAR,
    country_inferred BOOLEAN  -- country taken from the story's focus country, not stated
);

CREATE TABLE IF NOT EXISTS quotes (
    doc_id VARCHAR, quote_id VARCHAR, kind VARCHAR,
    {SPAN.format(prefix="content")},
    {SPAN.format(prefix="speaker")}, speaker_actor_id VARCHAR, speaker_name VARCHAR,
    {SPAN.format(prefix="cue")},
    via_text VARCHAR, via_actor_id VARCHAR, via_start INTEGER, via_end INTEGER
);

CREATE TABLE IF NOT EXISTS places (
    doc_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, name VARCHAR, country VARCHAR, admin1 VARCHAR,
    lat DOUBLE, lon DOUBLE, geonames_id BIGINT, precision VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    event_key VARCHAR,      -- doc_id:event id, unique
    doc_id VARCHAR, event_id VARCHAR, headline BOOLEAN,
    {SPAN.format(prefix="trigger")},
    {SPAN.format(prefix="sentence")},
    {SPAN.format(prefix="source")}, source_actor_id VARCHAR, source_name VARCHAR, source_country VARCHAR,
    source_sector VARCHAR, source_code VARCHAR,
    source_inferred BOOLEAN, -- the source is the act's conventional agent, not named in the text (no span)
    {SPAN.format(prefix="target")}, target_actor_id VARCHAR, target_name VARCHAR, target_country VARCHAR,
    target_sector VARCHAR, target_code VARCHAR,
    plover_type VARCHAR, plover_mode VARCHAR, plover_context VARCHAR[],
    cameo_code VARCHAR, cameo_root VARCHAR, quad_class TINYINT, goldstein DOUBLE,
    date_value VARCHAR, date_precision VARCHAR, date_from VARCHAR, date_text VARCHAR,
    day DATE,               -- the event date as a day (first day of the month/year when less precise)
    location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR, location_lat DOUBLE,
    location_lon DOUBLE, location_geonames_id BIGINT, location_precision VARCHAR,
    location_start INTEGER, location_end INTEGER,
    negated BOOLEAN, intended BOOLEAN, hypothetical BOOLEAN, future BOOLEAN,
    quote_id VARCHAR, confidence DOUBLE, rule VARCHAR,
    outlet VARCHAR, url VARCHAR, published VARCHAR, added TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS errors (
    error_id VARCHAR PRIMARY KEY,   -- hash of input, stage and message: the same failure is stored once
    doc_id VARCHAR,                 -- the document's id (or the id its failed input was given)
    failed BOOLEAN,                 -- the input never became a document row (no text to analyse)
    input VARCHAR, path VARCHAR, stage VARCHAR, message VARCHAR,
    pipeline_version VARCHAR, run_id INTEGER, added TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS clusters (
    cluster_id BIGINT,      -- GlobalEventID in the GDELT export
    root_event_key VARCHAR,
    plover_type VARCHAR, source_code VARCHAR, target_code VARCHAR,
    first_day DATE, last_day DATE,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER,
    location_country VARCHAR, location_city VARCHAR,  -- where the cluster happened, as far as known
    stale BOOLEAN DEFAULT false  -- members were removed (reprocessing): recount before clustering
);

CREATE TABLE IF NOT EXISTS event_clusters (event_key VARCHAR, cluster_id BIGINT);

-- near-duplicate documents (stories.py): the story each document belongs to, its MinHash signature and
-- the LSH band buckets that find candidates; a document without a row is a story of its own
CREATE TABLE IF NOT EXISTS stories (
    doc_id VARCHAR, story_id VARCHAR,
    similarity DOUBLE,      -- estimated Jaccard similarity to the document it was linked to (NULL: first of its story)
    signature BIGINT[]
);
CREATE TABLE IF NOT EXISTS story_bands (band SMALLINT, bucket BIGINT, doc_id VARCHAR);
"""

# Columns added since version 1: an older database gains them when a writer opens it.
MIGRATIONS = """
ALTER TABLE actors ADD COLUMN IF NOT EXISTS country_inferred BOOLEAN;
ALTER TABLE clusters ADD COLUMN IF NOT EXISTS location_country VARCHAR;
ALTER TABLE clusters ADD COLUMN IF NOT EXISTS location_city VARCHAR;
ALTER TABLE clusters ADD COLUMN IF NOT EXISTS stale BOOLEAN DEFAULT false;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS duplicates INTEGER DEFAULT 0;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS language VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS source_inferred BOOLEAN;
"""

CHILD_TABLES = ("entities", "actors", "quotes", "places", "events")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table that is missing; an existing database keeps its rows."""
    current = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta'").fetchone()[0] and \
        con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if current and current[0] == str(SCHEMA_VERSION):
        return  # up to date: skip the DDL (it costs more than a small batch)
    con.execute(DDL)
    con.execute(MIGRATIONS)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def open_database(path: Path | str, read_only: bool = False, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the eventwire database at `path`: every command (and the server) opens it here, so each failure
    is one clear `DatabaseError` instead of a DuckDB traceback.

    A writer creates the file and the schema (an older schema is migrated); a reader needs an existing
    eventwire database. While another process holds the lock, retries for `wait` seconds (default
    `LOCK_WAIT`), then raises `DatabaseBusy` naming that process. Raises `DatabaseMissing` (reader, no
    file), `NotADatabase` (not a DuckDB file, or another program's DuckDB database), `DiskFull`, or
    `DatabaseError` for other I/O failures; all are `DatabaseError`s (errors.py).
    """
    if Path(path).is_dir():
        raise NotADatabase(path, "it is a directory")
    if read_only and not Path(path).exists():
        raise DatabaseMissing(path)
    wait = LOCK_WAIT if wait is None else wait
    started = time.monotonic()
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.Error as exc:
            waited = time.monotonic() - started
            if is_lock_error(exc) and waited < wait:
                time.sleep(LOCK_RETRY)
                continue
            failure = storage_error(exc, path)
            if isinstance(failure, DatabaseBusy):
                failure = DatabaseBusy(path, failure.pid, failure.program, waited=waited)
            raise failure or DatabaseError(path, f"cannot open {path}: {exc}") from exc
    try:
        _check_eventwire(con, path, read_only)
        if not read_only:
            create_schema(con)
        con.execute("SET enable_progress_bar = false")  # ours is rich's; DuckDB's would garble it
    except BaseException as exc:
        con.close()
        failure = storage_error(exc, path) if isinstance(exc, (duckdb.Error, OSError)) else None
        if failure is None:
            raise
        raise failure from exc
    return con


def _check_eventwire(con: duckdb.DuckDBPyConnection, path: Path | str, read_only: bool) -> None:
    """Refuse a DuckDB database that is not ours: a reader would fail on missing tables, a writer would
    add our tables to someone else's database. A writer may start from an empty one."""
    tables = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "meta" in tables and con.execute("SELECT count(*) FROM meta WHERE key = 'schema_version'").fetchone()[0]:
        return
    if read_only:
        raise NotADatabase(path, "a DuckDB database without eventwire's tables" if tables else "an empty DuckDB database")
    if tables:
        raise NotADatabase(path, f"a DuckDB database of something else (tables: {', '.join(sorted(tables)[:5])})")


def connect(path: Path | str, read_only: bool = False, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """`open_database` under its older name (callers elsewhere still use it)."""
    return open_database(path, read_only=read_only, wait=wait)
