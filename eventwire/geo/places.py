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

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
from eventwire.gazetteer import Candidate, Place, normalise
from eventwire.geo.resources import GeoResources, default_resources
from eventwire.records import PlaceMention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAYBE_PLACE_LABELS = {"NORP", "PERSON", "ORG", "LANGUAGE", "PRODUCT", "EVENT", "WORK_OF_ART", ""}
DOC_CONTEXT_WEIGHT = 4.0  # times the country's share of the article's place evidence...
EVIDENCE_FOR_FULL_WEIGHT = 3.0  # ...scaled down until there are this many mentions of evidence
MODIFIER_WEIGHT = 0.5  # evidence from adjectives, actors and "U.S. negotiators" counts half
SENTENCE_CONTEXT_WEIGHT = 3.0  # another place named in the same sentence
NEAR_CONTEXT_WEIGHT = 5.0  # a country named inside the place's own phrase
FEATURE_KIND_BONUS = 3.0
MINOR_NAMESAKE_RATIO = 3  # a city a third the size of its largest namesake or less is a lesser namesake
FOCUS_MIN_EVIDENCE = 2.0  # a story is firmly set in a country when there is this much evidence...
FOCUS_SHARE = 0.5  # ...and the country has this share of it...
FOREIGN_TOWN_MAX_POPULATION = 100_000  # ...and then a foreign town this small is read as an unknown local place
CITY_FEATURES = {"city", "town", "township", "village", "capital", "port", "suburb", "settlement", "municipality"}
ADMIN_FEATURES = {"province", "state", "governorate", "oblast", "prefecture", "region", "district", "county"}


@dataclass(frozen=True)
class Found:
    """A name in the text with its gazetteer candidates, before context picks one."""

    span: Span
    candidates: list[Candidate]
    feature: str | None
    reading: str | None = None  # the country the name means to the whole story: `Gazetteer.country_of`


def find_places(article: Article, doc: Doc, actors: ActorAnalysis, geo: GeoResources | None = None) -> list[PlaceMention]:
    """The places named in the body, each resolved to one gazetteer entry, or `local` when the
    gazetteer lacks a name the text surely uses as a place (a village, a district, a street)."""
    geo = geo if geo is not None else default_resources()
    found: list[Found] = []
    unknown: list[Span] = []
    for span in _place_spans(geo, doc):
        candidates = _candidates(geo, span, actors.focus)
        if candidates is not None:
            found.append(candidates)
        elif _surely_a_place(geo, span, actors):
            unknown.append(span)
    first = [_best(f, Evidence(), geo) for f in found]
    affiliation = _adjective_countries(geo, doc, MODIFIER_WEIGHT) + _actor_countries(actors)
    territorial: Counter = Counter()
    for f, place in zip(found, first):
        if place is not None and place.country:
            if _is_modifier(geo, f.span):
                affiliation[place.country] += MODIFIER_WEIGHT
            else:
                territorial[place.country] += 1.0
    # Other places are only read within the mention's own sentence: grouping them once keeps a
    # long page with hundreds of places linear instead of comparing every pair.
    by_sentence: dict[int, list[int]] = {}
    for j, f in enumerate(found):
        by_sentence.setdefault(f.span.sent.start, []).append(j)
    nationalities = [ent for ent in doc.ents if ent.label_ == "NORP"]  # in text order
    mentions = []
    for i, f in enumerate(found):
        own = first[i].country if first[i] is not None else None
        where, whose = territorial.copy(), affiliation.copy()
        if own:
            (whose if _is_modifier(geo, f.span) else where)[own] -= MODIFIER_WEIGHT if _is_modifier(geo, f.span) else 1.0
        others = [(found[j].span, first[j]) for j in by_sentence[f.span.sent.start]
                  if j != i and first[j] is not None]
        sentence = Counter(p.country for sp, p in others if p.country and not _is_modifier(geo, sp))
        place = _best(f, Evidence(where, whose, sentence, _near_countries(geo, f.span, others, nationalities)), geo)
        if place is not None:
            mentions.append(_mention(f.span, place))
    focus = _focus(territorial)  # where the story's places are, not whose people it names
    for span in unknown:
        others = [(found[j].span, first[j]) for j in by_sentence.get(span.sent.start, []) if first[j] is not None]
        mentions.append(_local_mention(span, _local_country(geo, span, others, nationalities, focus)))
    return sorted(mentions, key=lambda m: m.start)


