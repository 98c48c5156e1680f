"""Where each event happened — never the dateline on its own.

In order:
1. the place tied to the event in the parse: a place that is the object of a
   locative preposition attached to the trigger or to one of its arguments
   ("clashes in Almaty", "protesters in the city of Zhanaozen", "a bombing
   near the town of Samarra killed..."). "to/from/on/into..." count only for
   a town or region ("returned to Geneva"), not a country ("support to
   Kazakhstan" says whom, not where);
2. else a place the source or target is said to be in ("the Red Cross
   operating in Iraq said...", "U.S. forces in Iraq");
3. else a place used as a place inside the event's own clause, when it names
   places of one country only ("would not meet demands to release prisoners
   in Iraq"); reported speech and other clauses of their own are left out;
   headline events (no parse here) take a place of the body that the headline
   puts after "in/near/at...";
4. else, when the event's actors all belong to one country (domestic or
   one-sided events), the article's own place in that country — the
   sub-national place the body names most — or else that country;
5. international events (two countries) with no place in the parse: the
   article's setting when it is one of the two (a state visit, an expulsion:
   the country the body names most as a place, "in Astana", "in Prague"),
   else the target's country (`INTERNATIONAL = "target"`), since the
   material events between states (attacks, aid, deployments) mostly happen
   on the target's ground; `eventwire eval location --international none`
   measures the alternative of leaving them unlocated;
6. events with no actor country: the one country the event's sentence names
   as a place, if exactly one; for headline events, the article's setting.

The dateline (`record.dateline`) is where the report was filed: it is never
used here. A story filed in Hong Kong about Kazakhstan places Kazakh events in
Kazakhstan.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
from eventwire.geo.frames import attached, dominates, in_other_predicate, is_locative, own_subject, reaches
from eventwire.geo.resources import GeoResources, default_resources
from eventwire.records import Event, Location, PlaceMention

SETTING_MIN_MENTIONS = 2
SETTING_SHARE = 0.5
OWN_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "conj", "csubj"}
INTERNATIONAL = "target"  # "target" | "none": see the module docstring, rule 3
SHARED_PLACE_DEPS = {"advcl", "conj", "xcomp"}  # a verb of these takes its clause head's place
PRECISION_ORDER = {"local": 0, "city": 0, "admin1": 1, "region": 2, "country": 3}  # most specific first


def locate_events(article: Article, doc: Doc, events: list[Event], places: list[PlaceMention],
                  actors: ActorAnalysis, international: str = INTERNATIONAL,
                  geo: GeoResources | None = None) -> list[Event]:
    """Events with `location` set by the rules above (None when none applies)."""
    geo = geo if geo is not None else default_resources()
    locative = [p for p in places if is_locative(doc, p, geo)]  # once per document, not per event
    setting = article_setting(doc, places, locative, geo)
    return [event.model_copy(update={"location": locate_event(doc, event, places, international, setting,
                                                               article.title, locative, geo)})
            for event in events]


def locate_event(doc: Doc, event: Event, places: list[PlaceMention], international: str = INTERNATIONAL,
                 setting: str | None = None, title: str | None = None,
                 locative: list[PlaceMention] | None = None, geo: GeoResources | None = None) -> Location | None:
    """The location of one event (rules 1-6 of the module docstring)."""
    geo = geo if geo is not None else default_resources()
    if event.headline:
        named = title_place(title or "", places, geo)
        if named is not None:
            return named
    else:
        for rule in (tied_place, actor_place, clause_place):
            found = rule(doc, event, places, geo)
            if found is not None:
                return _location(found)
    if locative is None:
        locative = [p for p in places if is_locative(doc, p, geo)]
    found = by_actors(doc, event, places, international, setting, locative, geo)
    if event.headline or (found is not None and found.precision != "country"):
        return found
    finer = sentence_place(doc, event, places, found.country if found is not None else None, geo)
    return _location(finer) if finer is not None else found


def by_actors(doc: Doc, event: Event, places: list[PlaceMention], international: str, setting: str | None,
              locative: list[PlaceMention], geo: GeoResources) -> Location | None:
    """Rules 4-6: a place from the countries of the event's actors, or of its sentence."""
    country_location = geo.country_location
    countries = [a.country for a in (event.source, event.target) if a is not None and a.country]
    if countries and len(set(countries)) == 1:
        local = article_place(locative, countries[0])
        return _location(local) if local is not None else country_location(countries[0])
    if len(set(countries)) > 1:
        if setting in countries:  # a visit, an expulsion, talks: where the story is set
            local = article_place(locative, setting)
            return _location(local) if local is not None else country_location(setting)
        target = event.target.country if event.target is not None else None
        return country_location(target) if international == "target" and target else None
    if event.headline:
        return country_location(setting) if setting else None
    named = {p.country for p in places
             if p.country and event.sentence.start <= p.start and p.end <= event.sentence.end}
    return country_location(named.pop()) if len(named) == 1 else None


