"""Duplicate clusters: one event reported by several articles is one cluster with GDELT-style counts."""

import duckdb

from eventwire.store.ingest import store_records
from tests.store_records import make_record


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
