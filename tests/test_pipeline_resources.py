"""Each stage's data is loaded once per process, when the pipeline builds its stages, not per document."""

from __future__ import annotations

import sys

import pytest

from eventwire.actors.kb import load_kb
from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.events.backoff import load_backoff
from eventwire.events.grammar import load_grammar
from eventwire.events.lexicon import load_lexicon
from eventwire.events.tables import load_tables
from eventwire.gazetteer import load_gazetteer
from eventwire.pipeline import Pipeline
from eventwire.quotes.cues import load_cues

# loaders a stage used to call for each document; the stages now hold what they return
PER_STAGE = (load_kb, load_lexicon, load_backoff, load_grammar, load_tables, load_cues)
LOADERS = (*PER_STAGE, load_gazetteer)


def _count_calls(monkeypatch: pytest.MonkeyPatch, loader, calls: dict[str, int]) -> None:
    """Count calls of `loader` wherever a module holds it by name (`from ... import load_x` copies the name)."""
    def counted(*args, **kwargs):
        calls[loader.__name__] += 1
        return loader(*args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("eventwire"):
            for name, value in list(vars(module).items()):
                if value is loader:
                    monkeypatch.setattr(module, name, counted)


def test_each_resource_loads_once_over_100_documents(monkeypatch):
    for loader in LOADERS:
        loader.cache_clear()
    calls = {loader.__name__: 0 for loader in LOADERS}
    for loader in LOADERS:
        _count_calls(monkeypatch, loader, calls)
    documents = [RawDocument(content=f"Police in Almaty arrested {k + 2} protesters on Monday, the ministry said. "
                                     f'"We will talk to Russia," Tokayev said.', path=f"doc{k}.txt")
                 for k in range(100)]
    pipeline = Pipeline(Settings(clean="none", batch_size=25))
    pipeline.warm()  # builds the stages: each asks for its data here
    built = dict(calls)
    records = list(pipeline.process(documents))
    assert len(records) == 100 and all(not r.errors for r in records)
    assert all(r.events and r.quotes for r in records)
    for loader in LOADERS:
        assert loader.cache_info().misses == 1, loader.__name__  # read from its files once
    for loader in PER_STAGE:
        assert calls[loader.__name__] == built[loader.__name__] > 0, (loader.__name__, calls)  # not per document
