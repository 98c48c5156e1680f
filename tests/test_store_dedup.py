"""Duplicate clusters: one event reported by several articles is one cluster with GDELT-style counts."""

import random

import duckdb
import pytest

from eventwire.store import writer as writer_module
from eventwire.store.dedup import RULES_VERSION, cluster_id_of, mark_stale, rebuild_clusters, update_clusters
from eventwire.store.writer import store_records
from eventwire.store.schema import connect
from tests.fixtures.records import make_record, with_modality


def _clusters(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("""SELECT c.num_mentions, c.num_articles, c.num_sources, list(ec.event_key ORDER BY ec.event_key)
                              FROM clusters c JOIN event_clusters ec USING (cluster_id)
                              GROUP BY c.cluster_id, 1, 2, 3 ORDER BY c.num_articles DESC, 4""").fetchall()
    finally:
        con.close()


def test_same_event_in_three_articles_from_two_outlets_is_one_cluster(tmp_path):
    db = tmp_path / "ew.duckdb"
    store_records([
        make_record("a1", outlet="Outlet A", day="2022-01-07"),
        make_record("a2", outlet="Outlet A", day="2022-01-08"),
        make_record("b1", outlet="Outlet B", day="2022-01-09", place=None),  # unknown place is compatible
        make_record("late", outlet="Outlet B", day="2022-01-20"),  # outside the 2-day window
        make_record("other-target", target="RUSGOV"),
        make_record("other-type", plover="AID", cameo="070"),
        make_record("elsewhere", place=("Bishkek", "KGZ", "city")),
    ], db)
    clusters = _clusters(db)
    assert clusters[0] == (3, 3, 2, ["a1:e1", "a2:e1", "b1:e1"])
    assert sorted(c[3][0] for c in clusters[1:]) == ["elsewhere:e1", "late:e1", "other-target:e1", "other-type:e1"]
    assert all(c[:3] == (1, 1, 1) for c in clusters[1:])


def test_clusters_grow_incrementally_and_keep_their_id(tmp_path):
    db = tmp_path / "ew.duckdb"
    store_records([make_record("first", day="2022-01-07")], db)
    con = duckdb.connect(str(db), read_only=True)
    first_id = con.execute("SELECT cluster_id FROM clusters").fetchone()[0]
    con.close()
    store_records([make_record("second", outlet="Other", day="2022-01-08")], db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT cluster_id, num_articles, num_sources FROM clusters").fetchall() == [(first_id, 2, 2)]
    con.close()


def test_a_wider_window_merges_more(tmp_path):
    db = tmp_path / "ew.duckdb"
    records = [make_record("a", day="2022-01-01"), make_record("b", day="2022-01-05")]
    assert store_records(records, db).clusters == 2
    assert store_records([], db, window_days=7).clusters == 1


def test_an_earlier_report_joins_the_cluster_and_the_span_stays_within_the_window(tmp_path):
    db = tmp_path / "ew.duckdb"
    store_records([make_record("mid", day="2022-01-07")], db)
    first = _clusters(db)
    store_records([make_record("before", outlet="B", day="2022-01-06"),  # joins: span 6..7
                   make_record("after", outlet="C", day="2022-01-09")], db)  # 6..9 would exceed 2 days: new cluster
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("""SELECT c.cluster_id, c.first_day::VARCHAR, c.last_day::VARCHAR, c.num_articles, c.root_event_key
                          FROM clusters c ORDER BY c.first_day""").fetchall()
    old_id = con.execute("SELECT cluster_id FROM event_clusters WHERE event_key = 'mid:e1'").fetchone()[0]
    con.close()
    assert first[0][:2] == (1, 1)
    assert rows[0] == (old_id, "2022-01-06", "2022-01-07", 2, "mid:e1")  # the id and root of the first report stay
    assert rows[1][1:4] == ("2022-01-09", "2022-01-09", 1)


def test_reprocessing_a_document_recounts_its_cluster(tmp_path):
    db = tmp_path / "ew.duckdb"
    store_records([make_record("a", day="2022-01-07"), make_record("b", outlet="B", day="2022-01-08")], db)
    con = connect(db)
    con.execute("BEGIN TRANSACTION")
    mark_stale(con, ["b"])  # what ingest --reprocess does before it deletes a document's rows
    for table in ("documents", "events"):
        con.execute(f"DELETE FROM {table} WHERE doc_id = 'b'")
    con.execute("DELETE FROM event_clusters WHERE event_key = 'b:e1'")
    con.execute("COMMIT")
    update_clusters(con)
    assert con.execute("SELECT num_mentions, num_articles, num_sources, stale FROM clusters").fetchall() == [(1, 1, 1, False)]
    con.close()
    store_records([make_record("b", outlet="B", target="RUSGOV", day="2022-01-08")], db)  # back with another target
    assert sorted(c[:3] for c in _clusters(db)) == [(1, 1, 1), (1, 1, 1)]


def test_events_left_unclustered_by_a_killed_run_are_clustered_by_the_next(tmp_path, monkeypatch):
    db = tmp_path / "ew.duckdb"

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("killed after the last batch, before clustering")

    monkeypatch.setattr(writer_module, "update_clusters", killed)
    with pytest.raises(KeyboardInterrupt):
        store_records([make_record("a", day="2022-01-07")], db)
    monkeypatch.undo()
    assert _clusters(db) == []
    store_records([make_record("b", outlet="B", day="2022-01-08")], db)
    assert [c[:3] for c in _clusters(db)] == [(2, 2, 2)]


def test_incremental_clusters_keep_the_rules_and_rebuild_starts_afresh(tmp_path):
    rng = random.Random(8)
    records = [make_record(f"r{i:03d}", outlet=rng.choice("ABCD"), day=f"2022-01-{rng.randint(1, 20):02d}",
                           target=rng.choice(["KAZGOV", "RUSGOV"]),
                           place=rng.choice([None, ("Almaty", "KAZ", "city"), ("Astana", "KAZ", "city"),
                                             ("Kazakhstan", "KAZ", "country")]))
               for i in range(120)]
    db = tmp_path / "ew.duckdb"
    for start in range(0, 120, 17):  # eight runs, each adding a few documents
        store_records(records[start:start + 17], db)
    for rebuilt in (False, True):
        con = duckdb.connect(str(db), read_only=True)
        members = con.execute("""
            SELECT ec.cluster_id, count(*), count(DISTINCT e.target_code), max(e.day) - min(e.day),
                   count(DISTINCT e.location_country),
                   count(DISTINCT CASE WHEN e.location_precision = 'city' THEN e.location_name END),
                   any_value(c.num_mentions), any_value(c.num_articles)
            FROM event_clusters ec JOIN events e USING (event_key) JOIN clusters c USING (cluster_id)
            GROUP BY ec.cluster_id""").fetchall()
        keys = con.execute("SELECT count(*), count(DISTINCT event_key) FROM event_clusters").fetchone()
        con.close()
        assert keys == (120, 120), rebuilt
        assert all(n == mentions == articles and targets == 1 and span <= 2 and countries <= 1 and cities <= 1
                   for _id, n, targets, span, countries, cities, mentions, articles in members), rebuilt
        assert max(n for _id, n, *_ in members) > 1
        if not rebuilt:
            con = connect(db)
            rebuild_clusters(con)
            con.close()


def test_negated_and_hypothetical_events_never_join_a_real_one(tmp_path):
    db = tmp_path / "ew.duckdb"
    store_records([make_record("real", day="2022-01-07")], db)
    store_records([with_modality(make_record("denied", outlet="B", day="2022-01-07"), negated=True),
                   with_modality(make_record("maybe", outlet="C", day="2022-01-08"), hypothetical=True),
                   with_modality(make_record("offer", outlet="D", day="2022-01-08"), intended=True),
                   with_modality(make_record("denied2", outlet="E", day="2022-01-08"), negated=True)], db)
    incremental = sorted(c[3] for c in _clusters(db))
    # intended events are coded as what happened (the offer was made): they join the real event
    assert incremental == [["denied2:e1", "denied:e1"], ["maybe:e1"], ["offer:e1", "real:e1"]]
    con = connect(db)
    rebuild_clusters(con)
    con.close()
    assert sorted(c[3] for c in _clusters(db)) == incremental


def test_a_database_clustered_under_older_rules_is_rebuilt_once(tmp_path):
    db = tmp_path / "ew.duckdb"
    store_records([make_record("real"), with_modality(make_record("denied", outlet="B"), negated=True)], db)
    con = connect(db)  # as an older eventwire left it: one mixed cluster, older rules marker
    con.execute("DELETE FROM event_clusters; DELETE FROM clusters;")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'cluster_rules'")
    mixed = cluster_id_of("real:e1")
    con.execute("INSERT INTO event_clusters VALUES ('real:e1', ?), ('denied:e1', ?)", [mixed, mixed])
    con.execute("""INSERT INTO clusters (cluster_id, root_event_key, plover_type, source_code, target_code, first_day,
                   last_day, num_mentions, num_articles, num_sources) VALUES (?, 'real:e1', 'SUPPORT', 'CHNGOV',
                   'KAZGOV', '2022-01-07', '2022-01-07', 2, 2, 2)""", [mixed])
    update_clusters(con)
    assert con.execute("SELECT value FROM meta WHERE key = 'cluster_rules'").fetchone()[0] == RULES_VERSION
    con.close()
    assert sorted(c[3] for c in _clusters(db)) == [["denied:e1"], ["real:e1"]]
