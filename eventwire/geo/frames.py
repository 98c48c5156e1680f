"""The syntax of place: which parse paths tie a place name to an event or an actor.

Helpers of `locate.py`: a place is tied to an event when the walk up the parse from the name reaches
the event's trigger through one locative preposition ("clashes in Almaty"), through a frame that names
the kind of place ("the town of Samarra", "the streets of Moscow"), or as the object the event acts on
("captured the town of X"). Every helper reads the parse only, and the prepositions and place nouns
from the stage's `GeoResources`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.geo.resources import GeoResources
from eventwire.records import PlaceMention

MAX_PATH = 10
OTHER_PREDICATE_DEPS = {"conj", "ccomp", "parataxis"}  # clauses under the event that are events of their own


def is_locative(doc: Doc, place: PlaceMention, geo: GeoResources, preps: frozenset[str] | None = None) -> bool:
    """Is the mention used as a place ("in Almaty", "the city of Zhanaozen"), not as an actor ("Beijing said")?"""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    tok = of_frame(span.root, geo)
    return tok.dep_ == "pobj" and tok.head.lower_ in (preps or geo.locative_preps)


def of_frame(tok: Token, geo: GeoResources) -> Token:
    """The noun a place is "of" when that noun is a place or a part of one ("the town of X", "the southern
    part of X", "the streets of X", "a square of X"): the phrase whose preposition says where; else the
    place itself."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        noun = tok.head.head
        if geo.location_noun(noun) or (noun.pos_ == "NOUN" and noun.dep_ == "pobj"):
            return noun
    return tok


def attached(tok: Token, trigger_ids: set[int], anchor: Token, place: PlaceMention, geo: GeoResources) -> bool:
    """Walk up from the place: the first preposition must be locative, and the walk must reach the
    trigger (or its clause's verb) without entering another clause."""
    locative = geo.locative_preps
    weak = geo.weak_preps
    if place.precision != "country" and object_of(tok, trigger_ids, anchor, geo):
        return True  # "captured the town of Kafr Rouma", "stormed Ja'ouneh Street": the object is the place
    prep: str | None = None
    for _ in range(MAX_PATH):
        head = tok.head
        if head.i == tok.i or tok.dep_ == "poss":  # "Kazakhstan's president": an actor, not a place
            return False
        if head.i in trigger_ids or head.i == anchor.i:
            return prep is not None
        if head.dep_ == "prep" or head.pos_ == "ADP":
            word = head.lower_
            if prep is None:
                if word == "of" and head.head.lower_ in ("out", "outside"):
                    prep = "out of"
                elif word == "of" and of_frame(tok, geo).i != tok.i:
                    pass  # "the town of Samarra", "the streets of Moscow": keep climbing to the noun's preposition
                elif word in locative and not (word in weak and place.precision == "country"):
                    prep = word
                else:
                    return False
        elif head.pos_ in ("VERB", "AUX"):
            # a verb coordinated with the trigger shares its place ("shot and wounded ... in Ramallah");
            # any other clause's verb keeps the place to itself
            return prep is not None and coordinated(head, anchor)
        tok = head
    return False


def object_of(tok: Token, trigger_ids: set[int], anchor: Token, geo: GeoResources) -> bool:
    """Is the place (or the feature noun that names it: "the town of X", "X district") the trigger's
    direct object? A sub-national place an event acts on is where it happened; a country so named is
    an actor ("warned Syria") and is left to the actor rules."""
    node = tok
    if node.dep_ == "pobj" and node.head.lower_ == "of" and geo.location_noun(node.head.head):
        node = node.head.head
    elif node.dep_ == "compound" and geo.location_noun(node.head):
        node = node.head
    return node.dep_ in ("dobj", "obj") and (node.head.i in trigger_ids or node.head.i == anchor.i)


def coordinated(verb: Token, anchor: Token) -> bool:
    """Two verbs of one predicate with one subject ("attacked and razed", "shot and wounded"); not two
    clauses each with its own ("thousands live in Bayan-Olgii, and Tokayev thanked the government")."""
    if verb.dep_ == "conj" and verb.head.i == anchor.i:
        return not own_subject(verb)
    if anchor.dep_ == "conj" and anchor.head.i == verb.i:
        return not own_subject(anchor)
    return verb.dep_ == anchor.dep_ == "conj" and verb.head.i == anchor.head.i \
        and not own_subject(verb) and not own_subject(anchor)


def own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def reaches(tok: Token, ids: set[int], preps: frozenset[str]) -> bool:
    """From a place up to an actor's words: through one locative preposition, over participles that
    describe the actor ("operating in"), never through another clause's verb."""
    prep = None
    for _ in range(MAX_PATH):
        head = tok.head
        if head.i == tok.i:
            return False
        if head.i in ids:
            return prep is not None
        if head.dep_ == "prep" or head.pos_ == "ADP":
            if prep is None and head.lower_ not in preps:
                return False
            prep = prep or head.lower_
        elif head.pos_ in ("VERB", "AUX"):
            if head.tag_ in ("VBG", "VBN") and any(c.i in ids and c.dep_ == "nsubj" for c in head.children):
                return prep is not None  # "the Red Cross operating in Iraq" parsed as a small clause
            if head.dep_ != "acl":
                return False
        tok = head
    return False


def in_other_predicate(tok: Token, anchor: Token) -> bool:
    """Does the place hang under the event through a predicate of its own — a coordinated verb ("was shot,
    but managed to walk to X"), reported speech, a parenthetical clause — rather than through the event's
    circumstances ("killed ... as they headed to prayers in X")?"""
    for _ in range(MAX_PATH):
        if tok.i == anchor.i or tok.head.i == tok.i:
            return False
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in OTHER_PREDICATE_DEPS and dominates(anchor, tok):
            return True
        tok = tok.head
    return False


def dominates(top: Token, tok: Token) -> bool:
    return top.left_edge.i <= tok.i <= top.right_edge.i and any(a.i == top.i for a in tok.ancestors)
