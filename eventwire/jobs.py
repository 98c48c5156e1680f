"""Jobs: where running the pipeline and storing its records meet, for the local engine and for Dask.

The engines (`eventwire.engine`) turn raw documents into records and know
nothing of the database; the store (`eventwire.store`) writes records and
knows nothing of the pipeline. A job joins them:

- `extract_job`: records for every input, in input order, on either engine;
- `ingest_job`: every input into the database — documents the database holds
  already are skipped before the pipeline runs (each input decoded once), the
  records are written a batch per transaction by a writer thread beside the
  pipeline, and the report accounts for every input.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.records import DocumentRecord
from eventwire.store.writer import (DEFAULT_DB, IngestReport, open_run, should_run, store_records, stored_doc_ids,
                                    write_batch)

if TYPE_CHECKING:
    from eventwire.engine.dask import DaskRun
    from eventwire.pipeline import Pipeline

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Engine:
    """Where documents run: `local` (this machine, `processes` workers) or `dask` (a cluster)."""

    name: str = "local"
    processes: int = 1  # local
    scheduler: str | None = None  # dask: a scheduler address; None starts a local cluster of `workers`
    workers: int = 2
    parts: str | None = None  # dask: the folder (or s3://... URI) for the Parquet parts; None: a temporary one


@dataclass
class ExtractRun:
    """The records of an extract job (iterate once) and, on Dask, the run they came from."""

    records: Iterator[DocumentRecord]
    dask: DaskRun | None = None
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (file in a folder, why it was not read)


# -- decoding once, skipping what is known -------------------------------------------------------------------

def decoded(raw: RawDocument, settings: Settings) -> tuple[RawDocument, str]:
    """The input with its bytes decoded (extraction reuses the text) and the doc_id extraction will give it."""
    from eventwire.extract.article import read_text

    text, _error, doc_id = read_text(raw, settings)
    if text is not None and not isinstance(raw.content, str):
        raw = replace(raw, content=text)
    return raw, doc_id


@dataclass(frozen=True)
class SkipStored:
    """The input decoded once, or None when its doc_id is stored already: run on each Dask worker."""

    doc_ids: frozenset[str]
    settings: Settings

    def __call__(self, raw: RawDocument) -> RawDocument | None:
        raw, doc_id = decoded(raw, self.settings)
        return None if doc_id in self.doc_ids else raw


# -- extract --------------------------------------------------------------------------------------------------

@contextmanager
def extract_job(paths: Sequence[str], settings: Settings, engine: Engine = Engine()) -> Iterator[ExtractRun]:
    """Records for every input of `paths` in input order; a Dask run's parts live until the block ends."""
    if engine.name == "dask":
        from eventwire.engine.dask import dask_run, iter_records

        with dask_run(paths, settings, engine.scheduler, engine.workers, engine.parts) as run:
            yield ExtractRun(iter_records(run), dask=run)
        return
    from eventwire.engine import run_local
    from eventwire.ingest import iter_documents

    job = ExtractRun(iter([]))
    job.records = run_local(iter_documents(paths, skipped=job.skipped_files), settings, processes=engine.processes)
    yield job


# -- ingest ---------------------------------------------------------------------------------------------------

def ingest_job(paths: Sequence[str], db: Path | str = DEFAULT_DB, settings: Settings | None = None,
               engine: Engine = Engine(), *, reprocess: bool = False, window_days: int | None = None,
               stdin: bytes | None = None, on_record: Callable[[IngestReport], None] | None = None,
               commit_every: int = 64, timings: Path | None = None,
               link_stories: bool = True) -> tuple[IngestReport, DaskRun | None]:
    """Every input into the database, on the engine asked for; the report, and the Dask run if there was one."""
    settings = settings or Settings()
    if engine.name == "dask":
        from eventwire.ingest.readers import unread_folder_entries

        report, run = ingest_dask(paths, db, settings, engine, window_days=window_days, stdin=stdin,
                                  link_stories=link_stories)
        report.skipped_files = unread_folder_entries(paths)
        return report, run
    return ingest_local(paths, db, settings, processes=engine.processes, reprocess=reprocess,
                        window_days=window_days, stdin=stdin, on_record=on_record, commit_every=commit_every,
                        timings=timings, link_stories=link_stories), None


