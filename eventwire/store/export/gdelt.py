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
compute no tone); Actor*Geo is the place the text ties the actor to ("police in Karbala", "Nairobi
police"), else the actor's country (type 1) when the text states it, empty when it was only inferred from
the story's focus; FeatureID is the GeoNames id (a country's FIPS code for a country, the ADM1 code for
a first-level division, as GDELT writes them); a country-level place has its country's centroid as
Lat/Long (data/country_centroids.tsv, from Natural Earth outlines); IsRootEvent is 1 for events in the headline or the lead
paragraph; Day is the event date (or the publication day when the text gives none); DATEADDED is when the
document entered the database. GDELT has no column for modality, so by default (modality `real`)
negated and hypothetical events are left out rather than written as if they happened.
"""

from __future__ import annotations

from typing import IO, Any

import duckdb

from eventwire.store.export.codes import adm1_code, country_centroid, fips, full_name
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


def place_geo(name: str | None, country: str | None, admin1: str | None, precision: str | None,
              lat: float | None, lon: float | None, geonames_id: Any) -> list[Any]:
    """A place as GDELT's eight geo fields (Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long,
    FeatureID): the one writer of ActionGeo and Actor*Geo. A country-level place gets the country's
    centroid as Lat/Long, as GDELT gives it."""
    precision = precision or "country"
    if precision == "country" and lat is None and lon is None:
        lat, lon = country_centroid(country) or (None, None)
    geo_type = GEO_TYPES.get((precision, country == "USA"), 4)
    adm1 = adm1_code(country, geonames_id, precision, admin1)
    return [geo_type, full_name(name if precision != "country" else None, admin1, country), fips(country),
            adm1, None, lat, lon, _feature_id(precision, country, adm1, geonames_id)]


def _feature_id(precision: str, country: str | None, adm1: str | None, geonames_id: Any) -> Any:
    """GDELT 2.0 writes a country's FIPS code as the FeatureID of a country match and the ADM1 code for a
    first-level division; other places keep their gazetteer id (GeoNames here, where GDELT has GNS/GNIS)."""
    if precision == "country":
        return fips(country)
    if precision == "admin1" and adm1:
        return adm1
    return geonames_id


def _located(place: dict[str, Any]) -> list[Any]:
    """A place dict (a location, or an actor's tied place) through `place_geo`."""
    return place_geo(place["name"], place["country"], place["admin1"], place["precision"], place["lat"],
                     place["lon"], place["geonames_id"])


def _actor_geo(row: dict[str, Any], side: str) -> list[Any]:
    """Where the text puts the actor: the place it ties the actor to ("police in Karbala", "the governor of
    Texas"; common.ACTOR_PLACES), else the actor's country as a country-level place when the text states
    it (not inferred from the story's focus); empty otherwise."""
    if row[f"{side}_actor_id"] is None or row[f"{side}_code"] is None:
        return [None] * 8  # as Actor*Name: only an actor with a code
    place = row.get(f"{side}_place")
    if place and place["name"] and (place["precision"] != "country" or fips(place["country"])):
        return _located(place)
    country = row[f"{side}_country"]
    if not country or row[f"{side}_country_inferred"] or fips(country) is None:
        return [None] * 8
    return place_geo(None, country, None, "country", None, None, None)


def _action_geo(row: dict[str, Any]) -> list[Any]:
    if not row["location_name"]:
        return [None] * 8
    return _located({key: row[f"location_{key}"]
                     for key in ("name", "country", "admin1", "precision", "lat", "lon", "geonames_id")})


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
    rows = (gdelt_row(row) for row in export_events(con, selection, extra=HAS_ACTOR, actor_places=True))
    return write_tsv(stream, COLUMNS if header else None, rows)
