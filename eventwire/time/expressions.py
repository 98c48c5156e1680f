"""Finding date expressions in text: "on Friday", "two days ago", "Jan. 5, 2022".

Regular expressions built from the word lists in `data/words.yaml`, so they
work on the headline (which has no parse here) as well as on the body. Each
match says what kind of expression it is and its parts; `resolve.py` turns it
into a calendar date. Abbreviations ("Jan.", "Fri.") only count inside
patterns that make them unambiguous ("Jan. 5", "Fri."), so "may" the verb and
"sat" the past tense are never read as dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eventwire.datafiles import load_yaml

WORDS_FILE = Path(__file__).with_name("data") / "words.yaml"


@dataclass(frozen=True)
class DateExpr:
    """One date expression: where it is, what kind, and its parts.

    kind: absolute (year/month/day, any may be None), weekday, relday
    (offset days), ago (n units), period (unit + offset: last week = -1,
    this month = 0).
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int = 0
    unit: str | None = None
    modifier: str | None = None  # last | this | next | None
    parts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Words:
    weekdays: dict[str, int]
    weekdays_full: dict[str, int]
    months: dict[str, int]
    months_full: dict[str, int]
    parts_of_day: list[str]
    numbers: dict[str, int]
    units: list[str]
    relative_days: dict[str, int]


@lru_cache(maxsize=4)
def load_words(path: Path = WORDS_FILE) -> Words:
    """The word lists, read once per process."""
    data = load_yaml(path)
    weekdays = {w: i for i, names in enumerate(data["weekdays"]) for w in names}
    months = {w: i + 1 for i, names in enumerate(data["months"]) for w in names}
    return Words(
        weekdays=weekdays,
        weekdays_full={names[0]: i for i, names in enumerate(data["weekdays"])},
        months=months,
        months_full={names[0]: i + 1 for i, names in enumerate(data["months"])},
        parts_of_day=list(data["parts_of_day"]),
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        units=list(data["units"]),
        relative_days={str(k): int(v) for k, v in data["relative_days"].items()},
    )


def _alt(words: list[str] | dict[str, int]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=4)
def _patterns(path: Path = WORDS_FILE) -> list[tuple[str, re.Pattern[str]]]:
    w = load_words(path)
    month_any = rf"(?P<mon>{_alt(w.months)})(?![a-z])\.?"
    month_full = rf"(?P<mon>{_alt(w.months_full)})(?![a-z])"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>1[89]\d\d|20\d\d)"
    wd_full = _alt(w.weekdays_full)
    wd_abbr = _alt([k for k in w.weekdays if k not in w.weekdays_full])
    part = _alt(w.parts_of_day)
    num = rf"(?P<num>\d+|{_alt(w.numbers)})"
    unit = rf"(?P<unit>{_alt(w.units)})s?"
    month_lead = r"(?:in|last|this|next|early|late|mid-|since|until|by|during|from|before|after)"
    specs = [
        ("iso", rf"\b{year}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("month_day", rf"\b{month_any}\s+{day}\b(?:,?\s+{year}\b)?"),
        ("day_month", rf"\b{day}\s+(?:of\s+)?{month_any}(?:,?\s+{year}\b)?"),
        ("month_year", rf"\b{month_any}\s+{year}\b"),
        ("month", rf"\b(?P<mod>{month_lead})\s*(?:the\s+)?(?:(?:early|late|mid)[- ])?{month_full}\b(?:,?\s+{year}\b)?"),
        ("year", rf"\b(?:in|since|during|by|until|early|late|mid-)\s*{year}\b"),
        ("ago", rf"\b{num}\s+{unit}\s+ago\b"),
        ("period", rf"\b(?:(?P<edge>earlier|later|early|late)\s+)?(?:in\s+)?(?:the\s+)?(?P<mod>this|last|next|past|previous|coming)\s+(?P<unit>{_alt(w.units)})\b"),
        ("weekday", rf"\b(?:(?P<mod>last|this|next|this past|this coming|past|coming)\s+)?(?P<wd>{wd_full})(?:'s)?(?:\s+(?P<part>{part}))?\b"),
        ("weekday_abbr", rf"\b(?P<wd>{wd_abbr})\.(?=\s)"),
        ("partday", rf"\b(?P<mod>last|this)\s+(?P<part>{part})\b"),
        ("relday", rf"\b(?P<rel>{_alt(w.relative_days)})\b"),
    ]
    return [(name, re.compile(rx, re.IGNORECASE)) for name, rx in specs]


def find_expressions(text: str, path: Path = WORDS_FILE) -> list[DateExpr]:
    """All date expressions in `text`, longest first where they overlap, in text order."""
    w = load_words(path)
    found: list[DateExpr] = []
    for name, rx in _patterns(path):
        for m in rx.finditer(text):
            expr = _build(name, m, w)
            if expr is not None:
                found.append(expr)
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[DateExpr] = []
    for expr in sorted(found, key=lambda e: -(e.end - e.start)):
        if all(expr.end <= k.start or expr.start >= k.end for k in kept):
            kept.append(expr)
    return sorted(kept, key=lambda e: e.start)


def _build(name: str, m: re.Match[str], w: Words) -> DateExpr | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    base = {"start": m.start(), "end": m.end(), "text": m.group(0)}
    year = int(g["year"]) if "year" in g else None
    if name == "iso":
        return DateExpr(**base, kind="absolute", year=year, month=int(g["mnum"]), day=int(g["day"]))
    if name in ("month_day", "day_month"):
        d = int(g["day"])
        if not 1 <= d <= 31:
            return None
        return DateExpr(**base, kind="absolute", year=year, month=w.months[g["mon"].lower()], day=d)
    if name == "month_year":
        return DateExpr(**base, kind="absolute", year=year, month=w.months[g["mon"].lower()])
    if name == "month":
        mod = g["mod"].lower()
        return DateExpr(**base, kind="absolute", year=year, month=w.months[g["mon"].lower()],
                        modifier=mod if mod in ("last", "this", "next") else None)
    if name == "year":
        return DateExpr(**base, kind="absolute", year=year)
    if name == "ago":
        raw = g["num"].lower()
        n = int(raw) if raw.isdigit() else w.numbers.get(raw)
        if n is None:
            return None
        return DateExpr(**base, kind="ago", offset=-n, unit=g["unit"].lower())
    if name == "period":
        mod = {"past": "last", "previous": "last", "coming": "next"}.get(g["mod"].lower(), g["mod"].lower())
        offset = {"last": -1, "this": 0, "next": 1}[mod]
        parts = {"edge": g["edge"].lower()} if "edge" in g else {}
        return DateExpr(**base, kind="period", unit=g["unit"].lower(), offset=offset, modifier=mod, parts=parts)
    if name in ("weekday", "weekday_abbr"):
        if name == "weekday_abbr" and not g["wd"][0].isupper():
            return None
        mod = g.get("mod", "").lower().replace("this past", "last").replace("past", "last")
        mod = mod.replace("this coming", "next").replace("coming", "next")
        parts = {"part": g["part"].lower()} if "part" in g else {}
        return DateExpr(**base, kind="weekday", weekday=w.weekdays[g["wd"].lower()], modifier=mod or None, parts=parts)
    if name == "partday":
        offset = -1 if g["mod"].lower() == "last" and g["part"].lower() in ("night", "evening") else 0
        if g["mod"].lower() == "last" and offset == 0:
            return None  # "last morning" is not a date expression
        return DateExpr(**base, kind="relday", offset=offset, parts={"part": g["part"].lower()})
    if name == "relday":
        return DateExpr(**base, kind="relday", offset=w.relative_days[g["rel"].lower()])
    return None
