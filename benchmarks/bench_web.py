"""Web benchmark: API latency per route, and the cost of the server's snapshot copy.

1. The demo database (`make demo` → out/demo.duckdb, 26 articles, ~340 events):
   each route's median over 20 requests through the ASGI app (FastAPI's
   TestClient: routing, validation, SQL, JSON; no network).
2. The same database with its events repeated 1,000 times (~340,000 event
   rows): the same routes, and how long the server takes to copy the file
   when it changed (what a request pays once after each ingest).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "out" / "demo.duckdb"

ROUTES = {
    "events": "/api/events?limit=50",
    "events_filtered": "/api/events?type=ASSAULT,ACCUSE&country=RUS&q=said&limit=50",
    "events_page_5": "/api/events?limit=50&offset=200&sort=-confidence",
    "event": None,  # one event, filled in from the list
    "dyads": "/api/dyads?limit=15",
    "timeline": "/api/timeline",
    "actors": "/api/actors?limit=50",
    "quotes": "/api/quotes?limit=50",
    "documents": "/api/documents?limit=50",
    "document": None,
    "stats": "/api/stats",
}


def _latencies(db: Path, rounds: int = 20) -> dict[str, float]:
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    out = {}
    with TestClient(create_app(db)) as client:
        first = client.get("/api/events?limit=1").json()["events"][0]
        routes = {**ROUTES, "event": f"/api/events/{first['id']}", "document": first["document"]["href"]}
        for name, url in routes.items():
            assert client.get(url).status_code == 200, url
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - started)
            out[name] = statistics.median(times) * 1000
    return out


def _grow(db: Path, times: int) -> None:
    """Repeat every event row `times` times (new keys, same documents), as a bigger database would have."""
    con = duckdb.connect(str(db))
    con.execute(f"""
        INSERT INTO events SELECT e.* REPLACE (e.event_key || '#' || t.i AS event_key)
        FROM events e, range(1, {times}) t(i)""")
    con.execute("CHECKPOINT")
    con.close()


def run() -> dict[str, float]:
    if not DEMO.exists():
        print("   no out/demo.duckdb: run `make demo` first")
        return {}
    results: dict[str, float] = {}
    for name, ms in _latencies(DEMO).items():
        results[f"demo_{name}_ms"] = ms
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.duckdb"
        shutil.copyfile(DEMO, big)
        _grow(big, 1000)
        con = duckdb.connect(str(big), read_only=True)
        results["big_events"] = con.execute("SELECT count(*) FROM events").fetchone()[0]
        con.close()
        results["big_file_mb"] = big.stat().st_size / 1e6
        from eventwire.web.snapshot import Snapshots

        snapshots = Snapshots(big, tmp)
        started = time.perf_counter()
        snapshots.refresh()
        results["big_snapshot_copy_s"] = time.perf_counter() - started
        snapshots.close()
        for name, ms in _latencies(big, rounds=5).items():
            results[f"big_{name}_ms"] = ms
    for key, value in results.items():
        print(f"   {key:32} {value:10.2f}")
    return results


if __name__ == "__main__":
    run()
