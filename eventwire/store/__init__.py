"""The event database: DuckDB schema, incremental ingest, duplicate clusters, exports.

`open_database(path, read_only=False)` opens it (every command and the server do, so a locked,
foreign or full database is one clear `DatabaseError`, see errors.py);
`ingest.ingest(paths, db)` runs the pipeline into the database;
`dedup.rebuild_clusters(con)` groups mentions of one event;
`export.export(con, format, output)` writes GDELT, Mentions, POLECAT-style,
Parquet, CSV and JSON Lines files.
"""

from __future__ import annotations

from typing import Any

from eventwire.store.errors import (EXIT_DATABASE, DatabaseBusy, DatabaseError, DatabaseMissing, DiskFull,
                                    NotADatabase)

__all__ = ["open_database", "DatabaseError", "DatabaseBusy", "DatabaseMissing", "DiskFull", "NotADatabase",
           "EXIT_DATABASE"]


def __getattr__(name: str) -> Any:
    """`open_database` on first use: importing the package (the CLI does) must not import DuckDB."""
    if name == "open_database":
        from eventwire.store.schema import open_database

        return open_database
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