def sentence_place(doc: Doc, event: Event, places: list[PlaceMention], country: str | None,
                   geo: GeoResources) -> PlaceMention | None:
    """A finer place than the country: the most specific place the event's sentence uses as a place ("in
    X", "the town of X", "the X countryside"), nearest first — in `country` when one is known, else in
    the one country all such places of the sentence belong to."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None or len(trigger) == 0:
        return None
    anchor = trigger.root
    used = [(place, span) for place, span in _in_sentence(doc, event, places)
            if place.precision != "country" and _used_as_place(doc, place, geo)
            and not in_other_predicate(span.root, anchor)]
    # a place inside the event's own phrase ("killed ... as they headed to prayers in X") whatever the
    # actors' country; else one of the places of the sentence in that country
    own = [place for place, span in used if dominates(anchor, span.root)]
    if not own:
        own = [place for place, _ in used if place.country and (country is None or place.country == country)]
        if len({p.country for p in own}) != 1:
            return None
    if not own:
        return None
    return min(own, key=lambda p: (PRECISION_ORDER.get(p.precision, 4), abs(p.start - event.trigger.start)))


def _used_as_place(doc: Doc, place: PlaceMention, geo: GeoResources) -> bool:
    """After a locative preposition, in a place frame ("the town of X"), or naming the kind of place after
    it ("X district", "the X countryside")."""
    if is_locative(doc, place, geo):
        return True
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "compound" and geo.location_noun(span.root.head)


def article_setting(doc: Doc, places: list[PlaceMention], locative: list[PlaceMention] | None = None,
                    geo: GeoResources | None = None) -> str | None:
    """The country the story is set in: the one named most as a place ("in Almaty", "near Duhok"),
    when it has at least SETTING_MIN_MENTIONS such mentions and most of them."""
    if locative is None:
        geo = geo if geo is not None else default_resources()
        locative = [p for p in places if is_locative(doc, p, geo)]
    counts = Counter(p.country for p in locative if p.country)
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return country if n >= SETTING_MIN_MENTIONS and n / sum(counts.values()) > SETTING_SHARE else None


def title_place(title: str, places: list[PlaceMention], geo: GeoResources) -> Location | None:
    """A place the body names that the headline puts its event at ("air strikes near Duhok kill..."),
    with offsets into the title like the headline event's own spans."""
    preps = "|".join(sorted(geo.strong_preps, key=len, reverse=True))
    best = None
    for place in places:
        if place.precision == "country":
            continue
        m = re.search(rf"\b(?:{preps})\s+(?:the\s+)?{re.escape(place.text)}\b", title, re.IGNORECASE)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), place, m.end() - len(place.text))
    if best is None:
        return None
    start = best[2]
    return _location(best[1]).model_copy(update={"start": start, "end": start + len(best[1].text)})


