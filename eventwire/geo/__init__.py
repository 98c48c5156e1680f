"""Where: an offline gazetteer, place mentions and dateline-aware event locations."""

from eventwire.geo.locate import find_places, locate_events

__all__ = ["find_places", "locate_events"]
