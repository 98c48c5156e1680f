"""Duplicate clustering: one real-world event reported by several articles becomes one cluster.

Two event mentions are the same event when they have the same PLOVER type,
the same reality (`REALITY`: real, negated or hypothetical — "X did not
attack Y" is never the same event as "X attacked Y"; intended and future
events count as real: the offer or the announcement happened),
the same source and target actor codes, dates within a window (2 days by
default: every mention of a cluster lies within `window` days of every
other) and compatible locations (one unknown, or the same country and, when
both name a city, the same city). A cluster counts its mentions
(NumMentions), distinct articles (NumArticles) and distinct outlets
(NumSources; a document with no outlet or URL counts as its own source), as
GDELT does; near-duplicate documents are one article (stories.py), their
mentions counted once. Mentions with neither actor code, or without any date, are not
merged with anything: too little is known to call them the same event.

Clustering is incremental: after an ingest only the events that have no
cluster yet (those of the documents just added, or left over by a killed
run) are assigned. DuckDB selects, per (type, source, target, reality) group of
the new events, the existing clusters whose days come within the window; the
greedy assignment then runs over those few rows only, so its cost follows
the size of the run, not of the database. `rebuild_clusters` (`eventwire
dedup --rebuild`) starts from nothing; it runs by itself when the window or
the rules (`RULES_VERSION`) differ from those the clusters were made with.

The cluster id (GlobalEventID in the GDELT export) is derived from the
cluster's first root mention — the earliest, then the most confident — and
never changes when later articles join the cluster.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import duckdb
import pyarrow as pa

DEFAULT_WINDOW_DAYS = 2


def story_join(doc_id: str) -> str:
    """The join that finds the story of the document `doc_id` (an SQL expression) names (stories.py);
    `story_of` then reads it. One definition for every count of stories: stats, README numbers, clusters."""
    return ("LEFT JOIN (SELECT doc_id, min(story_id) AS story_id FROM stories GROUP BY doc_id) story "
            f"ON story.doc_id = {doc_id}")


def story_of(doc_id: str) -> str:
    """A document's story (after `story_join(doc_id)`): the story near-duplicate detection linked it to,
    else the document itself."""
    return f"coalesce(story.story_id, {doc_id})"


# How many stories the database holds: near-duplicate documents count once.
STORIES_COUNT_SQL = f"SELECT count(DISTINCT {story_of('d.doc_id')}) FROM documents d {story_join('d.doc_id')}"
RULES_VERSION = "4"  # 4: articles and mentions counted per story; 3: reality in the cluster key. Bump when the clustering rules change: databases rebuild their clusters once

# What an event says about the world: negated ("did not attack") and hypothetical ("could attack") events
# are kept apart from those that happened. A cluster's reality is that of its members (its root's).
REALITY = ("CASE WHEN coalesce({p}negated, false) THEN 'negated' "
           "WHEN coalesce({p}hypothetical, false) THEN 'hypothetical' ELSE 'real' END")

CITY = "CASE WHEN location_precision = 'city' THEN lower(location_name) END"

NEW_EVENTS_SQL = f"""
CREATE OR REPLACE TEMP TABLE _new_events AS
SELECT event_key, plover_type, source_code, target_code, {REALITY.format(p="")} AS reality, day, location_country,
       {CITY} AS location_city
FROM events ANTI JOIN event_clusters USING (event_key)
ORDER BY plover_type, source_code, target_code, reality, day, confidence DESC NULLS LAST, event_key
"""

# Existing clusters a new event could join: same group, days within reach of the group's new days.
CANDIDATES_SQL = f"""
WITH groups AS (
    SELECT plover_type, source_code, target_code, reality, min(day) AS lo, max(day) AS hi FROM _new_events
    WHERE day IS NOT NULL AND (source_code IS NOT NULL OR target_code IS NOT NULL)
    GROUP BY ALL)
-- the clusters of the new events' groups first (selective), materialised so the optimiser cannot join the
-- events table on `reality` alone (three values: a near cross product that spilled gigabytes at 1M events)
, near AS MATERIALIZED (
    SELECT DISTINCT c.cluster_id, c.root_event_key, c.plover_type, c.source_code, c.target_code, g.reality,
           c.first_day, c.last_day, c.location_country, c.location_city
    FROM clusters c JOIN groups g
      ON c.plover_type IS NOT DISTINCT FROM g.plover_type AND c.source_code IS NOT DISTINCT FROM g.source_code
     AND c.target_code IS NOT DISTINCT FROM g.target_code
    WHERE c.first_day IS NOT NULL AND c.last_day >= g.lo - CAST($window AS INTEGER)
      AND c.first_day <= g.hi + CAST($window AS INTEGER))
