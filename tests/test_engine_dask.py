"""The Dask engine gives the local engine's records, in input order, from Parquet parts."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwire.config import Settings
from eventwire.engine.dask import DaskRun, PartitionFailure, iter_record_json, run_dask
from eventwire.engine.partitions import Partition, Piece, plan_partitions, read_piece
from eventwire.ingest import iter_documents, read_path
from tests.conftest import SAMPLES

JSONL = (b'{"id": "a", "text": "Kenyan police arrested dozens of protesters in Nairobi on Monday, the interior '
         b'minister said."}\n'
         b'this line is not JSON\n'
         b'\n'
         b'{"id": "c", "text": "Japan protested to North Korea on Tuesday after a missile flew over Hokkaido."}\n'
         b'{"id": "d", "title": "no body"}\n')


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Four sample articles, a JSON Lines file with bad lines, an empty file and a missing one."""
    folder = tmp_path_factory.mktemp("dask-inputs")
    (folder / "lines.jsonl").write_bytes(JSONL)
    (folder / "empty.txt").write_bytes(b"")
    samples = [SAMPLES / "html" / "01-kenya-fuel-levy-protests.html",
               SAMPLES / "pagetext" / "15-north-korea-missile-japan-protest.txt",
               SAMPLES / "html" / "07-czech-expels-russian-diplomats.html",
               SAMPLES / "pagetext" / "19-niger-delta-militants-ultimatum.txt"]
    return [str(samples[0]), str(folder / "lines.jsonl"), str(samples[1]), str(folder / "empty.txt"),
            str(samples[2]), str(folder / "missing.txt"), str(samples[3])]


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    """Two worker processes with one thread each, shared by the tests of this module."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local


def test_jsonl_line_ranges_read_as_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_bytes(JSONL * 3)
    partitions = plan_partitions([str(path)], workers=2, partition_bytes=150)
    pieces = [piece for partition in partitions for piece in partition.pieces]
    assert len(pieces) > 3
    assert pieces[0].label.startswith(f"{path}:1-")
    whole = [(raw.location, raw.content, raw.error) for raw in read_path(path)]
    ranged = [(raw.location, raw.content, raw.error) for piece in pieces for raw in read_piece(piece)]
    assert ranged == whole  # same documents, same line numbers (bad lines keep their place)


def test_partitions_keep_input_order(inputs: list[str]) -> None:
    partitions = plan_partitions(inputs, workers=2)
    assert [p.index for p in partitions] == list(range(len(partitions)))
    assert [label for p in partitions for label in p.inputs] == inputs
    assert len(partitions) > 2  # small inputs still spread over the workers


def test_dask_gives_the_local_records(cluster, inputs: list[str], pipeline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    local = [record.to_json() for record in pipeline.process(iter_documents(inputs))]
    run = run_dask(inputs, Settings(), scheduler=cluster.scheduler_address, parts_dir=tmp_path / "parts",
                   partition_bytes=4_000)  # the JSON Lines file is cut into line ranges too
    assert not run.failures
    assert run.workers == 2
    assert len({part.worker for part in run.parts.values()}) == 2  # both workers took partitions
    dask = list(iter_record_json(run))
    assert [json.loads(line)["doc_id"] for line in dask] == [json.loads(line)["doc_id"] for line in local]
    for mine, theirs in zip(dask, local):
        mine_record, local_record = json.loads(mine), json.loads(theirs)
        assert mine_record["events"] == local_record["events"]
        assert mine_record["quotes"] == local_record["quotes"]
        assert mine == theirs
    failed = [json.loads(line) for line in dask if not json.loads(line)["text"]]
    assert len(failed) == 4  # a line that is not JSON, a line without text, the empty file, the missing file
    assert all(record["errors"] for record in failed)
    parts = sorted((tmp_path / "parts").glob("part-*.parquet"))
    assert len(parts) == len(run.partitions)
    table = pq.read_table(parts[0])
    assert table.column("doc_id").to_pylist()[0] == json.loads(dask[0])["doc_id"]


def test_failed_partition_becomes_error_records_naming_its_inputs() -> None:
    partitions = plan_partitions([str(SAMPLES / "html" / "01-kenya-fuel-levy-protests.html")], workers=1)
    run = DaskRun(partitions, failures={0: PartitionFailure(0, partitions[0].inputs, "KilledWorker: worker died")})
    records = [json.loads(line) for line in iter_record_json(run)]
    assert len(records) == 1
    assert records[0]["text"] == ""
    assert records[0]["errors"][0]["stage"] == "engine"
    assert "01-kenya-fuel-levy-protests.html" in records[0]["errors"][0]["message"]
    assert "KilledWorker" in records[0]["errors"][0]["message"]


def test_read_piece_of_stdin() -> None:
    raws = list(read_piece(Piece("-", data=b'{"text": "one"}\n{"text": "two"}\n')))
    assert [raw.content for raw in raws] == ["one", "two"]


def test_cli_extract_and_ingest_on_dask(cluster, inputs: list[str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import duckdb
    from typer.testing import CliRunner

    from eventwire.cli import app

    runner = CliRunner()
    address = cluster.scheduler_address
    out = tmp_path / "records.jsonl"
    result = runner.invoke(app, ["extract", *inputs[:3], "-o", str(out), "-q", "--engine", "dask",
                                 "--scheduler", address, "--parts", str(tmp_path / "extract-parts")])
    assert result.exit_code == 1, result.output  # the JSON Lines file has bad lines: some inputs failed
    assert "2 of 6 inputs did not become a complete document" in result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6  # an article, the four non-blank lines of the JSON Lines file, an article
    assert [json.loads(line)["source"]["path"] for line in lines][:2] == [inputs[0], inputs[1]]

    result = runner.invoke(app, ["extract", inputs[0], "--engine", "dask", "--scheduler", address])
    assert result.exit_code == 2  # a remote cluster needs a --parts folder every worker can reach
    result = runner.invoke(app, ["extract", inputs[0], "--engine", "dask", "--scheduler", address,
                                 "--parts", str(tmp_path / "extract-parts")])
    assert result.exit_code == 2  # parts of an earlier run are never mixed with new ones

    db = tmp_path / "events.duckdb"
    for run, parts in enumerate(("ingest-1", "ingest-2")):
        result = runner.invoke(app, ["ingest", *inputs, "--db", str(db), "-q", "--engine", "dask",
                                     "--scheduler", address, "--parts", str(tmp_path / parts)])
        assert result.exit_code == 1, result.output  # the empty, missing and bad-line inputs fail each time
        con = duckdb.connect(str(db), read_only=True)
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        con.close()
        assert documents == 6 and events > 0  # four articles and two JSON lines; the second run adds nothing
    second = pq.read_table(tmp_path / "ingest-2").num_rows
    assert second == 4  # only the inputs that gave no document ran again (they fail before the model)


def test_a_partition_that_fails_on_its_worker_is_reported_and_the_rest_goes_on(
        cluster, inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import eventwire.engine.dask as engine

    good = plan_partitions(inputs[1:2], workers=1, partition_bytes=10**6)[0]  # the JSON Lines file, whole
    broken = Partition(1, (Piece(inputs[1], 0, 10, first_line="one"),), 10)  # type: ignore[arg-type]
    monkeypatch.setattr(engine, "plan_partitions", lambda *args, **kwargs: [good, broken])
    run = run_dask(inputs, Settings(), scheduler=cluster.scheduler_address, parts_dir=tmp_path / "parts")
    assert set(run.parts) == {0} and set(run.failures) == {1}
    assert run.failures[1].inputs == [f"{inputs[1]}:one-0"]
    assert "TypeError" in run.failures[1].message and "Traceback" not in run.failures[1].message
    records = [json.loads(line) for line in iter_record_json(run)]
    assert len(records) == 5  # the four lines of the good partition, one error record for the broken one
    assert records[-1]["errors"][0]["stage"] == "engine"
