"""PLOVER context tags from cue words in the event's sentence (data/context.yaml)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from eventwire.datafiles import load_yaml

CONTEXT_FILE = Path(__file__).resolve().parent / "data" / "context.yaml"


@functools.lru_cache(maxsize=1)
def load_context_cues() -> dict[str, re.Pattern[str]]:
    """One regex per context, matching any of its cues as whole words (plural -s allowed)."""
    raw = load_yaml(CONTEXT_FILE)
    cues = {}
    for context, words in raw.items():
        alts = sorted((re.escape(str(w).lower()) for w in words), key=len, reverse=True)
        cues[context] = re.compile(r"\b(?:" + "|".join(alts) + r")(?:s|es)?\b")
    return cues


def contexts_for(sentence: str, extra: tuple[str, ...] = ()) -> list[str]:
    """Contexts cued in `sentence`, plus those the lexicon entry names, in a stable order."""
    text = sentence.lower()
    found = [c for c, pattern in load_context_cues().items() if pattern.search(text)]
    return sorted(set(found) | set(extra))
