"""The server reads a private copy of the database, so an ingest can write the real file meanwhile.

DuckDB lets one process write a file, or several read it, never both; a
reader holding the file even for a moment makes a starting ingest wait. So
the server never keeps the real file open: when the file has changed since
the last copy and no writer holds it, the server opens it read-only for just
as long as it takes to copy it (file and WAL), then answers every request
from one read-only connection to the copy. While an ingest writes, the last
copy keeps being served (responses say how old it is); when the ingest ends
the next request takes a fresh copy. Only a server started while an ingest is
already writing has no copy yet: it answers 503 until the file is free.

A file that is not an eventwire database (not DuckDB at all, or without the
tables `eventwire ingest` writes) is refused when the first copy is taken, so
the server fails at start-up with one clear sentence rather than answering
500s; if the file goes bad or away later, the last good copy keeps being served.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb


# The tables the API reads; `eventwire ingest` creates them all (eventwire/store/schema.py).
REQUIRED_TABLES = ("documents", "events", "quotes", "actors", "entities", "errors", "runs", "clusters",
                   "event_clusters")


class DatabaseBusy(Exception):
    """No copy of the database exists yet and an ingest holds the file."""


class NotADatabase(Exception):
    """The file exists but is not an eventwire database; the message names the file and says why."""


def _signature(path: Path) -> tuple[int, int, int, int]:
    """What changes when a writer commits: size and mtime of the file and of its WAL."""
    main = path.stat()
    wal = Path(f"{path}.wal")
    wal_stat = wal.stat() if wal.exists() else None
    return (main.st_mtime_ns, main.st_size, wal_stat.st_mtime_ns if wal_stat else 0, wal_stat.st_size if wal_stat else 0)


def _is_lock_error(exc: duckdb.Error) -> bool:
    return "could not set lock" in str(exc).lower()


def _reason(exc: Exception) -> str:
    """DuckDB's first line without its "IO Error: " prefix, for a one-line message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text.split(": ", 1)[1] if text.startswith(("IO Error: ", "Serialization Error: ")) else text


def _missing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    present = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    return [name for name in REQUIRED_TABLES if name not in present]


@dataclass
class _Copy:
    path: Path
    con: duckdb.DuckDBPyConnection
    signature: tuple[int, int, int, int]
    taken: dt.datetime
    users: int = 0
    retired: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def release(self) -> None:
        with self.lock:
            self.users -= 1
            done = self.retired and self.users == 0
        if done:
            self._drop()

    def retire(self) -> None:
        with self.lock:
            self.retired = True
            done = self.users == 0
        if done:
            self._drop()

    def _drop(self) -> None:
        self.con.close()
        for name in (self.path, Path(f"{self.path}.wal")):
            name.unlink(missing_ok=True)


class Snapshots:
    """Read-only copies of one database file, refreshed when the file changes and is free."""

    def __init__(self, db_path: Path | str, workdir: Path | str | None = None, retry_seconds: float = 1.0) -> None:
        self.source = Path(db_path)
        if not self.source.exists():
            raise FileNotFoundError(f"no database at {self.source} (run `eventwire ingest` first)")
        if workdir is not None:
            Path(workdir).mkdir(parents=True, exist_ok=True)  # --snapshot-dir names a folder to use, made if new
        self.dir = Path(tempfile.mkdtemp(prefix="eventwire-serve-", dir=workdir))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.dir, True)
        self.retry_seconds = retry_seconds
        self.current: _Copy | None = None
        self.writer_active = False  # the last attempt to copy found the file locked by a writer
        self.problem: str | None = None  # why the last attempt to copy failed, while an older copy is served
        self.last_attempt = 0.0
        self._numbers = itertools.count(1)
        self._refreshing = threading.Lock()

    def refresh(self) -> None:
        """Take a new copy if the file changed and no writer holds it (at most one attempt per retry_seconds while locked)."""
        current = self.current
        try:
            signature = _signature(self.source)
        except FileNotFoundError as exc:
            if current is None:
                raise FileNotFoundError(f"no database at {self.source} (run `eventwire ingest` first)") from exc
            self.problem = f"{self.source} is gone; serving the copy taken {current.taken.isoformat()}"
            return
        if current is not None and signature == current.signature:
            self.writer_active = False
            self.problem = None
            return
        if (current is not None and (self.writer_active or self.problem)
                and time.monotonic() - self.last_attempt < self.retry_seconds):
            return
        # Requests with a copy to read never wait for another request's refresh.
        if not self._refreshing.acquire(blocking=current is None):
            return
        try:
            if self.current is not current and self.current is not None:
                return  # another request took the copy while this one waited
            self.last_attempt = time.monotonic()
            try:
                self._take_copy()
            except NotADatabase as exc:
                if self.current is None:
                    raise
                self.problem = f"{exc}; serving the copy taken {self.current.taken.isoformat()}"
        finally:
            self._refreshing.release()

    def _take_copy(self) -> None:
        """Copy the file and open the copy; NotADatabase when the file is not one we can serve."""
        try:
            source = duckdb.connect(str(self.source), read_only=True)
        except duckdb.Error as exc:
            if isinstance(exc, duckdb.IOException) and _is_lock_error(exc):
                self.writer_active = True
                return
            raise NotADatabase(f"{self.source} is not a database eventwire can read ({_reason(exc)})") from None
        try:
            # Holding the file read-only, no writer can start: file and WAL are copied consistently.
            signature = _signature(self.source)
            target = self.dir / f"copy-{next(self._numbers)}.duckdb"
            shutil.copyfile(self.source, target)
            wal = Path(f"{self.source}.wal")
            if wal.exists():
                shutil.copyfile(wal, Path(f"{target}.wal"))
        finally:
            source.close()
        con = duckdb.connect(str(target), read_only=True)
        con.execute("SET enable_progress_bar = false")
        missing = _missing_tables(con)
        if missing:
            con.close()
            for name in (target, Path(f"{target}.wal")):
                name.unlink(missing_ok=True)
            raise NotADatabase(f"{self.source} is a DuckDB database but not an eventwire one (no table "
                               f"{', '.join(missing)}): write it with `eventwire ingest`")
        self.problem = None
        old, self.current = self.current, _Copy(target, con, signature, dt.datetime.now(dt.timezone.utc))
        self.writer_active = False
        if old is not None:
            old.retire()

    @contextmanager
    def cursor(self) -> Iterator[tuple[duckdb.DuckDBPyConnection, dt.datetime]]:
        """A cursor on the newest copy and when that copy was taken; DatabaseBusy when there is none."""
        self.refresh()
        copy = self.current
        if copy is None:
            raise DatabaseBusy(f"{self.source} is locked by a writer")
        with copy.lock:
            copy.users += 1
        try:
            cur = copy.con.cursor()
            try:
                yield cur, copy.taken
            finally:
                cur.close()
        finally:
            copy.release()

    def status(self) -> dict:
        """For /api/health: when the served copy was taken and whether the file has changed since."""
        copy = self.current
        stale = copy is not None and os.path.exists(self.source) and _signature(self.source) != copy.signature
        return {"database": str(self.source), "snapshot_taken": copy.taken.isoformat() if copy else None,
                "stale": stale, "writer_active": self.writer_active, "problem": self.problem}

    def close(self) -> None:
        copy, self.current = self.current, None
        if copy is not None:
            copy.retire()
        self._cleanup()
