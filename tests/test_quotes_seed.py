"""Every `quotes:` line of ../shared/seed/expected.yaml, checked as the reference check does.

The span parts (content fragment, kind, via) depend on this stage alone; the
speaker names depend on the actors stage resolving "He" and "The Chinese
leader" to Xi Jinping, so that test fails until coreference does.
"""

from __future__ import annotations

import pytest
import yaml

from eventwire.documents import RawDocument
from eventwire.records import DocumentRecord, Quote
from tests.conftest import SEED_ARTICLE, SEED_EXPECTED
from tests.helpers import assert_valid

EXPECTED = yaml.safe_load(SEED_EXPECTED.read_text(encoding="utf-8"))["quotes"]


@pytest.fixture(scope="module")
def seed(pipeline) -> DocumentRecord:
    record = pipeline.process_batch([RawDocument(content=SEED_ARTICLE.read_bytes(), path=str(SEED_ARTICLE))])[0]
    assert_valid(record)
    return record


def _as_set(value) -> set:
    return set(value) if isinstance(value, list) else {value}


def _span_ok(q: Quote, exp: dict) -> bool:
    if exp["content"] not in q.content.text or q.speaker is None:
        return False
    if "kind" in exp and q.kind not in _as_set(exp["kind"]):
        return False
    return "via" not in exp or exp["via"].lower() in ((q.via.text if q.via else "") or "").lower()


@pytest.mark.parametrize("exp", EXPECTED, ids=[e["content"][:30] for e in EXPECTED])
def test_seed_quote_spans(seed, exp):
    assert any(_span_ok(q, exp) for q in seed.quotes), [q.content.text for q in seed.quotes]


@pytest.mark.parametrize("exp", EXPECTED, ids=[e["content"][:30] for e in EXPECTED])
def test_seed_quote_speakers(seed, exp):
    actors = {a.id: a for a in seed.actors}
    ok = False
    for q in seed.quotes:
        if not _span_ok(q, exp):
            continue
        actor = actors.get(q.speaker.actor_id) if q.speaker else None
        if "speaker" in exp and (actor is None or actor.name != exp["speaker"]):
            continue
        if "speaker_country" in exp and (actor is None or (actor.country, actor.sector)
                                         != (exp["speaker_country"], exp["speaker_sector"])):
            continue
        ok = True
    assert ok, [(q.content.text[:40], q.speaker) for q in seed.quotes]


def test_no_quote_from_boilerplate_or_captions(seed):
    for q in seed.quotes:
        assert "Comments" not in q.content.text
        assert "In this image taken from footage" not in q.content.text
