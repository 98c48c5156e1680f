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
    r"(?:,\s*[A-Z][A-Za-z.]{1,14})?\s*:?\s*$"
)
_BYLINE = re.compile(
    r"^\s*(?:written\s+|words\s+|reporting\s+|reported\s+|story\s+|text\s+)?by[:\s]\s*(?P<names>\S.*)$", re.I)
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


@lru_cache(maxsize=1)
def phrases() -> Phrases:
    """The furniture, caption and not-a-place phrases, loaded once per process."""
    text = resources.files("eventwire.extract").joinpath("data/furniture.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}

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
                   not_places=frozenset(str(p).upper() for p in data.get("not_places") or ()))


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
    best = max(parts, key=len)
    # "Headline - Subtitle" with both long is one headline with a dash, not a site name
    others = [p for p in parts if p is not best]
    if all(len(_WORD.findall(p)) <= 5 for p in others):
        return best
    return title


def _place_name(text: str) -> str:
    """"HONG KONG" → "Hong Kong", "BRASÍLIA" → "Brasília"."""
    city = text.split(",")[0].strip()
    return " ".join(w.capitalize() if w.isupper() else w for w in city.split())


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
    # the dateline is the city as printed; a region after it ("SPRINGFIELD, Ill.") is not kept
    return Dateline(text=place, place=_place_name(place)), match.end()


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
    return Dateline(text=place, place=_place_name(place))


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


def is_caption(line: str) -> bool:
    """A photo caption or credit line ("In this image ...", "Photo: ...", "Credit... AFP")."""
    return bool(phrases().captions.search(line.lower()))


def is_story_end(line: str, words: int) -> bool:
    """A short heading after which the page stops telling the story (comments, related links)."""
    return words <= 6 and bool(phrases().story_end.search(line.lower()))


def is_aside(line: str, words: int) -> bool:
    """A short heading of a box pages also set inside a story ("Related", "Read also")."""
    return words <= 6 and bool(phrases().asides.search(line.lower()))


def is_furniture(line: str, words: int) -> bool:
    """Site furniture: any line with an `always` phrase, a short line with a `short` phrase."""
    p = phrases()
    lower = line.lower()
    if p.always.search(lower):
        return True
    return words <= 12 and bool(p.short.search(lower))
