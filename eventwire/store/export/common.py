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


def iter_batches(con: duckdb.DuckDBPyConnection, sql: str, batch_rows: int = BATCH_ROWS) -> Iterator[list[dict[str, Any]]]:
    """The rows of a query as lists of dicts, one Arrow record batch at a time."""
    for batch in con.sql(sql).to_arrow_reader(batch_rows):
        yield batch.to_pylist()


def iter_dicts(con: duckdb.DuckDBPyConnection, sql: str, batch_rows: int = BATCH_ROWS) -> Iterator[dict[str, Any]]:
    """The rows of a query as dicts keyed by column name, fetched a record batch at a time."""
    for rows in iter_batches(con, sql, batch_rows):
        yield from rows


# The events of the export, with their cluster, document and whether the event is in the lead:
# per cluster the root mention of each cluster, per mention every event (its own cluster of one).
EVENTS_SQL = """
SELECT e.*, d.doc_added, d.doc_title, d.doc_len, d.doc_path,
       (e.headline OR e.sentence_start < d.lead_end) AS in_lead,
       {cluster_columns}
FROM events e
JOIN (SELECT doc_id, added AS doc_added, title AS doc_title, length(text) AS doc_len, path AS doc_path,
             coalesce(nullif(strpos(text, chr(10)), 0), length(text) + 1) AS lead_end
      FROM documents) d USING (doc_id)
{cluster_join}
{where}
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


MODALITIES = ("real", "all")

# `--modality real`: events that did not happen (negated) or only might (hypothetical) are left out. Clusters
# never mix realities (dedup.py), so a cluster's root mention speaks for the whole cluster.
REAL_ONLY = "NOT coalesce({p}negated, false) AND NOT coalesce({p}hypothetical, false)"


def modality_filter(modality: str, prefix: str = "e.") -> str:
    """The SQL condition selecting the events an export with `modality` keeps (TRUE for all)."""
    if modality not in MODALITIES:
        raise ValueError(f"modality must be one of {', '.join(MODALITIES)}, not {modality!r}")
    return REAL_ONLY.format(p=prefix) if modality == "real" else "true"


def export_events(con: duckdb.DuckDBPyConnection, per: str, modality: str = "real") -> Iterator[dict[str, Any]]:
    """Event rows for an export, one per cluster (its root mention) or one per mention, streamed;
    with modality `real` only events reported as having happened (not negated, not hypothetical)."""
    from eventwire.store.dedup import cluster_id_of

    sql = EVENTS_SQL.format(**(PER_CLUSTER if per == "cluster" else PER_MENTION),
                            where=f"WHERE {modality_filter(modality)}")
    for row in iter_dicts(con, sql):
        if per == "mention":
            row["cluster_id"] = cluster_id_of(row["event_key"])
        yield row
