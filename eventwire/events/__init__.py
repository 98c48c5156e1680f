"""Events: lexicon (data), coder over the dependency parse, modality, CAMEO/PLOVER tables."""

from eventwire.events.coder import code_events

__all__ = ["code_events"]
