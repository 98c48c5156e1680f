"""The database's one writer: runs, batches of records in one transaction each, what is already stored.

Nothing is lost and nothing is stored twice:

- `known_documents` / `should_run` say which inputs are already stored (and by
  which pipeline version), so a job skips them before the pipeline runs;
  `reprocess=True` re-runs those made by another pipeline version;
- every input ends as a `documents` row or, when it gave no text, as an
  `errors` row with its name and line/byte offset; stage failures of a
  document are `errors` rows beside it;
- rows are written a batch at a time inside one transaction (`write_batch`),
  so a run killed at any moment (even `kill -9`) leaves whole documents only,
  and running it again adds exactly the documents that are missing;
- a database that fails (disk full, locked, not a database) ends the run with
  one `DatabaseError` (errors.py) naming the cause: the failed batch is rolled
  back, the ones committed before are kept, and a rerun finishes the job.

Running the pipeline is not done here: `eventwire.jobs` runs documents
(locally or on Dask) and hands the records to this module; `store_records`
stores records made elsewhere.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from eventwire.documents import RawDocument
from eventwire.budget import stopped_by_budget
from eventwire.records import DocumentRecord
from eventwire.store.dedup import mark_stale, update_clusters
from eventwire.store.errors import storage_error
from eventwire.store.rows import Row, document_rows, error_rows
from eventwire.store.schema import CHILD_TABLES, connect, open_database
from eventwire.store.stories import story_rows
from eventwire.version import __version__

DEFAULT_DB = "eventwire.duckdb"
DUPLICATE_EXAMPLES = 5  # (input, same content as) pairs the report keeps to show


@dataclass
class IngestReport:
    """What one run did; updated as it goes (the progress bar reads it)."""

    run_id: int = 0
    inputs: int = 0  # inputs read: documents + skipped + duplicates + failed, once the run is done
    processed: int = 0  # inputs the pipeline has run on so far (committed or not)
    documents: int = 0  # document rows written (new or reprocessed)
    reprocessed: int = 0
    skipped: int = 0  # already in the database, made by this pipeline version
    failed_before: int = 0  # of the skipped: inputs that gave no document in an earlier run of this version
    duplicates: int = 0  # same content as an earlier input of this run: stored once, under that input
    duplicate_examples: list[tuple[str, str]] = field(default_factory=list)  # the first (input, same as) pairs
    failed: int = 0  # inputs that gave no document: error rows only
    over_budget: int = 0  # documents whose analysis the --doc-timeout stopped (stored with their text)
    not_english: int = 0  # documents in another language: stored with their text and language, not analysed
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (file in a folder, why it was not read)
    events: int = 0
    quotes: int = 0
    actors: int = 0
    errors: int = 0  # error rows written (failed inputs and stage failures)
    clusters: int = 0
    seconds: float = 0.0
    found_events: int = 0  # in the records processed so far (committed or not): what the progress bar shows
    found_quotes: int = 0
    found_errors: int = 0
    write_seconds: float = 0.0  # spent writing batches (in the writer thread, beside the pipeline)

    @property
    def docs_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    @property
    def unaccounted(self) -> int:
        """Inputs that ended as none of stored, skipped, duplicate or failed: 0 after a run that finished."""
        return self.inputs - (self.documents + self.skipped + self.duplicates + self.failed)

    def add_duplicate(self, name: str, same_as: str) -> None:
        self.duplicates += 1
        if len(self.duplicate_examples) < DUPLICATE_EXAMPLES:
            self.duplicate_examples.append((name, same_as))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    """Insert rows by column name through one Arrow table (never row by row)."""
    if not rows:
        return
    arrow = pa.Table.from_pylist(rows)
    con.register("_batch_rows", arrow)
    try:
        verb = "INSERT OR REPLACE" if table == "errors" else "INSERT"  # an error seen again: its latest run
        con.execute(f"{verb} INTO {table} BY NAME SELECT * FROM _batch_rows")
    finally:
        con.unregister("_batch_rows")


def known_documents(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], dict[str, str]]:
    """doc_id → pipeline version of the stored documents, and of the inputs that failed (latest attempt)."""
    documents = dict(con.execute("SELECT doc_id, pipeline_version FROM documents").fetchall())
    failed = dict(con.execute("""SELECT doc_id, arg_max(pipeline_version, run_id) FROM errors
                                 WHERE failed AND doc_id IS NOT NULL GROUP BY doc_id""").fetchall())
    return documents, failed


def stored_doc_ids(db: Path | str) -> frozenset[str]:
    """doc_ids of the documents a database holds already (a job skips them); none if there is no database."""
    if not Path(db).exists():
        return frozenset()
    con = connect(db, read_only=True)
    try:
        return frozenset(row[0] for row in con.execute("SELECT doc_id FROM documents").fetchall())
    finally:
        con.close()


def should_run(doc_id: str, documents: dict[str, str], failed: dict[str, str], reprocess: bool) -> bool:
    """Whether an input must go through the pipeline.

    A stored document is kept unless `reprocess` asks to re-run those of another pipeline version.
    An input that gave no document is tried again when the pipeline version changed (a new version
    may have fixed what failed); with the same version and the same input it would fail the same way.
    """
    if doc_id in documents:
        return reprocess and documents[doc_id] != __version__
    if doc_id in failed:
        return failed[doc_id] != __version__
    return True


@contextmanager
def open_run(db: Path | str, inputs: Sequence[str], window_days: int | None
             ) -> Iterator[tuple[duckdb.DuckDBPyConnection, IngestReport, dict[str, str], dict[str, str]]]:
    """One run of the single writer: open, record the run, hand over what is stored; on success cluster
    the new events and close the run. A run that raises stays 'running' (marked interrupted by the next)."""
    con = open_database(db)
    report = IngestReport()
    started = time.monotonic()
    try:
        report.run_id = _start_run(con, inputs)
        documents, failed = known_documents(con)
        yield con, report, documents, failed
        report.clusters = update_clusters(con, window_days)
        report.seconds = time.monotonic() - started
        con.execute("UPDATE runs SET ended = ?, status = 'done', skipped = ?, duplicates = ? WHERE run_id = ?",
                    [_now(), report.skipped, report.duplicates, report.run_id])
    except BaseException as exc:
        _close_after(con, exc)
        failure = storage_error(exc, db) if isinstance(exc, (duckdb.Error, OSError)) else None
        if failure is None:
            raise
        raise failure from exc
    try:
        con.close()  # a checkpoint: on a full disk this fails too
    except (duckdb.Error, OSError) as exc:
        failure = storage_error(exc, db)
        if failure is None:
            raise
        raise failure from exc


def _close_after(con: duckdb.DuckDBPyConnection, exc: BaseException) -> None:
    """Close after a failure; a close that fails too (a full disk again) is noted on the error that caused it."""
    try:
        con.close()
    except (duckdb.Error, OSError) as close_error:
        exc.add_note(f"closing the database afterwards failed too: {close_error}")


def _start_run(con: duckdb.DuckDBPyConnection, inputs: Sequence[str]) -> int:
    """A new runs row; runs still 'running' were killed (only one process can write)."""
    con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
    run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()[0]
    con.execute("INSERT INTO runs (run_id, pipeline_version, started, inputs, status) VALUES (?, ?, ?, ?, 'running')",
                [run_id, __version__, _now(), " ".join(inputs)])
    return run_id


def write_batch(con: duckdb.DuckDBPyConnection, batch: list[tuple[DocumentRecord, RawDocument]], stale: set[str],
                 report: IngestReport, link_stories: bool = True) -> None:
    """One transaction: the batch's documents with all their rows, or nothing."""
    if not batch:
        return
    started = time.perf_counter()
    added = _now()
    tables: dict[str, list[Row]] = {name: [] for name in ("documents", *CHILD_TABLES, "errors")}
    counts = {"documents": 0, "reprocessed": 0, "failed": 0, "over_budget": 0, "not_english": 0, "events": 0, "quotes": 0, "actors": 0,
              "errors": 0}
    ids = [record.doc_id for record, _raw in batch]
    model = batch[0][0].pipeline.model
    for record, raw in batch:
        if record.text:
            rows = document_rows(record, raw.location or raw.name, raw.fetched, report.run_id, added)
            for table, table_rows in rows.items():
                tables[table].extend(table_rows)
            counts["documents"] += 1
            counts["reprocessed"] += record.doc_id in stale
            counts["events"] += len(record.events)
            counts["quotes"] += len(record.quotes)
            counts["actors"] += len(record.actors)
            counts["over_budget"] += stopped_by_budget(error.message for error in record.errors)
            counts["not_english"] += record.language not in (None, "en")
        else:
            tables["errors"].extend(error_rows(record, raw.location or raw.name, report.run_id, added))
            counts["failed"] += 1
    counts["errors"] = len(tables["errors"])
    redo = [doc_id for doc_id in ids if doc_id in stale]
    names = [raw.location or raw.name for _record, raw in batch]
    con.execute("BEGIN TRANSACTION")
    try:
        # an input tried again (failed before): its earlier failure is replaced by what happened now
        con.execute("DELETE FROM errors WHERE failed AND input IN (SELECT unnest(?::VARCHAR[]))", [names])
        if redo:
            mark_stale(con, redo)
            for table in ("documents", *CHILD_TABLES, "errors", "event_clusters", "stories", "story_bands"):
                key = "event_key" if table == "event_clusters" else "doc_id"
                column = "split_part(event_key, ':', 1)" if table == "event_clusters" else key
                con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [redo])
        for table, rows in tables.items():
            _insert(con, table, rows)
        for table, rows in story_rows(con, [record for record, _raw in batch], link_stories).items():
            # a document's story rows are replaced, never doubled (a row left by an interrupted reprocess)
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
            _insert(con, table, rows)
        con.execute("""
            UPDATE runs SET documents = documents + ?, reprocessed = reprocessed + ?, events = events + ?,
                quotes = quotes + ?, errors = errors + ?, skipped = ?, duplicates = ?, model = coalesce(model, ?)
            WHERE run_id = ?""", [counts["documents"], counts["reprocessed"], counts["events"], counts["quotes"],
                                  counts["errors"], report.skipped, report.duplicates, model, report.run_id])
        con.execute("COMMIT")
    except BaseException as exc:
        _rollback(con, exc)
        raise
    stale.difference_update(redo)
    for key, value in counts.items():
        setattr(report, key, getattr(report, key) + value)
    report.write_seconds += time.perf_counter() - started


