"""The GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, no header (`header=True` adds
one), so a script written for GDELT's files reads ours.

As GDELT writes them: country codes in every geo field are FIPS 10-4 (`KE`, `GM`), ADM1Code is FIPS +
subdivision code (`USTX`, `KE05`; the country's code for a country-level place), FullName is
"Nairobi, Nairobi Area, Kenya", Actor*Name is upper-case. Only events with at least one actor code are
rows (GDELT emits no event without one), and Actor*Name is only ever the name of an actor with a code
(never the text of a non-actor argument such as "the strikes").

What we put where GDELT has something we do not (see README, "The database and exports"):
Actor*CountryCode and Actor*Code stay CAMEO-style ISO-3 codes, as GDELT's are; Actor*Type1Code is the
actor's sector; ethnic, religion, known-group and Type2/Type3 codes stay empty; AvgTone is empty (we
compute no tone); Actor*Geo is the actor's country (type 1) when the text states it, empty when it was
only inferred from the story's focus; ActionGeo FeatureID is the GeoNames id; a country-level place has
no Lat/Long (we ship no country centroids); IsRootEvent is 1 for events in the headline or the lead
paragraph; Day is the event date (or the publication day when the text gives none); DATEADDED is when the
document entered the database. GDELT has no column for modality, so by default (modality `real`)
negated and hypothetical events are left out rather than written as if they happened.
"""

from __future__ import annotations

from typing import IO, Any

import duckdb

from eventwire.store.export.codes import adm1_code, fips, full_name
from eventwire.store.export.common import Selection, export_events, write_tsv

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
             ("city", True): 3, ("city", False): 4, ("local", True): 3, ("local", False): 4,
             ("region", True): 5, ("region", False): 5}  # a region inside a country is nearest to an ADM1


# GDELT emits no event without an actor code.
HAS_ACTOR = "e.source_code IS NOT NULL OR e.target_code IS NOT NULL"


def _actor(row: dict[str, Any], side: str) -> list[Any]:
    """As GDELT: a name only for an actor the coder matched to a code ("UNITED STATES", "WILLIAM RUTO")."""
    coded = row[f"{side}_actor_id"] is not None and row[f"{side}_code"] is not None
    name = row[f"{side}_name"] if coded else None
    return [row[f"{side}_code"], name.upper() if name else None, row[f"{side}_country"],
            None, None, None, None, row[f"{side}_sector"], None, None]


def _geo(geo_type: int | None, name: str | None, admin1: str | None, country: str | None, precision: str,
         lat: float | None, lon: float | None, feature: Any) -> list[Any]:
    return [geo_type, full_name(name if precision != "country" else None, admin1, country), fips(country),
            adm1_code(country, feature, precision), None, lat, lon, feature]


def _actor_geo(row: dict[str, Any], side: str) -> list[Any]:
    """The actor's country as a country-level place, when the text states it (not inferred)."""
    country = row[f"{side}_country"]
    if not country or row[f"{side}_actor_id"] is None or row[f"{side}_country_inferred"] or fips(country) is None:
        return [None] * 8
    return _geo(1, None, None, country, "country", None, None, None)


def _action_geo(row: dict[str, Any]) -> list[Any]:
    if not row["location_name"]:
        return [None] * 8
    country = row["location_country"]
    precision = row["location_precision"] or "country"
    geo_type = GEO_TYPES.get((precision, country == "USA"), 4)
    return _geo(geo_type, row["location_name"], row["location_admin1"], country, precision, row["location_lat"],
                row["location_lon"], row["location_geonames_id"])


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    """One export row (a dict from `export_events`) as the 61 GDELT values."""
    day = row["day"]
    cameo = row["cameo_code"]
    return ([row["cluster_id"], day, day.strftime("%Y%m") if day else None, day.year if day else None,
             f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else None]
            + _actor(row, "source") + _actor(row, "target")
            + [row["in_lead"], cameo, cameo[:3] if cameo else None, row["cameo_root"], row["quad_class"],
               row["goldstein"], row["num_mentions"], row["num_sources"], row["num_articles"], None]
            + _actor_geo(row, "source") + _actor_geo(row, "target") + _action_geo(row)
            + [row["doc_added"], row["url"] or row["doc_path"]])


def write_gdelt(con: duckdb.DuckDBPyConnection, stream: IO[str], selection: Selection, header: bool = False) -> int:
    """GDELT 2.0 events, one row per duplicate cluster (or per mention) with at least one actor code."""
    rows = (gdelt_row(row) for row in export_events(con, selection, extra=HAS_ACTOR))
    return write_tsv(stream, COLUMNS if header else None, rows)
