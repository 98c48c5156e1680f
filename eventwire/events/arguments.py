"""Who did it to whom: the source and target of a matched trigger, as actors of the actors stage.

Sources: the subject, a passive's by-phrase, an event noun's possessor, the controller of a complement, the
doer of the act the event happened in ("killed in police firing"), else the act's conventional agent
(grammar.yaml implicit_police_codes). Targets: the first candidate that names an actor other than the
source (coder.py explains the order). Headline actors are the actors stage's (`ActorAnalysis.headline`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.actors.analysis import ActorAnalysis, Mention
from eventwire.actors.codes import actor_code
from eventwire.events.grammar import Grammar
from eventwire.events.triggers import Candidate, agent_compound, hyphen_compound_forms, prep_objects
from eventwire.events.backoff import Backoff
from eventwire.records import EventActor


SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "dative", "attr", "oprd")




class BodyResolver:
    """Argument spans → actors, through the actors stage's mentions."""

    def __init__(self, actors: ActorAnalysis) -> None:
        self.actors = actors

    def mentions(self, start: int, end: int, head: Token) -> list[Mention]:
        """Mentions inside [start, end); the one covering the head first."""
        inside = self.actors.mentions_inside(start, end)
        if not inside:
            cover = self.actors.mention_in(start, end)
            return [cover] if cover else []
        inside.sort(key=lambda m: (not (m.start <= head.idx < m.end), m.start, -(m.end - m.start)))
        return inside

    def actor(self, mention: Mention):
        return self.actors.actor(mention.actor_id)


class TitleResolver(BodyResolver):
    """Argument spans of the headline → the headline mentions the actors stage found."""

    def mentions(self, start: int, end: int, head: Token) -> list[Mention]:
        span = head.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        inside = [h for h in self.actors.headline if span.start <= h.tok_start and h.tok_end <= span.end]
        if not inside:
            return []
        longest = max(h.tok_end - h.tok_start for h in inside)  # the longest stretch that names a body actor
        found = [h.mention for h in inside if h.tok_end - h.tok_start == longest]
        found.sort(key=lambda m: (not (m.start <= head.idx < m.end), m.start))
        return found


