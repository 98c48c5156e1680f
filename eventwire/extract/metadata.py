"""Page metadata shared by the HTML and page-text paths: title, dateline, byline, captions.

The phrase lists live in data/furniture.yaml so users can read and extend
them; this module only applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from eventwire.datafiles import load_yaml_text
from eventwire.records import Dateline

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
_WORD = re.compile(r"\w+")
# "HONG KONG:", "WASHINGTON (Reuters) —", "SPRINGFIELD, Ill. —", "LONDON, Nov 20 (Reuters) -"
_UPPER = "A-ZÀ-ÖØ-Þ"
_DATELINE = re.compile(
    rf"^(?P<place>[{_UPPER}][{_UPPER}.'’\-]+(?:\s[{_UPPER}][{_UPPER}.'’\-]+){{0,3}})"
    r"(?P<region>,\s*[A-Z][A-Za-z.]{1,14}(?:\s[A-Z][A-Za-z.]{1,14})?)?"
    r"(?:,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,\s*\d{4})?)?"
    r"\s*(?P<agency>\([^)\n]{2,40}\))?"
    r"\s*(?:—|–|--|-|:)\s*"
)
_TRAILING_DATELINE = re.compile(
    rf"(?:—|–|-|\|)\s*(?P<place>[{_UPPER}][{_UPPER}.'’\-]+(?:\s[{_UPPER}][{_UPPER}.'’\-]+){{0,3}})"
    r"(?P<region>,\s*[A-Z][A-Za-z.]{1,14})?\s*:?\s*$"
)
_BYLINE = re.compile(
    r"^\s*(?:written\s+|words\s+|reporting\s+|reported\s+|story\s+|text\s+)?by[:\s]\s*(?P<names>\S.*)$", re.I)
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]+(?:\s(?:(?:de|da|dos|del|van|von|der|bin|al|el|la|le)\s)?[A-ZÀ-ÖØ-Þ][\w'’.\-]+){1,3}"
_PLAIN_BYLINE = re.compile(
    rf"^(?P<names>{_NAME}(?:\s(?:and|&|und|et|y|e)\s{_NAME})?)"
    r"(?:\s*(?:\||,|—|–|-)\s*(?P<role>[^|]{3,60})|\s+in\s+(?P<place>[A-ZÀ-ÖØ-Þ][\w'’\-]+(?:\s[A-ZÀ-ÖØ-Þ][\w'’\-]+){0,2}))$")
_BYLINE_END = re.compile(r"\s*(?:\||;|•|·|\s-\s|\s—\s|\bupdated\b|\bpublished\b|\bon\s+(?=[A-Z][a-z]+\s+\d)|\d{1,2}[:/]\d).*$",
                         re.I)


@dataclass(frozen=True)
class Phrases:
    """Compiled phrase lists of data/furniture.yaml."""

    short: re.Pattern[str]
    always: re.Pattern[str]
    captions: re.Pattern[str]
    story_end: re.Pattern[str]
    asides: re.Pattern[str]
    not_places: frozenset[str]
    byline_roles: frozenset[str]
    not_byline_places: frozenset[str]
    agencies: frozenset[str]


@lru_cache(maxsize=1)
def phrases() -> Phrases:
    """The furniture, caption and not-a-place phrases, loaded once per process."""
    text = resources.files("eventwire.extract").joinpath("data/furniture.yaml").read_text(encoding="utf-8")
    data = load_yaml_text(text) or {}

    def union(key: str) -> re.Pattern[str]:
        """One regex for a list, matched against the lower-cased line (faster than re.IGNORECASE).

        Patterns that start with \\b share one leading \\b: the engine then tries the
        alternatives only at word starts, several times faster on long lines.
        """
        patterns = [str(p) for p in data.get(key) or []]
        at_word = [p[2:] for p in patterns if p.startswith("\\b")]
        others = [p for p in patterns if not p.startswith("\\b")]
        parts = [f"(?:{p})" for p in others]
        if at_word:
            parts.insert(0, "\\b(?:" + "|".join(f"(?:{p})" for p in at_word) + ")")
        return re.compile("|".join(parts) or "(?!)")

    return Phrases(short=union("short"), always=union("always"), captions=union("captions"),
                   story_end=union("story_end"), asides=union("asides"),
                   not_places=frozenset(str(p).upper() for p in data.get("not_places") or ()),
                   byline_roles=frozenset(str(p).lower() for p in data.get("byline_roles") or ()),
                   not_byline_places=frozenset(str(p).lower() for p in data.get("not_byline_places") or ()),
                   agencies=frozenset(str(p).lower() for p in data.get("agencies") or ()))


def clean_title(title: str | None, page_lines: list[str] | tuple[str, ...] = ()) -> str | None:
    """The headline without the site name: "Headline | Site", "Site - Headline", "Section | Headline - Site".

    When the page also prints the headline on a line of its own (the h1), that
    line is the title; otherwise the longest part between separators.
    """
    if not title:
        return None
    title = " ".join(title.split())
    for line in page_lines:
        line = " ".join(line.split())
        if line != title and len(_WORD.findall(line)) >= 3 and line in title and len(line) >= len(title) / 3:
            return line
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    best_at = max(range(len(parts)), key=lambda k: len(parts[k]))
    best = parts[best_at]
    # "Headline - Subtitle" with both long is one headline with a dash, not a site name
    others = [p for k, p in enumerate(parts) if k != best_at]
    if all(len(_WORD.findall(p)) <= 5 for p in others):
        return best
    return title


@dataclass(frozen=True)
class Regions:
    """data/regions.yaml: region abbreviations and names → (name, country), name particles."""

    by_key: dict[str, tuple[str, str]]
    particles: frozenset[str]


def _region_key(text: str) -> str:
    return " ".join(text.replace(".", "").lower().split())


@lru_cache(maxsize=1)
def regions() -> Regions:
    """The dateline regions, loaded once per process."""
    text = resources.files("eventwire.extract").joinpath("data/regions.yaml").read_text(encoding="utf-8")
    data = load_yaml_text(text) or {}
    by_key: dict[str, tuple[str, str]] = {}
    for country, names in (data.get("regions") or {}).items():
        for name, forms in (names or {}).items():
            for form in [name, *(forms or [])]:
                by_key.setdefault(_region_key(str(form)), (str(name), str(country)))
    return Regions(by_key=by_key, particles=frozenset(str(p).lower() for p in data.get("particles") or ()))


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of a country name ("Nigeria" → "NGA"), or None. Codes are not names."""
    if len(name) <= 3:
        return None
    import pycountry  # lazily: only datelines naming a country need it

    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def _place_name(text: str) -> str:
    """"HONG KONG" → "Hong Kong", "BRASÍLIA" → "Brasília", "PORT-AU-PRINCE" → "Port-au-Prince"."""
    city = text.split(",")[0].strip()
    if not city.isupper():
        return city
    particles = regions().particles
    out: list[str] = []
    for i, word in enumerate(city.split()):
        parts = word.split("-")
        out.append("-".join(
            part.lower() if (i or k) and part.lower() in particles else part.capitalize()
            for k, part in enumerate(parts)))
    return " ".join(out)


