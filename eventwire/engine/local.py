"""Run the pipeline in this process or in N worker processes (each loads the model once)."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator

from eventwire.article import RawDocument
from eventwire.config import Settings
from eventwire.pipeline import Pipeline, batched
from eventwire.records import DocumentRecord

_worker_pipeline: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)
    _worker_pipeline.nlp  # load the model now, once per worker


def _work(batch: list[RawDocument]) -> list[DocumentRecord]:
    assert _worker_pipeline is not None
    return _worker_pipeline.process_batch(batch)


def run_local(raws: Iterable[RawDocument], settings: Settings, processes: int = 1,
              pipeline: Pipeline | None = None) -> Iterator[DocumentRecord]:
    """Records in input order. With `processes > 1`, batches go to a process pool."""
    if processes <= 1:
        yield from (pipeline or Pipeline(settings)).process(raws)
        return
    context = mp.get_context("spawn")
    with context.Pool(processes, initializer=_init_worker, initargs=(settings,)) as pool:
        for records in pool.imap(_work, batched(raws, settings.batch_size)):
            yield from records
