"""Events: lexicon (data), coder over the dependency parse, modality, CAMEO/PLOVER tables."""

from eventwire.events.coder import EventCoder, make

__all__ = ["EventCoder", "make"]
