"""Why the database cannot be used, as errors a user can act on (the CLI prints one line, exit code 5).

DuckDB reports a held lock, a file that is no database and a full disk as
`IOException`s or `TransactionException`s whose text says which; the
commands, the web server and the engines need to tell them apart and name the
file (and, for a lock, the process holding it), so the translation lives here,
once.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

# What the CLI exits with when the database is busy or unusable (locked, not a database, disk full).
EXIT_DATABASE = 5

# DuckDB: 'Could not set lock on file "x.duckdb": Conflicting lock is held in /usr/bin/python3 (PID 123) by user u.'
LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
NO_SPACE = ("no space left on device", "disk is full", "not enough space")


class DatabaseError(Exception):
    """The database at `path` cannot be opened or written; the message says why and what to do."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)


class DatabaseMissing(DatabaseError, FileNotFoundError):
    """A reader was pointed at a database file that does not exist (yet)."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, f"no database at {path} (run `eventwire ingest` first)")


class DatabaseBusy(DatabaseError):
    """Another process holds the database (DuckDB allows one writer, or readers only), still after waiting."""

    def __init__(self, path: Path | str, pid: int | None = None, program: str | None = None,
                 waited: float = 0.0) -> None:
        holder = f"process {pid} ({program})" if pid is not None else "another process"
        super().__init__(path, f"{path} is in use by {holder}; waited {waited:.0f} s. DuckDB allows one writing "
                               "process (or several readers): run this again when that process has finished")
        self.pid = pid
        self.program = program


class NotADatabase(DatabaseError):
    """The file exists but is not an eventwire DuckDB database (some other file, or another program's DuckDB)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, f"{path} is not an eventwire DuckDB database: {reason}")
        self.reason = reason


class DiskFull(DatabaseError):
    """No space left where the database is written; what was committed before is kept."""

    def __init__(self, path: Path | str, detail: str = "") -> None:
        super().__init__(path, f"no space left on device writing {path}{f' ({detail})' if detail else ''}; "
                               "the batches committed before are kept: free some space and run the same "
                               "command again (documents already stored are skipped)")


def lock_holder(message: str) -> tuple[int | None, str | None]:
    """The PID and program DuckDB names in a lock error, or (None, None) when it names none."""
    match = LOCK_HOLDER.search(message)
    return (int(match["pid"]), match["program"]) if match else (None, None)


def is_lock_error(exc: BaseException) -> bool:
    return "could not set lock" in str(exc).lower()


def is_no_space(exc: BaseException) -> bool:
    """Whether an exception (DuckDB's, or an OSError) comes from a full disk."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return any(words in str(exc).lower() for words in NO_SPACE)


def storage_error(exc: BaseException, path: Path | str) -> DatabaseError | None:
    """The DatabaseError an exception raised while using the database at `path` means, or None if none fits."""
    if isinstance(exc, DatabaseError):
        return exc
    if is_no_space(exc):
        file = re.search(r'file "([^"]+)"', str(exc))
        return DiskFull(path, f"could not write {file[1]}" if file else str(exc).splitlines()[0])
    if is_lock_error(exc):
        return DatabaseBusy(path, *lock_holder(str(exc)))
    if "not a valid duckdb database" in str(exc).lower():
        return NotADatabase(path, "the file is not a DuckDB database file (some other file under that name?)")
    return None
