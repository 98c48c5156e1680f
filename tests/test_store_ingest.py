"""Ingest into DuckDB: stored once, nothing lost, bad input as error rows, reprocessing, a crash mid-batch."""

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from eventwire.pipeline import batched
from eventwire.store import writer as writer_module
from eventwire.jobs import ingest_local
from eventwire.store.writer import store_records
from tests.fixtures.records import make_record
from tests.test_ingest_warc import make_warc
from tests.helpers import query_rows as _rows


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Police arrested ten protesters in Almaty on Friday, officials said.")
    (folder / "docs.jsonl").write_text("\n".join([
        json.dumps({"id": "j1", "text": "China backed Kazakhstan on Thursday.", "url": "https://news.example/j1"}),
        "{this line is not json",
        json.dumps({"id": "j3", "text": "Russia sent troops to Kazakhstan."}),
        json.dumps({"id": "dup", "text": "Police arrested ten protesters in Almaty on Friday, officials said."}),
    ]))
    make_warc(folder / "crawl.warc.gz", pages=2, image=True)
    broken = folder / "cut.warc.gz"
    data = make_warc(tmp_path / "whole.warc.gz", pages=3, image=False).read_bytes()
    broken.write_bytes(data[: int(len(data) * 0.8)])
    return folder


def test_every_input_ends_as_document_or_error_and_reingest_adds_nothing(tmp_path, inputs, pipeline):
    db = tmp_path / "ew.duckdb"
    first = ingest_local([str(inputs)], db, pipeline.settings, pipeline=pipeline)
    # a.txt, j1, j3, 2 WARC pages, 2 complete pages of the cut WARC; the dup line is the same text as a.txt
    assert first.documents == 7 and first.skipped == 0 and first.duplicates == 1
    assert first.duplicate_examples == [(f"{inputs / 'docs.jsonl'}:4", str(inputs / "a.txt"))]
    errors = _rows(db, "SELECT input, stage, message FROM errors WHERE failed ORDER BY input")
    assert any(inp.endswith("docs.jsonl:2") and stage == "read" for inp, stage, _ in errors)
    cut = [e for e in errors if "cut.warc.gz@" in e[0]]
    assert len(cut) == 1 and "truncated" in cut[0][2]
    assert first.inputs == first.documents + first.failed + first.skipped + first.duplicates
    counts = _rows(db, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM errors), (SELECT count(*) FROM entities)")

    again = ingest_local([str(inputs)], db, pipeline.settings, pipeline=pipeline)
    assert again.documents == 0 and again.failed == 0 and again.skipped == again.inputs
    assert _rows(db, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM errors), (SELECT count(*) FROM entities)") == counts
    doc = _rows(db, "SELECT input, url, fetched, record FROM documents WHERE url = 'https://news.example/1'")[0]
    assert doc[0].startswith(str(inputs / "crawl.warc.gz") + "@") and doc[2] == "2022-01-02T12:00:00Z"
    assert json.loads(doc[3])["source"]["url"] == "https://news.example/1"
    runs = _rows(db, "SELECT run_id, status, documents, skipped FROM runs ORDER BY run_id")
    assert [r[1] for r in runs] == ["done", "done"] and runs[1][2] == 0


def test_a_stage_that_fails_is_an_error_row_and_the_run_goes_on(tmp_path, pipeline, monkeypatch):
    def broken_quotes(article, doc, actors):
        if "Russia" in article.text:
            raise RuntimeError("quote finder exploded")
        return []

    monkeypatch.setitem(pipeline.stages, "quotes", broken_quotes)
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"text": "Russia sent troops."}) + "\n" + json.dumps({"text": "China backed Kazakhstan."}))
    report = ingest_local([str(path)], tmp_path / "ew.duckdb", pipeline.settings, pipeline=pipeline)
    assert report.documents == 2
    rows = _rows(tmp_path / "ew.duckdb", "SELECT input, stage, message, failed FROM errors WHERE stage = 'quotes'")
    assert rows == [(f"{path}:1", "quotes", rows[0][2], False)] and "exploded" in rows[0][2]


def test_reprocess_reruns_documents_of_an_older_pipeline_version(tmp_path, pipeline):
    db = tmp_path / "ew.duckdb"
    path = tmp_path / "a.txt"
    path.write_text("China backed Kazakhstan on Thursday, officials said.")
    ingest_local([str(path)], db, pipeline.settings, pipeline=pipeline)
    con = duckdb.connect(str(db))
    con.execute("UPDATE documents SET pipeline_version = '0.0.1'")
    con.close()
    assert ingest_local([str(path)], db, pipeline.settings, pipeline=pipeline).documents == 0  # no --reprocess: kept
    report = ingest_local([str(path)], db, pipeline.settings, pipeline=pipeline, reprocess=True)
    assert report.documents == 1 and report.reprocessed == 1
    assert _rows(db, "SELECT count(*), any_value(pipeline_version) FROM documents")[0][0] == 1
    assert _rows(db, "SELECT pipeline_version FROM documents")[0][0] != "0.0.1"
    assert ingest_local([str(path)], db, pipeline.settings, pipeline=pipeline, reprocess=True).documents == 0