def _surely_a_place(geo: GeoResources, span: Span, actors: ActorAnalysis) -> bool:
    """A name the gazetteer lacks is still a place when the recogniser calls it one, or when a place
    frame says so ("the village of X", "X district", "in X") — unless it is an actor's name, or no name
    at all (lower case, digits only)."""
    if not any(c.isupper() for c in span.text) or not any(c.isalpha() for c in span.text):
        return False
    if actors.mention_in(span.start_char, span.end_char) is not None and _feature_word(geo, span) is None \
            and not _site_name(geo, span):
        return False  # "Hezbollah", "the White House": someone who acts, not somewhere
    if "." in span.text:
        return False  # initials and abbreviations ("N.C.", "I.R.S.", "Jr."): not a name to place anything at
    if span.label_ == "EVENT" or span.text[:1].isdigit():
        return False  # "in the 1967 Mideast war": when, not where
    if _in_place_frame(geo, span) or _feature_word(geo, span) is not None or _site_name(geo, span):
        return True
    # outside a place frame only a place label on a name the event acts on ("captured Kabbani")
    return span.label_ in PLACE_LABELS and span.root.dep_ in ("dobj", "obj") and span.root.head.pos_ == "VERB"


def _focus(evidence: Counter) -> str | None:
    """The country a story is firmly set in (FOCUS_MIN_EVIDENCE, FOCUS_SHARE), if any."""
    positive = {k: v for k, v in evidence.items() if v > 0}
    amount = sum(positive.values())
    if amount < FOCUS_MIN_EVIDENCE:
        return None
    country, weight = max(positive.items(), key=lambda kv: kv[1])
    return country if weight / amount >= FOCUS_SHARE else None


def _local_country(geo: GeoResources, span: Span, others: list[tuple[Span, Place]], nationalities: list[Span],
                   focus: str | None) -> str | None:
    """The country of a place the gazetteer lacks: the one its own phrase names ("Mundu village in
    Bauchi state"), else the one the sentence names as a place, else the story's firm setting."""
    for counts in (_near_countries(geo, span, others, nationalities),
                   Counter(p.country for sp, p in others if p.country and not _is_modifier(geo, sp))):
        if len(counts) == 1:
            return next(iter(counts))
    return focus


def _local_mention(span: Span, country: str | None) -> PlaceMention:
    return PlaceMention(start=span.start_char, end=span.end_char, text=span.text, name=span.text, country=country,
                        precision="local")


def _is_modifier(geo: GeoResources, span: Span) -> bool:
    """"Kazakhstan's president", "U.S. negotiators": the country as an actor's attribute
    (but "Sagaing region", "Idlib province" name a place)."""
    root = span.root
    if root.dep_ == "compound" and geo.location_noun(root.head):
        return False
    return root.dep_ in ("compound", "amod", "nmod", "poss")


def _near_countries(geo: GeoResources, span: Span, others: list[tuple[Span, Place]],
                    nationalities: list[Span]) -> Counter:
    """Countries named inside the place's own phrase: "Paris, Texas", "the Iraqi city of Basra"
    (`others`: the other places of the same sentence; `nationalities`: the document's NORP entities
    in text order, searched by offset so a page with hundreds of places stays linear)."""
    root = span.root
    head = root.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root
    scope = head.head if head.i != root.i else root
    lo, hi = scope.left_edge.idx, scope.right_edge.idx + len(scope.right_edge)
    counts: Counter = Counter()
    for other, place in others:
        if lo <= other.start_char and other.end_char <= hi and place.country:
            counts[place.country] += 1
    for k in range(bisect_left(nationalities, lo, key=lambda ent: ent.start_char), len(nationalities)):
        ent = nationalities[k]
        if ent.start_char > hi:
            break
        if ent.end_char <= hi:
            country = geo.gazetteer.demonym(ent.text)
            if country:
                counts[country] += 1
    return counts


def _place_spans(geo: GeoResources, doc: Doc) -> list[Span]:
    spans = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ in MAYBE_PLACE_LABELS and
                                          (_in_place_frame(geo, ent) or _known_after_preposition(geo, ent)
                                           or _site_name(geo, ent))):
            if (_is_adjective(ent) and not _named_as_place(geo, ent)) or _is_demonym(geo, ent):
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
        if _in_place_frame(geo, span):
            spans.append(span)
    return sorted(spans, key=lambda sp: sp.start)


