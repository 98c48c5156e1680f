"""The Python API for notebooks and scripts: many documents in, records out; events as a DataFrame; the
database as a read-only DuckDB connection.

    >>> import eventwire
    >>> records = list(eventwire.process_many(["samples/pagetext/", {"text": "...", "published": "2024-05-01"}]))
    >>> frame = eventwire.events_frame(records)              # or eventwire.events_frame("events.duckdb")
    >>> frame.groupby("plover_type").size()
    >>> con = eventwire.connect("events.duckdb")
    >>> con.sql("SELECT source_code, count(*) FROM events GROUP BY 1").df()
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.records import DocumentRecord

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

Item = Union[str, Path, dict, RawDocument]


def _raws(items: Iterable[Item]) -> Iterator[RawDocument]:
    """Documents from what a notebook holds: a Path (a file, folder, JSON Lines or WARC file, as
    `eventwire extract` reads it), a string (a path when one exists by that name, else the text or HTML
    itself), a dict with `text` or `html` (and `id`, `url`, `outlet`, `published`), or a RawDocument."""
    from eventwire.ingest.jsonl import raw_from_dict
    from eventwire.ingest.readers import iter_documents

    for number, item in enumerate(items, start=1):
        if isinstance(item, RawDocument):
            yield item
        elif isinstance(item, dict):
            yield raw_from_dict(item, location=f"<item {number}>")
        elif isinstance(item, Path) or (isinstance(item, str) and len(item) < 4096 and "\n" not in item
                                        and _exists(item)):
            yield from iter_documents([str(item)])
        elif isinstance(item, str):
            yield RawDocument(content=item, location=f"<item {number}>")
        else:
            raise TypeError(f"item {number}: expected a path, a text, a dict or a RawDocument, "
                            f"not {type(item).__name__}")


def _exists(name: str) -> bool:
    try:
        return Path(name).exists()
    except (OSError, ValueError):  # a text too long or odd to be a file name
        return False


def process_many(items: Iterable[Item], *, processes: int = 1, settings: Settings | None = None,
                 **options: Any) -> Iterator[DocumentRecord]:
    """One record per document, in input order, for many documents: paths (files, folders, .jsonl, .warc),
    texts, HTML strings or dicts. `processes` > 1 runs worker processes (each loads the model once);
    `options` are Settings fields (`published="2024-05-01"`, `clean="none"`). A document that fails
    is still a record, with its `errors`: nothing is dropped."""
    from eventwire.engine.local import run_local  # in this process, the per-process pipeline of these settings

    settings = replace(settings or Settings(), **options)
    yield from run_local(_raws(items), settings, processes=processes)


def connect(db: str | Path) -> duckdb.DuckDBPyConnection:
    """The eventwire database at `db`, opened read-only (an ingest may write it meanwhile): tables
    documents, actors, quotes, places, events, clusters, errors (README, "The database and exports")."""
    from eventwire.store.schema import open_database

    return open_database(db, read_only=True)


def events_frame(source: str | Path | Iterable[DocumentRecord], *, per: str = "mention", modality: str = "all",
                 **filters: Any) -> pd.DataFrame:
    """The events as a pandas DataFrame with the CSV export's columns (one row per mention by default, or
    per duplicate cluster with `per="cluster"`), from a database path or from records just made.
    `filters` are the export's: date_from, date_to (dates), types, countries, actors (tuples of strings)."""
    from eventwire.store.export import Selection
    from eventwire.store.export.tables import events_relation

    selection = Selection(per=per, modality=modality, **{k: tuple(v) if isinstance(v, list) else v
                                                         for k, v in filters.items()})
    if isinstance(source, (str, Path)):
        con = connect(source)
        try:
            return events_relation(con, selection).df()
        finally:
            con.close()
    from eventwire.store.writer import store_records

    with tempfile.TemporaryDirectory(prefix="eventwire-frame-") as folder:
        db = Path(folder) / "records.duckdb"
        store_records(source, db)
        con = connect(db)
        try:
            return events_relation(con, selection).df()
        finally:
            con.close()
