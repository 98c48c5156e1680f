"""The dashboard's downloads: the filtered events as CSV or GeoJSON, streamed.

Rows leave DuckDB as Arrow record batches of DOWNLOAD_BATCH_ROWS and each batch is written to the
response before the next is fetched, so a download of DOWNLOAD_LIMIT events never sits whole in memory.
The texts come from arbitrary web pages: a CSV cell that a spreadsheet would run as a formula is made text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import duckdb
from fastapi.responses import StreamingResponse

from eventwire.web.queries import EVENT_COLUMNS, EVENT_SORTS, EventFilter
from eventwire.web.snapshot import Snapshots

DOWNLOAD_LIMIT = 100_000  # rows in one download; more sets the X-Eventwire-Truncated header
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


DOWNLOAD_BATCH_ROWS = 2_000  # rows fetched (and sent) at a time by a download


def event_batches(cur: duckdb.DuckDBPyConnection, filters: EventFilter, limit: int
                  ) -> tuple[list[str], Iterator[list[dict[str, Any]]]]:
    """The filtered events (newest first, at most `limit`) for the downloads: the column names and the rows
    as Arrow record batches of DOWNLOAD_BATCH_ROWS, fetched one at a time while the response is sent, so
    a download of 100,000 events never sits whole in memory."""
    where, params = filters.where()
    reader = cur.sql(f"""SELECT {EVENT_COLUMNS}, sentence_text FROM events WHERE {where}
                         ORDER BY {EVENT_SORTS['-date']} LIMIT {int(limit)}""", params=params or None
                     ).to_arrow_reader(DOWNLOAD_BATCH_ROWS)
    return list(reader.schema.names), (batch.to_pylist() for batch in reader)


def events_over(cur: duckdb.DuckDBPyConnection, filters: EventFilter, limit: int) -> bool:
    """Whether more than `limit` events pass the filters (the download then says it was cut)."""
    where, params = filters.where()
    return cur.execute(f"SELECT count(*) > ? FROM (SELECT 1 FROM events WHERE {where} LIMIT ?)",
                       [limit, *params, limit + 1]).fetchall()[0][0]


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a text starting with = + - @ (a formula to Excel or
    LibreOffice, and these texts come from arbitrary web pages) gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_chunks(columns: list[str], batches: Iterator[list[dict[str, Any]]]) -> Iterator[str]:
    """The download's CSV, one chunk per batch of rows: a header, then formula-safe cells (`csv_cell`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    yield out.getvalue()
    for rows in batches:
        out.seek(0)
        out.truncate()
        writer.writerows([[csv_cell(row[c]) for c in columns] for row in rows])
        yield out.getvalue()


def geojson_chunks(_columns: list[str], batches: Iterator[list[dict[str, Any]]]) -> Iterator[str]:
    """A FeatureCollection, one chunk per batch: one Point per event with coordinates, its fields as
    properties."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for rows in batches:
        features = []
        for values in rows:
            lat, lon = values.get("location_lat"), values.get("location_lon")
            if lat is None or lon is None:
                continue
            properties = {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v)
                          for k, v in values.items() if k not in ("location_lat", "location_lon")}
            features.append(json.dumps({"type": "Feature", "id": values["event_key"],
                                        "geometry": {"type": "Point", "coordinates": [lon, lat]},
                                        "properties": properties}, ensure_ascii=False))
        if features:
            yield ("" if first else ", ") + ", ".join(features)
            first = False
    yield "]}"


Render = Callable[[list[str], Iterator[list[dict[str, Any]]]], Iterator[str]]


def download(snapshots: Snapshots, filters: EventFilter, render: Render, media_type: str,
             filename: str) -> StreamingResponse:
    """The filtered events streamed as `render` writes them, batch by batch. The cursor is the stream's
    own, held until the last batch is sent (a request-scoped one may close before a streamed body ends)."""
    stack = ExitStack()
    cur, taken = stack.enter_context(snapshots.cursor())
    try:
        truncated = events_over(cur, filters, DOWNLOAD_LIMIT)
        columns, batches = event_batches(cur, filters, DOWNLOAD_LIMIT)
    except BaseException:
        stack.close()
        raise

    def body() -> Iterator[str]:
        with stack:
            yield from render(columns, batches)

    headers = {"Content-Disposition": f'attachment; filename="{filename}"', "X-Eventwire-Snapshot": taken.isoformat()}
    if truncated:
        headers["X-Eventwire-Truncated"] = f"only the first {DOWNLOAD_LIMIT} rows; narrow the filters"
    return StreamingResponse(body(), media_type=media_type, headers=headers)
