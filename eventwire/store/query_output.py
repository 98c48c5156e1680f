"""`eventwire query` results for scripts: CSV, a JSON array, or JSON Lines, streamed a chunk at a time."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import uuid
from typing import IO, Any

import duckdb

CHUNK = 10_000


def _plain(value: Any) -> Any:
    """A value JSON can hold: dates and times as ISO 8601, decimals as numbers, the rest as text."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (uuid.UUID, dt.timedelta)):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(_plain(value), ensure_ascii=False)
    return _plain(value)


def write_result(result: duckdb.DuckDBPyConnection, fmt: str, stream: IO[str], limit: int = 0) -> tuple[int, int]:
    """Write the rows of an executed query as `fmt` (csv | json | jsonl), at most `limit` (0: all); returns
    (rows written, rows the query had), so the caller can say what was left out."""
    columns = [d[0] for d in result.description or []]
    writer = csv.writer(stream, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writerow(columns)
    elif fmt == "json":
        stream.write("[")
    shown = total = 0
    while chunk := result.fetchmany(CHUNK):
        total += len(chunk)
        keep = chunk if not limit else chunk[:max(0, limit - shown)]
        for row in keep:
            if writer:
                writer.writerow([_csv_cell(v) for v in row])
            else:
                line = json.dumps({c: _plain(v) for c, v in zip(columns, row)}, ensure_ascii=False)
                stream.write(line + "\n" if fmt == "jsonl" else ("," if shown else "") + "\n" + line)
            shown += 1
    if fmt == "json":
        stream.write("\n]\n")
    return shown, total