SELECT n.cluster_id, n.root_event_key, n.plover_type, n.source_code, n.target_code, n.reality, n.first_day,
       n.last_day, n.location_country, n.location_city
FROM near n JOIN events r ON r.event_key = n.root_event_key
WHERE {REALITY.format(p="r.")} = n.reality
ORDER BY n.first_day, n.cluster_id
"""

# Recount the clusters named in _touched from their members; a cluster left without members disappears.
# The root stays the one the cluster had while it is still a member. NumArticles counts stories (near-
# duplicate documents are one story, stories.py), and NumMentions counts each story's mentions once: those
# of its document with the most mentions in the cluster.
REFRESH_SQL = f"""
DELETE FROM clusters WHERE cluster_id IN (SELECT cluster_id FROM _touched);
INSERT INTO clusters (cluster_id, root_event_key, plover_type, source_code, target_code, first_day, last_day,
                      num_mentions, num_articles, num_sources, location_country, location_city, stale)
WITH members AS (
    SELECT ec.cluster_id, t.root_event_key AS old_root, e.*, {story_of("e.doc_id")} AS story
    FROM event_clusters ec JOIN _touched t USING (cluster_id) JOIN events e USING (event_key)
    {story_join("e.doc_id")}),
per_document AS (SELECT cluster_id, story, doc_id, count(*) AS n FROM members GROUP BY ALL),
per_story AS (SELECT cluster_id, sum(n) AS mentions FROM (
                  SELECT cluster_id, story, max(n) AS n FROM per_document GROUP BY ALL) GROUP BY cluster_id)
SELECT m.cluster_id,
       CASE WHEN bool_or(m.event_key = m.old_root) THEN any_value(m.old_root)
            ELSE arg_min(m.event_key, (m.day, -coalesce(m.confidence, 0), m.event_key)) END,
       any_value(m.plover_type), any_value(m.source_code), any_value(m.target_code), min(m.day), max(m.day),
       any_value(p.mentions), count(DISTINCT m.story), count(DISTINCT coalesce(m.outlet, 'doc:' || m.story)),
       any_value(m.location_country), any_value({CITY.replace("location_", "m.location_")}), false
FROM members m JOIN per_story p USING (cluster_id)
GROUP BY m.cluster_id;
"""


@dataclass
class _Cluster:
    cluster_id: int
    root: str
    first_day: dt.date
    last_day: dt.date
    country: str | None
    city: str | None

    def accepts(self, day: dt.date, country: str | None, city: str | None, window: int) -> bool:
        if (max(self.last_day, day) - min(self.first_day, day)).days > window:
            return False
        if country and self.country and country != self.country:
            return False
        return not (city and self.city and city != self.city)

    def add(self, day: dt.date, country: str | None, city: str | None) -> None:
        self.first_day, self.last_day = min(self.first_day, day), max(self.last_day, day)
        self.country = self.country or country
        self.city = self.city or city


def cluster_id_of(root_key: str) -> int:
    """A positive 60-bit integer from the root mention's key (GDELT ids are integers)."""
    return int(hashlib.sha256(root_key.encode("utf-8")).hexdigest()[:15], 16)


def assign_clusters(new: dict[str, list], existing: dict[str, list], window_days: int = DEFAULT_WINDOW_DAYS
                    ) -> tuple[list[int], dict[int, str]]:
    """The cluster id of each new event (columns of NEW_EVENTS_SQL, in its order), joining `existing`
    clusters (columns of CANDIDATES_SQL) or opening new ones; and the root of every cluster touched."""
    by_group: dict[tuple, list[_Cluster]] = {}
    for i in range(len(existing["cluster_id"])):
        group = (existing["plover_type"][i], existing["source_code"][i], existing["target_code"][i],
                 existing["reality"][i])
        by_group.setdefault(group, []).append(_Cluster(
            existing["cluster_id"][i], existing["root_event_key"][i], existing["first_day"][i],
            existing["last_day"][i], existing["location_country"][i], existing["location_city"][i]))
    ids: list[int] = []
    touched: dict[int, str] = {}
    group: tuple | None = None
    open_clusters: list[_Cluster] = []
    for i, key in enumerate(new["event_key"]):
        day = new["day"][i]
        codes = (new["source_code"][i], new["target_code"][i])
        if day is None or codes == (None, None):
            cluster_id = cluster_id_of(key)
            ids.append(cluster_id)
            touched[cluster_id] = key
            continue
        this_group = (new["plover_type"][i], *codes, new["reality"][i])
        if this_group != group:
            group, open_clusters = this_group, by_group.get(this_group, [])
        country, city = new["location_country"][i], new["location_city"][i]
        # new events come in day order: a cluster that began more than `window` days ago takes no more
        open_clusters = [c for c in open_clusters if (day - c.first_day).days <= window_days]
        fitting = [c for c in open_clusters if c.accepts(day, country, city, window_days)]
        if fitting:
            cluster = min(fitting, key=lambda c: c.first_day)
            cluster.add(day, country, city)
        else:
            cluster = _Cluster(cluster_id_of(key), key, day, day, country, city)
            open_clusters.append(cluster)
        ids.append(cluster.cluster_id)
        touched[cluster.cluster_id] = cluster.root
    return ids, touched


