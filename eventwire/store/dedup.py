"""Duplicate clustering: one real-world event reported by several articles becomes one cluster.

Two event mentions are the same event when they have the same PLOVER type,
the same source and target actor codes, dates within a window (2 days by
default) and compatible locations (one unknown, or the same country and, when
both name a city, the same city). A cluster counts its mentions
(NumMentions), distinct articles (NumArticles) and distinct outlets
(NumSources; a document with no outlet or URL counts as its own source), as
GDELT does. Mentions with neither actor code, or without any date, are not
merged with anything: too little is known to call them the same event.

The cluster id (GlobalEventID in the GDELT export) is derived from the
cluster's root mention — the earliest, then the most confident — so it stays
the same when later articles join the cluster.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

DEFAULT_WINDOW_DAYS = 2


@dataclass
class _Cluster:
    first_day: dt.date
    last_day: dt.date
    country: str | None
    city: str | None
    keys: list[str] = field(default_factory=list)

    def accepts(self, day: dt.date, country: str | None, city: str | None, window: int) -> bool:
        if (day - self.first_day).days > window:
            return False
        if country and self.country and country != self.country:
            return False
        return not (city and self.city and city != self.city)

    def add(self, key: str, day: dt.date, country: str | None, city: str | None) -> None:
        self.keys.append(key)
        self.last_day = max(self.last_day, day)
        self.country = self.country or country
        self.city = self.city or city


def cluster_id_of(root_key: str) -> int:
    """A positive 60-bit integer from the root mention's key (GDELT ids are integers)."""
    return int(hashlib.sha256(root_key.encode("utf-8")).hexdigest()[:15], 16)


def assign_clusters(events: dict[str, list], window_days: int = DEFAULT_WINDOW_DAYS) -> dict[str, str]:
    """event_key → root event_key of its cluster, for columns event_key, plover_type, source_code,
    target_code, day, location_country, location_city, confidence (parallel lists)."""
    order = sorted(range(len(events["event_key"])), key=lambda i: (
        events["plover_type"][i] or "", events["source_code"][i] or "", events["target_code"][i] or "",
        events["day"][i] or dt.date.max, -(events["confidence"][i] or 0.0), events["event_key"][i]))
    root: dict[str, str] = {}
    open_clusters: list[_Cluster] = []
    group: tuple | None = None
    for i in order:
        key, day = events["event_key"][i], events["day"][i]
        codes = (events["source_code"][i], events["target_code"][i])
        if day is None or codes == (None, None):
            root[key] = key
            continue
        this_group = (events["plover_type"][i], *codes)
        if this_group != group:
            group, open_clusters = this_group, []
        country, city = events["location_country"][i], events["location_city"][i]
        open_clusters = [c for c in open_clusters if (day - c.first_day).days <= window_days]
        cluster = next((c for c in open_clusters if c.accepts(day, country, city, window_days)), None)
        if cluster is None:
            cluster = _Cluster(first_day=day, last_day=day, country=country, city=city)
            open_clusters.append(cluster)
        cluster.add(key, day, country, city)
        root[key] = cluster.keys[0]
    return root


def rebuild_clusters(con: duckdb.DuckDBPyConnection, window_days: int = DEFAULT_WINDOW_DAYS) -> int:
    """Recompute `clusters` and `event_clusters` from all events in one transaction; returns the cluster count."""
    events = con.sql("""
        SELECT event_key, plover_type, source_code, target_code, day, location_country,
               CASE WHEN location_precision = 'city' THEN lower(location_name) END AS location_city, confidence
        FROM events""").to_arrow_table().to_pydict()
    root = assign_clusters(events, window_days)
    mapping = pa.table({
        "event_key": pa.array(list(root.keys()), pa.string()),
        "cluster_id": pa.array([cluster_id_of(r) for r in root.values()], pa.int64()),
        "root_event_key": pa.array(list(root.values()), pa.string()),
    })
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM event_clusters")
        con.execute("DELETE FROM clusters")
        con.register("_cluster_map", mapping)
        con.execute("INSERT INTO event_clusters SELECT event_key, cluster_id FROM _cluster_map")
        con.execute("""
            INSERT INTO clusters
            SELECT m.cluster_id, any_value(m.root_event_key), any_value(e.plover_type), any_value(e.source_code),
                   any_value(e.target_code), min(e.day), max(e.day), count(*), count(DISTINCT e.doc_id),
                   count(DISTINCT coalesce(e.outlet, 'doc:' || e.doc_id))
            FROM _cluster_map m JOIN events e USING (event_key)
            GROUP BY m.cluster_id""")
        con.unregister("_cluster_map")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return con.execute("SELECT count(*) FROM clusters").fetchone()[0]
