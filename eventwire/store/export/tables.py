"""Plain exports: CSV of events (flattened), JSON Lines of records, Parquet of the full nested record."""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from eventwire.records import DocumentRecord
from eventwire.store.export.common import cell

CSV_PER_MENTION = """
SELECT e.* EXCLUDE (plover_context), array_to_string(e.plover_context, ';') AS plover_context,
       ec.cluster_id, c.num_mentions, c.num_articles, c.num_sources
FROM events e LEFT JOIN event_clusters ec USING (event_key) LEFT JOIN clusters c USING (cluster_id)
ORDER BY e.day NULLS LAST, e.event_key
"""
CSV_PER_CLUSTER = """
SELECT c.*, e.* EXCLUDE (plover_type, source_code, target_code, plover_context),
       array_to_string(e.plover_context, ';') AS plover_context
FROM clusters c JOIN events e ON e.event_key = c.root_event_key
ORDER BY c.first_day NULLS LAST, c.cluster_id
"""


def write_csv(con: duckdb.DuckDBPyConnection, stream: IO[str], per: str = "mention") -> int:
    """Events as CSV with a header: every events column, plus the cluster and its counts."""
    import csv

    result = con.execute(CSV_PER_CLUSTER if per == "cluster" else CSV_PER_MENTION)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([d[0] for d in result.description])
    count = 0
    while rows := result.fetchmany(10_000):
        writer.writerows([["" if v is None else (cell(v) if isinstance(v, bool) else v) for v in row] for row in rows])
        count += len(rows)
    return count


def write_jsonl(con: duckdb.DuckDBPyConnection, stream: IO[str], per: str = "mention") -> int:
    """The document records, one JSON object per line, exactly as `eventwire extract` printed them."""
    result = con.execute("SELECT record FROM documents ORDER BY added, doc_id")
    count = 0
    while rows := result.fetchmany(1000):
        for (record,) in rows:
            stream.write((record if isinstance(record, str) else json.dumps(record)) + "\n")
        count += len(rows)
    return count


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a record field's annotation (models become structs, lists lists)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return arrow_type(inner[0])
    if origin is list:
        return pa.list_(arrow_type(typing.get_args(annotation)[0]))
    if origin is typing.Literal:
        return pa.string()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct([pa.field(field.alias or name, arrow_type(field.annotation))
                          for name, field in annotation.model_fields.items()])
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}[annotation]


RECORD_SCHEMA = pa.schema(list(arrow_type(DocumentRecord)))


def write_parquet(con: duckdb.DuckDBPyConnection, path: Path, batch: int = 1000) -> int:
    """The full nested document records as Parquet (one row per document), written in row groups."""
    result = con.execute("SELECT record FROM documents ORDER BY added, doc_id")
    count = 0
    with pq.ParquetWriter(str(path), RECORD_SCHEMA) as writer:
        while rows := result.fetchmany(batch):
            records = [json.loads(r) if isinstance(r, str) else r for (r,) in rows]
            writer.write_table(pa.Table.from_pylist(records, schema=RECORD_SCHEMA))
            count += len(rows)
    return count
