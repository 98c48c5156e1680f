"""Publication timestamps as pages print them, to ISO 8601 with the right UTC offset.

"January 07, 2022 08:18 pm | Updated 08:18 pm IST" → "2022-01-07T20:18:00+05:30".
Named zones come from data/timezones.yaml (fixed offsets, or IANA zones for
abbreviations such as "ET" whose offset depends on daylight saving); numeric
offsets ("+0530", "GMT+8", "UTC-05:00") are read as they stand. Without a
time the value is the date alone; with a time but no zone, a local time
without offset (we do not guess a zone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from eventwire.datafiles import load_yaml_text

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = [
    re.compile(r"\b" + _YEAR + r"-(?P<mnum>\d\d)-(?P<day>\d\d)(?=\b|T)", re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)" + _YEAR + r"\b"),
]
_TIME = re.compile(
    r"(?<![\d:])(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))(?::(?P<second>[0-5]\d))?(?:\.\d+)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
    r"|(?<![\d:])(?P<hour12>1[0-2]|0?[1-9])\s*(?P<ampm12>[ap]\.?\s?m\b\.?)",
    re.I,
)
_OFFSET = re.compile(r"(?:\b(?:UTC|GMT)\s*)?(?P<sign>[+-−])(?P<oh>\d{1,2})(?::?(?P<om>\d\d))?\b")
_ZONE_WORD = re.compile(r"\b[A-Z]{1,5}\b")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved", re.I)


@dataclass(frozen=True)
class Timestamp:
    """A timestamp found in a line: the ISO value and where its date began."""

    value: str
    has_time: bool
    start: int


@lru_cache(maxsize=1)
def zone_table() -> dict[str, str]:
    """Abbreviation → "+HH:MM" or IANA zone name, from data/timezones.yaml."""
    text = resources.files("eventwire.extract").joinpath("data/timezones.yaml").read_text(encoding="utf-8")
    return {str(k).upper(): str(v) for k, v in (load_yaml_text(text) or {}).items()}


def _offset_text(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_offset(zone: str, when: datetime) -> str | None:
    """The UTC offset ("+05:30") a zone abbreviation has at a local time, or None if unknown."""
    meaning = zone_table().get(zone.upper())
    if meaning is None:
        return None
    if meaning[:1] in "+-":
        return meaning
    try:
        delta = when.replace(tzinfo=ZoneInfo(meaning)).utcoffset()
    except ZoneInfoNotFoundError:
        return None
    return _offset_text(int(delta.total_seconds() // 60)) if delta is not None else None


def _date_in(line: str) -> tuple[date, int, int] | None:
    """The first calendar date in a line: (date, start, end)."""
    best: tuple[date, int, int] | None = None
    for form in _DATE_FORMS:
        match = form.search(line)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["year"])
        try:
            if groups.get("month"):
                month = MONTHS[groups["month"].lower()[:3]]
                value = date(year, month, int(groups["day"]))
            elif groups.get("mnum"):
                value = date(year, int(groups["mnum"]), int(groups["day"]))
            else:
                a, b = int(groups["a"]), int(groups["b"])
                # "09.04.2025" and "09-04-2025" are day first (European); "04/09/2025" is US month first
                day_first = groups["sep"] in ".-"
                month, day = (b, a) if day_first else (a, b)
                if month > 12:
                    month, day = day, month
                value = date(year, month, day)
        except (ValueError, KeyError):
            continue
        if best is None or match.start() < best[1]:
            best = (value, match.start(), match.end())
    return best


def _time_after(line: str, start: int) -> tuple[int, int, int, int] | None:
    """(hour, minute, second, end) of the first clock time at or after `start`."""
    for match in _TIME.finditer(line, start, start + 40):
        if match.group("hour12"):
            hour, minute, second, ampm = int(match.group("hour12")), 0, 0, match.group("ampm12")
        else:
            hour, minute = int(match.group("hour")), int(match.group("minute"))
            second, ampm = int(match.group("second") or 0), match.group("ampm")
        # a year-like "20:19" cannot be told from a time; a date's digits are excluded by position
        if ampm:
            pm = ampm.lower().startswith("p")
            if hour > 12:
                continue
            hour = (hour % 12) + (12 if pm else 0)
        return hour, minute, second, match.end()
    return None


def _zone_after(line: str, start: int, when: datetime) -> str | None:
    """The UTC offset given after `start`: a numeric offset or a known zone abbreviation."""
    rest = line[start:start + 40]
    iso = re.match(r"\s*\(?(Z\b|[+-]\d\d:?\d\d\b)", rest)
    if iso:
        token = iso.group(1)
        return "+00:00" if token == "Z" else _offset_text(
            (1 if token[0] == "+" else -1) * (int(token[1:3]) * 60 + int(token[-2:])))
    for word in _ZONE_WORD.finditer(rest):
        if word.group(0) in ("UTC", "GMT"):
            offset = _OFFSET.match(rest, word.start())
            if offset and offset.group("sign"):
                return _numeric(offset)
        found = zone_offset(word.group(0), when)
        if found is not None and word.group(0) != "Z":
            return found
    offset = _OFFSET.search(rest)
    if offset and offset.group("oh") and (offset.group("om") or "UTC" in rest or "GMT" in rest):
        return _numeric(offset)
    return None


def _numeric(match: re.Match[str]) -> str | None:
    hours, minutes = int(match.group("oh")), int(match.group("om") or 0)
    if hours > 14 or minutes >= 60:
        return None
    sign = -1 if match.group("sign") in "-−" else 1
    return _offset_text(sign * (hours * 60 + minutes))


def parse_timestamp(line: str) -> Timestamp | None:
    """The publication time a line states, or None (copyright lines never count)."""
    if _COPYRIGHT.search(line):
        return None
    found = _date_in(line)
    if found is None:
        return None
    day, start, end = found
    clock = _time_after(line, end) or _time_before(line, start)
    if clock is None:
        return Timestamp(value=day.isoformat(), has_time=False, start=start)
    hour, minute, second, clock_end = clock
    when = datetime(day.year, day.month, day.day, hour, minute, second)
    offset = _zone_after(line, clock_end, when)
    value = when.isoformat() + (offset or "")
    return Timestamp(value=value, has_time=True, start=start)


def _time_before(line: str, start: int) -> tuple[int, int, int, int] | None:
    """A clock time printed before the date ("10:43 GMT, 20 Nov 2019")."""
    head = line[:start]
    clock = _time_after(head, 0)
    if clock is None:
        return None
    return clock

