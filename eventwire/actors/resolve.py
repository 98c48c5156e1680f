"""Mentions to actors.

Built so far: spaCy's named entities, unresolved. Resolution against the
knowledge base, coreference and coded actors have their own issue; until
then `actors` is empty and every entity's `actor_id` is null.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.actors.analysis import ActorAnalysis
from eventwire.article import Article
from eventwire.records import Entity


def resolve_actors(article: Article, doc: Doc) -> ActorAnalysis:
    entities = [Entity(start=e.start_char, end=e.end_char, text=e.text, label=e.label_) for e in doc.ents]
    return ActorAnalysis(entities=entities)
