"""Plain exports: CSV of events (flattened), JSON Lines of records, Parquet of the full nested record."""

from __future__ import annotations

import json
import types
from dataclasses import replace
import typing
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from eventwire.records import DocumentRecord
from eventwire.store.export.common import BATCH_ROWS, Selection, cell

CSV_PER_MENTION = """
SELECT e.* EXCLUDE (plover_context), array_to_string(e.plover_context, ';') AS plover_context,
       ec.cluster_id, c.num_mentions, c.num_articles, c.num_sources
FROM events e LEFT JOIN event_clusters ec USING (event_key) LEFT JOIN clusters c USING (cluster_id)
WHERE {where}
ORDER BY e.day NULLS LAST, e.event_key
"""
# Per cluster: the cluster's columns, then its root mention's. Both tables have location columns (the
# cluster's is where the cluster happened as far as known, the mention's where this report places it), so
# the cluster's are prefixed: every header name is unique.
CSV_PER_CLUSTER = """
SELECT c.* EXCLUDE (location_country, location_city),
       c.location_country AS cluster_location_country, c.location_city AS cluster_location_city,
       e.* EXCLUDE (plover_type, source_code, target_code, plover_context),
       array_to_string(e.plover_context, ';') AS plover_context
FROM clusters c JOIN events e ON e.event_key = c.root_event_key
WHERE {where}
ORDER BY c.first_day NULLS LAST, c.cluster_id
"""


def events_relation(con: duckdb.DuckDBPyConnection, selection: Selection) -> duckdb.DuckDBPyRelation:
    """The flattened events `selection` holds, as the CSV export (and `eventwire.events_frame`) gives them:
    every events column (the modality flags too), plus the cluster and its counts; names are unique."""
    sql = CSV_PER_CLUSTER if selection.per == "cluster" else CSV_PER_MENTION
    where, params = selection.where()
    relation = con.sql(sql.format(where=where), params=params or None)
    columns = relation.columns
    twice = sorted({name for name in columns if columns.count(name) > 1})
    if twice:  # a reader keyed by name would see one of them only
        raise ValueError(f"events export query has the column(s) {', '.join(twice)} twice")
    return relation


def write_csv(con: duckdb.DuckDBPyConnection, stream: IO[str], selection: Selection, header: bool = True) -> int:
    """Events as CSV with a header (streamed): the columns of `events_relation`."""
    import csv

    relation = events_relation(con, selection)
    columns = relation.columns
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for batch in relation.to_arrow_reader(BATCH_ROWS):
        # by position, never through dicts: a row always has exactly the header's columns, in its order
        columns = [column.to_pylist() for column in batch.columns]
        writer.writerows([["" if v is None else (cell(v) if isinstance(v, bool) else v) for v in row]
                          for row in zip(*columns)])
        count += batch.num_rows
    return count


# Records in the order they were stored: no sort, so the (large) record column streams through,
# RECORD_BATCH records at a time (a record holds its article's text: up to a few MB).
RECORDS_SQL = "SELECT record FROM documents"
RECORD_BATCH = 32


def _records(con: duckdb.DuckDBPyConnection, selection: Selection | None, batch: int) -> pa.RecordBatchReader:
    """The stored records, or with filters (dates, types, countries, actors) those of the documents that
    have at least one event the filters select: a record is never cut."""
    if selection is None or not selection.filtered:
        return con.sql(RECORDS_SQL).to_arrow_reader(batch)
    where, params = replace(selection, modality="all").where()
    sql = f"{RECORDS_SQL} WHERE doc_id IN (SELECT doc_id FROM events e WHERE {where})"
    return con.sql(sql, params=params).to_arrow_reader(batch)


def write_jsonl(con: duckdb.DuckDBPyConnection, stream: IO[str], selection: Selection | None = None,
                header: bool = False) -> int:
    """The document records, one JSON object per line, exactly as `eventwire extract` printed them
    (every event with its modality: a record is never cut; filters choose whole documents)."""
    count = 0
    for batch in _records(con, selection, RECORD_BATCH):
        for record in batch.column(0).to_pylist():
            stream.write((record if isinstance(record, str) else json.dumps(record)) + "\n")
        count += batch.num_rows
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


def write_parquet(con: duckdb.DuckDBPyConnection, path: Path, selection: Selection | None = None,
                  batch: int = RECORD_BATCH * 8) -> int:
    """The full nested document records as Parquet (one row per document), a row group per batch; filters
    choose whole documents, as for JSON Lines."""
    count = 0
    with pq.ParquetWriter(str(path), RECORD_SCHEMA) as writer:
        for rows in _records(con, selection, batch):
            records = [json.loads(r) if isinstance(r, str) else r for r in rows.column(0).to_pylist()]
            writer.write_table(pa.Table.from_pylist(records, schema=RECORD_SCHEMA))
            count += len(records)
    return count