def _np_span(head: Token) -> Span:
    """The noun phrase of an argument head: its left part and its of-/compound modifiers, without conjuncts or clauses."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nummod", "amod", "case", "poss") or (
                child.dep_ == "prep" and child.lower_ in ("of", "in", "from")):
            right = max(right, child.right_edge.i)
        else:
            break
    # never start a span on a conjunction or punctuation
    while left < head.i and doc[left].dep_ in ("cc", "punct", "prep"):
        left += 1
    return doc[left: right + 1]


def _head_mention(m: Mention, head: Token, event_nouns: frozenset[str]) -> bool:
    """Whether a mention stands for the argument itself: it covers the head, or it is the head's own modifier
    ("U.S. officials", "Israel's attack"), or the of-object of an event noun ("the withdrawal of Serbian forces").
    A mention deeper inside ("six trucks of its own", "a convoy for Chad's refugees") is not the argument."""
    if m.start <= head.idx < m.end:
        return True
    doc = head.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.head.i == head.i and root.dep_ in ("poss", "compound", "amod", "nmod", "nummod", "appos"):
        return True
    if root.dep_ == "conj":  # "Hungarian and Romanian officials"
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        return first.head.i == head.i and first.dep_ in ("poss", "compound", "amod", "nmod")
    return (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i == head.i
            and head.lemma_.lower() in event_nouns)


def event_actor(head: Token, resolver: BodyResolver, event_nouns: frozenset[str] | None = None) -> list[EventActor]:
    """EventActors for one argument head: one per coordinated actor inside it ("Hungarian and Romanian officials").
    With `event_nouns` (targets), only mentions that stand for the argument itself count (_head_mention)."""
    span = _np_span(head)
    mentions = resolver.mentions(span.start_char, span.end_char, head)
    if event_nouns is not None:
        mentions = [m for m in mentions if _head_mention(m, head, event_nouns)]
    if not mentions and head.pos_ == "NOUN":
        # "rejected a U.S. request", "demanded the withdrawal of Serbian forces": the actor inside the object
        whole = head.doc[head.left_edge.i: head.right_edge.i + 1]
        mentions = resolver.mentions(whole.start_char, whole.end_char, head)
        if event_nouns is not None:
            mentions = [m for m in mentions if _head_mention(m, head, event_nouns)]
        if mentions:
            span = whole
    if not mentions:
        return [EventActor(text=span.text, start=span.start_char, end=span.end_char)]
    chosen = [mentions[0]]
    # coordinated modifiers of one head name several actors
    if len(mentions) > 1:
        first_ids = {mentions[0].actor_id}
        for m in mentions[1:]:
            if m.actor_id in first_ids:
                continue
            tok = head.doc.char_span(m.start, m.end, alignment_mode="expand")
            if tok is not None and tok.root.dep_ == "conj" and tok.root.head.i != head.i and tok.root.head.head.i == head.i:
                chosen.append(m)
                first_ids.add(m.actor_id)
    out = []
    for m in chosen:
        actor = resolver.actor(m)
        base = dict(text=span.text, start=span.start_char, end=span.end_char) if len(chosen) == 1 else \
            dict(text=m.text, start=m.start, end=m.end)
        out.append(EventActor(**base, actor_id=m.actor_id, country=actor.country if actor else None,
                              sector=actor.sector if actor else None, code=actor.code if actor else None))
    return out


def with_conjuncts(token: Token) -> list[Token]:
    """An argument and its conjuncts."""
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def _subject(verb: Token, grammar: Grammar, depth: int = 0) -> tuple[Token | None, Token | None]:
    """(source head, patient of a passive) for a predicate, following control and conjunction."""
    if depth > 5:
        return None, None
    doc = verb.doc
    if verb.tag_ == "VBG" and verb.i >= 2 and doc[verb.i - 1].dep_ == "pobj" and doc[verb.i - 1].head.i == verb.i - 2 \
            and doc[verb.i - 2].lower_ in grammar.cause_preps:
        return doc[verb.i - 1], None  # "died in police firing", parsed as "in police" + "firing": police fired
    patient = None
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                passive_subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
                return objs[0], passive_subj
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            if child.dep_ == "nsubjpass":
                if verb.lemma_.lower() in grammar.intent_predicates:
                    return child, None  # "Vietnam is committed to", "Iraq is prepared to"
                patient = child
                continue
            if child.lower_ in grammar.relative_pronouns and verb.dep_ == "relcl":
                return verb.head, None
            if child.i == verb.i - 2 and hyphen_compound_forms(verb):
                # "the police lathi-charged": spaCy reads "lathi" as the subject; it is the verb's first half
                return next((c for c in reversed(list(child.lefts)) if c.dep_ in ("compound", "nsubj")), None), None
            return child, None
    if patient is not None:
        return None, patient
    if verb.dep_ in ("acl", "relcl") and _is_passive(verb):
        return None, verb.head  # "the 51 people arrested for their role": the noun is the one arrested
    if verb.dep_ == "relcl":
        return verb.head, None
    if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "forces firing on protesters"
        return verb.head, None
    head = verb.head
    if head.i == verb.i:
        return None, None
    if verb.dep_ == "conj":
        subject, patient = _subject(head, grammar, depth + 1)
        if _is_passive(verb) and not _is_passive(head):
            return None, subject  # "the leaders left the office and were arrested": they are the ones arrested
        return subject, patient
    if verb.dep_ in ("xcomp", "acomp", "advcl", "ccomp", "pcomp") or (verb.dep_ == "prep" and head.pos_ in ("ADJ", "VERB")):
        if verb.dep_ == "xcomp" and head.lemma_.lower() in grammar.causative_verbs:
            # "instructed security forces to fire": the one who instructs is the source
            return _subject(head, grammar, depth + 1)
        if verb.dep_ == "ccomp":
            return None, None
        return _subject(head, grammar, depth + 1)
    if verb.dep_ == "pcomp" or (verb.dep_ == "pobj" and head.dep_ == "prep"):
        return _subject(head.head, grammar, depth + 1)
    return None, None


def _is_passive(verb: Token) -> bool:
    """A passive predicate: "were arrested", or a bare participle modifying a noun ("the people arrested")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl") and not any(
        c.dep_ in ("aux", "nsubj") for c in verb.children)


def _objects(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in OBJECTS]