def _in_place_frame(geo: GeoResources, span: Span) -> bool:
    """Does the syntax say this name is a place ("in X", "the town of X", "the X peninsula", "the X
    countryside")?"""
    feats = geo.features
    root, head = span.root, span.root.head
    if root.dep_ == "compound" and geo.location_noun(head):
        return True
    if root.dep_ == "pobj" and head.lower_ == "of" and geo.location_noun(head.head):
        return True
    return root.dep_ == "pobj" and head.lower_ in feats["locative_preps"] and head.lower_ not in feats["weak_preps"]


def _named_as_place(geo: GeoResources, span: Span) -> bool:
    """A name the recogniser took for a people ("Aleppo" as NORP) that is no demonym but a town or region the
    gazetteer knows, in a place frame ("the northern Aleppo countryside")."""
    return span.label_ == "NORP" and span.root.pos_ == "PROPN" and not geo.gazetteer.demonym(span.text) \
        and _in_place_frame(geo, span) \
        and _known_town(geo, span)


def _known_town(geo: GeoResources, span: Span) -> bool:
    """The gazetteer knows the name by its own spelling (not an alternate) as a town or region."""
    return any(not c.alternate and c.place.kind != "country" for c in geo.gazetteer.lookup(_strip_the(span).text))


def _site_name(geo: GeoResources, span: Span) -> bool:
    """A capitalised name of two words or more ending in the word for a site ("Kuweires Military Airport",
    "Thardeh Mountains"; feature_words.yaml `site_nouns`)."""
    name = _strip_the(span)
    last = name[-1]
    return len(name) > 1 and last.text[:1].isupper() and last.lower_ in geo.features.get("site_nouns", ())


def _known_after_preposition(geo: GeoResources, span: Span) -> bool:
    """A name the gazetteer knows by its own name (not an alternate spelling), after any preposition that can
    place things ("attacks on Aleppo", "marched to Damascus", "in the western corridor of Aleppo"), even when
    the recogniser called it a group."""
    root = span.root
    feats = geo.features
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ == "of" and prep.head.pos_ == "NOUN" and prep.head.dep_ == "pobj":
        prep = prep.head.head  # "in the western corridor of Aleppo": the part's preposition
    if prep.lower_ not in feats["locative_preps"]:
        return False
    return _known_town(geo, span)


def _is_adjective(span: Span) -> bool:
    """"Sri Lankan army", "Chinese": adjectives and demonyms name peoples, not places."""
    root = span.root
    return root.pos_ == "ADJ" or root.dep_ == "amod" or span.label_ == "NORP" and root.dep_ != "pobj"


def _is_demonym(geo: GeoResources, span: Span) -> bool:
    """A modifier that only matches a country by one of its adjectival forms ("Sri Lankan army")."""
    if span.root.dep_ not in ("compound", "amod", "nmod"):
        return False
    if geo.gazetteer.demonyms.get(normalise(span.text)):
        return True
    found = geo.gazetteer.lookup(span.text)
    return bool(found) and all(c.alternate and c.place.kind == "country" for c in found) \
        and span.text.rstrip(".").lower().endswith(("n", "i", "ese", "sh"))


def _strip_the(span: Span) -> Span:
    if len(span) > 1 and span[0].lower_ == "the":
        return span[1:]
    return span


def _candidates(geo: GeoResources, span: Span, focus: str | None = None) -> Found | None:
    """The places a name may be, with the story-wide reading of its country: the one the actors stage
    makes of the same name (`country_of` with the story's focus country), so both stages read one name
    of one story as one country."""
    feature = _feature_word(geo, span)
    text = span.text
    if span.root.dep_ == "compound" and span.root.head.i == span.end:
        with_feature = f"{text} {span.root.head.text}"
        found = geo.gazetteer.lookup(with_feature)
        if found:
            return Found(span, found, feature, geo.country_of(with_feature, prefer=focus))
    found = geo.gazetteer.lookup(text)
    return Found(span, found, feature, geo.country_of(text, prefer=focus)) if found else None


