"""Headline actors: the headline is parsed apart from the body, so its actors are the body's, found by the words
that name them ("Kazakhstan", "Tokayev", "the ministry")."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.actors.analysis import HeadlineMention, Mention

NAMING_KINDS = ("name", "surname", "country", "alias")  # mentions whose last word alone names the actor


def headline_mentions(title_doc: Doc, mentions: list[Mention]) -> list[HeadlineMention]:
    """Every stretch of the title whose words are those of a body mention (or the last word of a name), in
    order of start then length; the events coder takes the longest inside each argument."""
    by_text: dict[str, str] = {}
    for m in mentions:
        if m.actor_id and m.kind not in ("pronoun",):
            key = m.text.lower().removeprefix("the ")
            by_text.setdefault(key, m.actor_id)
            last = key.split()[-1] if key.split() else key
            if m.kind in NAMING_KINDS and len(last) > 1:
                by_text.setdefault(last, m.actor_id)
    found = []
    text = title_doc.text  # every stretch is a slice of it (Span.text is the same characters, built slower)
    starts = [token.idx for token in title_doc]
    ends = [token.idx + len(token) for token in title_doc]
    for start in range(len(title_doc)):
        for end in range(start + 1, len(title_doc) + 1):
            words = text[starts[start]:ends[end - 1]]
            key = words.lower().removeprefix("the ").replace("’s", "").replace("'s", "").strip()
            actor_id = by_text.get(key)
            if actor_id:
                mention = Mention(starts[start], ends[end - 1], words, actor_id, "title")
                found.append(HeadlineMention(start, end, mention))
    return found