def _complement_targets(anchor: Token) -> list[Token]:
    """Who a demand, threat or refusal is aimed at: "demanded that Hamas renounce ..." → Hamas; "threatened to
    break relations with Russia" → relations, Russia (the caller keeps the first that names an actor)."""
    out: list[Token] = []
    for child in anchor.children:
        if child.dep_ == "ccomp":
            out += [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
        if child.dep_ == "xcomp":
            out += [c for c in child.children if c.dep_ in ("dobj", "dative")]
            out += [o for p in child.children if p.dep_ in ("prep", "dative") for o in p.children if o.dep_ == "pobj"]
    return out


# relations a target search does not follow: the subject side, function words, clauses merely coordinated
_NO_DESCEND = {"nsubj", "nsubjpass", "csubj", "agent", "punct", "cc", "mark", "aux", "auxpass", "det", "neg", "conj",
               "parataxis", "appos", "case", "npadvmod", "advmod", "prt", "expl"}


def _nearby_targets(anchor: Token, noun: Token | None, limit: int = 6) -> list[Token]:
    """Nominals below the predicate, nearest in the tree first: the last resort for a target ("threatened to
    launch an offensive in its war with Iraq" → Iraq). Never the subject side or a coordinated clause."""
    out: list[Token] = []
    frontier = [anchor] + ([noun] if noun is not None and noun.i != anchor.i else [])
    seen = {t.i for t in frontier}
    for _ in range(limit):
        nxt = []
        for node in frontier:
            for child in node.children:
                if child.i in seen or child.dep_ in _NO_DESCEND:
                    continue
                seen.add(child.i)
                nxt.append(child)
                if child.pos_ in ("PROPN", "NOUN") or (child.pos_ == "ADJ" and child.ent_type_ in ("NORP", "GPE")):
                    out.append(child)
        frontier = sorted(nxt, key=lambda t: t.i)
    return out


def target_candidates(cand: Candidate, patient: Token | None, grammar: Grammar) -> list[Token]:
    """Target heads in order of preference: the entry's prepositional object, the passive subject, the object (an
    event noun's own modifiers: "rejected a U.S. request" → U.S.), the complement of a demand or threat, a
    to/with/... object, then nominals nearby. The caller keeps the first that names an actor other than the source."""
    anchor, noun = cand.anchor, cand.noun
    out: list[Token] = list(cand.prep_obj)
    if patient is not None:
        out.append(patient)
    if noun is not None and noun.i != anchor.i:
        out += [c for c in anchor.children if c.dep_ in ("dative", "dobj") and c.i != noun.i]  # "offered it support"
        out.append(noun)  # "expelled two Russian diplomats", "rejected Saddam Hussein's proposal"
    elif noun is None:
        out += _objects(anchor)  # "praised Tokayev for ...", "defended the Kazakhstan government"
    else:
        out += [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between" for c in c.children
                if c.dep_ == "pobj"]
    if cand.entry.plover in grammar.embedding_types:
        out += _complement_targets(anchor)
    extra = prep_objects(noun if noun is not None else anchor, grammar.target_preps + ("between",))
    if noun is not None and noun.i != anchor.i:
        extra += prep_objects(anchor, grammar.target_preps + ("between",))
    out += [t for t in extra if t.pos_ in ("PROPN", "NOUN", "PRON")]
    out += _nearby_targets(anchor, noun)
    seen: set[int] = set()
    return [t for t in out if not (t.i in seen or seen.add(t.i))]


def source_candidates(cand: Candidate, grammar: Grammar) -> tuple[list[Token], Token | None]:
    noun = cand.noun
    if noun is not None and noun.i == cand.anchor.i:
        poss = [c for c in noun.children if c.dep_ == "poss"]
        if poss:
            return poss, None
        by = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
        if by:
            return [c for c in by[0].children if c.dep_ == "pobj"], None
        mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.pos_ in ("PROPN", "ADJ")
                and c.ent_type_ in ("NORP", "GPE", "ORG")]
        return mods or [c for c in noun.children if agent_compound(c)], None
    subj, patient = _subject(cand.anchor, grammar)
    return ([subj] if subj is not None else []), patient


