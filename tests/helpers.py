"""Small helpers shared by tests."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path

import jsonschema
import psutil

from eventwire.records import DocumentRecord

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "eventwire" / "schema" / "document.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def assert_valid(record: DocumentRecord | dict) -> dict:
    """Validate a record against the JSON Schema and check every span indexes into `text`."""
    data = record.to_dict() if isinstance(record, DocumentRecord) else record
    errors = sorted(VALIDATOR.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    text = data["text"]
    for ent in data["entities"]:
        assert text[ent["start"]:ent["end"]] == ent["text"]
    for q in data["quotes"]:
        for key in ("content", "cue", "speaker"):
            span = q.get(key)
            if span:
                assert text[span["start"]:span["end"]] == span["text"], (key, span)
    for ev in data["events"]:
        base = (data.get("title") or "") if ev.get("headline") else text
        for key in ("trigger", "sentence", "source", "target"):
            span = ev.get(key)
            if span and span.get("inferred"):  # the act's conventional agent: named nowhere, so no offsets
                assert span["start"] is None and span["end"] is None, (key, span)
            elif span:
                assert base[span["start"]:span["end"]] == span["text"], (key, span)
    return data


def run_watching_memory(args: list[str], timeout: float = 3600) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run a command; sample the RSS of it and its worker processes every 0.2 s.

    Returns the finished process, the peak MB of the largest single process and the peak MB of
    all of them together.
    """
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    peak_one = peak_tree = 0.0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak_one, peak_tree
        try:
            root = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            try:
                rss = [p.memory_info().rss for p in [root, *root.children(recursive=True)]]
            except psutil.Error:
                rss = []
            if rss:
                peak_one, peak_tree = max(peak_one, max(rss)), max(peak_tree, sum(rss))
            done.wait(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    finally:
        done.set()
        watcher.join()
    return subprocess.CompletedProcess(args, proc.returncode, stdout, stderr), peak_one / 1e6, peak_tree / 1e6


def query_rows(db: Path | str, sql: str) -> list[tuple]:
    """The rows of one read-only query on a database file (the connection closed again)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
