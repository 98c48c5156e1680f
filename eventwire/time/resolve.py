"""Turning a date expression into a calendar date, relative to publication.

No library resolves news-style relative dates the way a reader does: "on
Friday" in a Friday story is that very day and in a Monday story the Friday
before; "in March" in a January story is last March unless the event is still
to come. The rules here are the reader's.

Values are always full ISO dates (the first day of the period for week, month
and year precision, weeks starting on Monday) so a database can cast them to
DATE; `precision` says how much of the date is meant.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from eventwire.time.expressions import DateExpr


def reference_date(published: str | None) -> date | None:
    """The local calendar day of publication: the day in the publisher's own timezone."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(published.strip()[:10])
        except ValueError:
            return None


def resolve(expr: DateExpr, ref: date | None, future: bool = False) -> tuple[date, str] | None:
    """(date, precision) for `expr`, or None when it cannot be placed.

    `future` says the event is still to come (modality), so bare weekdays and
    months point forward instead of back.
    """
    if expr.kind == "absolute":
        return _absolute(expr, ref, future)
    if ref is None:
        return None
    if expr.kind == "relday":
        return ref + timedelta(days=expr.offset), "day"
    if expr.kind == "weekday":
        return _weekday(expr, ref, future), "day"
    if expr.kind == "ago":
        return _shift(ref, expr.unit or "day", expr.offset)
    if expr.kind == "period":
        return _period(ref, expr.unit or "week", expr.offset)
    return None


def _weekday(expr: DateExpr, ref: date, future: bool) -> date:
    wd = expr.weekday if expr.weekday is not None else ref.weekday()
    back = (ref.weekday() - wd) % 7
    ahead = (wd - ref.weekday()) % 7
    if expr.modifier == "last":
        return ref - timedelta(days=back or 7)
    if expr.modifier == "next":
        return ref + timedelta(days=ahead or 7)
    if expr.modifier == "this":
        # "this Friday": the one in the current week, before or after today
        return ref - timedelta(days=ref.weekday()) + timedelta(days=wd)
    if future and ahead:
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def _shift(ref: date, unit: str, n: int) -> tuple[date, str]:
    if unit == "day":
        return ref + timedelta(days=n), "day"
    if unit == "week":
        day = ref + timedelta(weeks=n)
        return day - timedelta(days=day.weekday()), "week"
    if unit == "month":
        y, m = divmod(ref.year * 12 + ref.month - 1 + n, 12)
        return date(y, m + 1, 1), "month"
    return date(ref.year + n, 1, 1), "year"


def _period(ref: date, unit: str, offset: int) -> tuple[date, str]:
    if unit == "day":
        return ref + timedelta(days=offset), "day"
    return _shift(ref, unit, offset)


def _absolute(expr: DateExpr, ref: date | None, future: bool) -> tuple[date, str] | None:
    year, month, day = expr.year, expr.month, expr.day
    if year is None and month is None:
        return None
    if month is None:
        return date(year, 1, 1), "year"  # type: ignore[arg-type]
    if year is None:
        if ref is None:
            return None
        year = _year_for(month, day, ref, future, expr.modifier)
    if day is None:
        return date(year, month, 1), "month"
    last = calendar.monthrange(year, month)[1]
    if day > last:
        return None
    return date(year, month, day), "day"


def _year_for(month: int, day: int | None, ref: date, future: bool, modifier: str | None) -> int:
    """The year of a month (and day) named without one: the nearest in the event's direction."""
    if modifier == "last":
        return ref.year - 1 if (month, day or 1) >= (ref.month, ref.day) or month == ref.month else ref.year
    if modifier == "next":
        return ref.year + 1 if (month, day or 1) <= (ref.month, ref.day) else ref.year
    if modifier == "this":
        return ref.year
    later = (month, day or 1) > (ref.month, ref.day if day else 1)
    if future:
        return ref.year + 1 if (month, day or 31) < (ref.month, ref.day) else ref.year
    return ref.year - 1 if later else ref.year