def ingest_local(inputs: Sequence[str], db: Path | str = DEFAULT_DB, settings: Settings | None = None, *,
                 processes: int = 1, reprocess: bool = False, commit_every: int = 64, commit_seconds: float = 5.0,
                 window_days: int | None = None, stdin: bytes | None = None, pipeline: Pipeline | None = None,
                 on_record: Callable[[IngestReport], None] | None = None, timings: Path | None = None,
                 link_stories: bool = True) -> IngestReport:
    """Ingest every document named by `inputs` into the database at `db` on this machine; returns what was done.

    Near-duplicate documents (the same story as HTML and as page text, syndicated copy) are linked to
    one story (store/stories.py) unless `link_stories` is False (`--keep-duplicates`).

    `timings`: a JSON Lines file getting one line per document run, {input, doc_id, seconds,
    errors}, to find the slow ones (`eventwire ingest --timings`).
    """
    from eventwire.engine import run_local  # the pipeline (spaCy) is imported only when documents are run
    from eventwire.ingest import iter_documents

    settings = settings or Settings()
    with open_run(db, inputs, window_days) as (con, report, documents, failed):
        started = time.monotonic()
        seen: dict[str, str] = {}  # doc_id → the input of this run it came from
        in_flight = _InFlight(limit=max(settings.batch_size * (2 * processes + 2), settings.batch_size + 1))
        stale: set[str] = set()  # doc_ids being re-run: their old rows go in the same transaction

        def todo() -> Iterator[RawDocument]:
            for raw in iter_documents(inputs, stdin=stdin, skipped=report.skipped_files):
                report.inputs += 1
                raw, doc_id = decoded(raw, settings)
                name = raw.location or raw.name
                if doc_id in seen or not should_run(doc_id, documents, failed, reprocess):
                    if doc_id in seen:
                        report.add_duplicate(name, seen[doc_id])
                    else:
                        report.skipped += 1
                        report.failed_before += doc_id not in documents
                    if on_record:
                        on_record(report)
                    continue
                seen[doc_id] = name
                if doc_id in documents:
                    stale.add(doc_id)
                if not in_flight.put(raw, doc_id):
                    return
                yield raw

        batch: list[tuple[DocumentRecord, RawDocument]] = []
        last_commit = time.monotonic()
        writer = _BatchWriter(lambda rows: write_batch(con, rows, stale, report, link_stories))
        timing_file = timings.open("w", encoding="utf-8") if timings else None
        try:
            with closing(run_local(todo(), settings, processes=processes, pipeline=pipeline)) as records:
                for record in records:
                    raw, _doc_id = in_flight.take()
                    if timing_file:
                        timing_file.write(json.dumps({"input": raw.location or raw.name, "doc_id": record.doc_id,
                                                      "seconds": record.seconds,
                                                      "errors": [e.stage for e in record.errors]}) + "\n")
                    batch.append((record, raw))
                    report.processed += 1
                    report.found_events += len(record.events)
                    report.found_quotes += len(record.quotes)
                    report.found_errors += len(record.errors)
                    if len(batch) >= commit_every or time.monotonic() - last_commit > commit_seconds:
                        writer.put(batch)
                        batch, last_commit = [], time.monotonic()
                    report.seconds = time.monotonic() - started
                    if on_record:
                        on_record(report)
            writer.put(batch)
        finally:
            in_flight.stop.set()
            writer.close()  # what was queued is written (whole batches) even when interrupted
            if timing_file:
                timing_file.close()
    return report


def ingest_dask(inputs: Collection[str], db: Path | str, settings: Settings, engine: Engine, *,
                window_days: int | None = None, stdin: bytes | None = None,
                link_stories: bool = True) -> tuple[IngestReport, DaskRun]:
    """Dask workers run the pipeline into parts; this process alone writes the database.

    Stored documents are skipped on the workers (before the pipeline); the records read back from
    the parts go into the database through the store's own path (`store_records`), which skips
    what it knows too.
    """
    from eventwire.engine.dask import dask_run, iter_records

    started = time.monotonic()
    skip = SkipStored(stored_doc_ids(db), settings)
    with dask_run(inputs, settings, engine.scheduler, engine.workers, engine.parts,
                  select=skip if skip.doc_ids else None, stdin=stdin) as run:
        report = store_records(iter_records(run), db, window_days=window_days, inputs=list(inputs),
                               link_stories=link_stories)
    report.inputs += run.total("skipped")
    report.skipped += run.total("skipped")
    report.seconds = time.monotonic() - started
    return report, run


# -- the writer thread and the inputs in flight ---------------------------------------------------------------

class _BatchWriter:
    """Writes batches in a thread of its own, so the pipeline never waits for the database.

    DuckDB releases the GIL while it works; the queue holds at most `depth`
    batches, so memory stays bounded when the disk is slow. The first error
    of the writer is raised again in the caller (`put`, `close`).
    """

    def __init__(self, write: Callable[[list], None], depth: int = 2) -> None:
        self.write = write
        self.queue: queue.Queue[list | None] = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="eventwire-store-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is None:
                try:
                    self.write(batch)
                except BaseException as exc:  # handed to the caller in put/close
                    self.error = exc

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def put(self, batch: list) -> None:
        self._raise()
        if batch:
            self.queue.put(batch)

    def close(self) -> None:
        """Write what is queued, stop the thread, raise its error if it had one."""
        self.queue.put(None)
        self.thread.join()
        self._raise()


class _InFlight:
    """Inputs handed to the pipeline, in order, so each record finds its input (name, offset) again.

    The pipeline may read ahead in another thread (a process pool); the
    semaphore keeps at most `limit` inputs in flight so a big WARC is not
    read into memory at once.
    """

    def __init__(self, limit: int) -> None:
        self.queue: deque[tuple[RawDocument, str]] = deque()
        self.slots = threading.Semaphore(limit)
        self.stop = threading.Event()

    def put(self, raw: RawDocument, doc_id: str) -> bool:
        while not self.slots.acquire(timeout=0.5):
            if self.stop.is_set():
                return False
        self.queue.append((raw, doc_id))
        return True

    def take(self) -> tuple[RawDocument, str]:
        item = self.queue.popleft()
        self.slots.release()
        return item
