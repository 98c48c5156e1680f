"""The offline gazetteer: every place a name may be, read by actors (a name's country) and geo (event places)."""

from eventwire.gazetteer.lookup import Gazetteer, load_gazetteer
from eventwire.gazetteer.place import ALTERNATE_PENALTY, Candidate, Place, normalise

__all__ = ["ALTERNATE_PENALTY", "Candidate", "Gazetteer", "Place", "load_gazetteer", "normalise"]
