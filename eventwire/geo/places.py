"""Place mentions: which names in the text are places, and which place each one is.

A name counts as a place when the entity recogniser says GPE, LOC or FAC, or
when it sits in a place frame ("near the town of Samarra", "the Jaffna
peninsula", "in Herat") even if the recogniser called it a person or a group
— small models often do. Adjectives and demonyms ("Sri Lankan army") and
organisations are not places.

Choosing between places of the same name is by prior rank (a country's name
is the country; bigger cities first), then by the article: countries
mentioned elsewhere in the text, named by adjectives or by the actors ("Almaty"
in a Kazakhstan story is the Kazakh city), and more strongly those in the
same sentence ("Georgia" next to Tbilisi is the country, next to Atlanta the
state). A feature word ("province of Herat") prefers places of that kind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from eventwire.actors.analysis import ActorAnalysis
from eventwire.article import Article
from eventwire.geo.gazetteer import Candidate, Gazetteer, Place, load_gazetteer, normalise
from eventwire.records import PlaceMention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAYBE_PLACE_LABELS = {"NORP", "PERSON", "ORG", ""}
ALTERNATE_PENALTY = 4.0
DOC_CONTEXT_WEIGHT = 4.0  # times the country's share of the article's place evidence...
EVIDENCE_FOR_FULL_WEIGHT = 3.0  # ...scaled down until there are this many mentions of evidence
MODIFIER_WEIGHT = 0.5  # evidence from adjectives, actors and "U.S. negotiators" counts half
SENTENCE_CONTEXT_WEIGHT = 3.0  # another place named in the same sentence
NEAR_CONTEXT_WEIGHT = 5.0  # a country named inside the place's own phrase
FEATURE_KIND_BONUS = 3.0
CITY_FEATURES = {"city", "town", "village", "capital", "port", "suburb", "settlement", "municipality"}
ADMIN_FEATURES = {"province", "state", "governorate", "oblast", "prefecture", "region", "district", "county"}


@dataclass(frozen=True)
class Found:
    """A name in the text with its gazetteer candidates, before context picks one."""

    span: Span
    candidates: list[Candidate]
    feature: str | None


def find_places(article: Article, doc: Doc, actors: ActorAnalysis) -> list[PlaceMention]:
    """The places named in the body, each resolved to one gazetteer entry."""
    gaz = load_gazetteer()
    found = [f for f in (_candidates(gaz, span) for span in _place_spans(gaz, doc)) if f is not None]
    first = [_best(f, Counter(), 0.0, Counter(), Counter()) for f in found]
    evidence = _adjective_countries(gaz, doc, MODIFIER_WEIGHT) + _actor_countries(actors)
    for f, place in zip(found, first):
        if place.country:
            evidence[place.country] += MODIFIER_WEIGHT if _is_modifier(f.span) else 1.0
    mentions = []
    for i, f in enumerate(found):
        own = first[i].country
        context = evidence.copy()
        if own:
            context[own] -= MODIFIER_WEIGHT if _is_modifier(f.span) else 1.0
        amount = sum(v for v in context.values() if v > 0)
        sentence = Counter(p.country for j, p in enumerate(first) if j != i and p.country
                           and found[j].span.sent == f.span.sent and not _is_modifier(found[j].span))
        near = _near_countries(gaz, f.span, [(found[j].span, p) for j, p in enumerate(first) if j != i])
        place = _best(f, context, amount, sentence, near)
        mentions.append(_mention(f.span, place))
    return mentions


def _is_modifier(span: Span) -> bool:
    """"Kazakhstan's president", "U.S. negotiators": the country as an actor's attribute."""
    return span.root.dep_ in ("compound", "amod", "nmod", "poss")


def _near_countries(gaz: Gazetteer, span: Span, others: list[tuple[Span, Place]]) -> Counter:
    """Countries named inside the place's own phrase: "Paris, Texas", "the Iraqi city of Basra"."""
    root = span.root
    head = root.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root
    scope = head.head if head is not root else root
    lo, hi = scope.left_edge.idx, scope.right_edge.idx + len(scope.right_edge)
    counts: Counter = Counter()
    for other, place in others:
        if lo <= other.start_char and other.end_char <= hi and place.country:
            counts[place.country] += 1
    for ent in span.sent.ents:
        if ent.label_ == "NORP" and lo <= ent.start_char and ent.end_char <= hi:
            country = gaz.demonym(ent.text)
            if country:
                counts[country] += 1
    return counts


