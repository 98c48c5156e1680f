"""When: the date each event happened, resolved against the publication date."""

from collections.abc import Callable

from eventwire.config import Settings
from eventwire.time.dates import date_events


def make(settings: Settings) -> Callable[..., list]:
    """The time stage: `date_events` (its words are one built-in data file, read once per process; no setting
    changes them)."""
    return date_events


__all__ = ["date_events", "make"]