def _refresh(con: duckdb.DuckDBPyConnection, touched: pa.Table) -> None:
    con.register("_touched", touched)
    try:
        con.execute(REFRESH_SQL)
    finally:
        con.unregister("_touched")


def _touched_table(roots: dict[int, str]) -> pa.Table:
    return pa.table({"cluster_id": pa.array(list(roots), pa.int64()),
                     "root_event_key": pa.array(list(roots.values()), pa.string())})


def mark_stale(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Before a document's events are deleted (reprocessing): its clusters must be recounted.

    Runs inside the caller's transaction, so a killed run leaves the mark and the next run recounts.
    """
    con.execute("""UPDATE clusters SET stale = true WHERE cluster_id IN (
                       SELECT cluster_id FROM event_clusters WHERE split_part(event_key, ':', 1) IN
                       (SELECT unnest(?::VARCHAR[])))""", [doc_ids])


def cluster_new_events(con: duckdb.DuckDBPyConnection, window_days: int = DEFAULT_WINDOW_DAYS) -> int:
    """Recount stale clusters, then put every event that has no cluster into one; returns how many were placed.

    Call inside a transaction.
    """
    stale = con.sql("SELECT cluster_id, root_event_key FROM clusters WHERE stale").to_arrow_table()
    if stale.num_rows:
        _refresh(con, stale)
    con.execute(NEW_EVENTS_SQL)
    new = con.sql("SELECT * FROM _new_events").to_arrow_table().to_pydict()
    if not new["event_key"]:
        return 0
    existing = con.sql(CANDIDATES_SQL, params={"window": window_days}).to_arrow_table().to_pydict()
    ids, roots = assign_clusters(new, existing, window_days)
    mapping = pa.table({"event_key": pa.array(new["event_key"], pa.string()), "cluster_id": pa.array(ids, pa.int64())})
    con.register("_cluster_map", mapping)
    try:
        con.execute("INSERT INTO event_clusters SELECT event_key, cluster_id FROM _cluster_map")
    finally:
        con.unregister("_cluster_map")
    _refresh(con, _touched_table(roots))
    con.execute("DROP TABLE _new_events")
    return len(ids)


def _meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def clustering_window(con: duckdb.DuckDBPyConnection) -> int:
    """The window the database's clusters were made with (the default for a new database)."""
    value = _meta(con, "cluster_window")
    return int(value) if value is not None else DEFAULT_WINDOW_DAYS


def update_clusters(con: duckdb.DuckDBPyConnection, window_days: int | None = None, rebuild: bool = False) -> int:
    """Cluster what is new (or everything, when asked or when window/rules changed); returns the cluster count."""
    window = clustering_window(con) if window_days is None else window_days
    made_with = (_meta(con, "cluster_window"), _meta(con, "cluster_rules"))
    has_clusters = con.execute("SELECT count(*) FROM event_clusters").fetchone()[0] > 0
    rebuild = rebuild or (has_clusters and made_with != (str(window), RULES_VERSION))
    con.execute("BEGIN TRANSACTION")
    try:
        if rebuild:
            con.execute("DELETE FROM event_clusters")
            con.execute("DELETE FROM clusters")
        cluster_new_events(con, window)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('cluster_window', ?), ('cluster_rules', ?)",
                    [str(window), RULES_VERSION])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return con.execute("SELECT count(*) FROM clusters").fetchone()[0]


def rebuild_clusters(con: duckdb.DuckDBPyConnection, window_days: int | None = None) -> int:
    """Recompute every cluster from all events (after changing the window or the rules)."""
    return update_clusters(con, window_days, rebuild=True)
