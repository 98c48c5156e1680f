"""The article's focus country: where a story's unnamed police, protesters and officials belong.

Rule: the country mentioned most often in the body (names, adjectives,
capitals; the dateline is not part of the body), ties broken by the first
mention. Simple and general; actors given this country are marked inferred.
"""

from __future__ import annotations

from collections import Counter

from eventwire.actors.match import Hit


def focus_country(country_hits: list[tuple[Hit, str]]) -> str | None:
    """ISO3 of the most-mentioned country among (hit, iso3) pairs in text order, or None."""
    counts: Counter[str] = Counter(iso3 for _, iso3 in country_hits)
    if not counts:
        return None
    first: dict[str, int] = {}
    for hit, iso3 in country_hits:
        first.setdefault(iso3, hit.start)
    return max(counts, key=lambda c: (counts[c], -first[c]))
