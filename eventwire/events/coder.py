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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventwire.actors.analysis import ActorAnalysis, Mention
from eventwire.actors.codes import actor_code
from eventwire.article import Article
from eventwire.events.context import contexts_for
from eventwire.events.frames import argument_class, frame_allows, frame_object
from eventwire.events.grammar import Grammar, load_grammar
from eventwire.events.lexicon import Entry, Lexicon, load_lexicon, shipped_extra_files
from eventwire.events.modality import modality_of
from eventwire.events.tables import Tables, load_tables
from eventwire.events.wordnet import Backoff, load_backoff
from eventwire.records import Event, EventActor, Modality, Plover, Quote
from eventwire.records import Span as TextSpan

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "dative", "attr", "oprd")
# relations through which an event sits inside another's object or complement
NESTING = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "pcomp", "attr", "oprd", "nsubjpass", "acomp", "advcl", "relcl",
           "appos", "compound", "amod", "nmod", "poss"}
STOP_CLIMB = {"conj", "parataxis", "ROOT"}
PRONOUNS_REL = {"that", "who", "which", "whom"}


@dataclass
class Candidate:
    entry: Entry
    anchor: Token  # the predicate: the verb, or the event noun when it stands alone
    noun: Token | None  # the event noun of a light-verb or standalone-noun match
    prep_obj: list[Token] = field(default_factory=list)  # objects of the entry's prepositions
    keep: bool = True
    why_dropped: str = ""
    wordnet: str | None = None  # the synset that led to the entry, when the lexicon lacks the word itself


def _is_noun_event(cand: Candidate) -> bool:
    """A stand-alone event noun: the noun is the predicate itself (tokens compared by index)."""
    return cand.noun is not None and cand.noun.i == cand.anchor.i


def code_events(article: Article, doc: Doc, title_doc: Doc | None, actors: ActorAnalysis, quotes: list[Quote],
                lexicon_files: tuple[Path, ...] = ()) -> list[Event]:
    """Events of the headline (headline=True, spans into the title) then of the body, ids e1, e2, ... in text order."""
    files = (*shipped_extra_files(), *lexicon_files)
    lexicon, backoff = load_lexicon(files), load_backoff(files)
    grammar = load_grammar()
    tables = load_tables()
    coded: list[Event] = []
    if title_doc is not None and article.title:
        resolver = _TitleResolver(actors, article.text)
        coded += _code_doc(title_doc, lexicon, backoff, grammar, tables, resolver, [], headline=True)
    coded += _code_doc(doc, lexicon, backoff, grammar, tables, _BodyResolver(actors), quotes, headline=False)
    return [event.model_copy(update={"id": f"e{i}"}) for i, event in enumerate(coded, 1)]


# -- actors -------------------------------------------------------------------------------------------------------


class _BodyResolver:
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


class _TitleResolver(_BodyResolver):
    """The headline is not covered by the actors stage: reuse the body's actors by the words that name them."""

    def __init__(self, actors: ActorAnalysis, body: str) -> None:
        super().__init__(actors)
        self.by_text: dict[str, str] = {}
        for m in actors.mentions:
            if m.actor_id and m.kind not in ("pronoun",):
                key = m.text.lower().removeprefix("the ")
                self.by_text.setdefault(key, m.actor_id)
                last = key.split()[-1] if key.split() else key
                if m.kind in ("name", "surname", "country", "alias") and len(last) > 1:
                    self.by_text.setdefault(last, m.actor_id)

    def mentions(self, start: int, end: int, head: Token) -> list[Mention]:
        doc = head.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        found = []
        # longest stretch of the span that names a body actor
        words = list(span)
        for size in range(len(words), 0, -1):
            for i in range(len(words) - size + 1):
                part = doc[words[i].i: words[i].i + size]
                key = part.text.lower().removeprefix("the ").replace("’s", "").replace("'s", "").strip()
                actor_id = self.by_text.get(key)
                if actor_id:
                    found.append(Mention(part.start_char, part.end_char, part.text, actor_id, "title"))
            if found:
                break
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


