"""POLECAT's event layout by name: the columns of POLECAT's published weekly files, in their order, then
ours (snake_case, so they cannot be mistaken for POLECAT's), so a script written for POLECAT runs on it.

What goes where: Actor = the event's source, Recipient = its target; Actor Name is the resolved actor's
name (empty when the argument is no actor), Actor Name Raw the words of the story; Actor Country is
ISO-3 (as POLECAT's); Actor COW the Correlates of War state code; Primary Actor Sector our sector code
(GOV, MIL, REB...) and Actor Sectors the same (we give one sector); Actor Title the role ("President");
Wikipedia Actor ID stays empty (our knowledge base has its own ids: `actor_kb_id` after POLECAT's
columns). Event Intensity is the CAMEO Goldstein score (-10..10, the scale POLECAT's intensity uses);
Quad Code 1-4 as GDELT's QuadClass. Placename is where the event happened; City is filled for a city or
a local place, Province for a first-level subdivision (its name), District stays empty; Country is ISO-3;
Raw Placename the words of the story; Feature Type our precision (city, admin1, country, local, region).
Source is the outlet; Story ID our document id; Story People / Organizations / Locations the story's
people, organisations and places, `;`-separated; Version the eventwire version that made the record.
`actor_inferred` is true when the Actor is the act's conventional agent that the story leaves unsaid ("five
were arrested": the police of the story's country; Actor Name Raw is then empty): filter on it to drop them.
"""

from __future__ import annotations

from typing import IO, Any

import duckdb

from eventwire.store.export.codes import cow_code
from eventwire.store.export.common import Selection, export_events, write_tsv

POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type",
    "Source", "Story ID", "Publication Date", "Story People", "Story Organizations", "Story Locations",
    "Language", "Version",
]
OUR_COLUMNS = ["event_key", "url", "num_mentions", "num_articles", "num_sources", "negated", "hypothetical",
               "intended", "actor_kb_id", "recipient_kb_id", "cameo_code", "sentence_start", "sentence_end",
               "trigger_start", "trigger_end", "sentence", "rule", "actor_inferred"]
COLUMNS = POLECAT_COLUMNS + OUR_COLUMNS


def _party(row: dict[str, Any], side: str) -> list[Any]:
    inferred = bool(row.get(f"{side}_inferred"))  # the act's conventional agent: named nowhere in the story
    is_actor = row[f"{side}_actor_id"] is not None or inferred
    sector = row[f"{side}_sector"]
    return [row[f"{side}_name"] if is_actor else None, row[f"{side}_country"], cow_code(row[f"{side}_country"]),
            sector, sector, row[f"{side}_role"], None if inferred else row[f"{side}_text"], None]


def _place(row: dict[str, Any]) -> list[Any]:
    precision = row["location_precision"]
    if not row["location_name"]:
        return [None] * 10
    return [row["location_name"], row["location_name"] if precision in ("city", "local") else None, None,
            row["location_admin1"], row["location_country"], row["location_lat"], row["location_lon"],
            row["location_geonames_id"], row["location_text"], precision]


def polecat_row(row: dict[str, Any]) -> list[Any]:
    """One export row (a dict from `export_events(..., story=True)`) as POLECAT's columns, then ours."""
    published = (row["published"] or "")[:10] or None
    return ([row["cluster_id"], row["day"].isoformat() if row["day"] else None, row["plover_type"],
             row["plover_mode"], row["goldstein"], row["quad_class"], row["plover_context"]]
            + _party(row, "source") + _party(row, "target") + _place(row)
            + [row["outlet"], row["doc_id"], published, row["story_people"], row["story_organizations"],
               row["story_locations"], row["doc_language"], row["doc_pipeline_version"]]
            + [row["event_key"], row["url"] or row["doc_path"], row["num_mentions"], row["num_articles"],
               row["num_sources"], row["negated"], row["hypothetical"], row["intended"], row["source_kb_id"],
               row["target_kb_id"],
               row["cameo_code"], row["sentence_start"], row["sentence_end"], row["trigger_start"],
               row["trigger_end"], row["sentence_text"], row["rule"], row["source_inferred"]])


def write_polecat(con: duckdb.DuckDBPyConnection, stream: IO[str], selection: Selection, header: bool = True) -> int:
    """Events in POLECAT's layout with its header, one row per duplicate cluster (or per mention)."""
    return write_tsv(stream, COLUMNS, (polecat_row(row) for row in export_events(con, selection, story=True)))
