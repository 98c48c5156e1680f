"""Small helpers shared by the TSV exports."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any


def cell(value: Any) -> str:
    """A TSV cell: empty for None, no tabs or newlines inside, booleans as 1/0."""
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
    return " ".join(str(value).split()) if any(ch in str(value) for ch in "\t\r\n") else str(value)


def write_tsv(stream: IO[str], header: list[str] | None, rows: list[list[Any]]) -> int:
    """Tab-separated rows (GDELT files have no header; pass None)."""
    if header:
        stream.write("\t".join(header) + "\n")
    for row in rows:
        stream.write("\t".join(cell(v) for v in row) + "\n")
    return len(rows)


def fetch_dicts(result: Any) -> list[dict[str, Any]]:
    """Rows of a DuckDB result as dicts keyed by column name."""
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


# The events of the export, with their cluster, document and whether the event is in the lead:
# per cluster the root mention of each cluster, per mention every event (its own cluster of one).
EVENTS_SQL = """
SELECT e.*, d.added AS doc_added, d.title AS doc_title, length(d.text) AS doc_len, d.path AS doc_path,
       (e.headline OR e.sentence_start < coalesce(nullif(strpos(d.text, chr(10)), 0), length(d.text) + 1)) AS in_lead,
       {cluster_columns}
FROM events e JOIN documents d USING (doc_id) {cluster_join}
ORDER BY e.day NULLS LAST, e.event_key
"""

PER_CLUSTER = dict(
    cluster_columns="c.cluster_id, c.num_mentions, c.num_articles, c.num_sources, c.first_day",
    cluster_join="JOIN clusters c ON c.root_event_key = e.event_key",
)
PER_MENTION = dict(
    cluster_columns="ec.cluster_id AS dup_cluster_id, NULL::BIGINT AS cluster_id, 1 AS num_mentions, "
                    "1 AS num_articles, 1 AS num_sources, e.day AS first_day",
    cluster_join="LEFT JOIN event_clusters ec USING (event_key)",
)


def export_events(con: Any, per: str) -> list[dict[str, Any]]:
    """Event rows for an export, one per cluster (its root mention) or one per mention."""
    sql = EVENTS_SQL.format(**(PER_CLUSTER if per == "cluster" else PER_MENTION))
    rows = fetch_dicts(con.execute(sql))
    if per == "mention":
        from eventwire.store.dedup import cluster_id_of

        for row in rows:
            row["cluster_id"] = cluster_id_of(row["event_key"])
    return rows
