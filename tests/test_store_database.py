"""A database that cannot be used is one clear line and exit code 5, never a traceback: held by another
process (which one), not a database, disk full (what was committed stays, a rerun finishes)."""

import os
import subprocess
import sys
import textwrap

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire import jobs
from eventwire.cli import app
from eventwire.store import (EXIT_DATABASE, DatabaseBusy, DatabaseError, DiskFull, NotADatabase,
                             open_database)
from eventwire.store import writer as writer_module
from eventwire.store import schema
from eventwire.store.writer import IngestReport, store_records
from tests.fixtures.records import make_record
from tests.helpers import query_rows as _rows

runner = CliRunner()

COMMANDS = [["stats"], ["query", "SELECT count(*) FROM documents"], ["export", "-f", "csv"], ["dedup"],
            ["ingest", "nothing-to-read.txt"]]


def _one_red_line(result, *words):
    """The command failed with exit 5 and said why on one line, with no traceback."""
    assert result.exit_code == EXIT_DATABASE, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, DatabaseError)
    lines = [line for line in result.output.splitlines() if all(w in line for w in words)]
    assert lines, result.output


@pytest.fixture
def held(tmp_path):
    """A database that another process has open for writing (as a running `eventwire ingest` has)."""
    db = tmp_path / "held.duckdb"
    store_records([make_record("a1")], db)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, time, duckdb
        con = duckdb.connect(sys.argv[1])
        print("ready", flush=True)
        time.sleep(60)
    """), str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield db, holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_a_database_held_by_another_process_names_it_after_a_bounded_wait(held):
    db, pid = held
    for read_only in (True, False):
        with pytest.raises(DatabaseBusy) as caught:
            open_database(db, read_only=read_only, wait=0.6)
        assert caught.value.pid == pid and caught.value.path == db
        assert str(db) in str(caught.value) and f"process {pid}" in str(caught.value)
        assert "waited 1 s" in str(caught.value) or "waited 0 s" in str(caught.value)


def test_every_command_on_a_held_database_prints_one_line_and_exits_5(held, monkeypatch, tmp_path):
    db, pid = held
    monkeypatch.setattr(schema, "LOCK_WAIT", 0.3)
    monkeypatch.chdir(tmp_path)
    for command in COMMANDS:
        result = runner.invoke(app, [*command, "--db", str(db)])
        _one_red_line(result, str(db), f"process {pid}")


def test_busy_without_a_pid_says_another_process():
    from eventwire.store.errors import storage_error

    busy = storage_error(duckdb.IOException('IO Error: Could not set lock on file "x.duckdb": Resource busy'),
                         "x.duckdb")
    assert isinstance(busy, DatabaseBusy) and busy.pid is None and "in use by another process" in str(busy)


def test_a_file_that_is_not_a_database_is_refused_by_every_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.duckdb").write_text("these are my notes, not a database\n")
    for command in COMMANDS:
        result = runner.invoke(app, [*command, "--db", "x.duckdb"])
        _one_red_line(result, "x.duckdb is not an eventwire DuckDB database")
    assert (tmp_path / "x.duckdb").read_text() == "these are my notes, not a database\n"  # left alone
    for read_only in (True, False):
        with pytest.raises(NotADatabase):
            open_database(tmp_path / "x.duckdb", read_only=read_only)


def test_another_programs_duckdb_database_is_not_written_into(tmp_path):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE prices (item VARCHAR, price DOUBLE)")
    con.close()
    for read_only in (True, False):
        with pytest.raises(NotADatabase, match="not an eventwire DuckDB database"):
            open_database(other, read_only=read_only)
    assert _rows(other, "SELECT table_name FROM duckdb_tables()") == [("prices",)]
    fresh = open_database(tmp_path / "new.duckdb")  # a new file (or an empty database) becomes ours
    fresh.close()
    open_database(tmp_path / "new.duckdb", read_only=True).close()


def _full_disk_at_call(n, db):
    """An `_insert` that, at its n-th call, fails as DuckDB does when the disk fills: the COMMIT of the WAL
    fails and ends the transaction, so the ROLLBACK after it finds none (which used to hide the cause)."""
    real_insert = writer_module._insert
    calls = {"n": 0}

    def insert(con, table, rows):
        calls["n"] += 1
        if calls["n"] == n:
            con.execute("ROLLBACK")  # the transaction is gone, as after a failed commit
            raise duckdb.TransactionException(
                f'TransactionContext Error: Failed to commit: Could not write file "{db}.wal": '
                "No space left on device")
        real_insert(con, table, rows)
    return insert


def test_disk_full_is_one_clear_error_what_was_committed_stays_and_a_rerun_finishes(tmp_path, monkeypatch):
    db = tmp_path / "ew.duckdb"
    records = [make_record(f"doc{i:03d}") for i in range(30)]
    monkeypatch.setattr(writer_module, "_insert", _full_disk_at_call(10, db))  # in the second batch
    with pytest.raises(DiskFull) as caught:
        store_records(records, db, commit_every=10)
    message = str(caught.value)
    assert "no space left on device" in message and str(db) in message
    assert "no transaction is active" not in message
    assert any("no transaction is active" in note for note in caught.value.__cause__.__notes__)  # kept, not hidden
    monkeypatch.undo()
    assert _rows(db, "SELECT count(*) FROM documents")[0][0] == 10
    assert _rows(db, "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)")[0][0] == 0
    report = store_records(records, db, commit_every=10)  # space freed: the same command again
    assert report.documents == 20 and report.skipped == 10 and report.unaccounted == 0
    assert _rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents")[0] == (30, 30)
    assert _rows(db, "SELECT status FROM runs ORDER BY run_id") == [("interrupted",), ("done",)]


def test_ingest_command_on_a_full_disk_prints_one_line_and_exits_5(tmp_path, monkeypatch):
    db = tmp_path / "ew.duckdb"

    def full(*_args, **_kwargs) -> IngestReport:
        raise DiskFull(db, f"could not write {db}.wal")

    monkeypatch.setattr(jobs, "ingest_local", full)
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db)])
    _one_red_line(result, "no space left on device", str(db))


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_disk_full_on_a_real_5mb_tmpfs(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        db = mount / "ew.duckdb"
        filler = mount / "filler"
        filler.write_bytes(b"\0" * (4 * 1024 * 1024))
        records = [make_record(f"doc{i:04d}") for i in range(500)]
        with pytest.raises(DiskFull, match="no space left on device") as caught:
            store_records(records, db, commit_every=50)
        assert str(db) in str(caught.value)
        filler.unlink()
        stored = _rows(db, "SELECT count(*) FROM documents")[0][0]
        assert 0 < stored < 500 and stored % 50 == 0  # whole batches only
        report = store_records(records, db, commit_every=50)
        assert report.skipped == stored and report.documents == 500 - stored
        assert _rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents")[0] == (500, 500)
    finally:
        subprocess.run(["umount", str(mount)], check=False)
