"""Exports: one module per format; `export(con, fmt, output, selection)` dispatches and returns the row count.

`Selection` (common.py) says which events: one row per cluster or per mention, their modality (`real`:
events reported as having happened, negated and hypothetical ones left out; or `all`), and the filters
(dates, PLOVER types, countries, actors). It applies to the event tables (gdelt, mentions, polecat,
eventwire, csv); jsonl and parquet hold whole document records, every event with its modality flags, and
with filters the documents that have a selected event.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import IO

import duckdb

from eventwire.store.export.common import Selection
from eventwire.store.export.flat import write_flat
from eventwire.store.export.gdelt import write_gdelt
from eventwire.store.export.mentions import write_mentions
from eventwire.store.export.polecat import write_polecat
from eventwire.store.export.tables import write_csv, write_jsonl, write_parquet

Writer = Callable[[duckdb.DuckDBPyConnection, IO[str], Selection, bool], int]

TEXT_FORMATS: dict[str, Writer] = {
    "gdelt": write_gdelt,
    "mentions": write_mentions,
    "polecat": write_polecat,
    "eventwire": write_flat,
    "csv": write_csv,
    "jsonl": write_jsonl,
}
FORMATS = (*TEXT_FORMATS, "parquet")
# The formats whose files have no header unless asked (GDELT's own files have none).
HEADERLESS = ("gdelt", "mentions")

__all__ = ["FORMATS", "HEADERLESS", "Selection", "TEXT_FORMATS", "export"]


def export(con: duckdb.DuckDBPyConnection, fmt: str, output: Path | None, selection: Selection | None = None,
           header: bool = False, *, per: str | None = None, modality: str | None = None) -> int:
    """Write the selected events (or records) of the database in `fmt` to `output` (stdout when None);
    returns the number of rows written. `header` adds a header row to gdelt and mentions (the other
    formats always have one). `per` and `modality` are shorthands for a Selection with only those."""
    selection = selection or Selection()
    if per is not None or modality is not None:
        selection = replace(selection, **{k: v for k, v in (("per", per), ("modality", modality)) if v})
    if fmt == "parquet":
        if output is None:
            raise ValueError("parquet needs an output file")
        return write_parquet(con, output, selection)
    writer = TEXT_FORMATS[fmt]
    if output is None:
        return writer(con, sys.stdout, selection, header)
    with output.open("w", encoding="utf-8", newline="") as stream:
        return writer(con, stream, selection, header)