def _event_actor(head: Token, resolver: _BodyResolver, event_nouns: frozenset[str] | None = None) -> list[EventActor]:
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


def _heads(token: Token) -> list[Token]:
    """An argument and its conjuncts."""
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


# -- arguments ----------------------------------------------------------------------------------------------------


def _subject(verb: Token, grammar: Grammar, depth: int = 0) -> tuple[Token | None, Token | None]:
    """(source head, patient of a passive) for a predicate, following control and conjunction."""
    if depth > 5:
        return None, None
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
            if child.lower_ in PRONOUNS_REL and verb.dep_ == "relcl":
                return verb.head, None
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


def _prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of `token`'s prepositions among `preps` ("fire upon protesters" → protesters)."""
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "prt") and child.lower_ in preps:
            out += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if child.dep_ == "dative" and not list(child.children):
                continue
    return out


# -- matching -----------------------------------------------------------------------------------------------------


def _particle(token: Token) -> str | None:
    parts = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return " ".join(parts) if parts else None


def _noun_matches(noun: Token, entry: Entry) -> bool:
    words = entry.noun.split()
    if len(words) == 1:
        return True
    near = {t.lemma_.lower() for t in noun.subtree} | {t.lower_ for t in noun.subtree}
    near |= {t.lower_ for t in noun.doc[max(0, noun.i - 3): noun.i + 4]}
    return all(w in near for w in words)


def _light_verb(noun: Token) -> Token | None:
    """The verb an event noun is the object of: "offered it support", "imposed a curfew", "took part in talks"."""
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative", "acomp"):
        return noun.head if noun.head.pos_ in ("VERB", "AUX") else None
    if noun.dep_ == "conj":
        return _light_verb(noun.head)
    if noun.dep_ == "pobj" and noun.head.dep_ in ("prep", "agent") and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head
    if noun.dep_ == "compound" and noun.head.dep_ in ("dobj", "pobj"):
        return _light_verb(noun.head)
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "NUM") \
            and noun.head.head.dep_ in ("dobj", "nsubjpass"):
        return _light_verb(noun.head.head)  # "provide 25,000 tons of food aid"
    return None


def _verb_forms(token: Token) -> tuple[str, ...]:
    """The lemma and plain de-inflections of a verb: the tagger's lemma is sometimes wrong ("staged" → "stag")."""
    lower = token.lower_
    forms = [token.lemma_.lower(), lower]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("d", ""), ("es", ""), ("s", ""), ("ing", ""),
                         ("ing", "e")):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            forms.append(lower[: -len(suffix)] + repl)
    return tuple(dict.fromkeys(forms))


def _is_verb(token: Token | None, words: frozenset[str] | tuple[str, ...]) -> bool:
    return token is not None and any(f in words for f in _verb_forms(token))


def _adjectival(token: Token) -> bool:
    """A participle used as a modifier or a noun names no deed: "alleged bombers", "the defeated party",
    "evacuated the wounded"."""
    if token.dep_ == "amod":
        return True
    return token.tag_ in ("VBN", "VBD") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound") \
        and not any(c.dep_ in ("dobj", "agent", "prep") for c in token.children)


