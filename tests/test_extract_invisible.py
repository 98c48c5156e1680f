"""Invisible characters do not change the events: they are removed before the body is fixed.

Soft hyphens, zero-width spaces and joiners, word joiners and BOMs inside
words used to leave no event; bidi controls around names turned a sanction
into a self-directed one. `--clean none` keeps the input exactly (the contract
scorers rely on) and says in `errors` what it kept.
"""

from __future__ import annotations

import pytest

import eventwire
from eventwire.documents import RawDocument
from eventwire.records import DocumentRecord

CLEAN = "Britain imposed sanctions on Iranian officials on Friday."
DIRTY = {
    "zero-width": "Britain im\u200bposed sanc\u200dtions on Iran\u00adian offi\u2060cials on Fri\ufeffday.",
    "joiners": "Brit\u200cain imposed\u200b sanctions on Iranian\u2060 officials on\ufeff Friday.",
    "bidi": "\u202eBritain\u202c imposed sanctions on \u2066Iranian\u2069 officials on Friday.\u200f",
    "bidi-embeddings": "\u202aBritain\u202c imposed \u202bsanctions\u202c on \u2067Iranian\u2069 \u2068officials\u2069 "
                       "on Friday.\u200e",
}


def events(record: DocumentRecord) -> list[tuple]:
    return [(e.source.code if e.source else None, e.plover.type, e.target.code if e.target else None,
             e.trigger.text, e.trigger.start) for e in record.events]


def assert_offsets_index_text(record: DocumentRecord) -> None:
    for e in record.events:
        assert record.text[e.trigger.start:e.trigger.end] == e.trigger.text
        for actor in (e.source, e.target):
            if actor is not None:
                assert record.text[actor.start:actor.end] == actor.text


@pytest.fixture(scope="module")
def clean_events() -> list[tuple]:
    record = eventwire.process(CLEAN)
    assert record.events, "the clean sentence must give events for this test to mean anything"
    return events(record)


@pytest.mark.parametrize("name", sorted(DIRTY))
def test_invisible_characters_give_the_events_of_the_clean_text(name, clean_events):
    record = eventwire.process(DIRTY[name])
    assert record.text == CLEAN
    assert events(record) == clean_events
    assert_offsets_index_text(record)


def test_bytes_input_is_cleaned_the_same_way(pipeline, clean_events):
    raw = RawDocument(content=DIRTY["zero-width"].encode("utf-8"))
    record = pipeline.process_batch([raw])[0]
    assert record.text == CLEAN and events(record) == clean_events


def test_html_entities_for_invisible_characters_are_removed_from_body_and_captions():
    page = ("<html><head><title>Sanctions</title></head><body><article><p>&#8238;Britain&#8236; im&shy;posed "
            "sanc&#8203;tions on &#8294;Iranian&#8297; offi&#8288;cials on Friday, the foreign office said in a "
            "statement on its website.</p><figure><img src='a.jpg'><figcaption>Fo&shy;reign Secre&#8203;tary James "
            "Clever&#8288;ly in London.</figcaption></figure><p>The measures target officials accused of human "
            "rights abuses, it said, and take effect at once.</p></article></body></html>")
    record = eventwire.process(page)
    assert "Britain imposed sanctions on Iranian officials" in record.text
    assert "Foreign Secretary James Cleverly in London." in record.captions
    assert_offsets_index_text(record)


def test_clean_none_keeps_the_input_exactly_and_says_so():
    record = eventwire.process(DIRTY["zero-width"], clean="none")
    assert record.text == DIRTY["zero-width"]
    notices = [e for e in record.errors if e.stage == "decode"]
    assert notices and "U+200B" in notices[0].message and "--clean none" in notices[0].message
    assert eventwire.process(CLEAN, clean="none").errors == []


def test_line_separators_are_line_breaks():
    text = ("Britain imposed sanctions on Iranian officials on Friday.\u2029"
            "The measures target officials accused of abuses, the foreign office said.")
    record = eventwire.process(text)
    assert "\u2029" not in record.text and "\n\n" in record.text


def test_only_invisible_characters_is_an_error_not_an_empty_record():
    record = eventwire.process("\u200b\u200b\ufeff")
    assert not record.text and any("invisible" in e.message for e in record.errors)
