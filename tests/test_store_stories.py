"""Near-duplicate documents are one story: linked at ingest by MinHash over word shingles, counted once in
the clusters' NumArticles and NumMentions and in `stats`; `--keep-duplicates` links nothing."""

from __future__ import annotations

import random

from eventwire.store.writer import store_records
from eventwire.store.schema import open_database
from eventwire.store.stories import MIN_SHINGLES, shingles, signature, similarity
from tests.fixtures.records import make_record

WORDS = ("minister talks border trade agreement officials capital week statement government army rebels "
         "province election court police protest aid convoy ceasefire sanctions envoy delegation").split()


def story(seed: int, words: int = 160) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def with_text(doc_id: str, body: str, **kwargs):
    record = make_record(doc_id, **kwargs)
    return record.model_copy(update={"text": record.text + "\n" + body})


def _stories(db):
    con = open_database(db, read_only=True)
    try:
        return dict(con.execute("SELECT doc_id, story_id FROM stories").fetchall()), con.execute(
            "SELECT num_articles, num_mentions, num_sources FROM clusters").fetchall()
    finally:
        con.close()


def test_signatures_estimate_the_shingle_overlap():
    a, b = story(1), story(1) + " Sign in to read more. Share this story."
    assert similarity(signature(a), signature(b)) >= 0.8
    assert similarity(signature(a), signature(story(2))) < 0.3
    assert signature("Too short to judge.") is None and len(shingles(story(3, words=MIN_SHINGLES + 4))) >= MIN_SHINGLES


def test_the_same_story_twice_is_one_article_of_the_cluster(tmp_path):
    db = tmp_path / "ew.duckdb"
    body = story(7)
    store_records([with_text("html", body, outlet="Wire"),
                   with_text("pagetext", body + " Related: more from the region. Sign up for our newsletter.",
                             outlet="Wire"),
                   with_text("other", story(8), outlet="Other")], db)
    links, clusters = _stories(db)
    assert links == {"html": "html", "pagetext": "html", "other": "other"}
    assert clusters == [(2, 2, 2)]  # two stories (html+pagetext are one), one mention each, two outlets


def test_a_later_run_links_to_the_stored_story_and_keep_duplicates_links_nothing(tmp_path):
    db = tmp_path / "ew.duckdb"
    body = story(11)
    store_records([with_text("first", body, outlet="A")], db)
    store_records([with_text("syndicated", body, outlet="B")], db)
    links, clusters = _stories(db)
    assert links == {"first": "first", "syndicated": "first"}
    assert clusters == [(1, 1, 2)]  # one story, its mentions counted once, reported by two outlets
    kept = tmp_path / "kept.duckdb"
    store_records([with_text("first", body, outlet="A"), with_text("syndicated", body, outlet="B")], kept,
                  link_stories=False)
    links, clusters = _stories(kept)
    assert links == {"first": "first", "syndicated": "syndicated"} and clusters == [(2, 2, 2)]


def test_stats_count_stories_and_each_storys_quotes_once(tmp_path):
    from eventwire.store.stats import stats_tables

    db = tmp_path / "ew.duckdb"
    body = story(21)
    store_records([with_text("one", body), with_text("two", body), with_text("three", story(22))], db)
    con = open_database(db, read_only=True)
    try:
        tables = {str(t.title): t for t in stats_tables(con, top=50)}
    finally:
        con.close()
    counts = dict(zip(tables["rows per table"].columns[0].cells, tables["rows per table"].columns[1].cells))
    assert counts["documents"] == "3" and counts["stories (near-duplicate documents as one)"] == "2"
    assert len(list(tables["quotes (each story's once)"].columns[0].cells)) == 2
