"""Run the pipeline on a Dask cluster: partitions of the inputs in, one Parquet part per partition out.

The client cuts the inputs into partitions (partitions.py). Each Dask worker
process loads the Pipeline once (the per-process cache of pipeline.py), runs `Pipeline.process_batch` over its partition batch by
batch and writes `part-NNNNN.parquet` to `parts_dir`: one row per document,
its doc_id and the whole record as JSON. The client reads the parts back in
partition order, so the records come out in input order, as the local engine
gives them. `parts_dir` must be reachable by the workers and the client (a
local folder for a LocalCluster; a shared disk or an object store URI such as
s3://bucket/prefix on a real cluster).

A partition that fails as a whole (a worker killed, a bug outside the
pipeline's per-stage guards) is reported with its input names, and each of
its inputs becomes an error record (stage "engine"): nothing is lost.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.engine.partitions import Partition, plan_partitions, read_piece
from eventwire.errors import EngineSetupError
from eventwire.records import DocumentRecord, ErrorRecord, PipelineInfo, Source
from eventwire.version import __version__

WAIT_FOR_WORKERS = 120  # seconds for the first worker to join a remote scheduler

PART_SCHEMA = pa.schema([
    ("seq", pa.int64()),  # position in the partition: (partition, seq) is the input order
    ("doc_id", pa.string()),
    ("input", pa.string()),  # the input's location: file, file.jsonl:12, crawl.warc.gz@1234
    ("title", pa.string()),
    ("published", pa.string()),
    ("events", pa.int32()),
    ("quotes", pa.int32()),
    ("errors", pa.int32()),
    ("record", pa.string()),  # the document record, exactly as `eventwire extract` prints it
])


# -- the worker side ------------------------------------------------------------

_LOADING = threading.Lock()  # a worker started with several threads loads the model once all the same


def worker_pipeline(settings: Settings):  # type: ignore[no-untyped-def]
    """The Pipeline of this worker process for these settings, loaded and warmed on first use, then kept."""
    from eventwire.pipeline import pipeline_for

    with _LOADING:
        pipeline = pipeline_for(settings)
        pipeline.warm()  # the model and every stage's data, before the first partition
        return pipeline


def warm_worker(settings: Settings) -> int:
    """Load the model and every stage's data on a worker before the partitions arrive, on every worker at once.

    A missing model raises ModelNotFound here, before any partition is sent.
    """
    worker_pipeline(settings)
    return os.getpid()


@dataclass
class PartResult:
    """What one partition gave: counts and where its part is."""

    index: int
    path: str
    documents: int = 0  # records written (failed inputs included)
    failed: int = 0  # records without text (read/decode/extract failures)
    events: int = 0
    quotes: int = 0
    errors: int = 0  # error entries over all records
    skipped: int = 0  # inputs the job's `select` left out, not run
    seconds: float = 0.0
    worker: str = ""


def _row(seq: int, raw: RawDocument, record: DocumentRecord) -> dict[str, object]:
    return {"seq": seq, "doc_id": record.doc_id, "input": raw.name, "title": record.title,
            "published": record.published, "events": len(record.events), "quotes": len(record.quotes),
            "errors": len(record.errors), "record": record.to_json()}


def _filesystem(parts_dir: str) -> tuple[pafs.FileSystem, str]:
    return pafs.FileSystem.from_uri(parts_dir)


Select = Callable[[RawDocument], "RawDocument | None"]  # an input as it is to run, or None to skip it


def run_partition(partition: Partition, settings: Settings, parts_dir: str,
                  select: Select | None = None) -> PartResult:
    """Run the pipeline over one partition and write its Parquet part (on a worker).

    `select` (the job's filter, e.g. documents a database holds already) sees each input first.
    """
    started = time.monotonic()
    pipeline = worker_pipeline(settings)
    fs, base = _filesystem(parts_dir)
    final = f"{base}/part-{partition.index:05d}.parquet"
    result = PartResult(partition.index, final, worker=f"{os.uname().nodename}:{os.getpid()}")
    temporary = final + ".tmp"
    with fs.open_output_stream(temporary) as sink, pq.ParquetWriter(sink, PART_SCHEMA) as writer:
        batch: list[RawDocument] = []

        def flush() -> None:
            rows = []
            for raw, record in zip(batch, pipeline.process_batch(batch)):
                rows.append(_row(result.documents, raw, record))
                result.documents += 1
                result.failed += not record.text
                result.events += len(record.events)
                result.quotes += len(record.quotes)
                result.errors += len(record.errors)
            writer.write_table(pa.Table.from_pylist(rows, schema=PART_SCHEMA))
            batch.clear()

        for piece in partition.pieces:
            for raw in read_piece(piece):
                if select is not None:
                    selected = select(raw)
                    if selected is None:
                        result.skipped += 1
                        continue
                    raw = selected
                batch.append(raw)
                if len(batch) >= settings.batch_size:
                    flush()
        if batch:
            flush()
    fs.move(temporary, final)
    result.seconds = time.monotonic() - started
    return result


# -- the client side ------------------------------------------------------------


@dataclass
class PartitionFailure:
    index: int
    inputs: list[str]
    message: str


@dataclass
class DaskRun:
    """A finished run: the partitions, the parts written, the partitions that failed."""

    partitions: list[Partition]
    parts: dict[int, PartResult] = field(default_factory=dict)
    failures: dict[int, PartitionFailure] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    parts_dir: str = ""
    seconds: float = 0.0
    startup_seconds: float = 0.0  # until every worker had loaded the model and the stages' data
    compute_seconds: float = 0.0  # from then until the last part was written
    workers: int = 0

    def total(self, name: str) -> int:
        return sum(getattr(part, name) for part in self.parts.values())


def _parts_uri(parts_dir: str | Path) -> str:
    text = str(parts_dir)
    return text if "://" in text else str(Path(text).resolve())


def _prepare_parts_dir(parts_dir: str) -> None:
    """Create the folder; refuse one that holds parts already (they would mix with this run's)."""
    fs, base = _filesystem(parts_dir)
    fs.create_dir(base, recursive=True)
    existing = [info.path for info in fs.get_file_info(pafs.FileSelector(base))
                if info.base_name.startswith("part-")]
    if existing:
        raise EngineSetupError(f"{parts_dir} holds parts of an earlier run ({len(existing)} part files): "
                              "choose an empty folder or remove them")


def _client(scheduler: str | None, workers: int):  # type: ignore[no-untyped-def]
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    # CRITICAL: a failed partition is reported once by us, without the worker's own traceback
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=logging.CRITICAL)
    return Client(cluster), cluster


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def run_dask(inputs: Collection[str], settings: Settings | None = None, scheduler: str | None = None,
             workers: int = 2, parts_dir: str | Path = "eventwire-parts", *, select: Select | None = None,
             partition_bytes: int | None = None, stdin: bytes | None = None) -> DaskRun:
    """Run the pipeline over `inputs` on Dask; returns when every partition has a part or has failed.

    `scheduler`: a scheduler address (tcp://host:8786); None starts a LocalCluster of `workers`
    processes with one thread each. `select`: the job's filter of the inputs, run on the workers
    (it must pickle: a module-level function or a frozen dataclass).
    """
    try:
        from distributed import as_completed
    except ImportError as exc:  # an install without the extra
        raise EngineSetupError(f"--engine dask needs Dask ({exc.name or exc} is not installed): "
                               "pip install 'eventwire[dask]'") from None

    settings = settings or Settings()
    started = time.monotonic()
    uri = _parts_uri(parts_dir)
    _prepare_parts_dir(uri)
    partitions = plan_partitions(inputs, workers, partition_bytes, stdin)
    run = DaskRun(partitions, settings=settings, parts_dir=uri)
    quiet = logging.getLogger().getEffectiveLevel() > logging.INFO  # `eventwire -v` shows Dask's own log
    dask_log = logging.getLogger("distributed")
    level = dask_log.level
    if quiet:
        dask_log.setLevel(logging.ERROR)  # the scheduler and the nanny run in this process
    client, cluster = _client(scheduler, workers)
    try:
        try:
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError:
            raise EngineSetupError(f"no Dask worker joined {scheduler} within {WAIT_FOR_WORKERS} s") from None
        # every worker loads the model, in parallel, as a task (client.run would block its event loop)
        warm = [client.submit(warm_worker, settings, workers=[address], allow_other_workers=False, pure=False)
                for address in client.scheduler_info()["workers"]]
        run.workers = len({future.result() for future in warm})
        run.startup_seconds = time.monotonic() - started
        # sent once to every worker (a filter may hold every doc_id of a database)
        select_arg = client.scatter([select], broadcast=True)[0] if select is not None else None
        futures = client.map(run_partition, partitions, settings=settings, parts_dir=uri, select=select_arg,
                             pure=False)
        by_key = {future.key: partition for future, partition in zip(futures, partitions)}
        for future in as_completed(futures):
            partition = by_key[future.key]
            if future.status == "finished":
                run.parts[partition.index] = future.result()
            else:
                exc = future.exception()
                run.failures[partition.index] = PartitionFailure(partition.index, partition.inputs, _one_line(exc))
            future.release()
        run.compute_seconds = time.monotonic() - started - run.startup_seconds
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        dask_log.setLevel(level)
    run.seconds = time.monotonic() - started
    return run


def failure_records(run: DaskRun, failure: PartitionFailure) -> list[DocumentRecord]:
    """One error record per input of a failed partition, so the failure is kept with the output."""
    from eventwire.extract.article import make_doc_id

    partition = run.partitions[failure.index]
    info = PipelineInfo(version=__version__, model=run.settings.model)
    message = f"partition {failure.index} failed ({', '.join(failure.inputs)}): {failure.message}"
    return [DocumentRecord(doc_id=make_doc_id(f"error:{piece.label}"), source=Source(path=piece.path),
                           errors=[ErrorRecord(stage="engine", message=message)], pipeline=info)
            for piece in partition.pieces]


def iter_record_json(run: DaskRun) -> Iterator[str]:
    """Every record as one line of JSON, in input order (parts read back one at a time)."""
    for partition in run.partitions:
        if partition.index in run.failures:
            for record in failure_records(run, run.failures[partition.index]):
                yield record.to_json()
            continue
        fs, _base = _filesystem(run.parts_dir)
        with fs.open_input_file(run.parts[partition.index].path) as source:
            table = pq.read_table(source, columns=["seq", "record"])
        for _seq, record in sorted(zip(table.column("seq").to_pylist(), table.column("record").to_pylist())):
            yield record


def iter_records(run: DaskRun) -> Iterator[DocumentRecord]:
    """Every record, in input order."""
    for line in iter_record_json(run):
        yield DocumentRecord.from_json(line)


@contextmanager
def dask_run(inputs: Collection[str], settings: Settings, scheduler: str | None = None, workers: int = 2,
             parts_dir: str | Path | None = None, **options: object) -> Iterator[DaskRun]:
    """`run_dask` into the user's parts folder (kept), or into a temporary one removed after the block.

    A temporary folder on this machine is only reachable by local workers, so a scheduler address
    needs an explicit `parts_dir`.
    """
    if parts_dir is not None:
        yield run_dask(inputs, settings, scheduler, workers, parts_dir, **options)  # type: ignore[arg-type]
        return
    if scheduler:
        raise EngineSetupError("with a scheduler address, give --parts: a folder (or s3://... URI) "
                         "that every worker and this machine can reach")
    with tempfile.TemporaryDirectory(prefix="eventwire-parts-") as folder:
        yield run_dask(inputs, settings, scheduler, workers, folder, **options)  # type: ignore[arg-type]


def failure_lines(run: DaskRun) -> list[str]:
    """One line per failed partition: which inputs, and why (no traceback)."""
    return [f"partition {failure.index} failed ({', '.join(failure.inputs)}): {failure.message}"
            for _index, failure in sorted(run.failures.items())]
