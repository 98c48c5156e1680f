"""The SQL behind each API route: plain functions of a DuckDB cursor and the request's filters.

Counts and event types are the very queries `eventwire stats` prints
(eventwire/store/stats.py); everything else needs filters and pagination
the terminal tables do not have.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import duckdb

from eventwire.store.export.common import modality_filter
from eventwire.store.stats import STATS_QUERIES

STATS_SQL = dict(STATS_QUERIES)

# sort name → ORDER BY; every order ends on the unique key so pages never overlap
EVENT_SORTS = {
    "-date": "day DESC NULLS LAST, event_key",
    "date": "day ASC NULLS LAST, event_key",
    "-confidence": "confidence DESC NULLS LAST, event_key",
    "confidence": "confidence ASC NULLS LAST, event_key",
    "type": "plover_type, day DESC NULLS LAST, event_key",
    "source": "source_code NULLS LAST, day DESC NULLS LAST, event_key",
    "target": "target_code NULLS LAST, day DESC NULLS LAST, event_key",
}

EVENT_COLUMNS = """event_key, doc_id, event_id, headline, plover_type, plover_mode, plover_context,
    cameo_code, cameo_root, quad_class, goldstein, day, date_value, date_precision, date_from, date_text,
    trigger_text, trigger_start, trigger_end,
    source_text, source_start, source_end, source_actor_id, source_name, source_country, source_sector, source_code,
    source_inferred, target_text, target_start, target_end, target_actor_id, target_name, target_country, target_sector, target_code,
    location_name, location_country, location_admin1, location_lat, location_lon, location_geonames_id,
    location_precision, negated, intended, hypothetical, future, quote_id, confidence, rule, outlet, url, published"""


# `real` is the exports' own condition (reported as having happened), so the dashboard and the files agree.
MODALITY_SQL = {
    "real": modality_filter("real", prefix=""),
    "negated": "coalesce(negated, false)",
    "hypothetical": "coalesce(hypothetical, false)",
    "intended": "coalesce(intended, false)",
}
MODALITIES = ("all", *MODALITY_SQL)


@dataclass
class EventFilter:
    """The filters shared by /api/events, /api/dyads and /api/timeline (all optional, combined with AND)."""

    types: list[str] = field(default_factory=list)
    source: str | None = None  # actor code (CHNGOV) or country (CHN) of the source
    target: str | None = None
    country: str | None = None  # source, target or location country
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None  # in the trigger or the sentence, case-insensitive
    document: str | None = None
    actor: str | None = None  # actor code (CHNGOV) or country (CHN) on either side
    modality: str = "all"  # all | real (not negated, not hypothetical) | negated | hypothetical | intended

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause (always present, `true` when empty) and its parameters."""
        clauses, params = ["true"], []
        if self.types:
            clauses.append("plover_type IN (SELECT unnest(?::VARCHAR[]))")
            params.append(self.types)
        for side, value in (("source", self.source), ("target", self.target)):
            if value:
                clauses.append(f"({side}_code = ? OR {side}_country = ?)")
                params += [value, value]
        if self.country:
            clauses.append("? IN (source_country, target_country, location_country)")
            params.append(self.country)
        if self.date_from:
            clauses.append("day >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("day <= ?")
            params.append(self.date_to)
        if self.q:
            clauses.append("(contains(lower(trigger_text), ?) OR contains(lower(sentence_text), ?))")
            params += [self.q.lower(), self.q.lower()]
        if self.document:
            clauses.append("doc_id = ?")
            params.append(self.document)
        if self.actor:
            clauses.append("? IN (source_code, target_code, source_country, target_country)")
            params.append(self.actor)
        if self.modality in MODALITY_SQL:
            clauses.append(MODALITY_SQL[self.modality])
        return " AND ".join(clauses), params


def _dicts(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, row)) for row in result.fetchall()]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _span(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row.get(f"{prefix}_text") is None:
        return None
    return {"text": row[f"{prefix}_text"], "start": row[f"{prefix}_start"], "end": row[f"{prefix}_end"]}


def _event_actor(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    span = _span(row, side)
    if span is None and row.get(f"{side}_code") is None:
        return None
    return {**(span or {"text": None, "start": None, "end": None}),
            **{key: row[f"{side}_{key}"] for key in ("actor_id", "name", "code", "country", "sector")},
            "inferred": bool(row.get(f"{side}_inferred"))}


def event_json(row: dict[str, Any], title: str | None = None) -> dict[str, Any]:
    """One events row as the API shows it: nested like the record, with a link to its document."""
    location = None
    if row.get("location_name") or row.get("location_country"):
        location = {key: row[f"location_{key}"]
                    for key in ("name", "country", "admin1", "lat", "lon", "geonames_id", "precision")}
    out = {
        "id": row["event_key"], "doc_id": row["doc_id"], "event_id": row["event_id"], "headline": row["headline"],
        "type": row["plover_type"], "mode": row["plover_mode"], "context": row["plover_context"] or [],
        "cameo": {"code": row["cameo_code"], "root": row["cameo_root"], "quad_class": row["quad_class"],
                  "goldstein": row["goldstein"]},
        "date": {"day": _iso(row["day"]), "value": row["date_value"], "precision": row["date_precision"],
                 "from": row["date_from"], "text": row["date_text"]},
        "trigger": _span(row, "trigger"),
        "source": _event_actor(row, "source"), "target": _event_actor(row, "target"),
        "location": location,
        "modality": {key: row[key] for key in ("negated", "intended", "hypothetical", "future")},
        "quote_id": row["quote_id"], "confidence": row["confidence"], "rule": row["rule"],
        "document": {"doc_id": row["doc_id"], "title": title, "outlet": row["outlet"], "url": row["url"],
                     "published": row["published"], "href": f"/api/documents/{row['doc_id']}"},
    }
    if "sentence_text" in row:
        out["sentence"] = _span(row, "sentence")
    return out


def _titles(cur: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, str | None]:
    if not doc_ids:
        return {}
    return dict(cur.execute("SELECT doc_id, title FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                            [sorted(set(doc_ids))]).fetchall())


def list_events(cur: duckdb.DuckDBPyConnection, filters: EventFilter, sort: str, limit: int, offset: int) -> dict:
    where, params = filters.where()
    total = cur.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
    rows = _dicts(cur.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE {where} ORDER BY {EVENT_SORTS[sort]} "
                              "LIMIT ? OFFSET ?", [*params, limit, offset]))
    titles = _titles(cur, [row["doc_id"] for row in rows])
    return {"total": total, "limit": limit, "offset": offset,
            "events": [event_json(row, titles.get(row["doc_id"])) for row in rows]}


def get_event(cur: duckdb.DuckDBPyConnection, event_key: str) -> dict | None:
    rows = _dicts(cur.execute(f"""
        SELECT {EVENT_COLUMNS}, sentence_text, sentence_start, sentence_end
        FROM events WHERE event_key = ?""", [event_key]))
    if not rows:
        return None
    row = rows[0]
    out = event_json(row, _titles(cur, [row["doc_id"]]).get(row["doc_id"]))
    cluster = _dicts(cur.execute("""
        SELECT c.cluster_id, c.num_mentions, c.num_articles, c.num_sources, c.root_event_key
        FROM event_clusters ec JOIN clusters c USING (cluster_id) WHERE ec.event_key = ?""", [event_key]))
    out["cluster"] = cluster[0] if cluster else None
    out["quote"] = None
    if row["quote_id"]:
        quote = _dicts(cur.execute("""SELECT content_text, content_start, content_end, speaker_text, speaker_name
                                      FROM quotes WHERE doc_id = ? AND quote_id = ?""", [row["doc_id"], row["quote_id"]]))
        if quote:
            q = quote[0]
            out["quote"] = {"id": row["quote_id"], "content": _span(q, "content"),
                            "speaker": q["speaker_name"] or q["speaker_text"]}
    return out


def dyads(cur: duckdb.DuckDBPyConnection, filters: EventFilter, limit: int, offset: int) -> dict:
    where, params = filters.where()
    grouped = f"""SELECT source_code AS source, target_code AS target, count(*) AS events,
                         count(DISTINCT doc_id) AS documents
                  FROM events WHERE {where} AND (source_code IS NOT NULL OR target_code IS NOT NULL) GROUP BY ALL"""
    total = cur.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()[0]
    rows = _dicts(cur.execute(f"{grouped} ORDER BY events DESC, source NULLS LAST, target NULLS LAST LIMIT ? OFFSET ?",
                              [*params, limit, offset]))
    return {"total": total, "limit": limit, "offset": offset, "dyads": rows}


def map_points(cur: duckdb.DuckDBPyConnection, filters: EventFilter) -> dict:
    """Where the events happened: one point per place with coordinates (count, and how many in each quad
    class), and per country the events located only at country level (no coordinates)."""
    where, params = filters.where()
    points = _dicts(cur.execute(f"""
        SELECT location_name AS name, location_country AS country, round(location_lat, 3) AS lat,
               round(location_lon, 3) AS lon, any_value(location_geonames_id) AS geonames_id, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4
        FROM events WHERE {where} AND location_lat IS NOT NULL AND location_lon IS NOT NULL
        GROUP BY 1, 2, 3, 4 ORDER BY events DESC, name LIMIT 2000""", params))
    for point in points:
        quads = [point.pop(f"q{i}") for i in (1, 2, 3, 4)]
        point["by_quad"] = quads
        point["quad"] = 1 + quads.index(max(quads)) if max(quads) else None
    countries = _dicts(cur.execute(f"""
        SELECT location_country AS country, count(*) AS events,
               count(*) FILTER (WHERE location_lat IS NULL) AS without_coordinates
        FROM events WHERE {where} AND location_country IS NOT NULL GROUP BY 1 ORDER BY events DESC""", params))
    unplaced = cur.execute(f"SELECT count(*) FROM events WHERE {where} AND location_country IS NULL",
                           params).fetchone()[0]
    return {"points": points, "countries": countries, "unplaced": unplaced}


def network(cur: duckdb.DuckDBPyConnection, filters: EventFilter, limit: int) -> dict:
    """The dyad network: actor codes as nodes, source → target pairs as edges weighted by events, with how
    many of them are cooperation (quad classes 1-2) and conflict (3-4); the `limit` heaviest edges."""
    where, params = filters.where()
    edges = _dicts(cur.execute(f"""
        SELECT source_code AS source, target_code AS target, count(*) AS events,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
        FROM events WHERE {where} AND source_code IS NOT NULL AND target_code IS NOT NULL
              AND source_code <> target_code
        GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?""", [*params, limit]))
    weight: dict[str, int] = {}
    for edge in edges:
        for side in ("source", "target"):
            weight[edge[side]] = weight.get(edge[side], 0) + edge["events"]
    nodes = [{"code": code, "events": n} for code, n in sorted(weight.items(), key=lambda item: (-item[1], item[0]))]
    return {"nodes": nodes, "edges": edges}


def actor_types(cur: duckdb.DuckDBPyConnection, filters: EventFilter, code: str) -> dict | None:
    """The actor page's breakdown: per PLOVER type, how many of the filtered events the actor (a code, or a
    country: as the source and target filters match) did and how many were done to it, largest first;
    None when no event at all has that actor."""
    known = cur.execute("SELECT count(*) FROM (SELECT 1 FROM events WHERE ? IN (source_code, source_country, "
                        "target_code, target_country) LIMIT 1)", [code]).fetchall()[0][0]
    if not known:
        return None
    where, params = filters.where()
    rows = _dicts(cur.execute(f"""
        SELECT plover_type AS type,
               count(*) FILTER (WHERE ? IN (source_code, source_country)) AS "by",
               count(*) FILTER (WHERE ? IN (target_code, target_country)) AS against
        FROM events WHERE {where} AND ? IN (source_code, source_country, target_code, target_country)
        GROUP BY ALL ORDER BY "by" + against DESC, type""", [code, code, *params, code]))
    return {"code": code, "types": rows}


def _auto_interval(first: dt.date | None, last: dt.date | None) -> str:
    """Day bars for up to three months, weeks up to two years, months up to twenty, then years."""
    if first is None or last is None:
        return "day"
    days = (last - first).days
    return "day" if days <= 92 else "week" if days <= 730 else "month" if days <= 7300 else "year"


def timeline(cur: duckdb.DuckDBPyConnection, filters: EventFilter, interval: str) -> dict:
    """Events per day (or week/month/year) by PLOVER type; events with no date are counted apart."""
    where, params = filters.where()
    first, last, undated = cur.execute(
        f"SELECT min(day), max(day), count(*) FILTER (WHERE day IS NULL) FROM events WHERE {where}", params).fetchone()
    bulk = _bulk(cur, filters, first, last)
    if interval == "auto":  # bars sized for the range drawn, not for a background date years before it
        interval = _auto_interval(dt.date.fromisoformat(bulk["range"]["from"]) if first else None,
                                  dt.date.fromisoformat(bulk["range"]["to"]) if last else None)
    rows = cur.execute(f"""
        SELECT date_trunc('{interval}', day)::DATE AS bucket, plover_type, count(*) AS n
        FROM events WHERE {where} AND day IS NOT NULL GROUP BY ALL ORDER BY bucket, plover_type""", params).fetchall()
    buckets: dict[dt.date, dict[str, Any]] = {}
    for bucket, plover_type, n in rows:
        entry = buckets.setdefault(bucket, {"start": bucket.isoformat(), "total": 0, "by_type": {}})
        entry["by_type"][plover_type or "?"] = n
        entry["total"] += n
    types = sorted({t for entry in buckets.values() for t in entry["by_type"]})
    return {"interval": interval, "first_day": _iso(first), "last_day": _iso(last), "undated": undated,
            "types": types, "buckets": list(buckets.values()), **bulk}


# The timeline's default range: the days that hold all but BULK_SHARE of the events at each end, unless the
# few dated outside would not stretch the axis much (the range then stays the whole span).
BULK_SHARE = 0.02
STRETCH = 2.0


def _bulk(cur: duckdb.DuckDBPyConnection, filters: EventFilter, first: dt.date | None, last: dt.date | None) -> dict:
    """`range` (from, to): where the bulk of the dated events lies; `outliers`: the days outside it with their
    counts, so a few background dates ("since 2001") are listed rather than squeezing the chart. An explicit
    date filter is never narrowed."""
    whole = {"range": {"from": _iso(first), "to": _iso(last)}, "outliers": []}
    if first is None or filters.date_from or filters.date_to:
        return whole
    where, params = filters.where()
    low, high = cur.execute(f"""SELECT quantile_disc(day, {BULK_SHARE}), quantile_disc(day, {1 - BULK_SHARE})
                                FROM events WHERE {where} AND day IS NOT NULL""", params).fetchone()
    if (last - first).days <= STRETCH * max((high - low).days, 1):
        return whole
    outliers = cur.execute(f"""SELECT day, count(*) FROM events WHERE {where} AND (day < ? OR day > ?)
                               GROUP BY day ORDER BY day""", [*params, low, high]).fetchall()
    return {"range": {"from": _iso(low), "to": _iso(high)},
            "outliers": [{"day": _iso(day), "events": n} for day, n in outliers]}


def actors(cur: duckdb.DuckDBPyConnection, q: str | None, country: str | None, kind: str | None,
           limit: int, offset: int) -> dict:
    """Actors by the number of documents naming them, with how many events they are source or target of."""
    clauses, params = ["true"], []
    if q:
        clauses.append("(contains(lower(name), ?) OR lower(code) = ?)")
        params += [q.lower(), q.lower()]
    if country:
        clauses.append("country = ?")
        params.append(country)
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    where = " AND ".join(clauses)
    grouped = f"""
        WITH roles AS (
            SELECT doc_id, source_actor_id AS actor_id FROM events WHERE source_actor_id IS NOT NULL
            UNION ALL SELECT doc_id, target_actor_id FROM events WHERE target_actor_id IS NOT NULL),
        per_actor AS (SELECT doc_id, actor_id, count(*) AS n FROM roles GROUP BY ALL)
        SELECT a.name, a.code, any_value(a.kind) AS kind, any_value(a.country) AS country,
               any_value(a.sector) AS sector, count(DISTINCT a.doc_id) AS documents,
               coalesce(sum(p.n), 0)::BIGINT AS events
        FROM actors a LEFT JOIN per_actor p ON p.doc_id = a.doc_id AND p.actor_id = a.actor_id
        WHERE {where} GROUP BY a.name, a.code"""
    total = cur.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()[0]
    rows = _dicts(cur.execute(f"{grouped} ORDER BY documents DESC, events DESC, a.name LIMIT ? OFFSET ?",
                              [*params, limit, offset]))
    return {"total": total, "limit": limit, "offset": offset, "actors": rows}


def quotes(cur: duckdb.DuckDBPyConnection, speaker: str | None, actor: str | None, q: str | None,
           document: str | None, kind: str | None, limit: int, offset: int) -> dict:
    """Quotes with their speaker (as written and as resolved) and their document."""
    clauses, params = ["true"], []
    if speaker:
        clauses.append("(contains(lower(q.speaker_name), ?) OR contains(lower(q.speaker_text), ?))")
        params += [speaker.lower(), speaker.lower()]
    if actor:
        clauses.append("(a.code = ? OR a.country = ?)")
        params += [actor, actor]
    if q:
        clauses.append("contains(lower(q.content_text), ?)")
        params.append(q.lower())
    if document:
        clauses.append("q.doc_id = ?")
        params.append(document)
    if kind:
        clauses.append("q.kind = ?")
        params.append(kind)
    where = " AND ".join(clauses)
    base = f"""FROM quotes q
               LEFT JOIN actors a ON a.doc_id = q.doc_id AND a.actor_id = q.speaker_actor_id
               LEFT JOIN documents d ON d.doc_id = q.doc_id
               WHERE {where}"""
    total = cur.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    rows = _dicts(cur.execute(f"""
        SELECT q.doc_id, q.quote_id, q.kind, q.content_text, q.content_start, q.content_end,
               q.speaker_text, q.speaker_start, q.speaker_end, q.speaker_actor_id, q.speaker_name,
               a.code AS speaker_code, a.country AS speaker_country, q.cue_text, q.cue_start, q.cue_end,
               q.via_text, d.title, d.outlet, d.url, d.published
        {base} ORDER BY d.published DESC NULLS LAST, q.doc_id, q.content_start LIMIT ? OFFSET ?""",
                              [*params, limit, offset]))
    items = [{
        "id": f"{row['doc_id']}:{row['quote_id']}", "doc_id": row["doc_id"], "quote_id": row["quote_id"],
        "kind": row["kind"], "content": _span(row, "content"), "cue": _span(row, "cue"),
        "speaker": {**(_span(row, "speaker") or {"text": None, "start": None, "end": None}),
                    "actor_id": row["speaker_actor_id"], "name": row["speaker_name"], "code": row["speaker_code"],
                    "country": row["speaker_country"]},
        "via": row["via_text"],
        "document": {"doc_id": row["doc_id"], "title": row["title"], "outlet": row["outlet"], "url": row["url"],
                     "published": row["published"], "href": f"/api/documents/{row['doc_id']}"},
    } for row in rows]
    return {"total": total, "limit": limit, "offset": offset, "quotes": items}


def documents(cur: duckdb.DuckDBPyConnection, q: str | None, outlet: str | None, limit: int, offset: int) -> dict:
    clauses, params = ["true"], []
    if q:
        clauses.append("contains(lower(coalesce(title, '')), ?)")
        params.append(q.lower())
    if outlet:
        clauses.append("outlet = ?")
        params.append(outlet)
    where = " AND ".join(clauses)
    total = cur.execute(f"SELECT count(*) FROM documents WHERE {where}", params).fetchone()[0]
    rows = _dicts(cur.execute(f"""
        SELECT doc_id, input, title, outlet, url, published, published_day, dateline_place,
               n_events, n_quotes, n_actors, n_errors, pipeline_version, added
        FROM documents WHERE {where}
        ORDER BY published_day DESC NULLS LAST, added DESC, doc_id LIMIT ? OFFSET ?""", [*params, limit, offset]))
    for row in rows:
        row["published_day"] = _iso(row["published_day"])
        row["added"] = _iso(row["added"])
        row["href"] = f"/api/documents/{row['doc_id']}"
    return {"total": total, "limit": limit, "offset": offset, "documents": rows}


def document_record(cur: duckdb.DuckDBPyConnection, doc_id: str) -> str | None:
    """The stored record JSON, exactly as `eventwire extract` printed it."""
    row = cur.execute("SELECT record FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    return row[0] if row else None


def stats(cur: duckdb.DuckDBPyConnection) -> dict:
    """Row counts and event types (the `eventwire stats` queries), the date range and the countries seen."""
    counts = dict(cur.execute(STATS_SQL["rows per table"]).fetchall())
    types = _dicts(cur.execute(STATS_SQL["event types"], [1000]))
    first, last = cur.execute("SELECT min(day), max(day) FROM events").fetchone()
    countries = _dicts(cur.execute("""
        SELECT country, count(*) AS events FROM (
            SELECT unnest(list_distinct([source_country, target_country, location_country])) AS country FROM events)
        GROUP BY country ORDER BY events DESC, country"""))
    return {"counts": counts, "types": types, "first_day": _iso(first), "last_day": _iso(last),
            "countries": countries}