def _place_spans(gaz: Gazetteer, doc: Doc) -> list[Span]:
    spans = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ in MAYBE_PLACE_LABELS and _in_place_frame(gaz, ent)):
            if _is_adjective(ent) or _is_demonym(gaz, ent):
                continue
            spans.append(_strip_the(ent))
    in_ents = {t.i for ent in doc.ents for t in ent}
    for tok in doc:  # names the recogniser missed, in a place frame: "in the city of Zhanaozen"
        if tok.pos_ != "PROPN" or tok.i in in_ents or tok.dep_ == "compound":
            continue
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
                and doc[start - 1].i not in in_ents:
            start -= 1
        span = doc[start:tok.i + 1]
        if _in_place_frame(gaz, span):
            spans.append(span)
    return sorted(spans, key=lambda sp: sp.start)


def _in_place_frame(gaz: Gazetteer, span: Span) -> bool:
    """Does the syntax say this name is a place ("in X", "the town of X", "the X peninsula")?"""
    feats = gaz.features
    root, head = span.root, span.root.head
    if root.dep_ == "compound" and head.lemma_.lower() in feats["feature_nouns"]:
        return True
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in feats["feature_nouns"]:
        return True
    return root.dep_ == "pobj" and head.lower_ in feats["locative_preps"] and head.lower_ not in feats["weak_preps"]


def _is_adjective(span: Span) -> bool:
    """"Sri Lankan army", "Chinese": adjectives and demonyms name peoples, not places."""
    root = span.root
    return root.pos_ == "ADJ" or root.dep_ == "amod" or span.label_ == "NORP" and root.dep_ != "pobj"


def _is_demonym(gaz: Gazetteer, span: Span) -> bool:
    """A modifier that only matches a country by one of its adjectival forms ("Sri Lankan army")."""
    if span.root.dep_ not in ("compound", "amod", "nmod"):
        return False
    if gaz.demonyms.get(normalise(span.text)):
        return True
    found = gaz.lookup(span.text)
    return bool(found) and all(c.alternate and c.place.kind == "country" for c in found) \
        and span.text.rstrip(".").lower().endswith(("n", "i", "ese", "sh"))


def _strip_the(span: Span) -> Span:
    if len(span) > 1 and span[0].lower_ == "the":
        return span[1:]
    return span


def _candidates(gaz: Gazetteer, span: Span) -> Found | None:
    feature = _feature_word(gaz, span)
    text = span.text
    if span.root.dep_ == "compound" and span.root.head.i == span.end:
        with_feature = f"{text} {span.root.head.text}"
        found = gaz.lookup(with_feature)
        if found:
            return Found(span, found, feature)
    found = gaz.lookup(text)
    return Found(span, found, feature) if found else None


def _feature_word(gaz: Gazetteer, span: Span) -> str | None:
    root, head = span.root, span.root.head
    nouns = gaz.features["feature_nouns"]
    if root.dep_ == "compound" and head.lemma_.lower() in nouns:
        return head.lemma_.lower()
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in nouns:
        return head.head.lemma_.lower()
    return None


def _best(found: Found, context: Counter, amount: float, sentence: Counter, near: Counter) -> Place:
    total = sum(v for v in context.values() if v > 0) or 1.0
    certainty = min(1.0, amount / EVIDENCE_FOR_FULL_WEIGHT)

    def score(c: Candidate) -> float:
        s = c.place.rank - (ALTERNATE_PENALTY if c.alternate else 0.0)
        if c.place.country:
            s += DOC_CONTEXT_WEIGHT * certainty * max(context.get(c.place.country, 0), 0) / total
            s += SENTENCE_CONTEXT_WEIGHT * (sentence.get(c.place.country, 0) > 0)
            s += NEAR_CONTEXT_WEIGHT * (near.get(c.place.country, 0) > 0)
        if found.feature in CITY_FEATURES and c.place.kind == "city":
            s += FEATURE_KIND_BONUS
        if found.feature in ADMIN_FEATURES and c.place.precision == "admin1":
            s += FEATURE_KIND_BONUS
        return s

    return max(found.candidates, key=score).place


def _adjective_countries(gaz: Gazetteer, span: Doc | Span, weight: float) -> Counter:
    """Countries named by adjectives and demonyms ("Iraqi", "Kazakh")."""
    counts: Counter = Counter()
    for ent in span.ents:
        if ent.label_ == "NORP" or (ent.label_ == "GPE" and _is_adjective(ent)):
            country = gaz.demonym(ent.text)
            if country:
                counts[country] += weight
    return counts


def _actor_countries(actors: ActorAnalysis) -> Counter:
    counts: Counter = Counter()
    by_id = {a.id: a for a in actors.actors}
    for m in actors.mentions:
        actor = by_id.get(m.actor_id or "")
        if actor is not None and actor.country:
            counts[actor.country] += MODIFIER_WEIGHT
    return counts


def _mention(span: Span, place: Place) -> PlaceMention:
    return PlaceMention(start=span.start_char, end=span.end_char, text=span.text, name=place.name,
                        country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
                        geonames_id=place.geonames_id, precision=place.precision)  # type: ignore[arg-type]