def _feature_word(geo: GeoResources, span: Span) -> str | None:
    """The noun that says what kind of place the name is ("X district", "the town of X"), if any."""
    root, head = span.root, span.root.head
    if root.dep_ == "compound" and geo.location_noun(head):
        return head.lemma_.lower()
    if root.dep_ == "pobj" and head.lower_ == "of" and geo.location_noun(head.head):
        return head.head.lemma_.lower()
    return None


@dataclass
class Evidence:
    """What the article says about which countries a place name may be in."""

    territorial: Counter = field(default_factory=Counter)  # other places named as places in the article
    affiliation: Counter = field(default_factory=Counter)  # adjectives, actors, "U.S. negotiators"
    sentence: Counter = field(default_factory=Counter)  # places named in the same sentence
    near: Counter = field(default_factory=Counter)  # countries inside the place's own phrase

    def document(self, territorial_only: bool) -> Counter:
        counts = self.territorial.copy()
        if not territorial_only:
            counts.update(self.affiliation)
        return Counter({k: v for k, v in counts.items() if v > 0})


def _best(found: Found, ev: Evidence, geo: GeoResources) -> Place | None:
    """The likeliest place for a name, or None when the only readings are towns foreign to the story.

    The country is the story-wide reading (`Found.reading`, as the actors stage reads the name) unless the
    place's own phrase or sentence names another of the name's countries ("Paris, Texas"; "Georgia" beside
    Atlanta); the place within the country is chosen by the evidence below."""
    candidates = found.candidates
    if found.reading is not None:
        local = {k for k, v in (ev.near + ev.sentence).items() if v > 0}
        if found.reading in local or not local & {c.place.country for c in candidates}:
            candidates = [c for c in candidates if c.place.country == found.reading] or candidates
    largest = max((c.place.population for c in found.candidates if c.place.kind == "city"), default=0)

    def context_share(c: Candidate) -> float:
        # a lesser namesake (Geneva, Illinois) needs the story to be set in its country, not merely to
        # involve that country's people (U.S. negotiators in Geneva)
        minor = c.place.kind == "city" and c.place.population * MINOR_NAMESAKE_RATIO < largest
        context = ev.document(territorial_only=minor)
        amount = sum(context.values())
        if not amount or not c.place.country:
            return 0.0
        return min(1.0, amount / EVIDENCE_FOR_FULL_WEIGHT) * context.get(c.place.country, 0) / amount

    def score(c: Candidate) -> float:
        s = c.prior
        if c.place.country:
            s += DOC_CONTEXT_WEIGHT * context_share(c)
            s += SENTENCE_CONTEXT_WEIGHT * (ev.sentence.get(c.place.country, 0) > 0)
            s += NEAR_CONTEXT_WEIGHT * (ev.near.get(c.place.country, 0) > 0)
        if found.feature in CITY_FEATURES and c.place.kind == "city":
            s += FEATURE_KIND_BONUS
        if found.feature in ADMIN_FEATURES and c.place.precision == "admin1":
            s += FEATURE_KIND_BONUS
        return s

    best = max(candidates, key=score).place
    return None if _foreign_town(found, best, ev, geo) else best


def _foreign_town(found: Found, place: Place, ev: Evidence, geo: GeoResources) -> bool:
    """A town of a country the story never mentions, in a story firmly set elsewhere, is more likely a
    local place the gazetteer lacks ("Kani township" in a Myanmar story is not Kani, Japan): when the
    writer explains the name ("X township", "the village of X") or the town is not a large city."""
    if place.kind != "city" or not place.country:
        return False
    if ev.near.get(place.country) or ev.sentence.get(place.country):
        return False
    context = ev.document(territorial_only=False)
    if context.get(place.country, 0) > 0 or _focus(context) is None:
        return False
    explained = found.feature is not None and found.feature in geo.feature_nouns
    return explained or place.population < FOREIGN_TOWN_MAX_POPULATION  # "X township", not "the X countryside"


def _adjective_countries(geo: GeoResources, span: Doc | Span, weight: float) -> Counter:
    """Countries named by adjectives and demonyms ("Iraqi", "Kazakh")."""
    counts: Counter = Counter()
    for ent in span.ents:
        if ent.label_ == "NORP" or (ent.label_ == "GPE" and _is_adjective(ent)):
            country = geo.gazetteer.demonym(ent.text)
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