def _match_token(token: Token, lexicon: Lexicon, grammar: Grammar, backoff: Backoff | None = None) -> Candidate | None:
    """The most specific lexicon entry anchored on `token`, if any; for a verb the lexicon lacks, the entry
    WordNet leads to (wordnet.py)."""
    found: list[tuple[int, int, Candidate]] = []
    lemma = token.lemma_.lower()
    if (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")) and not _adjectival(token):
        particle = _particle(token)
        entries = next((lexicon.by_verb[f] for f in _verb_forms(token) if f in lexicon.by_verb), ())
        if not entries and backoff is not None:
            cand = _wordnet_candidate(token, particle, lexicon, backoff, grammar)
            if cand is not None:
                found.append((-1, 0, cand))
        for order, entry in enumerate(entries):
            if not frame_allows(entry, token, backoff, grammar):
                continue
            if entry.particle:
                if not particle or not particle.startswith(entry.particle.split()[0]):
                    continue
            elif particle and particle not in entry.prep:
                continue  # "back down" is not "back"
            prep_obj: list[Token] = []
            if entry.prep:
                prep_obj = _prep_objects(token, entry.prep)
                if not prep_obj and not any(c.dep_ in ("prep", "prt") and c.lower_ in entry.prep for c in token.children):
                    continue
            found.append((entry.specificity, -order, Candidate(entry, token, None, prep_obj)))
    if token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN"):
        entries = list(lexicon.by_noun.get(lemma, ()))  # by lemma and by form: "supplies" is also lemma "supply"
        entries += [e for e in lexicon.by_noun.get(token.lower_, ()) if e not in entries]
        for order, entry in enumerate(entries):
            if not _noun_matches(token, entry):
                continue
            verb = _light_verb(token)
            prep_obj = _prep_objects(token, entry.prep) if entry.prep else []
            if entry.light:
                if not _is_verb(verb, entry.light):
                    continue
                if entry.prep and not prep_obj:
                    prep_obj = _prep_objects(verb, entry.prep)
                found.append((entry.specificity, -order, Candidate(entry, verb, token, prep_obj)))
            elif _is_verb(verb, grammar.support_verbs):
                found.append((entry.specificity - 1, -order, Candidate(entry, verb, token, prep_obj)))
            elif prep_obj or any(c.dep_ == "poss" for c in token.children):
                found.append((entry.specificity - 1, -order, Candidate(entry, token, token, prep_obj)))
    if not found:
        return None
    return max(found, key=lambda f: (f[0], f[1]))[2]


def _wordnet_candidate(token: Token, particle: str | None, lexicon: Lexicon, backoff: Backoff,
                       grammar: Grammar) -> Candidate | None:
    """A full verb the lexicon lacks, through its most frequent WordNet sense ("gun down" → shoot). Never the
    coder's function verbs (support, speech, intent, causative), which say how an event is told, not what."""
    if token.pos_ != "VERB" or not token.is_alpha or token.lemma_.lower() in grammar.function_verbs:
        return None
    forms = (f"{token.lemma_.lower()} {particle}",) if particle else _verb_forms(token)
    hit = backoff.verb_entry(lexicon, *forms)
    if hit is None or not frame_allows(hit[0], token, backoff, grammar):
        return None
    obj = frame_object(token)
    if obj is not None and argument_class(obj, backoff, grammar) not in (None, *grammar.concrete_classes):
        return None  # "exploring the possibility", "promote investment": a sense guessed for an abstract object
    return Candidate(hit[0], token, None, [], wordnet=hit[1])


OBLIGATION = Entry(id="speech-obligation", plover="REQUEST", cameo="100", verb="say", source="grammar",
                   note="X said Y must do Z: a demand by X of Y")


def _obligation(token: Token, grammar: Grammar) -> Candidate | None:
    """A speech verb whose complement says its subject must act: "declared that China must drop barriers"."""
    if not _is_verb(token, grammar.speech_verbs) or token.pos_ not in ("VERB", "AUX"):
        return None
    for child in token.children:
        if child.dep_ == "ccomp" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in grammar.obligation_modals
                                         for c in child.children) \
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in child.children):
            return Candidate(OBLIGATION, token, None)
    return None


# -- nesting ------------------------------------------------------------------------------------------------------


def _governors(token: Token) -> list[Token]:
    """Tokens that hold `token` in their object or complement, nearest first (stops at a clause conjunction and the
    root). A conjoined noun shares its first conjunct's governor: "demanded a ban and the arrest of its leaders"."""
    out = []
    node = token
    for _ in range(12):
        if node.dep_ == "conj" and node.pos_ in ("NOUN", "PROPN") and node.head.pos_ in ("NOUN", "PROPN"):
            node = node.head
            continue
        if node.dep_ in STOP_CLIMB or node.head.i == node.i or node.dep_ not in NESTING:
            break
        node = node.head
        out.append(node)
    return out


