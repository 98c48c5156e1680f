"""Run the pipeline in this process or in N worker processes (each loads the model once)."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from collections.abc import Iterable, Iterator
from functools import partial
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


def _init_worker(settings: Settings) -> None:
    _exit_with_parent()
    pipeline_for(settings).warm()  # the model and every stage's data, once per worker, outside any document's budget


def _work(settings: Settings, batch: list[RawDocument]) -> list[DocumentRecord]:
    return pipeline_for(settings).process_batch(batch)


def run_local(raws: Iterable[RawDocument], settings: Settings, processes: int = 1,
              pipeline: Pipeline | None = None) -> Iterator[DocumentRecord]:
    """Records in input order. With `processes > 1`, batches go to a process pool."""
    if processes <= 1:
        yield from (pipeline or pipeline_for(settings)).process(raws)
        return
    context = mp.get_context("spawn")
    with context.Pool(processes, initializer=_init_worker, initargs=(settings,)) as pool:
        for records in pool.imap(partial(_work, settings), batched(raws, settings.batch_size)):
            yield from records