def tied_place(doc: Doc, event: Event, places: list[PlaceMention], geo: GeoResources) -> PlaceMention | None:
    """The place the parse attaches to the event's trigger, nearest first."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None or len(trigger) == 0:
        return None
    verbs = [t for t in trigger if t.pos_ in ("VERB", "AUX")]
    anchor = verbs[0] if verbs else trigger.root
    found = _tied_to(doc, {t.i for t in trigger}, anchor, event, places, geo)
    head = anchor.head
    if found is None and anchor.dep_ in SHARED_PLACE_DEPS and head.i != anchor.i and head.pos_ in ("VERB", "AUX") \
            and not own_subject(anchor):
        # "airstrikes hit positions in Saraqib, killing 12": the participle happened where its clause did
        found = _tied_to(doc, {head.i}, head, event, places, geo)
    return found


def _tied_to(doc: Doc, trigger_ids: set[int], anchor: Token, event: Event,
             places: list[PlaceMention], geo: GeoResources) -> PlaceMention | None:
    tied = []
    for place in places:
        if not (event.sentence.start <= place.start and place.end <= event.sentence.end):
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        if attached(span.root, trigger_ids, anchor, place, geo):
            tied.append(place)
    if not tied:
        return None
    # the most specific place wins ("in the city of Zhanaozen" over "in Kazakhstan")
    order = PRECISION_ORDER
    return min(tied, key=lambda p: (order.get(p.precision, 4), abs(p.start - event.trigger.start)))


def actor_place(doc: Doc, event: Event, places: list[PlaceMention], geo: GeoResources) -> PlaceMention | None:
    """A place the event's source or target is said to be in ("the Red Cross operating in Iraq",
    "U.S. forces in Iraq"): the event happens where its actors are."""
    strong = geo.strong_preps
    for actor in (event.source, event.target):
        if actor is None or actor.inferred or actor.start is None or actor.end is None or actor.end <= actor.start:
            continue
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None:
            continue
        ids = {t.i for t in span}
        for place in _in_sentence(doc, event, places):
            root = place[1].root
            if root.i not in ids and reaches(root, ids, strong):
                return place[0]
    return None


def clause_place(doc: Doc, event: Event, places: list[PlaceMention], geo: GeoResources) -> PlaceMention | None:
    """A place in the event's own clause, used as a place ("would not meet demands to release prisoners
    in Iraq"), when the clause names places of one country only; the most specific, nearest first.
    Clauses of their own (reported speech, adverbial and relative clauses) are left out."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None or len(trigger) == 0:
        return None
    verbs = [t for t in trigger if t.pos_ in ("VERB", "AUX")]
    anchor = verbs[0] if verbs else trigger.root
    inside = set()
    stack = [anchor]
    while stack:
        tok = stack.pop()
        inside.add(tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in OWN_CLAUSE_DEPS)
    strong = geo.strong_preps
    found = [place for place, span in _in_sentence(doc, event, places)
             if span.root.i in inside and is_locative(doc, place, geo, strong)]
    if not found or len({p.country for p in found}) != 1:
        return None
    order = PRECISION_ORDER
    return min(found, key=lambda p: (order.get(p.precision, 4), abs(p.start - event.trigger.start)))


def _in_sentence(doc: Doc, event: Event, places: list[PlaceMention]) -> list[tuple[PlaceMention, Span]]:
    out = []
    for place in places:
        if event.sentence.start <= place.start and place.end <= event.sentence.end:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None:
                out.append((place, span))
    return out


def article_place(places: list[PlaceMention], country: str) -> PlaceMention | None:
    """The article's own place in `country`: the sub-national place named most as a place, if one
    stands out (a tie means the article is about no one town)."""
    # a place the gazetteer lacks counts only where the parse ties it to an event, not as the story's place
    local = [p for p in places if p.country == country and p.precision not in ("country", "local")]
    if not local:
        return None
    counts = Counter(p.name for p in local)
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    name = ranked[0][0]
    return next(p for p in local if p.name == name)


def _location(place: PlaceMention) -> Location:
    return Location(name=place.name, country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
                    geonames_id=place.geonames_id, precision=place.precision, start=place.start, end=place.end)
