"""Quote finding grows linearly (n·log n) with the number of quotations, in time and memory.

A page with 10,000 quotation pairs used to take 48 s and 1.6 GB: every token
and candidate was checked against every quotation. The documents here are
built by repeating one parsed sentence ('He said "this is word number k." '),
so the test measures quote finding, not the parse; the checks count the work
(span checks) at n and 2n pairs and bound the memory, so they do not depend on
machine speed. Seconds are measured by `make bench` (bench_quotes.scaling).
"""

from __future__ import annotations

import random
import tracemalloc

import pytest

from benchmarks.bench_quotes import many_quotes
from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
from eventwire.quotes import find, find_quotes
from eventwire.quotes.direct import Marked
from eventwire.quotes.spans import SpanIndex, is_blank, rstrip_end
from eventwire.records import Source


@pytest.fixture(scope="module")
def many(pipeline):
    """n -> a Doc of n copies of the parsed sentence, all in one paragraph (the worst case)."""
    return lambda n: many_quotes(pipeline.nlp, n)


def quotes_of(doc: Doc):
    return find_quotes(Article(doc_id="scaling", source=Source(), text=doc.text), doc, ActorAnalysis())


def test_every_pair_is_one_quote_with_its_speaker(many):
    doc = many(50)
    quotes = quotes_of(doc)
    assert len(quotes) == 50
    assert all(q.speaker is not None and q.speaker.text == "He" for q in quotes)
    assert quotes[7].content.text == '"this is word number 7."'
    assert all(doc.text[q.content.start:q.content.end] == q.content.text for q in quotes)


def test_span_checks_grow_linearly(many, monkeypatch):
    """Quotation and overlap checks at 2n pairs are about twice those at n (they were n²)."""
    calls = {"n": 0}
    covers, overlap = Marked.covers, find._overlap

    def counted_covers(self, pos):
        calls["n"] += 1
        return covers(self, pos)

    def counted_overlap(a, b):
        calls["n"] += 1
        return overlap(a, b)

    monkeypatch.setattr(Marked, "covers", counted_covers)
    monkeypatch.setattr(find, "_overlap", counted_overlap)
    work = []
    for n in (1000, 2000):
        calls["n"] = 0
        assert len(quotes_of(many(n))) == n
        work.append(calls["n"])
    assert work[1] < 2.5 * work[0], work


def test_twenty_thousand_pairs_are_all_found(many):
    quotes = quotes_of(many(20000))
    assert len(quotes) == 20000 and quotes[-1].content.text == '"this is word number 19999."'


def test_peak_memory_for_ten_thousand_pairs_is_bounded(many):
    doc = many(10000)
    tracemalloc.start()
    try:
        quotes = quotes_of(doc)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(quotes) == 10000
    assert peak < 200e6, f"peak {peak / 1e6:.0f} MB"


def test_span_index_answers_as_a_scan_does():
    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 30)):
            start = rng.randint(0, 60)
            spans.append((start, start + rng.randint(0, 15)))
        index = SpanIndex(spans)
        for _ in range(30):
            a = rng.randint(-2, 80)
            b = a + rng.randint(0, 10)
            assert index.overlapping(a, b) == [k for k, (s, e) in enumerate(spans) if s < b and e > a]
            assert index.covering(a) == [k for k, (s, e) in enumerate(spans) if s <= a < e]
            besides = rng.choice([None, *range(len(spans))])
            assert index.any_containing(a, b, besides) == any(
                k != besides and s <= a and e >= b for k, (s, e) in enumerate(spans))


@pytest.mark.parametrize("text", ["", "ab  \n", "  x :\t", "\u2003\u00a0", "“x” ' "])
def test_string_helpers_match_slicing(text):
    for end in range(len(text) + 1):
        assert rstrip_end(text, end) == len(text[:end].rstrip())
        assert rstrip_end(text, end, "”»\"' ") == len(text[:end].rstrip("”»\"' "))
        for start in range(end + 1):
            assert is_blank(text, start, end) == (text[start:end].strip() == "")
