"""Where: an offline gazetteer, place mentions and dateline-aware event locations."""

from eventwire.geo.locate import locate_events
from eventwire.geo.places import find_places

__all__ = ["find_places", "locate_events"]
