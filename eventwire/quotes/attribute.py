"""Who said it: the speaker, the cue and the channel (`via`) of a quote.

The speaker is the grammatical subject of the cue verb as written ("He",
"spokesperson Wang Wenbin"); its `actor_id` comes from the actors stage's
mention covering it. When the subject is a channel ("the official Xinhua news
agency said") and a cue higher up names someone ("He said ..."), that someone
is the speaker and the channel becomes `via`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from eventwire.actors.analysis import ActorAnalysis
from eventwire.quotes.cues import CueLexicon
from eventwire.records import Span, Speaker, Via

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
INHERITS_SUBJECT = ("conj", "xcomp", "advcl", "pcomp")
OBJECTS = ("dobj", "dative", "iobj", "oprd", "attr")
CUT_AT = ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep")


@dataclass(frozen=True)
class Attribution:
    speaker: Speaker | None
    cue: Span | None
    via: Via | None


@lru_cache(maxsize=4)
def text_of(doc: Doc) -> str:
    """`doc.text` joins every token on each call; quotes look at it often."""
    return doc.text


def _walled_off(subject: Token, verb: Token) -> bool:
    """A paragraph break or a colon between a subject and its verb means the parser
    glued a heading or timestamp on ("12:15 p.m. / Donald Trump says", "The Latest: Trump urges")."""
    lo, hi = sorted((subject.i, verb.i))
    return any(t.text == ":" or "\n" in t.text for t in subject.doc[lo + 1:hi])


def _noun_after_wall(verb: Token) -> Token | None:
    """The last noun between the wall (paragraph break, colon) and the verb."""
    for tok in reversed(verb.doc[max(verb.sent.start, verb.i - 8):verb.i]):
        if tok.text == ":" or "\n" in tok.text:
            return None
        if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.dep_ not in ("compound", "poss"):
            return tok
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The one who does the saying: the subject, the passive's agent ("by X"),
    or the subject of the verb this one is coordinated with or depends on."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return obj
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS
                and not (c.dep_ == "nsubjpass" and c.lower_ == "it")]  # "it was announced" names no one
    if subjects:
        clear = [c for c in subjects if not _walled_off(c, verb)]
        return clear[-1] if clear else (_noun_after_wall(verb) or subjects[0])
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if depth >= 3 or verb.head.i == verb.i:
        return None
    head = verb.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.i != head.i:
        return subject_of(head.head, depth + 1)  # "X said [it was Y], arguing ...": X argues
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, depth + 1)  # "After saying ..., she was whisked off"
    if verb.dep_ in INHERITS_SUBJECT:
        return subject_of(head, depth + 1)
    return None


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Character span of a noun phrase: its head with its modifiers on the left
    and its right-hand compounds and names, but no clause or apposition."""
    doc = head.doc
    start_i = head.left_edge.i
    for i in range(start_i, head.i):
        if doc[i].is_punct or doc[i].dep_ == "cc":
            start_i = i + 1
    end_i = head.i
    for right in head.rights:
        if right.dep_ in CUT_AT:
            break
        end_i = right.right_edge.i
    start, end = doc[start_i].idx, doc[end_i].idx + len(doc[end_i].text)
    text = text_of(doc)[start:end]
    if "\n" in text.strip():  # a heading or timestamp line glued on by the parser
        cut = text.rstrip().rfind("\n") + 1
        start = start + cut if start + cut <= head.idx else start
        end = min(end, max(head.idx + len(head.text), start + len(text[cut:].rstrip())))
    return start, end


def span_of(doc_text: str, start: int, end: int) -> Span:
    return Span(text=doc_text[start:end], start=start, end=end)


def cue_span(verb: Token) -> Span:
    """The cue word, with a particle that belongs to it ("pointed out")."""
    end = verb
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == end.i + 1:
            end = child
    text = text_of(verb.doc)
    return span_of(text, verb.idx, end.idx + len(end.text))


def antecedent(subject: Token) -> Token | None:
    """"Smith" for the "who" of "Smith, who said ...": the speaker is written "who"
    (as annotators mark it) but is the person the clause hangs on."""
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl" and subject.head.head.i != subject.head.i:
        return subject.head.head
    return None


def _speaker(subject: Token, actors: ActorAnalysis) -> Speaker:
    start, end = phrase_bounds(subject)
    owner = antecedent(subject)
    mention = actors.mention_in(*phrase_bounds(owner)) if owner is not None else actors.mention_in(start, end)
    text = text_of(subject.doc)
    return Speaker(text=text[start:end], start=start, end=end, actor_id=mention.actor_id if mention else None)


def speech_ancestor(verb: Token, lex: CueLexicon) -> Token | None:
    """The cue verb whose reported clause holds this one ("He said [Xinhua said ...]")."""
    node = verb
    for _ in range(4):
        if node.head.i == node.i or node.dep_ not in ("ccomp", "conj"):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in lex.speech:
            return node
    return None


def _names_head(tok: Token, verb: Token) -> bool:
    """Is `tok` the first word of a name hanging on the verb ("said Peter Morgan")?"""
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok.head.i == verb.i and tok.dep_ not in OBJECTS


def adjacent_subject(verb: Token, is_quoted: Callable[[int], bool]) -> Token | None:
    """When the parse gives no usable subject, the name right next to the cue:
    "..., Police Chief Chuck Jordan said" or "..., said Peter Morgan"."""
    doc = verb.doc
    for k in (verb.i - 1, verb.i + 1):
        if not 0 <= k < len(doc):
            continue
        tok = doc[k]
        if k > verb.i and (tok.head.i != verb.i or tok.dep_ in OBJECTS) and not _names_head(tok, verb):
            continue  # "encouraged Americans to ...", "saying he would": not the teller
        if tok.pos_ in ("PROPN", "NOUN", "PRON") and not is_quoted(tok.idx):
            while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i and abs(tok.head.i - k) <= 3:
                tok = tok.head
            return tok
    return None


def _never(_: int) -> bool:
    return False


def attribute(verb: Token, lex: CueLexicon, actors: ActorAnalysis,
              is_quoted: Callable[[int], bool] = _never) -> Attribution:
    """Speaker, cue and via for a quote whose cue is `verb`; `is_quoted` tells
    which characters are inside quotation marks (a speaker never is)."""
    subject = subject_of(verb)
    if subject is None or is_quoted(subject.idx):
        subject = adjacent_subject(verb, is_quoted)
    via = None
    if subject is not None:
        start, end = phrase_bounds(subject)
        if lex.is_channel(text_of(subject.doc)[start:end]):
            upper = speech_ancestor(verb, lex)
            upper_subject = subject_of(upper) if upper is not None else None
            if upper_subject is not None and not lex.is_channel(upper_subject.text):
                mention = actors.mention_in(start, end)
                via = Via(text=text_of(subject.doc)[start:end], start=start, end=end,
                          actor_id=mention.actor_id if mention else None)
                subject = upper_subject
    speaker = _speaker(subject, actors) if subject is not None else None
    return Attribution(speaker=speaker, cue=cue_span(verb), via=via)


def attribute_source(source: Token, cue_start: Token, cue_end: Token, actors: ActorAnalysis) -> Attribution:
    """Attribution for a prepositional source ("according to X"): the cue is the phrase."""
    text = text_of(source.doc)
    cue = span_of(text, cue_start.idx, cue_end.idx + len(cue_end.text))
    return Attribution(speaker=_speaker(source, actors), cue=cue, via=None)