def _resolve_nesting(cands: list[Candidate], grammar: Grammar) -> None:
    by_anchor = {c.anchor.i: c for c in cands}
    by_word = {**{c.noun.i: c for c in cands if c.noun is not None}, **by_anchor}  # an event's verb or noun
    for cand in cands:
        head = cand.anchor.head
        if cand.anchor.dep_ in ("advcl", "xcomp", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in cand.anchor.children) \
                and head.i in by_word and by_word[head.i].anchor.i != cand.anchor.i:
            # "offered support to help it overcome", "provide necessary support to help it": the purpose is part of
            # the governing event
            cand.keep, cand.why_dropped = False, f"purpose of {by_word[head.i].entry.id}"
            continue
        for gov in _governors(cand.anchor):
            outer = by_anchor.get(gov.i)
            lemma = gov.lemma_.lower()
            if outer is not None and outer.anchor.i != cand.anchor.i and outer.keep and not outer.wordnet:
                if lemma in grammar.intent_predicates and outer.entry.plover in ("AGREE", "THREATEN") \
                        and outer.entry.verb and not outer.entry.noun:
                    outer.keep, outer.why_dropped = False, f"intent verb yields to {cand.entry.id}"
                    break
                if outer.entry.plover in grammar.embedding_types:
                    cand.keep, cand.why_dropped = False, f"absorbed by {outer.entry.id}"
                    break
            if lemma in grammar.denial_predicates:
                cand.keep, cand.why_dropped = False, f"nested under {gov.text!r}"
                break
            if gov.pos_ == "NOUN" and gov.dep_ in ("dobj", "pobj") and gov.head.lemma_.lower() in grammar.denial_predicates:
                cand.keep, cand.why_dropped = False, f"nested under {gov.head.text!r}"
                break


# -- events -------------------------------------------------------------------------------------------------------


def _code_doc(doc: Doc, lexicon: Lexicon, backoff: Backoff | None, grammar: Grammar, tables: Tables,
              resolver: _BodyResolver, quotes: list[Quote], headline: bool) -> list[Event]:
    cands: dict[int, Candidate] = {}
    for token in doc:
        cand = _match_token(token, lexicon, grammar, backoff) or _obligation(token, grammar)
        if cand is None:
            continue
        old = cands.get(cand.anchor.i)
        if old is None or cand.entry.specificity > old.entry.specificity:
            cands[cand.anchor.i] = cand
    ordered = sorted(cands.values(), key=lambda c: c.anchor.i)
    _resolve_nesting(ordered, grammar)
    events: list[Event] = []
    for cand in ordered:
        if cand.keep:
            events += _events_for(cand, grammar, tables, resolver, quotes, headline, frozenset(lexicon.by_noun), backoff)
    return _with_known_sources(events)


def _with_known_sources(events: list[Event]) -> list[Event]:
    """Per sentence, the events whose source is a known actor; a sentence with none keeps only its best event.
    An event nobody is known to have done says little, and each one more is a false positive risked."""
    by_sentence: dict[int, list[Event]] = {}
    for event in events:
        by_sentence.setdefault(event.sentence.start, []).append(event)
    kept: set[int] = set()
    for group in by_sentence.values():
        known = [e for e in group if e.source is not None and (e.source.actor_id or e.source.inferred)]
        if not known:
            best = max(group, key=lambda e: e.confidence)
            known = [e for e in group if e.trigger.start == best.trigger.start]
        kept |= {id(e) for e in known}
    return [e for e in events if id(e) in kept]


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


