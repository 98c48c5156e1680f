"""A real `kill -9` of a writing process: started again, every document ends in the database exactly once."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO

WRITER = """
import sys
from tests.fixtures.records import make_record
from eventwire.store.writer import store_records
store_records((make_record(f"doc{i:05d}") for i in range(int(sys.argv[2]))), sys.argv[1], commit_every=3)
"""


def _wait_for_commits(db: Path, proc: subprocess.Popen, min_bytes: int, timeout: float = 60.0) -> None:
    """Until the write-ahead log shows committed batches (the database is locked to readers meanwhile)."""
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size >= min_bytes:
            return
        time.sleep(0.01)
    pytest.fail(f"the writer did not commit anything in time (exit code {proc.poll()})")


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the process ended before it could be killed: make the input bigger"


def _check_exactly_once(db: Path, expected_docs: int) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs, distinct = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone()
        assert docs == distinct == expected_docs
        for table, count in (("events", "n_events"), ("entities", "n_entities"), ("actors", "n_actors"),
                             ("quotes", "n_quotes")):
            stored, promised = con.execute(
                f"SELECT (SELECT count(*) FROM {table}), (SELECT coalesce(sum({count}), 0) FROM documents)").fetchone()
            assert stored == promised, table
        orphans = con.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()
        assert orphans == (0,)
        statuses = [s for (s,) in con.execute("SELECT status FROM runs ORDER BY run_id").fetchall()]
        assert statuses[0] == "interrupted" and statuses[-1] == "done"
    finally:
        con.close()


def test_kill_9_while_writing_then_restart_stores_each_document_once(tmp_path):
    db, n = tmp_path / "ew.duckdb", 600
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(n)], cwd=REPO, env=env)
    # past the schema's own log (7.4 kB since the stories tables): the kill must fall among the batches
    _wait_for_commits(db, proc, min_bytes=random.randint(15_000, 60_000))
    _kill(proc)
    subprocess.run([sys.executable, "-c", WRITER, str(db), str(n)], cwd=REPO, env=env, check=True, timeout=300)
    _check_exactly_once(db, n)


def _stories(folder: Path, n: int) -> Path:
    """n short stories as JSON Lines, with one broken line (the 6th) among them."""
    places = ["Almaty", "Astana", "Bishkek", "Tashkent", "Moscow", "Beijing", "Kyiv", "Minsk"]
    verbs = ["arrested", "met", "criticised", "praised", "warned", "sanctioned"]
    lines = []
    for i in range(n):
        place, verb = places[i % len(places)], verbs[i % len(verbs)]
        lines.append(json.dumps({"id": f"s{i}", "text": f"Police in {place} {verb} {i} protesters on Friday, "
                                                        f"officials said. \"We acted lawfully,\" the ministry said."}))
    lines.insert(5, "{broken json line")
    source = folder / "stories.jsonl"
    source.write_text("\n".join(lines) + "\n")
    return source


@pytest.mark.slow
def test_kill_9_of_a_real_eventwire_ingest_then_restart(tmp_path):
    source = _stories(tmp_path, 400)
    db = tmp_path / "ew.duckdb"
    command = [str(Path(sys.executable).with_name("eventwire")), "ingest", str(source), "--db", str(db),
               "--commit-every", "4", "--quiet"]
    proc = subprocess.Popen(command, cwd=tmp_path)
    _wait_for_commits(db, proc, min_bytes=random.randint(50_000, 150_000), timeout=120)
    _kill(proc)
    rerun = subprocess.run(command, cwd=tmp_path, timeout=600)
    assert rerun.returncode == 1  # the broken line failed, and the exit code says so
    _check_exactly_once(db, 400)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT input FROM errors WHERE failed").fetchall() == [(f"{source}:6",)]
    con.close()


KILLS = 20


@pytest.mark.soak
@pytest.mark.parametrize("processes", [1, 2])
def test_kill_9_loop_of_eventwire_ingest(tmp_path, processes):
    """20 kill -9s at random points (start-up, parsing, committing), each run resumed by the next: every
    document stored exactly once, the killed runs marked interrupted, no worker process left behind."""
    import psutil

    n = 3000
    source = _stories(tmp_path, n)
    db = tmp_path / "ew.duckdb"
    command = [str(Path(sys.executable).with_name("eventwire")), "ingest", str(source), "--db", str(db),
               "--commit-every", "4", "--quiet", "-p", str(processes)]
    rng = random.Random(processes)
    kills = 0
    while kills < KILLS:
        proc = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 6.0))
        if proc.poll() is not None:
            pytest.fail(f"the ingest finished before kill {kills + 1}: make the input bigger")
        workers = psutil.Process(proc.pid).children(recursive=True)
        _kill(proc)
        kills += 1
        _gone, alive = psutil.wait_procs(workers, timeout=20)
        assert not alive, f"worker processes left behind after kill {kills}: {[p.pid for p in alive]}"
    final = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=1200)
    assert final.returncode == 1 and "Traceback" not in final.stderr, final.stderr[-2000:]
    _check_exactly_once(db, n)
    con = duckdb.connect(str(db), read_only=True)
    try:
        statuses = [s for (s,) in con.execute("SELECT status FROM runs ORDER BY run_id").fetchall()]
        failed = con.execute("SELECT input FROM errors WHERE failed").fetchall()
    finally:
        con.close()
    # a run killed before it opened the database leaves no row; every other killed run says so
    assert 1 <= len(statuses) - 1 <= KILLS and set(statuses[:-1]) == {"interrupted"} and statuses[-1] == "done"
    assert failed == [(f"{source}:6",)]
