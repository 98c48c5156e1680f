"""The geo stage reads its data from what `geo.make` loaded, not from the per-process caches."""

from __future__ import annotations

import eventwire.geo.frames as frames
import eventwire.geo.locate as locate
import eventwire.geo.places as places
import eventwire.geo.resources as resources
from eventwire.config import Settings
from eventwire.documents import RawDocument
from eventwire.pipeline import Pipeline


def test_only_the_stage_loads_the_gazetteer_and_the_noun_classes(monkeypatch):
    for module in (frames, locate, places):
        assert not hasattr(module, "load_gazetteer") and not hasattr(module, "load_noun_classes"), module.__name__
    pipeline = Pipeline(Settings(clean="none"))
    pipeline.warm()

    def refuse(*args, **kwargs):
        raise AssertionError("geo loaded data while processing a document")

    monkeypatch.setattr(resources, "load_gazetteer", refuse)
    monkeypatch.setattr(resources, "load_noun_classes", refuse)
    text = "Gunmen attacked a checkpoint on the outskirts of Mosul, and police in the Hama countryside arrested two."
    [record] = list(pipeline.process([RawDocument(content=text, path="t.txt")]))
    assert not record.errors
    assert {p.text for p in record.places} >= {"Mosul"}
    assert any(e.location is not None for e in record.events)
