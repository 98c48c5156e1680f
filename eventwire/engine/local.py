"""Run the pipeline in this process or in N worker processes (each loads the model once)."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from collections.abc import Iterable, Iterator
from multiprocessing.connection import wait

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.pipeline import Pipeline, batched, pipeline_for
from eventwire.records import DocumentRecord


def _exit_with_parent() -> None:
    """End this worker when the process that started it dies (kill -9 included).

    A pool worker otherwise outlives a killed parent: it holds both ends of the task pipe, so it
    never sees end-of-file and waits (or keeps working) forever as an orphan.
    """
    parent = mp.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()


_worker_pipeline: Pipeline | None = None  # set once per worker process by _init_worker


def _init_worker(settings: Settings) -> None:
    """The settings cross to a worker once, here, not with every batch."""
    global _worker_pipeline
    _exit_with_parent()
    _worker_pipeline = pipeline_for(settings)
    _worker_pipeline.warm()  # the model and every stage's data, once per worker, outside any document's budget


def _work(batch: list[RawDocument]) -> list[DocumentRecord]:
    assert _worker_pipeline is not None, "_work runs only in a pool started with _init_worker"
    return _worker_pipeline.process_batch(batch)


def run_local(raws: Iterable[RawDocument], settings: Settings, processes: int = 1,
              pipeline: Pipeline | None = None) -> Iterator[DocumentRecord]:
    """Records in input order. With `processes > 1`, batches go to a process pool."""
    if processes <= 1:
        yield from (pipeline or pipeline_for(settings)).process(raws)
        return
    context = mp.get_context("spawn")
    with context.Pool(processes, initializer=_init_worker, initargs=(settings,)) as pool:
        for records in pool.imap(_work, batched(raws, settings.batch_size)):
            yield from records
