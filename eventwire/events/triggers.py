"""Which words are events: lexicon entries (and WordNet's senses) matched on the parse, and which of them
stand once nesting is resolved.

A verb or event noun matches the most specific entry anchored on it (a light verb, a required particle or
preposition, an argument frame); a verb the lexicon lacks may match through WordNet (backoff.py). Events
nested under a denial are dropped, events in the complement of an embedding type are absorbed by it, an
intent verb yields to the event it governs (see coder.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.events.frames import argument_class, frame_allows, frame_object
from eventwire.events.grammar import Grammar
from eventwire.events.lexicon import Entry, Lexicon
from eventwire.events.backoff import Backoff

# relations through which an event sits inside another's object or complement
NESTING = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "pcomp", "attr", "oprd", "nsubjpass", "acomp", "advcl", "relcl",
           "appos", "compound", "amod", "nmod", "poss"}
STOP_CLIMB = {"conj", "parataxis", "ROOT"}
TIME_ENTITIES = ("DATE", "TIME")  # objects of a preposition that say when, never whom


@dataclass
class Candidate:
    entry: Entry
    anchor: Token  # the predicate: the verb, or the event noun when it stands alone
    noun: Token | None  # the event noun of a light-verb or standalone-noun match
    prep_obj: list[Token] = field(default_factory=list)  # objects of the entry's prepositions
    keep: bool = True
    why_dropped: str = ""
    wordnet: str | None = None  # the synset that led to the entry, when the lexicon lacks the word itself


def is_noun_event(cand: Candidate) -> bool:
    """A stand-alone event noun: the noun is the predicate itself (tokens compared by index)."""
    return cand.noun is not None and cand.noun.i == cand.anchor.i


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of `token`'s prepositions among `preps` ("fire upon protesters" → protesters)."""
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "prt") and child.lower_ in preps:
            out += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if child.dep_ == "dative" and not list(child.children):
                continue
    return out


def agent_compound(child: Token) -> bool:
    """A noun before an event noun that may name its doer: "police firing", "army crackdown" (the coder keeps
    the event only when that noun is an actor)."""
    return child.dep_ == "compound" and child.pos_ == "NOUN" and child.i == child.head.i - 1


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


def hyphen_compound_forms(token: Token) -> tuple[str, ...]:
    """The whole word a hyphenated compound ends in `token`, with and without its hyphen: spaCy splits
    "cease-fire" into cease / - / fire, while the lexicon writes "ceasefire" or "cease-fire"."""
    doc, i = token.doc, token.i
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return ()
    first = doc[i - 2].lower_
    return tuple(dict.fromkeys(f"{first}{sep}{last}" for last in (token.lemma_.lower(), token.lower_)
                               for sep in ("-", "")))


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


def _happening_verb(noun: Token, grammar: Grammar) -> Token | None:
    """The verb an event noun is the subject of when that verb only says it happened: "the attack occurred",
    "clashes broke out", "talks took place" (grammar.yaml `happening_verbs`)."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX") or verb.i == noun.i:
        return None
    words = set(_verb_forms(verb))
    words |= {f"{verb.lemma_.lower()} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "dobj")}
    return verb if words & grammar.happening_verbs else None


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


def match_token(token: Token, lexicon: Lexicon, grammar: Grammar, backoff: Backoff | None = None) -> Candidate | None:
    """The most specific lexicon entry anchored on `token`, if any; for a verb the lexicon lacks, the entry
    WordNet leads to (backoff.py)."""
    found: list[tuple[int, int, Candidate]] = []
    lemma = token.lemma_.lower()
    if (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")) and not _adjectival(token):
        particle = _particle(token)
        forms = (*hyphen_compound_forms(token), *_verb_forms(token))  # "lathi-charged" before "charged"
        entries = next((lexicon.by_verb[f] for f in forms if f in lexicon.by_verb), ())
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
                prep_obj = prep_objects(token, entry.prep)
                if prep_obj and all(o.ent_type_ in TIME_ENTITIES for o in prep_obj):
                    continue  # "fired on Monday": a time, not whom the verb's preposition aims at
                if not prep_obj and not any(c.dep_ in ("prep", "prt") and c.lower_ in entry.prep for c in token.children):
                    continue
            found.append((entry.specificity, -order, Candidate(entry, token, None, prep_obj)))
    if token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN"):
        entries = [e for form in hyphen_compound_forms(token) for e in lexicon.by_noun.get(form, ())]
        if not entries:  # "cease-fire" is a ceasefire, not a fire; "counter-attack" falls back to "attack"
            entries = list(lexicon.by_noun.get(lemma, ()))  # by lemma and by form: "supplies" is also lemma "supply"
            entries += [e for e in lexicon.by_noun.get(token.lower_, ()) if e not in entries]
        synset = None
        if not entries and backoff is not None and token.pos_ == "NOUN" and token.is_alpha:
            hit = backoff.noun_synonym(lemma, token.lower_)  # "waged cyber warfare on" → the entries of "war"
            if hit is not None:
                entries = [e for e in lexicon.by_noun.get(hit[0], ()) if e.noun == hit[0]]
                synset = hit[1]
        for order, entry in enumerate(entries):
            if not _noun_matches(token, entry):
                continue
            verb = _light_verb(token)
            prep_obj = prep_objects(token, entry.prep) if entry.prep else []
            if entry.light:
                if not _is_verb(verb, entry.light):
                    continue
                if entry.prep and not prep_obj:
                    prep_obj = prep_objects(verb, entry.prep)
                found.append((entry.specificity, -order, Candidate(entry, verb, token, prep_obj, wordnet=synset)))
            elif _is_verb(verb, grammar.support_verbs):
                found.append((entry.specificity - 1, -order, Candidate(entry, verb, token, prep_obj, wordnet=synset)))
            elif (happening := _happening_verb(token, grammar)) is not None:
                found.append((entry.specificity - 1, -order, Candidate(entry, happening, token, prep_obj, wordnet=synset)))
            elif prep_obj or any(c.dep_ == "poss" or agent_compound(c) for c in token.children):
                found.append((entry.specificity - 1, -order, Candidate(entry, token, token, prep_obj, wordnet=synset)))
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


def obligation_candidate(token: Token, grammar: Grammar) -> Candidate | None:
    """A speech verb whose complement says its subject must act: "declared that China must drop barriers"."""
    if not _is_verb(token, grammar.speech_verbs) or token.pos_ not in ("VERB", "AUX"):
        return None
    for child in token.children:
        if child.dep_ == "ccomp" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in grammar.obligation_modals
                                         for c in child.children) \
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in child.children):
            return Candidate(OBLIGATION, token, None)
    return None


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


def declines_comment(cand: Candidate, grammar: Grammar) -> bool:
    """A refusal to say something ("declined to comment", "refused to name the source") is CAMEO 011 "decline
    comment", a statement, not a REJECT."""
    return cand.entry.plover == "REJECT" and cand.noun is None and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in grammar.comment_verbs for c in cand.anchor.children)


def resolve_nesting(cands: list[Candidate], grammar: Grammar) -> None:
    by_anchor = {c.anchor.i: c for c in cands}
    by_word = {**{c.noun.i: c for c in cands if c.noun is not None}, **by_anchor}  # an event's verb or noun
    for cand in cands:
        if declines_comment(cand, grammar):
            cand.keep, cand.why_dropped = False, "declines comment (CAMEO 011, a statement)"
            continue
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