def test_a_crash_inside_a_batch_leaves_whole_documents_only(tmp_path, monkeypatch):
    db = tmp_path / "ew.duckdb"
    records = [make_record(f"doc{i:03d}") for i in range(30)]
    real_insert = writer_module._insert
    calls = {"n": 0}

    def crashing_insert(con, table, rows):
        calls["n"] += 1
        if calls["n"] == 10:  # the second batch, after its documents went in
            raise KeyboardInterrupt("power cut")
        real_insert(con, table, rows)

    monkeypatch.setattr(writer_module, "_insert", crashing_insert)
    with pytest.raises(KeyboardInterrupt):
        store_records(records, db, commit_every=10)
    monkeypatch.setattr(writer_module, "_insert", real_insert)
    assert _rows(db, "SELECT count(*) FROM documents")[0][0] == 10
    assert _rows(db, "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)")[0][0] == 0
    report = store_records(records, db, commit_every=10)
    assert report.documents == 20 and report.skipped == 10
    assert _rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents")[0] == (30, 30)
    assert _rows(db, "SELECT count(*), count(DISTINCT event_key) FROM events")[0] == (30, 30)


COMPARE = ["SELECT doc_id, input, n_events, n_quotes, n_actors FROM documents ORDER BY doc_id",
           "SELECT input, stage, failed FROM errors ORDER BY input, stage",
           "SELECT count(*) FROM event_clusters",
           "SELECT status, documents, skipped, errors FROM runs"]


def test_a_pool_that_reads_ahead_in_another_thread_stores_what_one_process_stores(tmp_path, inputs, pipeline,
                                                                                    monkeypatch):
    """What `--processes N` changes, without spawning workers: inputs are read ahead by another thread
    (Pool.imap's feeder) in batches, while records come back and are written by the writer thread."""
    one = tmp_path / "one.duckdb"
    ingest_local([str(inputs)], one, pipeline.settings, pipeline=pipeline)

    def pool_like(raws, settings, processes=1, pipeline=None):
        batches: queue.Queue = queue.Queue()

        def feed():
            for batch in batched(raws, 2):
                batches.put(batch)
            batches.put(None)

        threading.Thread(target=feed, daemon=True).start()
        while (batch := batches.get()) is not None:
            yield from pipeline.process_batch(batch)

    monkeypatch.setattr("eventwire.engine.run_local", pool_like)
    two = tmp_path / "two.duckdb"
    ingest_local([str(inputs)], two, pipeline.settings, pipeline=pipeline, processes=2, commit_every=2)
    for sql in COMPARE:
        assert _rows(two, sql) == _rows(one, sql), sql


@pytest.mark.slow
def test_ingest_with_two_processes_stores_what_one_process_stores(tmp_path, inputs, pipeline):
    """`eventwire ingest -p 2` end to end (about a minute: two workers load the model)."""
    one = tmp_path / "one.duckdb"
    ingest_local([str(inputs)], one, pipeline.settings, pipeline=pipeline)
    two = tmp_path / "two.duckdb"
    command = [str(Path(sys.executable).with_name("eventwire")), "ingest", str(inputs), "--db", str(two),
               "--processes", "2", "--commit-every", "2", "--quiet"]
    subprocess.run(command, cwd=tmp_path, check=True, timeout=300)
    queries = COMPARE + ["SELECT url, fetched, title FROM documents ORDER BY doc_id"]
    for sql in queries:
        assert _rows(two, sql) == _rows(one, sql), sql
    assert len(_rows(two, queries[0])) == 7


def test_failed_inputs_are_tried_again_by_a_new_pipeline_version(tmp_path, pipeline, monkeypatch):
    from eventwire.documents import Article
    from eventwire.extract.article import read_text
    from eventwire.records import ErrorRecord, Source

    def no_text(raw, settings):  # an extraction bug: finds no article text
        doc_id = read_text(raw, settings)[2]
        return Article(doc_id=doc_id, source=Source(path=raw.path), text="",
                       errors=(ErrorRecord(stage="extract", message=f"{raw.name}: no article text found"),))

    path = tmp_path / "a.txt"
    path.write_text("China backed Kazakhstan on Thursday, officials said.")
    db = tmp_path / "ew.duckdb"
    monkeypatch.setattr("eventwire.pipeline.extract_article", no_text)
    assert ingest_local([str(path)], db, pipeline.settings, pipeline=pipeline).failed == 1
    again = ingest_local([str(path)], db, pipeline.settings, pipeline=pipeline)
    assert (again.failed, again.skipped) == (0, 1)  # same version, same input: it would fail the same way
    assert _rows(db, "SELECT count(*) FROM errors WHERE failed")[0][0] == 1

    monkeypatch.undo()  # the bug is fixed in a new version
    con = duckdb.connect(str(db))
    con.execute("UPDATE errors SET pipeline_version = '0.0.1'")
    con.close()
    fixed = ingest_local([str(path)], db, pipeline.settings, pipeline=pipeline)
    assert (fixed.documents, fixed.failed, fixed.skipped) == (1, 0, 0)
    assert _rows(db, "SELECT count(*) FROM errors WHERE failed")[0][0] == 0  # the old failure is gone
    assert _rows(db, "SELECT input FROM documents") == [(str(path),)]
