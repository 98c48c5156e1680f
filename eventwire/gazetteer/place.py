"""Places and the keys they are indexed under: what the gazetteer holds, apart from how it is built or read."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# base rank of each kind of place before population and context: a name that is
# a country's is read as the country unless the article says otherwise
KIND_RANK = {"country": 12.0, "region": 10.0, "admin1": 8.5, "city": 2.0, "county": 3.0}
ALTERNATE_PENALTY = 4.0  # a match on an alternate name ranks this much below one on the place's own name


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO 3166 alpha-3
    precision: str  # city | admin1 | country | region
    kind: str  # country | admin1 | city | region | county
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    population: int = 0

    @property
    def rank(self) -> float:
        """Prior plausibility: kind, then population for cities."""
        base = KIND_RANK[self.kind]
        if self.kind == "city":
            return base + 1.5 * math.log10(max(self.population, 10))
        return base


@dataclass(frozen=True)
class Candidate:
    place: Place
    alternate: bool  # matched an alternate name, not the place's own

    @property
    def prior(self) -> float:
        """Plausibility with no context: the place's rank, less ALTERNATE_PENALTY for an alternate name."""
        return self.place.rank - (ALTERNATE_PENALTY if self.alternate else 0.0)


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "-": " ", "‐": " ", "–": " "})
_NOT_NAME = re.compile(r"[^\w' .]")
_INNER_DOT = re.compile(r"\.(?=\w)")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Fold accents and case, unify apostrophes and hyphens: the index key of a name."""
    folded = name if name.isascii() else "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    folded = folded.translate(_APOSTROPHES).lower()
    if not folded.replace(" ", "").replace("'", "").isalnum():
        folded = _INNER_DOT.sub("", _NOT_NAME.sub("", folded))  # "U.S." -> "us."
    if "  " in folded:
        folded = _SPACES.sub(" ", folded)
    return folded.strip(" .'")


def name_keys(name: str, prefixes: list[str]) -> list[str]:
    """Keys to try for a name as written: as is, then without possessive, "the", feature words."""
    key = normalise(name)
    keys = [key]
    if key.endswith("'s"):
        key = key[:-2]
        keys.append(key)
    words = key.split()
    while words and words[0] in prefixes and len(words) > 1:
        words = words[1:]
        keys.append(" ".join(words))
    return keys


def latin(name: str) -> bool:
    return name.isascii() or all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "’‘ʻʼ" for ch in name)
