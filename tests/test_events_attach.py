"""The coder's argument attachment and event selection on small sentences (one rule class per test)."""

from __future__ import annotations

import pytest

from eventwire.article import RawDocument


@pytest.fixture(scope="module")
def code(clean_pipeline):
    def run(text: str):
        return clean_pipeline.process_batch([RawDocument(content=text, published="2022-01-07")])[0]
    return run


def _pair(event):
    return (event.source.country if event.source else None, event.target.country if event.target else None)


def test_demand_targets_the_subject_of_its_complement_and_absorbs_it(code):
    rec = code("Beijing demanded that Washington cancel plans to sell weapons to Taiwan.")
    assert [e.plover.type for e in rec.events] == ["REQUEST"]
    assert _pair(rec.events[0]) == ("CHN", "USA")
