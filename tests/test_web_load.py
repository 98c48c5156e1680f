"""A bounded load test of `eventwire serve` (marker soak): 50 clients for 30 s on 127.0.0.1, no 5xx.

Real server (uvicorn, as users start it) over a database ingested from samples/, clients hitting
every read route, out-of-range parameters among them (those must be 422s, never 5xx). Reports
requests/s and p50/p99 latency, and adds them to out/soak.json's "web" entry.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, SAMPLES

pytestmark = pytest.mark.soak

CLIENTS = 50
SECONDS = 30.0
ROUTES = ["/api/health", "/api/stats", "/api/events?limit=50", "/api/events?limit=20&offset=40&type=PROTEST",
          "/api/dyads", "/api/timeline", "/api/actors", "/api/quotes?limit=20", "/api/documents", "/",
          "/api/events?offset=9223372036854775808", "/api/events?limit=0", "/api/events?since=notadate"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_fifty_clients_for_thirty_seconds(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    subprocess.run([sys.executable, "-m", "eventwire.cli", "ingest", str(SAMPLES), "--db", str(db), "-q"],
                   check=True, timeout=600)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port),
                               "--snapshot-dir", str(tmp_path / "snapshots")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not start: {server.stderr.read() if server.stderr else ''}")
            time.sleep(0.2)
        statuses: dict[int, int] = {}
        latencies: list[float] = []
        failures: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + SECONDS

        def client(k: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                n = k
                while time.monotonic() < stop_at:
                    route = ROUTES[n % len(ROUTES)]
                    n += 1
                    began = time.monotonic()
                    try:
                        code = http.get(route).status_code
                    except httpx.HTTPError as exc:
                        with lock:
                            failures.append(f"{route}: {type(exc).__name__}")
                        continue
                    with lock:
                        statuses[code] = statuses.get(code, 0) + 1
                        latencies.append(time.monotonic() - began)

        threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    result = {"clients": CLIENTS, "seconds": SECONDS, "requests": len(latencies),
              "requests_per_second": round(len(latencies) / SECONDS, 1),
              "p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
              "p99_ms": round(1000 * latencies[int(0.99 * len(latencies))], 1),
              "statuses": {str(code): n for code, n in sorted(statuses.items())}}
    print(f"\nweb load: {json.dumps(result)}")
    results = REPO / "out" / "soak.json"
    results.parent.mkdir(exist_ok=True)
    data = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    data["web"] = result
    results.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    assert not failures, failures[:5]
    assert not [code for code in statuses if code >= 500], statuses
    assert statuses.get(200, 0) > 0 and statuses.get(422, 0) > 0
    assert "Traceback" not in (server.stderr.read() if server.stderr else "")
