"""A document that loops forever in a stage ends as an error row, in every engine, and the run goes on.

The loop is injected through the pipeline's test-only hook: $EVENTWIRE_TEST_STALL names the stage, and
a document containing STALL_MARK spins there (the variable reaches worker processes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.pipeline import STALL_MARK

BUDGET = 2.0
GOOD = "Kenyan police arrested dozens of protesters in Nairobi on Monday, the interior minister said."


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("EVENTWIRE_TEST_STALL", "events")
    paths = []
    for name, text in (("a.txt", GOOD), ("stuck.txt", f"{GOOD} {STALL_MARK}"), ("c.txt", GOOD)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


def _check(records: list[dict]) -> None:
    assert [Path(r["source"]["path"]).name for r in records] == ["a.txt", "stuck.txt", "c.txt"]
    good, stuck, after = records
    assert good["events"] and after["events"] and not good["errors"] and not after["errors"]
    assert stuck["text"].startswith("Kenyan police")  # the text is kept
    assert stuck["events"] == []
    [error] = stuck["errors"]
    assert error["stage"] == "events"
    assert "stuck.txt" in error["message"] and f"over the {BUDGET:g} s budget" in error["message"]


@pytest.mark.parametrize("processes", [1, 2])
def test_local_engine(inputs: list[str], processes: int) -> None:
    from eventwire.engine import run_local
    from eventwire.ingest import iter_documents

    settings = Settings(doc_timeout=BUDGET)
    _check([json.loads(r.to_json()) for r in run_local(iter_documents(inputs), settings, processes=processes)])


def test_dask_engine(inputs: list[str], tmp_path: Path) -> None:
    from distributed import LocalCluster

    from eventwire.engine.dask import iter_record_json, run_dask

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=":0") as cluster:
        run = run_dask(inputs, Settings(doc_timeout=BUDGET), scheduler=cluster.scheduler_address,
                       parts_dir=tmp_path / "parts")
    assert not run.failures
    _check([json.loads(line) for line in iter_record_json(run)])


def test_cli_flag_sets_the_budget(inputs: list[str], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", *inputs, "-o", str(out), "-q", "--doc-timeout", str(BUDGET)])
    assert result.exit_code == 1, result.output  # one input did not become a full document
    _check([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])


def test_stage_data_is_loaded_before_the_first_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading the lexicon, WordNet and places costs seconds once: never inside a document's budget."""
    from eventwire.pipeline import WARM_UP_DOCUMENTS, Pipeline

    pipeline = Pipeline(Settings(doc_timeout=BUDGET))
    calls: list[tuple[tuple[str, ...], float]] = []
    run_batch = pipeline._run_batch

    def spy(raws, budget):  # type: ignore[no-untyped-def]
        calls.append((tuple(raw.name for raw in raws), budget))
        return run_batch(raws, budget)

    monkeypatch.setattr(pipeline, "_run_batch", spy)
    from eventwire.documents import RawDocument

    pipeline.process_batch([RawDocument(content=GOOD, path="a.txt")])
    pipeline.process_batch([RawDocument(content=GOOD, path="b.txt")])
    assert calls == [(tuple(raw.name for raw in WARM_UP_DOCUMENTS), 0), (("a.txt",), BUDGET), (("b.txt",), BUDGET)]


def test_the_warm_up_documents_reach_every_stage() -> None:
    from eventwire.pipeline import WARM_UP_DOCUMENTS, Pipeline

    records = Pipeline(Settings())._run_batch(WARM_UP_DOCUMENTS, budget=0)
    for record in records:
        assert not record.errors and record.actors and record.events and record.places
    assert any(record.quotes for record in records)