def cause_agent(verb: Token, grammar: Grammar, backoff: Backoff | None, event_nouns: frozenset[str]) -> Token | None:
    """The doer of the act an event happened in: "killed in police firing", "died in an Israeli air strike",
    "arrested in a police raid" (an act noun after `in`/`during`, with its agent as a modifier or by-phrase)."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in grammar.cause_preps:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or not (noun.pos_ == "NOUN" or noun.tag_ == "VBG"):  # "police firing": a gerund
                continue
            if any(c.dep_ == "acl" and c.tag_ == "VBG" and c.i == noun.i + 1 and _is_act(c, backoff, event_nouns)
                   for c in noun.children):
                return noun  # the parser's other reading of "in police firing": "police" the object, "firing" its modifier
            if not _is_act(noun, backoff, event_nouns):
                continue
            for child in noun.children:
                if child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod") and child.pos_ in ("NOUN", "PROPN", "ADJ")):
                    return child
                if child.dep_ == "prep" and child.lower_ == "by":
                    return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _is_act(word: Token, backoff: Backoff | None, event_nouns: frozenset[str]) -> bool:
    """A noun (or gerund) naming an act: an event noun of the lexicon, or a WordNet noun.act."""
    return any(w in event_nouns or (backoff is not None and backoff.noun_class(w) == "noun.act")
               for w in (word.lower_, word.lemma_.lower()))


def has_conventional_agent(cand: Candidate, cameo_code: str, grammar: Grammar) -> bool:
    """An act the text gives no doer for, of a kind only the police conventionally do: a passive ("five were
    arrested", "the mob was lathi-charged") or a bare event noun ("the arrests followed")."""
    if not cameo_code.startswith(grammar.implicit_police_codes):
        return False
    if cand.noun is not None and cand.noun.i == cand.anchor.i:
        return True
    return _is_passive(cand.anchor)


def police_of(country: str | None) -> EventActor:
    """The conventional agent: the police of the story's focus country (no span: nothing in the text names it)."""
    return EventActor(text="police", start=None, end=None, country=country, sector="COP",
                      code=actor_code(country, "COP"), inferred=True)


def reported_speaker(pronoun: Token, resolver: BodyResolver) -> list[EventActor]:
    """An unresolved subject pronoun in reported speech is its speaker: "Syria says it is willing to withdraw" →
    Syria (the actors stage left `it` unresolved)."""
    node = pronoun.head
    for _ in range(6):
        if node.dep_ not in ("ccomp", "xcomp", "conj", "acomp", "advcl") or node.head.i == node.i:
            return []
        node = node.head
        subj = [c for c in node.children if c.dep_ == "nsubj"]
        if subj:
            if subj[0].pos_ == "PRON":
                return []
            found = [a for a in event_actor(subj[0], resolver) if a.actor_id]
            return found
    return []






def _is_place(target: EventActor, resolver: BodyResolver) -> bool:
    """A town or region the actors stage coded as its country (resolve_place: a state actor that is not the state)."""
    actor = resolver.actors.actor(target.actor_id)
    return actor is not None and actor.kind == "state" and actor.id != actor.country


def _unplaced(target: EventActor) -> EventActor:
    return target.model_copy(update={"actor_id": None, "country": None, "sector": None, "code": None})


def addressee_of(cand: Candidate) -> Token | None:
    """Whom a request is addressed to when a complement says what to do: "called on both parties to allow aid to
    reach El Fasher", "urged Iran to ..." → the parties, Iran (before anything named in the complement)."""
    if cand.entry.plover != "REQUEST" or cand.noun is not None:
        return None
    if not any(c.dep_ in ("xcomp", "ccomp") for c in cand.anchor.children) and not any(
            c.dep_ == "xcomp" for o in cand.anchor.children if o.dep_ in ("dobj", "pobj") for c in o.children):
        return None
    found = cand.prep_obj or _objects(cand.anchor)
    return found[0] if found and found[0].pos_ in ("PROPN", "NOUN", "PRON") else None


def choose_targets(heads: list[Token], sources: list[EventActor], resolver: BodyResolver,
                    event_nouns: frozenset[str] | None = None, places_ok: bool = True,
                    addressee: Token | None = None) -> list[EventActor]:
    """The first candidate head (with its conjuncts) that names an actor other than the source; else the first
    candidate as plain text (an unresolved target still says what was acted on). Only a mention standing for the
    argument itself counts when `event_nouns` is given (_head_mention); a place only when `places_ok`; a request's
    addressee wins."""
    source_ids = {s.actor_id for s in sources if s.actor_id}
    if isinstance(resolver, TitleResolver):
        event_nouns = None  # headline mentions are matched by words, not by the parse
    first: list[EventActor] = []
    if addressee is not None:
        heads = [addressee]
    for i, head in enumerate(heads):
        found = [a for hh in with_conjuncts(head) for a in event_actor(hh, resolver, event_nouns)]
        if not places_ok:
            found = [_unplaced(a) if a.actor_id and _is_place(a, resolver) else a for a in found]
        if i == 0:
            first = found
        named = [a for a in found if a.actor_id and a.actor_id not in source_ids]
        if named:
            return named
    return first


def rebind_pronoun(target: EventActor, sources: list[EventActor], resolver: BodyResolver, sent: Span,
                   grammar: Grammar) -> EventActor:
    """A plain object pronoun never means its own clause's subject ("China ... offered it support": `it` is not
    China). When it was resolved to the source, take the nearest earlier actor of the sentence that fits."""
    kinds = grammar.object_pronouns.get(target.text.lower())
    source_ids = {s.actor_id for s in sources if s.actor_id}
    if not kinds or target.actor_id not in source_ids or isinstance(resolver, TitleResolver):
        return target
    earlier = [m for m in resolver.actors.mentions
               if m.actor_id and sent.start_char <= m.start and m.end <= target.start and m.actor_id not in source_ids]
    for m in sorted(earlier, key=lambda m: -m.start):
        actor = resolver.actor(m)
        if actor is not None and actor.kind in kinds:
            return target.model_copy(update={"actor_id": actor.id, "country": actor.country, "sector": actor.sector,
                                             "code": actor.code})
    return target.model_copy(update={"actor_id": None, "country": None, "sector": None, "code": None})
