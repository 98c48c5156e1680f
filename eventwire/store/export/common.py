"""Small helpers shared by the exports: streaming rows out of DuckDB, TSV cells.

Exports stream: rows come out of DuckDB as Arrow record batches of
`BATCH_ROWS` and are written before the next batch is fetched, so a large
database exports in bounded memory. Document texts and records never pass
through a sort (values that need the text, like a sentence number, are
computed inside DuckDB).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import duckdb

BATCH_ROWS = 10_000


def cell(value: Any) -> str:
    """A TSV cell: empty for None, no tabs or newlines inside, booleans as 1/0; a text that starts with a
    double quote is written CSV-quoted (wrapped, inner quotes doubled), because readers that follow the
    CSV convention (pandas, DuckDB, R) take a leading quote as the start of a quoted field and would
    otherwise run it into the next columns and rows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).strftime("%Y%m%d%H%M%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    if isinstance(value, (list, tuple)):
        return ";".join(cell(v) for v in value)
    text = " ".join(str(value).split()) if any(ch in str(value) for ch in "\t\r\n") else str(value)
    return '"' + text.replace('"', '""') + '"' if text.startswith('"') else text


def write_tsv(stream: IO[str], header: list[str] | None, rows: Iterable[list[Any]]) -> int:
    """Tab-separated rows (GDELT files have no header; pass None); returns how many were written."""
    if header:
        stream.write("\t".join(header) + "\n")
    count = 0
    for row in rows:
        stream.write("\t".join(cell(v) for v in row) + "\n")
        count += 1
    return count


def iter_batches(con: duckdb.DuckDBPyConnection, sql: str, batch_rows: int = BATCH_ROWS,
                 params: dict[str, Any] | None = None) -> Iterator[list[dict[str, Any]]]:
    """The rows of a query as lists of dicts, one Arrow record batch at a time."""
    for batch in con.sql(sql, params=params or None).to_arrow_reader(batch_rows):
        yield batch.to_pylist()


def iter_dicts(con: duckdb.DuckDBPyConnection, sql: str, batch_rows: int = BATCH_ROWS,
               params: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of a query as dicts keyed by column name, fetched a record batch at a time."""
    for rows in iter_batches(con, sql, batch_rows, params):
        yield from rows


# The events of the export, with their cluster, document and whether the event is in the lead, whether
# each actor's country was stated (not inferred from the story's focus) and the actor's role; with
# `{story_columns}` the story's people, organisations and places (POLECAT's Story* fields) and the place
# name as the text wrote it. Per cluster the root mention of each cluster, per mention every event (its
# own cluster of one).
EVENTS_SQL = """
WITH actor_facts AS (
    SELECT doc_id, actor_id, any_value(country_inferred) AS country_inferred, any_value(role) AS role,
           any_value(kb_id) AS kb_id
    FROM actors GROUP BY ALL){actor_place_ctes}
SELECT e.*, d.doc_added, d.doc_title, d.doc_len, d.doc_path, d.doc_language,
       (e.headline OR e.sentence_start < d.lead_end) AS in_lead,
       d.doc_pipeline_version,
       sa.country_inferred AS source_country_inferred, sa.role AS source_role, sa.kb_id AS source_kb_id,
       ta.country_inferred AS target_country_inferred, ta.role AS target_role, ta.kb_id AS target_kb_id,
       {story_columns}{actor_place_columns}
       {cluster_columns}
FROM events e
JOIN (SELECT doc_id, added AS doc_added, title AS doc_title, length(text) AS doc_len, path AS doc_path,
             language AS doc_language, pipeline_version AS doc_pipeline_version, coalesce(nullif(strpos(text, chr(10)), 0), length(text) + 1) AS lead_end
      FROM documents) d USING (doc_id)
LEFT JOIN actor_facts sa ON sa.doc_id = e.doc_id AND sa.actor_id = e.source_actor_id
LEFT JOIN actor_facts ta ON ta.doc_id = e.doc_id AND ta.actor_id = e.target_actor_id
{story_join}{actor_place_join}
{cluster_join}
{where}
ORDER BY e.day NULLS LAST, e.event_key
"""

STORY = dict(
    story_columns="st.story_people, st.story_organizations, sp.story_locations, pl.location_text,",
    story_join="""
LEFT JOIN (SELECT doc_id, list(DISTINCT name ORDER BY name) FILTER (WHERE kind = 'person') AS story_people,
                  list(DISTINCT name ORDER BY name) FILTER (WHERE kind <> 'person' AND kind <> 'state')
                      AS story_organizations
           FROM actors GROUP BY doc_id) st ON st.doc_id = e.doc_id
LEFT JOIN (SELECT doc_id, list(DISTINCT name ORDER BY name) AS story_locations
           FROM places WHERE name IS NOT NULL GROUP BY doc_id) sp ON sp.doc_id = e.doc_id
LEFT JOIN (SELECT doc_id, start, any_value(text) AS location_text FROM places GROUP BY ALL) pl
       ON pl.doc_id = e.doc_id AND pl.start = e.location_start""")
NO_STORY = dict(story_columns="", story_join="")

# The place the text ties a coded actor to (GDELT's Actor1Geo/Actor2Geo), from the places the geo stage found
# and the actor's span in the event; only what the text says:
#   - a place after "in", "of", "from", "at" that follows the actor's words directly or sits in its span
#     ("police in Karbala", "the governor of Texas", "Britain's ambassador in Tehran" -> Tehran);
#   - else a place the span starts with ("Nairobi police", "Texas governor", "Britain's ambassador").
# A place in a list ("officials from Japan, South Korea and the United States") is no one actor's place;
# "Kharkiv, Ukraine" is one place. The first tie by position wins. When the event's own span ties the actor
# to nothing ("He said", or a headline event, whose span indexes the title and not the body the places
# index), the actor's other mentions in the document (entities resolved to it: "the governor of Texas")
# do, when all their ties name one place; a mention that is only a place's name ("Harare said", a capital
# for its government) places the event that names it, not the actor's other events.
ACTOR_PLACES = dict(
    actor_place_ctes=""",
actor_mentions AS (
    SELECT DISTINCT doc_id, start AS span_start, "end" AS span_end, actor_id FROM entities WHERE actor_id IS NOT NULL),
actor_sides AS (
    SELECT DISTINCT doc_id, source_start AS span_start, source_end AS span_end FROM events
    WHERE source_actor_id IS NOT NULL AND source_start IS NOT NULL AND NOT coalesce(headline, false)
    UNION
    SELECT DISTINCT doc_id, target_start, target_end FROM events
    WHERE target_actor_id IS NOT NULL AND target_start IS NOT NULL AND NOT coalesce(headline, false)
    UNION
    SELECT doc_id, span_start, span_end FROM actor_mentions),
actor_place_candidates AS (
    SELECT s.doc_id, s.span_start, s.span_end, p.start, p.name, p.country, p.admin1, p.lat, p.lon, p.geonames_id,
           p.precision, p."end" AS place_end,
           substr(d.text, s.span_start + 1, p.start - s.span_start) AS span_before,
           substr(d.text, greatest(s.span_start, p.start - 16) + 1, p.start - greatest(s.span_start, p.start - 16))
               AS near_before,
           substr(d.text, s.span_end + 1, greatest(p.start - s.span_end, 0)) AS gap,
           d.text AS doc_text
    FROM actor_sides s JOIN places p ON p.doc_id = s.doc_id AND p.start >= s.span_start AND p.start <= s.span_end + 12
    JOIN documents d ON d.doc_id = s.doc_id),
actor_places AS (
    SELECT doc_id, span_start, span_end,
           arg_min({'name': name, 'country': country, 'admin1': admin1, 'lat': lat, 'lon': lon,
                     'geonames_id': geonames_id, 'precision': precision}, (tie, start)) AS place,
           arg_min(start = span_start AND place_end = span_end, (tie, start)) AS whole
    FROM (SELECT c.*,
                 CASE WHEN regexp_matches(c.near_before, '(^|\\W)(in|of|from|at)\\s+(the\\s+)?$', 'i')
                           AND (c.start <= c.span_end OR regexp_full_match(c.gap, '\\s+(in|of|from|at)\\s+(the\\s+)?', 'i'))
                      THEN 1
                      WHEN c.start < c.span_end AND regexp_full_match(c.span_before, '((the|a|an)\\s+)?', 'i') THEN 2
                 END AS tie
          FROM actor_place_candidates c
          WHERE NOT EXISTS (
              SELECT 1 FROM places q
              WHERE q.doc_id = c.doc_id AND q.start > c.place_end AND q.start <= c.place_end + 8
                AND regexp_full_match(substr(c.doc_text, c.place_end + 1, q.start - c.place_end),
                                      '\\s*(,|and|or|&)\\s*((and|or)\\s+)?(the\\s+)?', 'i')
                AND NOT (q.precision = 'country' AND q.country = c.country AND c.precision <> 'country')))
    WHERE tie IS NOT NULL
    GROUP BY ALL),
actor_homes AS (
    SELECT m.doc_id, m.actor_id, any_value(ap.place) AS place
    FROM actor_mentions m JOIN actor_places ap USING (doc_id, span_start, span_end)
    WHERE NOT ap.whole
    GROUP BY ALL HAVING count(DISTINCT (ap.place.name, ap.place.country)) = 1)""",
    actor_place_columns="""
       coalesce(sap.place, sah.place) AS source_place, coalesce(tap.place, tah.place) AS target_place,""",
    actor_place_join="""
LEFT JOIN actor_places sap ON sap.doc_id = e.doc_id AND sap.span_start = e.source_start
      AND sap.span_end = e.source_end AND NOT coalesce(e.headline, false)
LEFT JOIN actor_places tap ON tap.doc_id = e.doc_id AND tap.span_start = e.target_start
      AND tap.span_end = e.target_end AND NOT coalesce(e.headline, false)
LEFT JOIN actor_homes sah ON sah.doc_id = e.doc_id AND sah.actor_id = e.source_actor_id
LEFT JOIN actor_homes tah ON tah.doc_id = e.doc_id AND tah.actor_id = e.target_actor_id""")
NO_ACTOR_PLACES = dict(actor_place_ctes="", actor_place_columns="", actor_place_join="")

PER_CLUSTER = dict(
    cluster_columns="c.cluster_id, c.num_mentions, c.num_articles, c.num_sources, c.first_day",
    cluster_join="JOIN clusters c ON c.root_event_key = e.event_key",
)
PER_MENTION = dict(
    cluster_columns="ec.cluster_id AS dup_cluster_id, NULL::BIGINT AS cluster_id, 1 AS num_mentions, "
                    "1 AS num_articles, 1 AS num_sources, e.day AS first_day",
    cluster_join="LEFT JOIN event_clusters ec USING (event_key)",
)


MODALITIES = ("real", "all")

# `--modality real`: events that did not happen (negated) or only might (hypothetical) are left out. Clusters
# never mix realities (dedup.py), so a cluster's root mention speaks for the whole cluster.
REAL_ONLY = "NOT coalesce({p}negated, false) AND NOT coalesce({p}hypothetical, false)"


def modality_filter(modality: str, prefix: str = "e.") -> str:
    """The SQL condition selecting the events an export with `modality` keeps (TRUE for all)."""
    if modality not in MODALITIES:
        raise ValueError(f"modality must be one of {', '.join(MODALITIES)}, not {modality!r}")
    return REAL_ONLY.format(p=prefix) if modality == "real" else "true"


@dataclass(frozen=True)
class Selection:
    """Which events an export holds: one row per cluster or per mention, their modality, and the
    analyst's filters (`export --from --to --type --country --actor`). Per cluster, the filters apply
    to the cluster's root mention."""

    per: str = "cluster"
    modality: str = "real"
    date_from: dt.date | None = None  # event day on or after
    date_to: dt.date | None = None  # event day on or before
    types: tuple[str, ...] = ()  # PLOVER types (any of)
    countries: tuple[str, ...] = ()  # ISO-3: where the event happened, or an actor's country (any of)
    actors: tuple[str, ...] = ()  # an actor code's start ("USA", "USAGOV") or a part of its name (any of)

    @property
    def filtered(self) -> bool:
        """True when a filter beyond modality is set (whole-record exports then keep matching documents)."""
        return bool(self.date_from or self.date_to or self.types or self.countries or self.actors)

    def where(self, prefix: str = "e.") -> tuple[str, dict[str, Any]]:
        """The SQL condition over the events table (aliased by `prefix`) and its named parameters:
        values never enter the SQL text."""
        p = prefix
        conditions, params = [modality_filter(self.modality, prefix)], {}
        if self.date_from:
            conditions.append(f"{p}day >= $date_from")
            params["date_from"] = self.date_from
        if self.date_to:
            conditions.append(f"{p}day <= $date_to")
            params["date_to"] = self.date_to
        if self.types:
            conditions.append(f"list_contains($types, {p}plover_type)")
            params["types"] = [t.upper() for t in self.types]
        if self.countries:
            conditions.append(f"(list_contains($countries, {p}location_country) OR list_contains($countries, "
                              f"{p}source_country) OR list_contains($countries, {p}target_country))")
            params["countries"] = [c.upper() for c in self.countries]
        if self.actors:
            conditions.append(
                "len(list_filter($actors, lambda a: "
                f"starts_with(coalesce({p}source_code, ''), upper(a)) OR starts_with(coalesce({p}target_code, ''), upper(a)) "
                f"OR ({p}source_actor_id IS NOT NULL AND contains(lower({p}source_name), lower(a))) "
                f"OR ({p}target_actor_id IS NOT NULL AND contains(lower({p}target_name), lower(a))))) > 0")
            params["actors"] = list(self.actors)
        return " AND ".join(f"({c})" for c in conditions), params


def export_events(con: duckdb.DuckDBPyConnection, selection: Selection, extra: str = "true", story: bool = False,
                  actor_places: bool = False) -> Iterator[dict[str, Any]]:
    """Event rows for an export, one per cluster (its root mention) or one per mention, streamed: the
    events `selection` holds (and `extra`, a further SQL condition over `e`); `story` adds the story's
    people, organisations and places; `actor_places` the place the text ties each actor to
    (`source_place`, `target_place`: dicts like a location, or None)."""
    from eventwire.store.dedup import cluster_id_of

    where, params = selection.where()
    sql = EVENTS_SQL.format(**(PER_CLUSTER if selection.per == "cluster" else PER_MENTION),
                            **(STORY if story else NO_STORY), **(ACTOR_PLACES if actor_places else NO_ACTOR_PLACES),
                            where=f"WHERE {where} AND ({extra})")
    for row in iter_dicts(con, sql, params=params):
        if selection.per == "mention":
            row["cluster_id"] = cluster_id_of(row["event_key"])
        yield row
