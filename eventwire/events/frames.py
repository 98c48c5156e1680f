"""Argument frames: the kind of thing an entry's object must be ("released prisoners", not "released a video").

A lexicon entry may name the classes its object (the direct object, or the
subject of a passive) may belong to, as WordNet's lexicographer files name
them without the `noun.` prefix (`person`, `group`, `location`, `artifact`,
`communication`, ...), or `none` for a verb that takes no object in that sense
("returned to Kabul" is a visit, "returned the territory" is not). The class of
an object comes from its named-entity label (grammar.yaml `entity_classes`)
or else from the WordNet class of its most frequent sense. An object whose
class is unknown (a pronoun, a number, a word WordNet lacks) never blocks an
entry: frames only rule out what is known not to fit.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.grammar import Grammar
from eventwire.events.lexicon import Entry
from eventwire.events.backoff import Backoff


def frame_object(verb: Token) -> Token | None:
    """The verb's direct object, or the subject of its passive."""
    for child in verb.children:
        if child.dep_ == "dobj":
            return child
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    return None


def argument_class(noun: Token, backoff: Backoff | None, grammar: Grammar) -> str | None:
    """What kind of thing `noun` is (`person`, `group`, `communication`, ...), or None when unknown."""
    if noun.pos_ in ("PRON", "NUM", "DET") or noun.like_num:
        return None
    if noun.ent_type_:
        return grammar.entity_classes.get(noun.ent_type_)
    if noun.pos_ == "PROPN" or backoff is None:
        return None
    found = backoff.noun_class(noun.lemma_.lower()) or backoff.noun_class(noun.lower_)
    return found.removeprefix("noun.") if found else None


def frame_allows(entry: Entry, verb: Token, backoff: Backoff | None, grammar: Grammar) -> bool:
    """Whether the verb's object fits the entry's frame (always, for an entry without one)."""
    if not entry.object:
        return True
    obj = frame_object(verb)
    if obj is None:
        return True
    if entry.object == ("none",):
        return False
    kind = argument_class(obj, backoff, grammar)
    return kind is None or kind in entry.object
