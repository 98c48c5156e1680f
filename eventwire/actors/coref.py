"""In-article coreference, by rule: surnames, descriptions and pronouns to earlier actors.

- "Mr. Xi", "Tokayev": the person named earlier whose name ends with (or is) it;
- "the Chinese leader", "the president", "the minister": the most recent
  person with that title (and that country, when one is given);
- he/she (any position) and they/it (only as subjects or possessives, "It
  is ..." excluded: these words far more often mean things than actors): the
  most recent compatible actor (gender; person vs group), subjects first,
  looking back through this and the two previous sentences.
Pronoun mentions are recorded (kind "pronoun") so the speaker of "He said ..."
can be found with `ActorAnalysis.mention_in`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

import numpy

from spacy.tokens import Doc

from eventwire.actors.kb import norm
from eventwire.actors.parts import Draft, Placed

LOOKBACK_SENTENCES = 2
EXPLETIVE_HEADS = {"be", "seem", "appear", "rain", "take", "remain"}


def person_by_surname(name: str, previous: list[Placed], drafts: dict[str, Draft]) -> str | None:
    """The most recent earlier person whose name is `name` or ends with it ("Xi" → "Xi Jinping" too)."""
    key = norm(name).lower()
    for placed in reversed(previous):
        draft = drafts.get(placed.actor_id or "")
        if draft is None or draft.kind != "person" or placed.kind == "pronoun":
            continue
        full = draft.name.lower()
        parts = full.replace("-", " ").split()
        if full == key or full.endswith(" " + key) or key in parts:
            return draft.id
    return None


def description(previous: list[Placed], drafts: dict[str, Draft], noun: str, country: str | None,
                leader: bool, definite: bool) -> str | None:
    """The person a description refers to, or None (then it is an actor of its own).

    With a country ("the Chinese leader") any earlier person of that country with
    the title qualifies; without one only a definite description ("the president")
    is linked, to the most recent person holding that title.
    """
    if country is None and not definite:
        return None
    noun = noun.lower()
    singular = noun[:-1] if noun.endswith("s") else noun
    for placed in reversed(previous):
        draft = drafts.get(placed.actor_id or "")
        if draft is None or draft.kind != "person" or draft.name.lower() == noun:
            continue
        if country is not None and draft.country != country:
            continue
        if leader:  # "the Russian leader": the head of state or government, never "opposition leader" X
            if draft.leader:
                return draft.id
            continue
        titled = any(noun in t or singular in t for t in draft.titles) or (draft.role or "").lower() in (noun, singular)
        if titled:
            return draft.id
    return None


def country_nearby(previous: list[Placed], drafts: dict[str, Draft], sent: int) -> str | None:
    """Country of the nearest government body or state in this or the previous sentence
    ("China's Foreign Ministry said ... spokesperson Wang Wenbin said"); "" when the person's own sentence
    names another country before them ("Venezuela's foreign ministry said ... \"Guyana will not be
    intimidated,\" Foreign Minister X said"): two countries and no word saying which is no evidence."""
    body = None
    for placed in reversed(previous):
        if placed.sent < sent - 1:
            break
        draft = drafts.get(placed.actor_id or "")
        if draft is not None and draft.kind == "organisation" and draft.country and not draft.country_inferred:
            body = draft.country
            break
    states = set()
    for placed in reversed(previous):
        if placed.sent < sent:
            break
        draft = drafts.get(placed.actor_id or "")
        if draft is not None and draft.country and draft.kind == "state":
            states.add(draft.country)
            if body is None:
                return draft.country
    if body is not None and states and body not in states:
        return ""
    return body


def compatible(draft: Draft, spec: dict[str, Any]) -> bool:
    """Whether a pronoun of this gender/reference class can refer to the actor."""
    refers = spec.get("refers_to")
    if refers == "person":
        gender = spec.get("gender")
        return draft.kind == "person" and (draft.gender is None or gender is None or draft.gender == gender)
    if refers == "group":
        return draft.kind in ("group", "organisation", "state") or draft.kind == "person" and draft.name.lower().endswith("s")
    return draft.kind in ("state", "organisation")


def link_pronouns(doc: Doc, placed: list[Placed], drafts: dict[str, Draft], pronouns: dict[str, dict],
                  sent_of: Callable[[int], int]) -> None:
    """Add a pronoun mention for each third-person pronoun that has a compatible antecedent."""
    if not len(doc):
        return
    by_start = sorted((p for p in placed if p.actor_id), key=lambda p: p.tok_start)
    covered = {i for p in placed for i in range(p.tok_start, p.tok_end)}
    hashes = [doc.vocab.strings.add(word) for word in pronouns]
    where = numpy.nonzero(numpy.isin(doc.to_array("LOWER"), hashes))[0].tolist()  # no Token per word
    for i in where:
        token = doc[i]
        spec = pronouns[token.lower_]
        if token.pos_ != "PRON" or i in covered:
            continue
        strict = spec.get("refers_to") != "person"  # "it"/"they" refer to things far more often than to actors
        if strict and (token.dep_ not in ("nsubj", "nsubjpass", "poss") or token.head.lemma_ in EXPLETIVE_HEADS
                       or token.head.pos_ == "AUX" and token.dep_ != "poss"):
            continue
        sent = sent_of(i)
        antecedent = _antecedent(i, sent, by_start, drafts, spec)
        if antecedent is None:
            continue
        p = Placed(tok_start=i, tok_end=i + 1, start=token.idx, end=token.idx + len(token.text),
                   text=token.text, actor_id=antecedent, kind="pronoun", label=None, sent=sent,
                   subject=token.dep_ in ("nsubj", "nsubjpass"))
        placed.append(p)
        bisect.insort(by_start, p, key=lambda m: m.tok_start)


def _antecedent(i: int, sent: int, pool: list[Placed], drafts: dict[str, Draft], spec: dict[str, Any]) -> str | None:
    """Nearest sentence (this one first) with a compatible earlier mention; its latest subject, else latest."""
    before = pool[:bisect.bisect_left(pool, i, key=lambda m: m.tok_start)]
    window = [p for p in reversed(before) if p.sent >= sent - LOOKBACK_SENTENCES][::-1] if before else []
    for s in range(sent, max(-1, sent - LOOKBACK_SENTENCES - 1), -1):
        found = [p for p in window if p.sent == s and p.tok_end <= i and compatible(drafts[p.actor_id], spec)]
        if found:
            subjects = [p for p in found if p.subject]
            return (subjects or found)[-1].actor_id
    return None


def country_in_sentence(previous: list[Placed], drafts: dict[str, Draft], sent: int) -> str | None:
    """Country of the nearest earlier actor in the same sentence whose country the text states
    ("Mr. Tokayev said he had instructed security forces ..." → KAZ for the forces)."""
    for placed in reversed(previous):
        if placed.sent < sent:
            break
        draft = drafts.get(placed.actor_id or "")
        if draft is not None and draft.country and not draft.country_inferred and draft.sector not in ("IGO", "NGO"):
            return draft.country
    return None


def definite_body(previous: list[Placed], drafts: dict[str, Draft], noun: str) -> str | None:
    """The most recent organisation or group a bare definite noun refers back to
    ("the ministry" → the foreign ministry named before, "the army" → that army)."""
    noun = noun.lower()
    for placed in reversed(previous):
        draft = drafts.get(placed.actor_id or "")
        if draft is None or draft.kind not in ("organisation", "group"):
            continue
        name = draft.name.lower()
        if name == noun or name.endswith(" " + noun) or noun in draft.titles:
            return draft.id
    return None
