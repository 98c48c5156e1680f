"""Store benchmark: ingest vs extract on the same files, and API-style queries over 1 million events.

1. Ingest overhead: the same documents run through the pipeline in one
   process — as `eventwire extract` does (records to JSON Lines), and as
   `eventwire ingest` does (records into DuckDB by a writer thread, batched
   transactions, new events clustered). Reported as the ratio ingest/extract
   (target ≤ 1.10), best and median of interleaved rounds.
2. Queries: 1,000,000 generated event rows; the event list (filter + order +
   limit), dyad counts and a timeline (events per day by type), each the
   median of 5 runs (target < 100 ms each).
3. Clustering: a full rebuild of the clusters of the 1,000,000 events, then
   the incremental step an ingest ends with: the events of 1,000 new
   documents (4,000) join the clustered million.
"""

from __future__ import annotations

import io
import json
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article.txt"

QUERIES = {
    "event_list_ms": """
        SELECT event_key, day, plover_type, source_code, target_code, trigger_text, location_name, confidence
        FROM events WHERE plover_type = 'PROTEST' AND day BETWEEN DATE '2021-03-01' AND DATE '2021-09-30'
        ORDER BY day DESC, confidence DESC LIMIT 50""",
    "dyad_counts_ms": """
        SELECT source_code, target_code, count(*) AS n FROM events
        WHERE source_code IS NOT NULL AND target_code IS NOT NULL
        GROUP BY ALL ORDER BY n DESC LIMIT 50""",
    "timeline_ms": """
        SELECT day, plover_type, count(*) AS n FROM events
        WHERE day >= DATE '2021-01-01' GROUP BY ALL ORDER BY day, plover_type""",
}


def _inputs(folder: Path, count: int) -> list[str]:
    """`count` distinct documents: the seed article with a numbered line, plus the samples if there are any."""
    text = SEED.read_text(encoding="utf-8")
    lines = [json.dumps({"id": f"b{i}", "text": text + f"\n\nUpdate {i}."})
             for i in range(count)]
    path = folder / "bench.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(path)]


def ingest_vs_extract(count: int = 64, rounds: int = 3) -> dict[str, float]:
    """Best of `rounds` interleaved runs each (the machine is shared and noisy); imports warmed first,
    as in a long-running process (a fresh `eventwire ingest` also pays ~0.5 s importing DuckDB and pyarrow)."""
    from eventwire.config import Settings
    from eventwire.engine import run_local
    from eventwire.ingest import iter_documents
    from eventwire.pipeline import Pipeline
    from eventwire.jobs import ingest_local
    from tests.fixtures.records import make_record
    from eventwire.store.writer import store_records

    pipeline = Pipeline(Settings())
    pipeline.nlp  # load the model before timing
    with tempfile.TemporaryDirectory() as tmp:
        inputs = _inputs(Path(tmp), count)
        list(run_local(iter_documents(inputs), pipeline.settings, pipeline=pipeline))  # warm caches
        store_records([make_record("warm")], Path(tmp) / "warm.duckdb")  # warm DuckDB/pyarrow imports
        extract_times, ingest_times = [], []
        for attempt in range(rounds):
            started = time.perf_counter()
            out = io.StringIO()
            for record in run_local(iter_documents(inputs), pipeline.settings, pipeline=pipeline):
                out.write(record.to_json() + "\n")
            extract_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = ingest_local(inputs, Path(tmp) / f"bench{attempt}.duckdb", pipeline.settings, pipeline=pipeline)
            ingest_times.append(time.perf_counter() - started)
        extract_s, ingest_s = min(extract_times), min(ingest_times)
    assert report.documents == count
    return {"docs": count, "extract_s": extract_s, "ingest_s": ingest_s, "ingest_write_s": report.write_seconds,
            "ingest_over_extract": ingest_s / extract_s,
            "ingest_over_extract_median": statistics.median(ingest_times) / statistics.median(extract_times)}


def generate_events(con: duckdb.DuckDBPyConnection, rows: int, first: int = 0, prefix: str = "d") -> None:
    """`rows` events spread over 3 years, 16 PLOVER types and 60 actor codes (4 per document)."""
    from eventwire.store.schema import create_schema

    create_schema(con)
    con.execute(f"""
        INSERT INTO events (event_key, doc_id, event_id, headline, trigger_text, day, plover_type, source_code,
                            target_code, location_name, confidence, cameo_code, outlet)
        SELECT '{prefix}' || (i // 4) || ':e' || (i % 4), '{prefix}' || (i // 4), 'e' || (i % 4), false, 'trigger',
               DATE '2020-01-01' + CAST(hash(i) % 1095 AS INTEGER),
               (['AGREE','CONSULT','SUPPORT','CONCEDE','COOPERATE','AID','RETREAT','REQUEST','ACCUSE','REJECT',
                 'THREATEN','PROTEST','SANCTION','MOBILIZE','COERCE','ASSAULT'])[1 + CAST(hash(i + 1) % 16 AS INTEGER)],
               'C' || (hash(i + 2) % 60), 'C' || (hash(i + 3) % 60), 'Place ' || (hash(i + 4) % 500),
               (hash(i + 5) % 1000) / 1000.0, lpad(CAST(hash(i + 6) % 200 AS VARCHAR), 3, '0'),
               'outlet' || (hash(i + 7) % 50)
        FROM range({first}, {first + rows}) t(i)""")


def query_timings(rows: int = 1_000_000, new_docs: int = 1000) -> dict[str, float]:
    from eventwire.store.dedup import rebuild_clusters, update_clusters

    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "q.duckdb"))
        started = time.perf_counter()
        generate_events(con, rows)
        result: dict[str, float] = {"rows": rows, "generate_s": time.perf_counter() - started}
        con.close()
        con = duckdb.connect(str(Path(tmp) / "q.duckdb"), read_only=True)  # as the API would open it
        for name, sql in QUERIES.items():
            con.execute(sql).fetchall()
            times = []
            for _ in range(5):
                started = time.perf_counter()
                con.execute(sql).fetchall()
                times.append((time.perf_counter() - started) * 1000)
            result[name] = statistics.median(times)
        con.close()
        con = duckdb.connect(str(Path(tmp) / "q.duckdb"))
        started = time.perf_counter()
        result["clusters"] = rebuild_clusters(con)
        result["rebuild_clusters_s"] = time.perf_counter() - started
        # what the end of an ingest does: the events of `new_docs` new documents join the 1M clustered ones
        generate_events(con, new_docs * 4, first=rows, prefix="n")
        started = time.perf_counter()
        update_clusters(con)
        result["incremental_clusters_ms"] = (time.perf_counter() - started) * 1000
        result["new_events"] = new_docs * 4
        result["new_events_joining_old_clusters"] = con.execute(
            "SELECT count(*) FROM events e JOIN event_clusters ec USING (event_key) JOIN clusters c USING (cluster_id)"
            " WHERE e.doc_id LIKE 'n%' AND c.root_event_key LIKE 'd%'").fetchone()[0]
        con.close()
    return result


def run() -> dict[str, float]:
    results = {**ingest_vs_extract(), **query_timings()}
    for key, value in results.items():
        print(f"   {key:24s} {value:,.3f}")
    return results


if __name__ == "__main__":
    run()
