"""Modality of an event from the parse: negated, intended, hypothetical, future.

Never dropped silently: every coded event carries its modality, and the coder
re-types only what PLOVER says to re-type (an intended AID is an AGREE).
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.grammar import Grammar
from eventwire.records import Modality

# Relations through which a predicate inherits the intention of the one governing it.
_COMPLEMENT = {"xcomp", "ccomp", "acomp", "pcomp", "prep", "dobj", "acl", "attr", "oprd", "advcl"}


def _negated(token: Token, grammar: Grammar) -> bool:
    """`not`/`never` on the predicate, or `no` before the event noun ("no talks")."""
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("advmod", "det", "preconj") and child.lower_ in grammar.negation_words:
            return True
    return False


def _modals(token: Token) -> list[str]:
    return [c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"] + \
        [c.lower_ for c in token.children if c.dep_ == "aux" and c.lower_ in ("'ll", "going")]


def modality_of(anchor: Token, light: Token | None, intended_entry: bool, grammar: Grammar) -> Modality:
    """Modality of the event whose predicate is `anchor` (and event noun `light`, if any)."""
    negated = _negated(anchor, grammar) or (light is not None and _negated(light, grammar))
    # "without warning": the event did not take place
    if anchor.dep_ in ("pcomp", "pobj") and anchor.head.lower_ == "without":
        negated = True
    modals = _modals(anchor)
    future = any(m in grammar.future_words for m in modals)
    hypothetical = False
    for m in modals:
        if m == "would":
            # "said they would blockade": future seen from the past; elsewhere a hypothetical
            if anchor.dep_ == "ccomp":
                future = True
            else:
                hypothetical = True
        elif m in grammar.hypothetical_modals:
            hypothetical = True
    intended = intended_entry
    # climb the complement chain: "willing to provide", "offered to mediate", "is going to attack"
    node = anchor
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in grammar.conditional_markers for c in node.children):
            hypothetical = True
        if node.dep_ not in _COMPLEMENT or node.head.i == node.i:
            break
        head = node.head
        # a past participle is no intention: "a term it uses to mean killed"
        done = node.i == anchor.i and node.tag_ in ("VBN", "VBD") and not any(c.dep_ == "aux" and c.lower_ == "to"
                                                                          for c in node.children)
        if not done and (head.lemma_.lower() in grammar.intent_predicates or head.lower_ in grammar.intent_predicates):
            intended = True
            negated = negated or _negated(head, grammar)
            future = future or any(m in grammar.future_words for m in _modals(head))
            break
        if node.dep_ in ("xcomp",) and _negated(head, grammar):
            negated = True
        node = head
    return Modality(negated=negated, intended=intended, hypothetical=hypothetical, future=future)
