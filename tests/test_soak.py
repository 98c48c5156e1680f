"""The soak: `eventwire ingest` over every real text in ../shared, as a user would run it (`make soak`).

Thousands of articles nobody on this project wrote or read: InSight Crime
reporting, long US political stories, lower-case mis-encoded Times of India
pieces, scraped pages, single sentences. For each corpus it asserts that
every input ends as exactly one document or error row (or is named as the
same content as another input), that no document ran over the time budget,
and that nothing printed a traceback. It writes documents/s, seconds per
document (p50/p99/max, from `--timings`) and peak memory to out/soak.json;
the README shows the latest numbers.

Run with `make soak` (or `pytest -m soak -s`); CI runs it after `make test`.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import pytest

from eventwire.budget import BUDGET_WORDS
from eventwire.ingest.readers import iter_documents
from tests.conftest import REPO, SHARED
from tests.helpers import run_watching_memory

pytestmark = pytest.mark.soak

EVAL = SHARED / "eval"
CORPORA = {  # name -> (input, extra options)
    "insightcrime": (SHARED / "corpus" / "insightcrime.jsonl", []),
    "polnear-train": (EVAL / "polnear-train" / "text", []),
    "police-dev": (EVAL / "police-dev" / "docs.jsonl", ["--clean", "none"]),
    "pagetext-dev": (EVAL / "pagetext-dev" / "text", []),
    "html-dev": (EVAL / "html-dev" / "html", []),
    "evloc-dev": (EVAL / "evloc-dev.jsonl", ["--clean", "none"]),
}
RESULTS = REPO / "out" / "soak.json"
_results: dict[str, dict] = {}


@dataclass
class Measured:
    inputs: int
    documents: int
    failed: int
    duplicates: int
    exit_code: int
    seconds: float
    docs_per_second: float
    p50_doc_seconds: float
    p99_doc_seconds: float
    max_doc_seconds: float
    slowest: str
    peak_rss_mb: float  # the largest single process (the writer or a worker)
    peak_tree_rss_mb: float  # all processes of the run together


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@pytest.mark.parametrize("name", list(CORPORA))
def test_soak(name: str, tmp_path: Path) -> None:
    source, options = CORPORA[name]
    if not source.exists():
        pytest.fail(f"{source} is missing: the soak needs ../shared")
    expected = sum(1 for _ in iter_documents([str(source)]))  # the readers' own count of inputs
    db, timings = tmp_path / "soak.duckdb", tmp_path / "timings.jsonl"
    started = time.monotonic()
    proc, peak_one, peak_tree = run_watching_memory(
        [sys.executable, "-m", "eventwire.cli", "ingest", str(source), "--db", str(db), "-p", "2",
         "--timings", str(timings), *options])
    seconds = time.monotonic() - started
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode in (0, 1), proc.stderr[-3000:]  # 1: some inputs failed, named in the summary

    con = duckdb.connect(str(db), read_only=True)
    documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    failed = con.execute("SELECT count(DISTINCT input) FROM errors WHERE failed").fetchone()[0]
    duplicates = con.execute("SELECT sum(duplicates) FROM runs").fetchone()[0] or 0
    over_budget = con.execute("SELECT count(*) FROM errors WHERE message LIKE ?", [f"%{BUDGET_WORDS}%"]).fetchone()[0]
    status = con.execute("SELECT list(status) FROM runs").fetchone()[0]
    con.close()
    lines = [json.loads(line) for line in timings.read_text(encoding="utf-8").splitlines()]
    per_doc = [line["seconds"] for line in lines if line["seconds"] is not None]
    slowest = max(lines, key=lambda line: line["seconds"] or 0.0) if lines else {"input": ""}

    measured = Measured(
        inputs=expected, documents=documents, failed=failed, duplicates=duplicates, exit_code=proc.returncode,
        seconds=round(seconds, 1), docs_per_second=round(expected / seconds, 2),
        p50_doc_seconds=round(_quantile(per_doc, 0.5), 3), p99_doc_seconds=round(_quantile(per_doc, 0.99), 3),
        max_doc_seconds=round(max(per_doc, default=0.0), 3), slowest=str(slowest["input"]),
        peak_rss_mb=round(peak_one), peak_tree_rss_mb=round(peak_tree))
    _results[name] = asdict(measured)
    _write_results()
    print(f"\nsoak {name}: {json.dumps(_results[name])}")

    assert status == ["done"]
    assert documents + failed + duplicates == expected, measured  # every input accounted for, exactly once
    assert len(lines) == expected - duplicates  # every input that ran has its timing line
    assert (proc.returncode == 1) == (failed > 0)  # the exit code says whether some inputs failed
    assert over_budget == 0, "a document ran over the time budget"
    assert peak_one < 2000, f"a process went past 2 GB ({peak_one:.0f} MB)"


def _write_results() -> None:
    """out/soak.json: every corpus measured so far in this session, and their totals."""
    inputs = sum(r["inputs"] for r in _results.values())
    seconds = sum(r["seconds"] for r in _results.values())
    total = {"inputs": inputs, "seconds": round(seconds, 1), "docs_per_second": round(inputs / seconds, 2),
             "max_doc_seconds": max(r["max_doc_seconds"] for r in _results.values()),
             "peak_rss_mb": max(r["peak_rss_mb"] for r in _results.values()),
             "peak_tree_rss_mb": max(r["peak_tree_rss_mb"] for r in _results.values()),
             "processes": 2, "cpus": os.cpu_count(),
             "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"corpora": _results, "total": total}, indent=2) + "\n", encoding="utf-8")