def _rollback(con: duckdb.DuckDBPyConnection, exc: BaseException) -> None:
    """Undo the failed batch without hiding why it failed.

    A COMMIT that fails (no space left for the WAL) has already ended the transaction, so ROLLBACK then
    raises "no transaction is active": that, or any other rollback failure, is noted on the original
    error, which is the one raised.
    """
    try:
        con.execute("ROLLBACK")
    except duckdb.Error as rollback_error:
        exc.add_note(f"rollback afterwards: {rollback_error}")


def store_records(records: Iterable[DocumentRecord], db: Path | str = DEFAULT_DB, *, window_days: int | None = None,
                  inputs: Sequence[str] = ("<records>",), commit_every: int = 1000,
                  link_stories: bool = True) -> IngestReport:
    """Store records made elsewhere (e.g. `eventwire extract` output) as one run; known doc_ids are skipped;
    near-duplicate documents are linked to one story unless `link_stories` is False."""
    with open_run(db, inputs, window_days) as (con, report, documents, failed):
        batch: list[tuple[DocumentRecord, RawDocument]] = []
        seen: dict[str, str] = {}  # doc_id → the record of this run it came from
        for record in records:
            report.inputs += 1
            name = record.source.path or record.doc_id
            if record.doc_id in seen:
                report.add_duplicate(name, seen[record.doc_id])
                continue
            if record.doc_id in documents or record.doc_id in failed:
                report.skipped += 1
                report.failed_before += record.doc_id not in documents
                continue
            seen[record.doc_id] = name
            report.processed += 1
            batch.append((record, RawDocument(content=None, path=record.source.path, location=record.source.path)))
            if len(batch) >= commit_every:
                write_batch(con, batch, set(), report, link_stories)
                batch = []
        write_batch(con, batch, set(), report, link_stories)
    return report
