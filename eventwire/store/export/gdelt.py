"""The GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, no header.

What we put where GDELT has something we do not (see README, "The database
and exports"): Actor*Name is the actor's name as resolved (not upper-cased);
country codes everywhere are ISO 3166-1 alpha-3 as in our records, not FIPS
10-4; Actor*Type1Code is the actor's sector; ethnic, religion, known-group
and Type2/Type3 codes stay empty; AvgTone is empty (we compute no tone);
Actor1Geo/Actor2Geo stay empty (we locate events, not actors); ActionGeo
FeatureID is the GeoNames id; IsRootEvent is 1 for events in the headline or
the lead paragraph; Day is the event date (or the publication day when the
text gives none); DATEADDED is when the document entered the database.
GDELT has no column for modality, so by default (modality `real`) negated and
hypothetical events are left out rather than written as if they happened.
"""

from __future__ import annotations

from typing import IO, Any

import duckdb

from eventwire.store.export.common import export_events, write_tsv

ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                "Type1Code", "Type2Code", "Type3Code"]
GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
COLUMNS = (["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
           + [f"Actor1{f}" for f in ACTOR_FIELDS] + [f"Actor2{f}" for f in ACTOR_FIELDS]
           + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
              "NumMentions", "NumSources", "NumArticles", "AvgTone"]
           + [f"Actor1Geo_{f}" for f in GEO_FIELDS] + [f"Actor2Geo_{f}" for f in GEO_FIELDS]
           + [f"ActionGeo_{f}" for f in GEO_FIELDS] + ["DATEADDED", "SOURCEURL"])
assert len(COLUMNS) == 61

# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
GEO_TYPES = {("country", False): 1, ("country", True): 1, ("admin1", True): 2, ("admin1", False): 5,
             ("city", True): 3, ("city", False): 4, ("local", True): 3, ("local", False): 4}


def _actor(row: dict[str, Any], side: str) -> list[Any]:
    return [row[f"{side}_code"], row[f"{side}_name"] or row[f"{side}_text"], row[f"{side}_country"],
            None, None, None, None, row[f"{side}_sector"], None, None]


def _action_geo(row: dict[str, Any]) -> list[Any]:
    if not row["location_name"]:
        return [None] * 8
    country = row["location_country"]
    geo_type = GEO_TYPES.get((row["location_precision"], country == "USA"))
    parts = [row["location_name"], row["location_admin1"], country]
    full_name = ", ".join(dict.fromkeys(p for p in parts if p))
    return [geo_type, full_name, country, row["location_admin1"], None, row["location_lat"], row["location_lon"],
            row["location_geonames_id"]]


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    """One export row (a dict from `export_events`) as the 61 GDELT values."""
    day = row["day"]
    cameo = row["cameo_code"]
    return ([row["cluster_id"], day, day.strftime("%Y%m") if day else None, day.year if day else None,
             f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else None]
            + _actor(row, "source") + _actor(row, "target")
            + [row["in_lead"], cameo, cameo[:3] if cameo else None, row["cameo_root"], row["quad_class"],
               row["goldstein"], row["num_mentions"], row["num_sources"], row["num_articles"], None]
            + [None] * 8 + [None] * 8 + _action_geo(row)
            + [row["doc_added"], row["url"] or row["doc_path"]])


def write_gdelt(con: duckdb.DuckDBPyConnection, stream: IO[str], per: str = "cluster", modality: str = "real") -> int:
    """GDELT 2.0 events, one row per duplicate cluster (or per mention); `real`: only events that happened."""
    return write_tsv(stream, None, (gdelt_row(row) for row in export_events(con, per, modality)))
