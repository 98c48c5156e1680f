"""The coder's function words (data/grammar.yaml): support and causative verbs, intent and denial predicates, modals."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from eventwire.datafiles import load_yaml

GRAMMAR_FILE = Path(__file__).resolve().parent / "data" / "grammar.yaml"


@dataclass(frozen=True)
class Grammar:
    support_verbs: frozenset[str]
    happening_verbs: frozenset[str]
    causative_verbs: frozenset[str]
    intent_predicates: frozenset[str]
    denial_predicates: frozenset[str]
    future_words: frozenset[str]
    hypothetical_modals: frozenset[str]
    conditional_markers: frozenset[str]
    negation_words: frozenset[str]
    embedding_types: frozenset[str]
    target_preps: tuple[str, ...]
    speech_verbs: frozenset[str]
    obligation_modals: frozenset[str]
    implicit_police_codes: tuple[str, ...]
    entity_classes: dict[str, str]
    concrete_classes: frozenset[str]
    cause_preps: frozenset[str]
    relative_pronouns: frozenset[str]
    subject_pronouns: frozenset[str]
    object_pronouns: dict[str, tuple[str, ...]]
    recipient_head_only_types: frozenset[str]
    place_not_target_types: frozenset[str]
    comment_verbs: frozenset[str]

    @property
    def function_verbs(self) -> frozenset[str]:
        """Verbs that say how an event is told, not what happened: never an event through WordNet."""
        return self.support_verbs | self.happening_verbs | self.speech_verbs | self.intent_predicates | self.causative_verbs


@functools.lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    raw = load_yaml(GRAMMAR_FILE)
    missing = [k for k in Grammar.__dataclass_fields__ if k not in raw]
    if missing:
        raise ValueError(f"{GRAMMAR_FILE.name}: missing key(s) {missing}")
    return Grammar(**{k: ({str(a): str(b) for a, b in raw[k].items()} if k == "entity_classes" else
                          {str(a): tuple(str(w) for w in b) for a, b in raw[k].items()} if k == "object_pronouns" else
                          tuple(str(w) for w in raw[k]) if k in ("target_preps", "implicit_police_codes") else
                          frozenset(str(w).upper() for w in raw[k]) if k.endswith("_types") else  # PLOVER names
                          frozenset(str(w).lower() for w in raw[k]))
                      for k in Grammar.__dataclass_fields__})
