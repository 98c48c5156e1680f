"""The cue lexicon: which words introduce speech, thought and sources.

The knowledge lives in `data/cues.yaml` (readable, extendable); this module
only loads it once per process and answers membership questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwire.datafiles import load_yaml

DATA = Path(__file__).resolve().parent / "data" / "cues.yaml"
KEYS = ("speech", "cognition", "directive", "evidence", "object_content", "prep_content", "naming", "speech_nouns",
        "according", "channels")


@dataclass(frozen=True)
class CueLexicon:
    """Lemma sets by role; `channels` and `according` are lower-case phrases."""

    speech: frozenset[str]
    cognition: frozenset[str]
    directive: frozenset[str]
    evidence: frozenset[str]
    object_content: frozenset[str]
    prep_content: frozenset[tuple[str, str]]
    prep_verbs: frozenset[str]  # the verbs of prep_content, for a quick first test
    naming: frozenset[str]
    speech_nouns: frozenset[str]
    according: tuple[str, ...]
    channels: tuple[str, ...]

    def is_cue_verb(self, lemma: str) -> bool:
        """A verb that can introduce reported speech or thought."""
        return lemma in self.speech or lemma in self.cognition or lemma in self.evidence

    def is_channel(self, phrase: str) -> bool:
        """Does a noun phrase name a channel (agency, state media) rather than a speaker?"""
        low = " " + " ".join(phrase.lower().split()) + " "
        return any(f" {c} " in low for c in self.channels)


def _pair(phrase: str) -> tuple[str, str]:
    """"call for" -> ("call", "for"): a verb lemma and the preposition whose object it reports."""
    verb, _, prep = phrase.partition(" ")
    if not prep or " " in prep:
        raise ValueError(f"prep_content entries are 'verb preposition', got {phrase!r}")
    return verb, prep


@lru_cache(maxsize=8)
def load_cues(extra: tuple[Path, ...] = ()) -> CueLexicon:
    """The built-in lexicon merged with any extra YAML files of the same shape."""
    merged: dict[str, list[str]] = {key: [] for key in KEYS}
    for path in (DATA, *extra):
        data = load_yaml(path) or {}
        unknown = set(data) - set(KEYS)
        if unknown:
            raise ValueError(f"{path}: unknown cue keys {sorted(unknown)}")
        for key in KEYS:
            merged[key].extend(str(v).strip().lower() for v in data.get(key) or [])
    return CueLexicon(
        speech=frozenset(merged["speech"]),
        cognition=frozenset(merged["cognition"]),
        directive=frozenset(merged["directive"]),
        evidence=frozenset(merged["evidence"]),
        object_content=frozenset(merged["object_content"]),
        prep_content=frozenset(_pair(v) for v in merged["prep_content"]),
        prep_verbs=frozenset(_pair(v)[0] for v in merged["prep_content"]),
        naming=frozenset(merged["naming"]),
        speech_nouns=frozenset(merged["speech_nouns"]),
        according=tuple(dict.fromkeys(merged["according"])),
        channels=tuple(sorted(set(merged["channels"]), key=len, reverse=True)),
    )