def _dateline(place: str, region: str | None) -> Dateline:
    """The dateline of a city as printed and the region after it: "SPRINGFIELD", "Ill." →
    text "SPRINGFIELD", place "Springfield, Illinois", country "USA"."""
    city = _place_name(place)
    if region:
        region = region.strip(" ,")
        known = regions().by_key.get(_region_key(region))
        if known is not None:
            return Dateline(text=place, place=f"{city}, {known[0]}", country=known[1])
        country = country_code(region)
        if country is not None:
            return Dateline(text=place, place=f"{city}, {region}", country=country)
    return Dateline(text=place, place=city, country=country_code(city))


def leading_dateline(paragraph: str) -> tuple[Dateline, int] | None:
    """A dateline opening a paragraph, and where the story text after it begins."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip(" .-'’")
    if sum(c.isalpha() for c in place) < 3 or place.upper() in phrases().not_places:
        return None
    rest = paragraph[match.end():]
    if not rest or not (rest[0].isupper() or rest[0] in "\"“‘'" or rest[0].isdigit()):
        return None
    # the dateline text is the city as printed; a region after it ("SPRINGFIELD, Ill.") goes to place and country
    return _dateline(place, match.group("region")), match.end()


def trailing_dateline(line: str) -> Dateline | None:
    """A dateline at the end of a timestamp line ("... IST - HONG KONG:")."""
    match = _TRAILING_DATELINE.search(line)
    if not match:
        return None
    place = match.group("place").strip()
    if place.split(",")[0].strip().upper() in phrases().not_places or sum(c.isalpha() for c in place) < 3:
        return None
    if place.split(",")[0].strip().upper() in {"AM", "PM", "A.M.", "P.M."} or place in zone_words():
        return None
    return _dateline(place, match.group("region"))


@lru_cache(maxsize=1)
def zone_words() -> frozenset[str]:
    """Zone abbreviations are not places ("... 08:18 pm - IST")."""
    from eventwire.extract.timestamps import zone_table

    return frozenset(zone_table())


def byline_of(line: str) -> str | None:
    """The names of a byline line ("By Jane Doe | Updated ..." → "Jane Doe"), or None."""
    match = _BYLINE.match(line)
    if not match:
        return None
    names = _BYLINE_END.sub("", match.group("names")).strip(" ,.-–—")
    words = _WORD.findall(names)
    if not words or len(words) > 12 or not names[:1].isupper():
        return None
    return names


def plain_byline(line: str) -> str | None:
    """The names of a byline printed without "By": "Liam Carter | Pacific correspondent",
    "Jane Doe, Senior Reporter" (a role word of data/furniture.yaml after the name) or
    "Abdi Warsame in Mogadishu". Only asked of lines just above the story."""
    match = _PLAIN_BYLINE.match(line.strip())
    if not match:
        return None
    names = match.group("names")
    if match.group("role") is not None:
        role_words = {w.lower() for w in _WORD.findall(match.group("role"))}
        if not role_words & phrases().byline_roles:
            return None
    elif match.group("place").lower() in phrases().not_byline_places:
        return None
    return names


def author_names(author: str | None, site: str | None = None) -> str | None:
    """The people of an author field ("Paul Takahashi; Staff writer" → "Paul Takahashi"), or None.

    Parts that are the site's own name, a news agency, a role ("Staff writer",
    "CNN Editor-at-large") or an abbreviation are no names; a role after a
    two-word name is cut off ("Tom Gillespie News reporter" → "Tom Gillespie").
    """
    if not author:
        return None
    p = phrases()
    site_key = " ".join(_WORD.findall((site or "").lower()))
    names: list[str] = []
    for part in re.split(r"\s*[;\n]\s*", author):
        part = re.sub(r"^(?:analysis\s+|opinion\s+|words\s+)?by\s+", "", part.strip(" ,"), flags=re.I)
        words = part.split()
        for k in range(1, len(words)):  # "ERIC TUCKER Associated Press"
            if " ".join(words[k:]).lower() in p.agencies:
                words = words[:k]
                break
        key_words = [w.lower() for w in _WORD.findall(" ".join(words))]
        key = " ".join(key_words)
        if not key or key in p.agencies or (site_key and (key in site_key or site_key in key)):
            continue
        if len(words) == 1 and words[0].isupper() and len(words[0]) <= 4:
            continue
        role = next((k for k, w in enumerate(words) if w.lower().strip(",.") in p.byline_roles
                     or any(t in p.byline_roles for t in _WORD.findall(w.lower()))), None)
        if role is not None:
            if role < 3 or words[0].isupper() and len(words[0]) <= 3:
                continue
            words = words[:2]
        names.append(" ".join(words))
    return "; ".join(dict.fromkeys(names)) or None


def is_caption(line: str) -> bool:
    """A photo caption or credit line ("In this image ...", "Photo: ...", "Credit... AFP")."""
    return bool(phrases().captions.search(line.lower()))


def is_story_end(line: str, words: int) -> bool:
    """A short heading after which the page stops telling the story (comments, related links)."""
    return words <= 6 and bool(phrases().story_end.search(line.lower()))


def is_aside(line: str, words: int) -> bool:
    """A short heading of a box pages also set inside a story ("Related", "Read also")."""
    return words <= 6 and bool(phrases().asides.search(line.lower()))


def always_furniture(line: str) -> bool:
    """A line with a site-wide notice (©, cookies, "sign in to ..."): never article text."""
    return bool(phrases().always.search(line.lower()))


def is_furniture(line: str, words: int) -> bool:
    """Site furniture: any line with an `always` phrase, a short line with a `short` phrase."""
    p = phrases()
    lower = line.lower()
    if p.always.search(lower):
        return True
    return words <= 12 and bool(p.short.search(lower))