def _targets(cand: Candidate, patient: Token | None, grammar: Grammar) -> list[Token]:
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
    extra = _prep_objects(noun if noun is not None else anchor, grammar.target_preps + ("between",))
    if noun is not None and noun.i != anchor.i:
        extra += _prep_objects(anchor, grammar.target_preps + ("between",))
    out += [t for t in extra if t.pos_ in ("PROPN", "NOUN", "PRON")]
    out += _nearby_targets(anchor, noun)
    seen: set[int] = set()
    return [t for t in out if not (t.i in seen or seen.add(t.i))]


def _sources(cand: Candidate, grammar: Grammar) -> tuple[list[Token], Token | None]:
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
        return mods, None
    subj, patient = _subject(cand.anchor, grammar)
    return ([subj] if subj is not None else []), patient


def _cause_agent(verb: Token, grammar: Grammar, backoff: Backoff | None, event_nouns: frozenset[str]) -> Token | None:
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


def _quote_for(start: int, quotes: list[Quote]) -> str | None:
    for quote in quotes:
        if quote.content.start <= start < quote.content.end:
            return quote.id
    return None


def _events_for(cand: Candidate, grammar: Grammar, tables: Tables, resolver: _BodyResolver, quotes: list[Quote],
                headline: bool, event_nouns: frozenset[str] = frozenset(), backoff: Backoff | None = None) -> list[Event]:
    entry = cand.entry
    source_heads, patient = _sources(cand, grammar)
    sources = [a for h in source_heads for hh in _heads(h) for a in _event_actor(hh, resolver)]
    if not sources and cand.noun is None:
        cause = _cause_agent(cand.anchor, grammar, backoff, event_nouns)
        if cause is not None:
            sources = [a for a in _event_actor(cause, resolver) if a.actor_id]
    if len(sources) == 1 and not sources[0].actor_id and sources[0].text.lower() in SUBJECT_PRONOUNS:
        sources = _reported_speaker(source_heads[0], resolver) or sources
    targets = _choose_targets(_targets(cand, patient, grammar), sources, resolver,
                              event_nouns if entry.plover in HEAD_ONLY_TYPES else None,
                              places_ok=entry.plover not in PLACE_NOT_TARGET_TYPES, addressee=_addressee(cand))
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
    if not sources and _has_conventional_agent(cand, cameo_code, grammar):
        sources = [_police_of(resolver.actors.focus)]
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
    targets = [_rebind_pronoun(t, sources, resolver, sent) for t in targets]
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
            and _is_noun_event(cand):
        return []  # a stand-alone event noun with no actor on either side says too little to be an event
    return out


def _has_conventional_agent(cand: Candidate, cameo_code: str, grammar: Grammar) -> bool:
    """An act the text gives no doer for, of a kind only the police conventionally do: a passive ("five were
    arrested", "the mob was lathi-charged") or a bare event noun ("the arrests followed")."""
    if not cameo_code.startswith(grammar.implicit_police_codes):
        return False
    if cand.noun is not None and cand.noun.i == cand.anchor.i:
        return True
    return _is_passive(cand.anchor)


def _police_of(country: str | None) -> EventActor:
    """The conventional agent: the police of the story's focus country (no span: nothing in the text names it)."""
    return EventActor(text="police", start=None, end=None, country=country, sector="COP",
                      code=actor_code(country, "COP"), inferred=True)


SUBJECT_PRONOUNS = {"it", "they", "he", "she", "we", "i"}


def _reported_speaker(pronoun: Token, resolver: _BodyResolver) -> list[EventActor]:
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
            found = [a for a in _event_actor(subj[0], resolver) if a.actor_id]
            return found
    return []


# a recipient is who is given to, never an actor named inside the thing given ("sent six trucks of its own")
HEAD_ONLY_TYPES = frozenset({"AID"})
# a town named in an agreement, a meeting, a request or aid is where, not whom ("agreed to keep Adre open");
# "shelled Adre" is still an attack on Chad. Narrowed to these types: the PLOVER gold codes places as targets of
# other types ("demonstrated in Kirkuk" → IRQ, "will evacuate settlements in the Gaza Strip" → PSE)
PLACE_NOT_TARGET_TYPES = frozenset({"AGREE", "CONSULT", "REQUEST", "AID"})


