"""The notebook API: process_many over texts, dicts and paths; events_frame with the CSV export's columns;
connect gives a read-only connection. The README's notebook example runs here as written."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb
import pytest

import eventwire
from eventwire.store.export import Selection
from eventwire.store.export.tables import write_csv
from eventwire.store.writer import store_records
from tests.conftest import REPO, SAMPLES

TEXT = "Kenyan police arrested twelve protesters in Nairobi on Tuesday, officials said."


def test_process_many_takes_texts_dicts_and_paths_in_order():
    items = [TEXT, {"text": TEXT, "id": "from-a-dict", "published": "2024-05-01"},
             SAMPLES / "pagetext" / "15-north-korea-missile-japan-protest.txt",
             str(SAMPLES / "pagetext" / "16-malawi-opposition-rejects-election-result.txt"),
             {"url": "https://example.org/no-text"}, Path("/nonexistent/article.txt")]
    records = list(eventwire.process_many(items, published="2024-04-30"))
    assert len(records) == len(items)
    assert records[0].events and records[0].published.startswith("2024-04-30")
    assert records[1].source.id == "from-a-dict" and records[1].published.startswith("2024-05-01")
    assert records[2].source.path.endswith("15-north-korea-missile-japan-protest.txt") and records[2].events
    assert records[3].source.path.endswith("16-malawi-opposition-rejects-election-result.txt")
    assert [e.stage for e in records[4].errors] == ["read"] and "no 'text' or 'html'" in records[4].errors[0].message
    assert [e.stage for e in records[5].errors] == ["read"] and "no such file" in records[5].errors[0].message


def test_process_many_rejects_what_is_no_document():
    with pytest.raises(TypeError, match="item 1"):
        list(eventwire.process_many([42]))


def test_events_frame_has_the_csv_export_columns_from_records_and_from_a_database(tmp_path):
    records = list(eventwire.process_many([TEXT, SAMPLES / "pagetext" / "15-north-korea-missile-japan-protest.txt"]))
    frame = eventwire.events_frame(records)
    db = tmp_path / "ew.duckdb"
    store_records(records, db)
    con = eventwire.connect(db)
    try:
        out = io.StringIO()
        write_csv(con, out, Selection(per="mention", modality="all"))
        with pytest.raises(duckdb.Error):  # read-only
            con.execute("DELETE FROM events")
    finally:
        con.close()
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert list(frame.columns) == header and len(frame) == sum(len(r.events) for r in records)
    from_db = eventwire.events_frame(db, types=["ARREST", "COERCE"])
    assert set(from_db["plover_type"]) <= {"ARREST", "COERCE"} and len(from_db) >= 1
    assert len(eventwire.events_frame(db, per="cluster")) <= len(frame)


def test_the_readme_notebook_example_runs(tmp_path, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- notebook example -->\s*```python\n(.*?)```", readme, re.S)
    assert block, "the README has a notebook example"
    monkeypatch.chdir(REPO)
    namespace: dict = {}
    exec(compile(block.group(1), "README notebook example", "exec"), namespace)  # noqa: S102 - our README
    assert len(namespace["frame"]) > 0
