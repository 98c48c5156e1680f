"""Where each event happened — never the dateline on its own.

In order:
1. the place tied to the event in the parse: a place that is the object of a
   locative preposition attached to the trigger or to one of its arguments
   ("clashes in Almaty", "protesters in the city of Zhanaozen", "a bombing
   near the town of Samarra killed..."). "to/from/on/into..." count only for
   a town or region ("returned to Geneva"), not a country ("support to
   Kazakhstan" says whom, not where);
2. else, when the event's actors all belong to one country (domestic or
   one-sided events), the article's own place in that country — the
   sub-national place the body names most — or else that country;
3. international events (two countries) with no place in the parse: the
   target's country (`INTERNATIONAL = "target"`), since the material events
   between states (attacks, aid, deployments) mostly happen on the target's
   ground; `eventwire eval location --international none` measures the
   alternative of leaving them unlocated;
4. events with no actor country: the one country the event's sentence names
   as a place, if exactly one.

The dateline (`record.dateline`) is where the report was filed: it is never
used here. A story filed in Hong Kong about Kazakhstan places Kazakh events in
Kazakhstan.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from eventwire.actors.analysis import ActorAnalysis
from eventwire.article import Article
from eventwire.geo.gazetteer import load_gazetteer
from eventwire.records import Event, Location, PlaceMention

BUILT = True
INTERNATIONAL = "target"  # "target" | "none": see the module docstring, rule 3
MAX_PATH = 10


def locate_events(article: Article, doc: Doc, events: list[Event], places: list[PlaceMention],
                  actors: ActorAnalysis, international: str = INTERNATIONAL) -> list[Event]:
    """Events with `location` set by the rules above (None when none applies)."""
    return [event.model_copy(update={"location": locate_event(doc, event, places, international)})
            for event in events]


def locate_event(doc: Doc, event: Event, places: list[PlaceMention], international: str = INTERNATIONAL) -> Location | None:
    """The location of one event (rules 1-4 of the module docstring)."""
    if not event.headline:
        tied = tied_place(doc, event, places)
        if tied is not None:
            return _location(tied)
    countries = [a.country for a in (event.source, event.target) if a is not None and a.country]
    if countries and len(set(countries)) == 1:
        local = article_place([p for p in places if _locative(doc, p)], countries[0])
        return _location(local) if local is not None else country_location(countries[0])
    if len(set(countries)) > 1:
        target = event.target.country if event.target is not None else None
        return country_location(target) if international == "target" and target else None
    if event.headline:
        return None
    named = {p.country for p in places
             if p.country and event.sentence.start <= p.start and p.end <= event.sentence.end}
    return country_location(named.pop()) if len(named) == 1 else None


def tied_place(doc: Doc, event: Event, places: list[PlaceMention]) -> PlaceMention | None:
    """The place the parse attaches to the event's trigger, nearest first."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None or len(trigger) == 0:
        return None
    trigger_ids = {t.i for t in trigger}
    verbs = [t for t in trigger if t.pos_ in ("VERB", "AUX")]
    anchor = verbs[0] if verbs else trigger.root
    features = load_gazetteer().features
    tied = []
    for place in places:
        if not (event.sentence.start <= place.start and place.end <= event.sentence.end):
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        if _attached(span.root, trigger_ids, anchor, place, features):
            tied.append(place)
    if not tied:
        return None
    # the most specific place wins ("in the city of Zhanaozen" over "in Kazakhstan")
    order = {"city": 0, "admin1": 1, "region": 2, "country": 3}
    return min(tied, key=lambda p: (order.get(p.precision, 4), abs(p.start - event.trigger.start)))


def _attached(tok: Token, trigger_ids: set[int], anchor: Token, place: PlaceMention, features: dict) -> bool:
    """Walk up from the place: the first preposition must be locative, and the walk must reach the
    trigger (or its clause's verb) without entering another clause."""
    locative = set(features["locative_preps"])
    weak = set(features["weak_preps"])
    nouns = set(features["feature_nouns"])
    prep: str | None = None
    for _ in range(MAX_PATH):
        head = tok.head
        if head is tok or tok.dep_ == "poss":  # "Kazakhstan's president": an actor, not a place
            return False
        if head.i in trigger_ids or head is anchor:
            return prep is not None
        if head.dep_ == "prep" or head.pos_ == "ADP":
            word = head.lower_
            if prep is None:
                if word == "of" and head.head.lower_ in ("out", "outside"):
                    prep = "out of"
                elif word == "of" and head.head.lemma_.lower() in nouns:
                    pass  # "the town of Samarra": keep climbing to the town's preposition
                elif word in locative and not (word in weak and place.precision == "country"):
                    prep = word
                else:
                    return False
        elif head.pos_ in ("VERB", "AUX"):
            return False  # another clause's verb: the place belongs to that clause
        tok = head
    return False


def _locative(doc: Doc, place: PlaceMention) -> bool:
    """Is the mention used as a place ("in Almaty", "the city of Zhanaozen"), not as an actor ("Beijing said")?"""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    features = load_gazetteer().features
    tok = span.root
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in features["feature_nouns"]:
        tok = tok.head.head
    return tok.dep_ == "pobj" and tok.head.lower_ in features["locative_preps"]


def article_place(places: list[PlaceMention], country: str) -> PlaceMention | None:
    """The article's own place in `country`: the sub-national place named most as a place, if one
    stands out (a tie means the article is about no one town)."""
    local = [p for p in places if p.country == country and p.precision != "country"]
    if not local:
        return None
    counts = Counter(p.name for p in local)
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    name = ranked[0][0]
    return next(p for p in local if p.name == name)


def country_location(country: str) -> Location:
    gaz = load_gazetteer()
    name = gaz.country_names.get(country, country)
    geonames_id = next((c.place.geonames_id for c in gaz.lookup(name)
                        if c.place.kind == "country" and c.place.country == country), None)
    return Location(name=name, country=country, geonames_id=geonames_id, precision="country")


def _location(place: PlaceMention) -> Location:
    return Location(name=place.name, country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
                    geonames_id=place.geonames_id, precision=place.precision, start=place.start, end=place.end)