def _is_place(target: EventActor, resolver: _BodyResolver) -> bool:
    """A town or region the actors stage coded as its country (resolve_place: a state actor that is not the state)."""
    actor = resolver.actors.actor(target.actor_id)
    return actor is not None and actor.kind == "state" and actor.id != actor.country


def _unplaced(target: EventActor) -> EventActor:
    return target.model_copy(update={"actor_id": None, "country": None, "sector": None, "code": None})


def _addressee(cand: Candidate) -> Token | None:
    """Whom a request is addressed to when a complement says what to do: "called on both parties to allow aid to
    reach El Fasher", "urged Iran to ..." → the parties, Iran (before anything named in the complement)."""
    if cand.entry.plover != "REQUEST" or cand.noun is not None:
        return None
    if not any(c.dep_ in ("xcomp", "ccomp") for c in cand.anchor.children) and not any(
            c.dep_ == "xcomp" for o in cand.anchor.children if o.dep_ in ("dobj", "pobj") for c in o.children):
        return None
    found = cand.prep_obj or _objects(cand.anchor)
    return found[0] if found and found[0].pos_ in ("PROPN", "NOUN", "PRON") else None


def _choose_targets(heads: list[Token], sources: list[EventActor], resolver: _BodyResolver,
                    event_nouns: frozenset[str] | None = None, places_ok: bool = True,
                    addressee: Token | None = None) -> list[EventActor]:
    """The first candidate head (with its conjuncts) that names an actor other than the source; else the first
    candidate as plain text (an unresolved target still says what was acted on). Only a mention standing for the
    argument itself counts when `event_nouns` is given (_head_mention); a place only when `places_ok`; a request's
    addressee wins."""
    source_ids = {s.actor_id for s in sources if s.actor_id}
    if isinstance(resolver, _TitleResolver):
        event_nouns = None  # headline mentions are matched by words, not by the parse
    first: list[EventActor] = []
    if addressee is not None:
        heads = [addressee]
    for i, head in enumerate(heads):
        found = [a for hh in _heads(head) for a in _event_actor(hh, resolver, event_nouns)]
        if not places_ok:
            found = [_unplaced(a) if a.actor_id and _is_place(a, resolver) else a for a in found]
        if i == 0:
            first = found
        named = [a for a in found if a.actor_id and a.actor_id not in source_ids]
        if named:
            return named
    return first


OBJECT_PRONOUNS = {"it": ("state", "organisation"), "them": ("group", "state", "organisation"),
                   "him": ("person",), "her": ("person",)}


def _rebind_pronoun(target: EventActor, sources: list[EventActor], resolver: _BodyResolver, sent: Span) -> EventActor:
    """A plain object pronoun never means its own clause's subject ("China ... offered it support": `it` is not
    China). When it was resolved to the source, take the nearest earlier actor of the sentence that fits."""
    kinds = OBJECT_PRONOUNS.get(target.text.lower())
    source_ids = {s.actor_id for s in sources if s.actor_id}
    if not kinds or target.actor_id not in source_ids or isinstance(resolver, _TitleResolver):
        return target
    earlier = [m for m in resolver.actors.mentions
               if m.actor_id and sent.start_char <= m.start and m.end <= target.start and m.actor_id not in source_ids]
    for m in sorted(earlier, key=lambda m: -m.start):
        actor = resolver.actor(m)
        if actor is not None and actor.kind in kinds:
            return target.model_copy(update={"actor_id": actor.id, "country": actor.country, "sector": actor.sector,
                                             "code": actor.code})
    return target.model_copy(update={"actor_id": None, "country": None, "sector": None, "code": None})


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
    score -= 0.1 if _is_noun_event(cand) else 0.0
    score -= 0.1 if cand.wordnet else 0.0  # a sense WordNet suggested, not a word the lexicon was written with
    return round(max(0.05, min(0.99, score)), 3)
