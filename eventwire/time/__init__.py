"""When: the date each event happened, resolved against the publication date."""

from eventwire.time.dates import date_events

__all__ = ["date_events"]
