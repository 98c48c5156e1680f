"""The seed article's `events:` lines hold and its forbidden event is never emitted (checked as check_seed.py does)."""

from __future__ import annotations

import pytest
import yaml

from eventwire.documents import RawDocument
from tests.conftest import SEED_ARTICLE, SEED_EXPECTED
from tests.helpers import assert_valid


@pytest.fixture(scope="module")
def seed_record(pipeline):
    raw = RawDocument(content=SEED_ARTICLE.read_bytes(), path=str(SEED_ARTICLE))
    return pipeline.process_batch([raw])[0]


def _as_set(value):
    return set(value) if isinstance(value, list) else {value}


EXPECTED = yaml.safe_load(SEED_EXPECTED.read_text(encoding="utf-8"))["events"]


@pytest.mark.parametrize("want", EXPECTED, ids=[e["trigger_in"][:30] for e in EXPECTED])
def test_seed_event_found(seed_record, want):
    for ev in seed_record.events:
        trig, sent = ev.trigger.text, ev.sentence.text
        if not (trig and trig in want["trigger_in"] or want["trigger_in"][:30] in sent):
            continue
        if (ev.source.country if ev.source else None) != want["source"]:
            continue
        if "target" in want and (ev.target.country if ev.target else None) != want["target"]:
            continue
        if ev.plover.type not in _as_set(want["plover"]):
            continue
        if want.get("modality") == "intended" and not ev.modality.intended:
            continue
        return
    got = [(e.plover.type, e.trigger.text, e.source and e.source.country, e.target and e.target.country)
           for e in seed_record.events]
    pytest.fail(f"no event for {want}; got {got}")


def test_external_forces_provoking_unrest_is_not_an_event(seed_record):
    """Forbidden: what China says it rejects must not be coded as having happened."""
    for ev in seed_record.events:
        if ev.modality.negated or ev.modality.hypothetical:
            continue
        assert not any(w in ev.trigger.text for w in ("provoke", "instigate", "undermin")), ev
        assert "external forces" not in (ev.source.text if ev.source else ""), ev
    assert any(e.plover.type == "REJECT" and "rejects" in e.trigger.text for e in seed_record.events)


def test_seed_events_are_valid_and_ordered(seed_record):
    data = assert_valid(seed_record)
    assert [e["id"] for e in data["events"]] == [f"e{i}" for i in range(1, len(data["events"]) + 1)]
    headline = [e for e in seed_record.events if e.headline]
    assert headline and all(seed_record.title[e.trigger.start:e.trigger.end] == e.trigger.text for e in headline)
    assert all(0.0 <= e.confidence <= 1.0 and e.rule.startswith(("lexicon:", "wordnet:")) for e in seed_record.events)
    assert all(e.cameo and e.cameo.code.startswith(e.cameo.root) for e in seed_record.events)
