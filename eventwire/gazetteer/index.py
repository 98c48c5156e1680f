"""The gazetteer's on-disk index: built once per machine, opened in milliseconds.

Indexing every city and its alternate names takes seconds; every process that
extracts would pay it. Instead the built index is written once to an SQLite
file in the user's cache directory (`$EVENTWIRE_CACHE_DIR`, else
`$XDG_CACHE_HOME/eventwire`, else `~/.cache/eventwire`), named by a key of
everything it was built from (package versions, the bundled data files, the
builder's own version). A stale or missing file is rebuilt; a new file is
written under a temporary name and renamed into place, so concurrent
processes never read a half-written index (the last rename wins, both are
identical). Names are looked up on demand, so a process holds in memory only
the names its articles use.

When no cache directory is writable the index is built in memory for the
process (slow, but correct) and a warning says why.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from eventwire.config import cache_dir

log = logging.getLogger(__name__)

FORMAT_VERSION = "3"  # bump when the builder's output changes
STALE_AFTER_S = 86400.0

SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, precision TEXT, kind TEXT, admin1 TEXT,
                     lat REAL, lon REAL, geonames_id INTEGER, population INTEGER);
CREATE TABLE names (key TEXT, seq INTEGER, place INTEGER, alternate INTEGER, PRIMARY KEY (key, seq)) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""

PlaceRow = tuple  # (id, name, country, precision, kind, admin1, lat, lon, geonames_id, population)


def cache_key(versions: dict[str, str], files: Iterable[Path], settings: dict[str, object]) -> str:
    """A short hash of everything the index is built from."""
    h = hashlib.sha256(FORMAT_VERSION.encode())
    h.update(json.dumps({"versions": versions, "settings": settings}, sort_keys=True).encode())
    for path in sorted(files):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class PlaceIndex:
    """Read-only access to a built index; safe to share between threads, reopened after a fork."""

    def __init__(self, path: Path | None, connection: sqlite3.Connection | None = None) -> None:
        self.path = path
        self._memory = connection  # an in-memory index (no cache directory) lives as long as the process
        self._lock = threading.Lock()
        self._pid = -1
        self._conn: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._memory is not None:
            return self._memory
        if self._conn is None or self._pid != os.getpid():
            uri = f"{self.path.as_uri()}?mode=ro&immutable=1"  # type: ignore[union-attr]
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._conn

    def names(self, key: str) -> list[tuple[PlaceRow, bool]]:
        """The places indexed under `key`, in build order, with whether each matched an alternate name."""
        with self._lock:
            rows = self._connection().execute(
                "SELECT p.id, p.name, p.country, p.precision, p.kind, p.admin1, p.lat, p.lon, p.geonames_id, "
                "p.population, n.alternate FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? "
                "ORDER BY n.seq", (key,)).fetchall()
        return [(row[:10], bool(row[10])) for row in rows]

    def meta(self, key: str) -> object:
        with self._lock:
            row = self._connection().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None


def open_or_build(key: str, build) -> PlaceIndex:  # noqa: ANN001 - build(conn) fills a fresh database
    """The index for `key` from the cache directory, building it there first when missing."""
    directory = cache_dir()
    path = directory / f"gazetteer-{key}.sqlite"
    if path.exists():
        return PlaceIndex(path)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=directory)
        os.close(fd)
    except OSError as exc:
        log.warning("gazetteer cache directory %s is not writable (%s): building the index in memory", directory, exc)
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        _fill(conn, build)
        return PlaceIndex(None, conn)
    try:
        conn = sqlite3.connect(tmp)
        _fill(conn, build)
        conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # atomic: readers see the old state or the whole new file
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _remove_stale(directory, path)
    return PlaceIndex(path)


def _fill(conn: sqlite3.Connection, build) -> None:  # noqa: ANN001
    conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    build(conn)
    conn.commit()


def _remove_stale(directory: Path, keep: Path) -> None:
    """Indexes built from other versions more than a day ago are dead weight (a process still reading one
    keeps its open file; a day's grace spares installs that alternate, e.g. two checkouts)."""
    now = time.time()
    for old in directory.glob("gazetteer-*.sqlite"):
        if old != keep and now - old.stat().st_mtime > STALE_AFTER_S:
            try:
                old.unlink()
            except OSError as exc:
                log.info("could not remove stale gazetteer index %s: %s", old, exc)
