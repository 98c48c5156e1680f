"""Exports: one module per format; `export(con, fmt, output, per, modality)` dispatches and returns the row count.

`modality` is `real` (events reported as having happened: negated and hypothetical ones left out) or `all`.
It applies to the event tables (gdelt, mentions, polecat, csv); jsonl and parquet hold whole document records,
every event with its modality flags.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

import duckdb

from eventwire.store.export.gdelt import write_gdelt
from eventwire.store.export.mentions import write_mentions
from eventwire.store.export.polecat import write_polecat
from eventwire.store.export.tables import write_csv, write_jsonl, write_parquet

Writer = Callable[[duckdb.DuckDBPyConnection, IO[str], str, str], int]

TEXT_FORMATS: dict[str, Writer] = {
    "gdelt": write_gdelt,
    "mentions": write_mentions,
    "polecat": write_polecat,
    "csv": write_csv,
    "jsonl": write_jsonl,
}
FORMATS = (*TEXT_FORMATS, "parquet")


def export(con: duckdb.DuckDBPyConnection, fmt: str, output: Path | None, per: str = "cluster",
           modality: str = "real") -> int:
    """Write the database in `fmt` to `output` (stdout when None); returns the number of rows written."""
    import sys

    if fmt == "parquet":
        if output is None:
            raise ValueError("parquet needs an output file")
        return write_parquet(con, output)
    writer = TEXT_FORMATS[fmt]
    if output is None:
        return writer(con, sys.stdout, per, modality)
    with output.open("w", encoding="utf-8", newline="") as stream:
        return writer(con, stream, per, modality)
