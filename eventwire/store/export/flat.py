"""Our own flat event layout (`--format eventwire`): a TSV with a header, snake_case names, ISO-3 codes.

It was the `polecat` format before that one took POLECAT's published column names. Columns: event and
story ids and dates, the source
actor (text as in the story, resolved name, agent = sector, country), the
same for the target, the PLOVER event type, mode and contexts, intensity
(CAMEO Goldstein score, as POLECAT's intensity is on the same -10..10 scale)
and quad class, the location (name, admin1, country, lat/lon, GeoNames id,
feature type = our precision), the story's outlet and URL, and the sentence.
Country codes are ISO 3166-1 alpha-3.
"""

from __future__ import annotations

from typing import IO, Any

import duckdb

from eventwire.store.export.common import Selection, export_events, write_tsv

COLUMNS = ["event_id", "story_date", "event_date", "source", "source_actor", "source_agent", "source_country",
           "target", "target_actor", "target_agent", "target_country", "event_type", "event_mode", "context",
           "event_intensity", "quad_code", "placename", "admin1", "country", "lat", "lon", "geonames_id",
           "feature_type", "story_id", "publisher", "url", "num_articles", "num_sources", "negated", "sentence",
           "rule", "source_inferred"]


def flat_row(row: dict[str, Any]) -> list[Any]:
    published = (row["published"] or "")[:10] or None
    return [row["cluster_id"], published, row["day"].isoformat() if row["day"] else None,
            row["source_text"], row["source_name"], row["source_sector"], row["source_country"],
            row["target_text"], row["target_name"], row["target_sector"], row["target_country"],
            row["plover_type"], row["plover_mode"], row["plover_context"], row["goldstein"], row["quad_class"],
            row["location_name"], row["location_admin1"], row["location_country"], row["location_lat"],
            row["location_lon"], row["location_geonames_id"], row["location_precision"], row["doc_id"],
            row["outlet"], row["url"] or row["doc_path"], row["num_articles"], row["num_sources"], row["negated"],
            row["sentence_text"], row["rule"], row["source_inferred"]]


def write_flat(con: duckdb.DuckDBPyConnection, stream: IO[str], selection: Selection, header: bool = True) -> int:
    """Events in our flat layout, one row per duplicate cluster (or per mention), always with a header (with
    modality `all`, the `negated` column tells denied events apart)."""
    return write_tsv(stream, COLUMNS, (flat_row(row) for row in export_events(con, selection)))
