"""Look-ups by name: every place a name may be, and the country a name most likely means.

`lookup(name)` returns every candidate; choosing between them with the article's context (population,
the story's countries, containment) is `geo/places.py`'s job. `country_of` is the one context-light
reading of a name's country, for the stages that only need the country (actors).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

from eventwire.datafiles import load_yaml
from eventwire.gazetteer.build import FEATURES_FILE, add_regions, index_key, write_index
from eventwire.gazetteer.index import PlaceIndex, open_or_build
from eventwire.gazetteer.place import Candidate, Place, name_keys, normalise

MEMO_SIZE = 200_000  # names remembered per process before the memo starts afresh
SMALL_TOWN = 100_000  # a preferred town smaller than this...
MUCH_BIGGER = 5  # ...does not win over a namesake city this many times its size (Geneva, Illinois)


class Gazetteer:
    """Look-ups by name over the on-disk index (`index.py`) plus places added in this process."""

    def __init__(self, index: PlaceIndex, demonyms: dict[str, str], iso2to3: dict[str, str],
                 country_names: dict[str, str], features: dict[str, list[str]]) -> None:
        self.index = index
        self.demonyms = demonyms  # "kazakh" -> KAZ
        self.iso2to3 = iso2to3
        self.country_names = country_names  # KAZ -> Kazakhstan
        self.features = features
        self.extra: dict[str, list[Candidate]] = defaultdict(list)  # from user files, in memory
        self._places: dict[int, Place] = {}
        self._memo: dict[str, list[Candidate]] = {}
        self._lock = threading.Lock()

    def candidates(self, key: str) -> list[Candidate]:
        """Every place indexed under a normalised key (see `normalise`)."""
        found = self._memo.get(key)
        if found is None:
            found = [Candidate(self._place(row), alternate) for row, alternate in self.index.names(key)]
            found += self.extra.get(key, [])
            with self._lock:
                if len(self._memo) > MEMO_SIZE:
                    self._memo.clear()
                self._memo[key] = found
        return found

    def _place(self, row: tuple) -> Place:
        place = self._places.get(row[0])
        if place is None:
            place = Place(*row[1:])
            self._places[row[0]] = place
        return place

    def lookup(self, name: str) -> list[Candidate]:
        """All places called `name` (accents, case, "the" and feature words ignored)."""
        nouns = self.features.get("feature_nouns", [])
        for key in name_keys(name, self.features.get("name_prefixes", [])):
            found = self.candidates(key)
            if found:
                return found
            words = key.split()
            if len(words) > 1 and words[-1] in nouns:  # "Jaffna peninsula", "Idlib province"
                found = self.candidates(" ".join(words[:-1]))
                if found:
                    return found
        return []

    def country_of(self, name: str, prefer: str | None = None, among: Collection[str] | None = None) -> str | None:
        """The country a place name means, read from the places called so by their own name (not an alternate
        spelling) that lie in a country; without `among`, the likeliest reading may be a place it spells
        another way.

        `prefer`: a country whose place of that name wins (the story's focus country). Without `among`, the
        likeliest place otherwise (`Candidate.prior`: kind, then population). With `among` (the countries a
        story names), only places in those countries count, and a name shared by several of them, none
        preferred, means no country: None rather than a guess ("Church leaders in Wabag"). Without `among`,
        a small town of the preferred country does not win over a namesake city many times its size ("U.S.
        negotiators in Geneva" is Switzerland; "Moscow" in an American story is Russia's).
        """
        # every reading in a country; `found` are those by the place's own name
        readings = [c for c in self.lookup(name) if c.place.country]
        found = [c for c in readings if not c.alternate]
        if among is not None:
            named = {c.place.country for c in found} & set(among)
            if prefer in named:
                return prefer
            return named.pop() if len(named) == 1 else None
        if not found:
            return None
        local = [c for c in found if c.place.country == prefer]
        if local and _lesser_namesake(local, readings):
            local = []
        # a city known by this name as an alternate spelling still counts, at its lower prior: "Basra" is
        # Iraq's Basrah, not the village of Pakistan whose own name it is
        return max(local or readings, key=lambda c: c.prior).place.country

    def demonym(self, word: str) -> str | None:
        """The country an adjective or demonym points to ("Iraqi" -> IRQ), or None."""
        key = normalise(word)
        if key in self.demonyms:
            return self.demonyms[key]
        countries = {c.place.country for c in self.candidates(key) if c.place.kind == "country"}
        return countries.pop() if len(countries) == 1 else None

    def add(self, name: str, place: Place, alternate: bool = False) -> None:
        """Index a place for this process only (user region files)."""
        key = normalise(name)
        if key and not any(c.place == place for c in self.extra[key]):
            self.extra[key].append(Candidate(place, alternate))
            self._memo.pop(key, None)


def _lesser_namesake(local: list[Candidate], found: list[Candidate]) -> bool:
    """Are the preferred country's places of a name only small towns, with a namesake city elsewhere
    MUCH_BIGGER times the largest of them?"""
    if any(c.place.kind != "city" for c in local):
        return False
    biggest = max(c.place.population for c in local)
    others = max((c.place.population for c in found if c.place.kind == "city" and c not in local), default=0)
    return biggest < SMALL_TOWN and others >= MUCH_BIGGER * max(biggest, 1)


@lru_cache(maxsize=8)
def load_gazetteer(extra_files: tuple[Path, ...] = ()) -> Gazetteer:
    """The gazetteer, once per process: the on-disk index (built on first use), plus user region files.

    Opening the cached index takes milliseconds; see benchmarks/bench_geo.py.
    """
    index = open_or_build(index_key(), write_index)
    features = load_yaml(FEATURES_FILE)
    gaz = Gazetteer(index, index.meta("demonyms"), index.meta("iso2to3"), index.meta("country_names"),  # type: ignore[arg-type]
                    features)
    for path in extra_files:
        add_regions(gaz, path)
    return gaz
