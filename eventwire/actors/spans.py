"""Noun phrases around a mention on the parse: its title and possessor to the left, its apposition to the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

if TYPE_CHECKING:
    from eventwire.actors.resolution import Resolution


def doc_word(state: Resolution, i: int) -> str:
    return state.doc[i].lower_


def left_context(span: Span, limit: int = 10) -> list[int]:
    """Tokens before `span` that belong to its noun phrase (title, possessor, modifiers)."""
    root = span.root
    subtree = {t.i for t in root.subtree}
    if root.dep_ in ("appos", "compound") and root.head.i > span.end - 1:  # "President ... Xi" inside a bigger NP
        subtree |= {t.i for t in root.head.subtree if t.i < span.start}
    out = []
    i = span.start - 1
    while i >= 0 and i in subtree and len(out) < limit:
        token = span.doc[i]
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            break
        out.append(i)
        i -= 1
    return out[::-1]


def right_context(span: Span) -> list[int]:
    """Tokens of an apposition ("X, the Y minister") or an "of"/"from" phrase ("King Hassan of Morocco")."""
    root = span.root
    out: list[int] = []
    for child in root.rights:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in ("of", "from")):
            out.extend(t.i for t in child.subtree)
    if root.dep_ == "appos" and root.head.i < span.start:
        out.extend(t.i for t in root.head.subtree if t.i < span.start)
    return out


def strip_span(span: Span) -> Span:
    """Drop a leading determiner and a trailing possessive ("the Foreign Ministry's")."""
    start, end = span.start, span.end
    while start < end and span.doc[start].pos_ == "DET":
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].text in ("’s", "'s", "’", "'")):
        end -= 1
    return span.doc[start:end] if end > start else span
