"""Where: place mentions read through the gazetteer, and dateline-aware event locations."""

from eventwire.geo.locate import locate_events
from eventwire.geo.places import find_places
from eventwire.geo.resources import GeoResources
from eventwire.geo.stage import PlaceLocator, make

__all__ = ["GeoResources", "PlaceLocator", "find_places", "locate_events", "make"]
