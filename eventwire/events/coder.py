"""The event coder: lexicon entries matched on the one spaCy dependency parse.

For each verb (or event noun) the lexicon knows, the coder finds
- the source: the subject; the by-phrase of a passive; the possessor before an
  event noun ("Israel's attack on"); the subject of the verb controlling it
  ("China is willing to provide" → China; "X instructed forces to fire" → X);
  conjuncts expand ("Jordan and Britain agreed" → two events);
- the target: the object, or the object of the entry's prepositions (or of
  to/with/against/... when the entry names none);
- the modality (modality.py), the contexts (context.py), the CAMEO code and its
  Goldstein score (tables.py), the quote the event was said in.

Events nested under a denial ("rejects any attempt by external forces to
provoke unrest") are NOT emitted: the rejection is the event. Events in the
complement of an event of an embedding type (REQUEST, REJECT, THREATEN, AGREE,
...) are absorbed by it ("demanded that the US cancel plans to sell weapons" is
one REQUEST). A verb that only states intent ("vowed to fight") yields to the
event it governs, which is then coded as intended (PLOVER: AGREE / THREATEN).

Matching lives in triggers.py, arguments in arguments.py; this file wires them into events.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
from eventwire.config import Settings
from eventwire.events.arguments import (
    BodyResolver, TitleResolver, addressee_of,
    cause_agent, choose_targets, event_actor, has_conventional_agent, police_of, rebind_pronoun, reported_speaker,
    source_candidates, target_candidates, with_conjuncts,
)
from eventwire.events.context import contexts_for
from eventwire.events.grammar import Grammar, load_grammar
from eventwire.events.lexicon import Lexicon, load_lexicon, shipped_extra_files
from eventwire.events.modality import modality_of
from eventwire.events.tables import Tables, load_tables
from eventwire.events.triggers import Candidate, is_noun_event, match_token, obligation_candidate, resolve_nesting
from eventwire.events.backoff import Backoff, load_backoff
from eventwire.records import Event, EventActor, Modality, Plover, Quote
from eventwire.records import Span as TextSpan


@dataclass(frozen=True)
class EventCoder:
    """The events stage: the lexicon, its WordNet back-off, the grammar and the CAMEO/PLOVER tables, loaded once
    (`make`) and read by every document."""

    lexicon: Lexicon
    backoff: Backoff | None
    grammar: Grammar
    tables: Tables

    def __call__(self, article: Article, doc: Doc, title_doc: Doc | None, actors: ActorAnalysis,
                 quotes: list[Quote]) -> list[Event]:
        """Events of the headline (headline=True, spans into the title) then of the body, ids e1, e2, ... in
        text order; headline actors are the actors stage's (`ActorAnalysis.headline`)."""
        coded: list[Event] = []
        if title_doc is not None and article.title:
            coded += self._code_doc(title_doc, TitleResolver(actors), [], headline=True)
        coded += self._code_doc(doc, BodyResolver(actors), quotes, headline=False)
        return [event.model_copy(update={"id": f"e{i}"}) for i, event in enumerate(coded, 1)]

    def _code_doc(self, doc: Doc, resolver: BodyResolver, quotes: list[Quote], headline: bool) -> list[Event]:
        return _code_doc(doc, self.lexicon, self.backoff, self.grammar, self.tables, resolver, quotes, headline)


def make(settings: Settings) -> EventCoder:
    """The events stage for `settings`: the shipped lexicon with `settings.lexicon_files` merged over it."""
    files = (*shipped_extra_files(), *settings.lexicon_files)
    return EventCoder(lexicon=load_lexicon(files), backoff=load_backoff(files), grammar=load_grammar(),
                      tables=load_tables())


def _code_doc(doc: Doc, lexicon: Lexicon, backoff: Backoff | None, grammar: Grammar, tables: Tables,
              resolver: BodyResolver, quotes: list[Quote], headline: bool) -> list[Event]:
    cands: dict[int, Candidate] = {}
    for token in doc:
        cand = match_token(token, lexicon, grammar, backoff) or obligation_candidate(token, grammar)
        if cand is None:
            continue
        old = cands.get(cand.anchor.i)
        if old is None or cand.entry.specificity > old.entry.specificity:
            cands[cand.anchor.i] = cand
    ordered = sorted(cands.values(), key=lambda c: c.anchor.i)
    resolve_nesting(ordered, grammar)
    events: list[Event] = []
    for cand in ordered:
        if cand.keep:
            events += _events_for(cand, grammar, tables, resolver, quotes, headline, frozenset(lexicon.by_noun), backoff)
    return _with_known_sources(events)


def _known_source(event: Event) -> bool:
    source = event.source
    return source is not None and bool(source.actor_id or source.inferred)


def _with_known_sources(events: list[Event]) -> list[Event]:
    """Per sentence, the events whose source is a known actor; a sentence with none keeps its best event and
    the events of the same type ("a car bomb killed 13 people and wounded 29": one incident told by two verbs).
    An event nobody is known to have done says little, and each one of another kind is a false positive risked."""
    by_sentence: dict[int, list[int]] = {}  # sentence start → positions in `events`
    for k, event in enumerate(events):
        by_sentence.setdefault(event.sentence.start, []).append(k)
    kept: set[int] = set()
    for group in by_sentence.values():
        known = [k for k in group if _known_source(events[k])]
        if not known:
            best = max(group, key=lambda k: events[k].confidence)
            known = [k for k in group if events[k].trigger.start == events[best].trigger.start
                     or events[k].plover.type == events[best].plover.type]
        kept.update(known)
    return [event for k, event in enumerate(events) if k in kept]


