"""Every input is accounted for: inputs = documents stored + skipped (already stored) + skipped (same
content as another input) + failed, and the summary says which inputs repeated which."""

import gzip
import random

import pytest
from typer.testing import CliRunner

from eventwire import jobs
from eventwire.cli import app
from eventwire.ingest.warc import read_warc
from eventwire.jobs import ingest_local
from eventwire.store.writer import IngestReport, store_records
from tests.fixtures.records import make_record
from tests.helpers import query_rows as _rows

runner = CliRunner()

PAGE = b"""<html><head><title>Police detain protesters</title></head><body><article>
<p>ALMATY (Reuters) - Police detained dozens of protesters in Almaty on Friday, officials said.</p>
<p>The interior ministry said the protesters had blocked a main road for several hours.</p>
</article></body></html>"""


def _adds_up(report: IngestReport) -> bool:
    return report.unaccounted == 0 and \
        report.inputs == report.documents + report.skipped + report.duplicates + report.failed


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_bytes(PAGE)
    (folder / "a.txt").write_bytes(PAGE)  # the same bytes under another name
    (folder / "empty.warc.gz").write_bytes(gzip.compress(b""))  # a valid gzip of nothing
    (folder / "zero.warc.gz").write_bytes(b"")
    (folder / "blob.txt").write_bytes(random.Random(7).randbytes(4000))  # binary, whatever its name says
    return folder


@pytest.mark.parametrize("content", [b"", gzip.compress(b""), gzip.compress(b"") * 2])
def test_an_empty_warc_is_one_error_naming_the_file(tmp_path, content):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(content)
    docs = list(read_warc(path))
    assert len(docs) == 1 and docs[0].error is not None
    assert docs[0].error.message == f"{path}: no records in WARC file" and docs[0].error.stage == "read"


def test_inputs_add_up_with_a_missing_file_an_identical_copy_an_empty_warc_and_a_binary_file(
        tmp_path, folder, pipeline):
    db = tmp_path / "ew.duckdb"
    missing = folder / "gone.txt"
    inputs = [str(folder), str(missing), str(folder / "a.html")]  # a.html given twice
    report = ingest_local(inputs, db, pipeline.settings, pipeline=pipeline)
    assert report.inputs == 7 and _adds_up(report)
    assert (report.documents, report.skipped, report.duplicates, report.failed) == (1, 0, 2, 4)
    assert report.duplicate_examples == [(str(folder / "a.txt"), str(folder / "a.html")),
                                         (str(folder / "a.html"), str(folder / "a.html"))]
    failed = dict(_rows(db, "SELECT input, message FROM errors WHERE failed"))
    assert failed[str(missing)].endswith("no such file or directory")
    assert failed[str(folder / "empty.warc.gz")] == f"{folder / 'empty.warc.gz'}: no records in WARC file"
    assert failed[str(folder / "zero.warc.gz")] == f"{folder / 'zero.warc.gz'}: no records in WARC file"
    assert str(folder / "blob.txt") in failed
    assert _rows(db, "SELECT input FROM documents") == [(str(folder / "a.html"),)]
    assert _rows(db, "SELECT skipped, duplicates FROM runs") == [(0, 2)]

    again = ingest_local(inputs, db, pipeline.settings, pipeline=pipeline)  # all known now: skipped, still adding up
    assert again.inputs == 7 and _adds_up(again) and again.skipped == 7 and again.documents == again.failed == 0
    assert _rows(db, "SELECT skipped, duplicates FROM runs ORDER BY run_id") == [(0, 2), (7, 0)]


def test_store_records_counts_a_record_given_twice_as_a_duplicate(tmp_path):
    records = [make_record("a"), make_record("b"), make_record("a")]
    report = store_records(records, tmp_path / "ew.duckdb")
    assert (report.inputs, report.documents, report.duplicates, report.skipped) == (3, 2, 1, 0) and _adds_up(report)


def test_the_ingest_summary_names_the_inputs_with_the_same_content(tmp_path, monkeypatch):
    report = IngestReport(run_id=1, inputs=9, documents=1, failed=1)
    for i in range(7):
        report.add_duplicate(f"copy{i}.txt", "a.html")
    report.add_duplicate("a.html", "a.html")
    monkeypatch.setattr(jobs, "ingest_local", lambda *args, **kwargs: report)
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "ew.duckdb")])
    assert result.exit_code == 1, result.output  # one input failed
    row = next(line for line in result.output.splitlines() if "same content as another input" in line)
    assert row.split()[-2] == "8"
    lines = [line for line in result.output.splitlines() if line.startswith("skipped: ")]
    assert lines == [f"skipped: copy{i}.txt: same content as a.html" for i in range(5)]
    assert "... and 3 more with the same content as another input" in result.output
