"""The coder's function words (data/grammar.yaml): support and causative verbs, intent and denial predicates, modals."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

GRAMMAR_FILE = Path(__file__).resolve().parent / "data" / "grammar.yaml"


@dataclass(frozen=True)
class Grammar:
    support_verbs: frozenset[str]
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


@functools.lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    raw = yaml.safe_load(GRAMMAR_FILE.read_text(encoding="utf-8"))
    missing = [k for k in Grammar.__dataclass_fields__ if k not in raw]
    if missing:
        raise ValueError(f"{GRAMMAR_FILE.name}: missing key(s) {missing}")
    return Grammar(**{k: (tuple(raw[k]) if k == "target_preps" else
                          frozenset(str(w).upper() for w in raw[k]) if k == "embedding_types" else  # PLOVER names
                          frozenset(str(w).lower() for w in raw[k]))
                      for k in Grammar.__dataclass_fields__})