def _quote_for(start: int, quotes: list[Quote]) -> str | None:
    for quote in quotes:
        if quote.content.start <= start < quote.content.end:
            return quote.id
    return None


def _events_for(cand: Candidate, grammar: Grammar, tables: Tables, resolver: BodyResolver, quotes: list[Quote],
                headline: bool, event_nouns: frozenset[str] = frozenset(), backoff: Backoff | None = None) -> list[Event]:
    entry = cand.entry
    source_heads, patient = source_candidates(cand, grammar)
    sources = [a for h in source_heads for hh in with_conjuncts(h) for a in event_actor(hh, resolver)]
    if not sources and cand.noun is None:
        cause = cause_agent(cand.anchor, grammar, backoff, event_nouns)
        if cause is not None:
            sources = [a for a in event_actor(cause, resolver) if a.actor_id]
    if len(sources) == 1 and not sources[0].actor_id and sources[0].text.lower() in grammar.subject_pronouns:
        sources = reported_speaker(source_heads[0], resolver) or sources
    targets = choose_targets(target_candidates(cand, patient, grammar), sources, resolver,
                              event_nouns if entry.plover in grammar.recipient_head_only_types else None,
                              places_ok=entry.plover not in grammar.place_not_target_types, addressee=addressee_of(cand))
    modality = modality_of(cand.anchor, cand.noun if cand.noun is not None and cand.noun.i != cand.anchor.i else None, entry.intended, grammar)
    plover_type, cameo_code = entry.plover, entry.cameo
    rule = f"grammar:{entry.id}" if entry.source == "grammar" else \
        f"wordnet:{cand.wordnet}>{entry.id}" if cand.wordnet else f"lexicon:{entry.id}"
    spec = tables.plover[plover_type]
    mode = entry.mode or (tables.cameo.get(cameo_code).plover_mode if tables.cameo.get(cameo_code) else None)
    if modality.negated and (modality.intended or modality.future or entry.intended) and spec.negated_as:
        # "would not meet demands", "not willing to withdraw": a refusal (kept as the record's REJECT, not negated)
        plover_type, cameo_code = spec.negated_as
        rule += "+negated-intent"
        mode = tables.cameo[cameo_code].plover_mode if cameo_code in tables.cameo else None
        modality = modality.model_copy(update={"negated": False})
    elif (modality.intended or modality.future) and not modality.negated and spec.intended_as \
            and not (entry.intended and plover_type == "AGREE"):
        plover_type, cameo_code = spec.intended_as
        rule += "+intended" if modality.intended else "+future"
        mode = tables.cameo[cameo_code].plover_mode if cameo_code in tables.cameo else None
    if mode and mode not in tables.plover[plover_type].modes:
        mode = None
    if not sources and has_conventional_agent(cand, cameo_code, grammar):
        sources = [police_of(resolver.actors.focus)]
        rule += "+inferred-police"
    sent = cand.anchor.sent
    lo = min(cand.anchor.i, cand.noun.i if cand.noun is not None else cand.anchor.i)
    hi = max(cand.anchor.i, cand.noun.i if cand.noun is not None else cand.anchor.i)
    doc = cand.anchor.doc
    trigger_span = doc[lo: hi + 1] if hi - lo <= 6 else doc[cand.anchor.i: cand.anchor.i + 1]
    trigger = TextSpan(text=trigger_span.text, start=trigger_span.start_char, end=trigger_span.end_char)
    sentence = TextSpan(text=sent.text, start=sent.start_char, end=sent.end_char)
    context = contexts_for(sent.text, entry.context)
    quote_id = None if headline else _quote_for(trigger.start, quotes)
    targets = [rebind_pronoun(t, sources, resolver, sent, grammar) for t in targets]
    out = []
    for src in sources or [None]:
        for tgt in targets or [None]:
            if src is not None and tgt is not None and src.start == tgt.start and src.end == tgt.end:
                tgt = None
            conf = _confidence(cand, src, tgt, modality, trigger_span)
            out.append(Event(id="e0", trigger=trigger, source=src, target=tgt,
                             plover=Plover(type=plover_type, mode=mode, context=context),
                             cameo=tables.cameo_record(cameo_code), modality=modality, quote_id=quote_id,
                             sentence=sentence, confidence=conf, rule=rule, headline=headline))
    if not any(e.source and (e.source.actor_id or e.source.inferred) or e.target and e.target.actor_id for e in out) \
            and is_noun_event(cand):
        return []  # a stand-alone event noun with no actor on either side says too little to be an event
    if is_noun_event(cand) and not cand.prep_obj and not any(c.dep_ == "poss" for c in cand.noun.children) \
            and not any(e.source and e.source.actor_id for e in out):
        return []  # found on its compound alone ("police firing"): an event only when that compound is an actor
    return out


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 10:
        token = token.head
        depth += 1
    return depth


def _confidence(cand: Candidate, src: EventActor | None, tgt: EventActor | None, modality: Modality,
                trigger: Span) -> float:
    """A score in [0, 1]: specific matches with known actors in the main clause rank first."""
    score = 0.45 + 0.07 * cand.entry.specificity
    score += 0.15 if src is not None and src.actor_id else 0.0
    score += 0.08 if tgt is not None and tgt.actor_id else 0.0
    score -= 0.04 * min(_depth(cand.anchor), 4)
    score -= 0.1 if modality.hypothetical else 0.0
    score -= 0.1 if is_noun_event(cand) else 0.0
    score -= 0.1 if cand.wordnet else 0.0  # a sense WordNet suggested, not a word the lexicon was written with
    return round(max(0.05, min(0.99, score)), 3)
