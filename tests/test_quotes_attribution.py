"""Speakers, cues, kinds and channels on short texts run through the real pipeline."""

from __future__ import annotations

import pytest

from eventwire.documents import RawDocument
from eventwire.records import DocumentRecord
from tests.helpers import assert_valid


@pytest.fixture(scope="module")
def run(clean_pipeline):
    def go(text: str) -> DocumentRecord:
        record = clean_pipeline.process_batch([RawDocument(content=text)])[0]
        assert_valid(record)
        return record
    return go


def quote_with(record: DocumentRecord, fragment: str):
    hits = [q for q in record.quotes if fragment in q.content.text]
    assert hits, f"no quote contains {fragment!r}: {[q.content.text for q in record.quotes]}"
    return hits[0]


def test_cue_after_the_quote(run):
    rec = run("“We will provide support to our neighbour,” spokesperson Wang Wenbin said on Monday.")
    q = quote_with(rec, "We will provide support")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text == "spokesperson Wang Wenbin"
    assert q.cue is not None and q.cue.text == "said"
    assert q.content.text.startswith("“") and q.content.text.endswith("”")


def test_inverted_cue(run):
    rec = run('"These are strange days," said Peter Morgan, a lawyer for the Sierra Club.')
    q = quote_with(rec, "These are strange days")
    assert q.speaker is not None and "Peter Morgan" in q.speaker.text


def test_indirect_speech_with_that_clause(run):
    rec = run("The minister told reporters that the border would reopen next week.")
    q = quote_with(rec, "the border would reopen")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "The minister"
    assert q.cue is not None and q.cue.text == "told"


def test_mixed_quote_keeps_the_reported_clause(run):
    rec = run("The senator said the plan was “dead on arrival” in the House.")
    q = quote_with(rec, "dead on arrival")
    assert q.kind == "mixed"
    assert q.content.text.startswith("the plan was")
    assert q.speaker is not None and q.speaker.text == "The senator"


def test_according_to(run):
    rec = run("The talks collapsed after midnight, according to two diplomats familiar with the matter.")
    q = quote_with(rec, "The talks collapsed")
    assert q.speaker is not None and "diplomats" in q.speaker.text


def test_split_quote_is_one_quote_with_the_speaker_between(run):
    rec = run("“We are not leaving,” said the mayor. “We will rebuild this town.”")
    q = quote_with(rec, "We are not leaving")
    assert "We will rebuild this town" in q.content.text
    assert q.speaker is not None and q.speaker.text == "the mayor"


def test_floating_quote_continues_the_last_speaker(run):
    rec = run("“We will appeal the ruling,” the governor said on Tuesday.\n\n"
              "“The court has ignored the facts of this case and the law of the state.”")
    q = quote_with(rec, "The court has ignored")
    assert q.speaker is not None and q.speaker.text == "the governor"
    assert q.cue is None


def test_channel_goes_to_via(run):
    rec = run("He said China “firmly opposes any force undermining stability,” the official Xinhua news agency said.")
    q = quote_with(rec, "firmly opposes")
    assert q.speaker is not None and q.speaker.text == "He"
    assert q.via is not None and "Xinhua" in q.via.text


def test_unbalanced_marks_keep_the_other_quotes(run):
    rec = run("The mayor said “this sentence opens a quote that never closes.\n\n"
              "“We will rebuild,” the governor said.\n\n"
              "“Help is on the way,” the president said.")
    assert quote_with(rec, "We will rebuild").speaker.text == "the governor"
    assert quote_with(rec, "Help is on the way").speaker.text == "the president"


def test_signed_quote_with_a_dash(run):
    rec = run("“He has never answered a single question about his plans for the economy.” ― Maria Lopez")
    q = quote_with(rec, "He has never answered")
    assert q.speaker is not None and q.speaker.text == "Maria Lopez"
