"""Modality: attempts, past participles, announced future (sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire.documents import RawDocument


@pytest.fixture(scope="module")
def code(clean_pipeline):
    def run(text: str):
        return clean_pipeline.process_batch([RawDocument(content=text, published="2022-01-07")])[0]
    return run


def _types(rec):
    return [e.plover.type for e in rec.events]


def test_tried_to_march_is_a_protest_that_happened(code):
    rec = code("Hundreds of opposition supporters in Harare tried to march to the parliament building on Monday.")
    assert "THREATEN" not in _types(rec)
    ev = next(e for e in rec.events if e.plover.type == "PROTEST")
    assert not ev.modality.intended and not ev.modality.future


def test_attempted_to_recruit_keeps_its_own_type(code):
    rec = code("Officials said that the two Russian diplomats had attempted to recruit informants in Prague.")
    assert "THREATEN" not in _types(rec)
    assert all(not e.modality.intended for e in rec.events)


def test_a_past_participle_after_an_intent_word_is_not_an_intention(code):
    rec = code("Thailand's army said its jets had \"neutralised\" six fighters near the border, a term it uses to mean killed.")
    assert "THREATEN" not in _types(rec)
    assert all(not e.modality.intended for e in rec.events)


def test_announced_future_blockade_is_a_threat(code):
    rec = code("Spanish truck drivers said on Monday they would blockade Madrid from Friday.")
    assert "THREATEN" in _types(rec)


def test_future_cooperation_is_still_an_agree(code):
    rec = code("The foreign ministers of Peru and Chile will meet in Lima next month.")
    assert "AGREE" in _types(rec)
