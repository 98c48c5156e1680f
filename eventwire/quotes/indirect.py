"""Indirect and mixed speech from the dependency parse.

A cue verb with a clausal complement ("said he had instructed ...", "added
that ...", "..., spokesperson Wang Wenbin said", "said Wang"), a belief or
intention ("wants to ..."), a directive ("urged voters to ..."), a speech noun
with a that-clause ("his claim that ...") and a prepositional source
("according to X") each give one candidate: the complement's characters as
content, the subject as speaker.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.actors.analysis import ActorAnalysis
from eventwire.quotes.attribute import Attribution, attribute, attribute_source, phrase_bounds, subject_of, text_of
from eventwire.quotes.cues import CueLexicon
from eventwire.quotes.direct import paragraphs

VERBAL = ("VERB", "AUX")
OPEN_MARKS = "“«„\""
CLOSE_MARKS = "”»\""


@dataclass(frozen=True)
class Candidate:
    """Reported content found in the parse, with who reported it."""

    start: int
    end: int
    attribution: Attribution
    cue_i: int  # index of the cue token (so direct quotes can tell they share it)


def token_bounds(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Characters of tokens first..last, without punctuation at the edges
    (quotation marks stay), extended over a closing mark left just outside."""
    while first <= last and doc[first].is_punct and doc[first].text not in OPEN_MARKS:
        first += 1
    while last >= first and doc[last].is_punct and doc[last].text not in CLOSE_MARKS:
        last -= 1
    if first > last:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    text = text_of(doc)[start:end]
    if text.count("“") > text.count("”") or text.count('"') % 2:
        for k in range(last + 1, min(last + 3, len(doc))):
            if doc[k].text in CLOSE_MARKS:
                end = doc[k].idx + len(doc[k].text)
                break
            if not doc[k].is_punct:
                break
    return start, end


def _subtree_bounds(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i


def _trim_tail(head: Token, first: int, last: int, lex: CueLexicon) -> int:
    """Drop what the reporter tacks on after the reported clause: a comma and a
    non-restrictive modifier running to the end ("..., the presumed favorite",
    "..., which forced her ...", "..., citing ...") and a second cue verb sharing
    the outer subject ("said it was opposed and warned ..."). Returns the new last."""
    doc = head.doc
    for tok in doc[first + 1:last + 1]:
        if tok.right_edge.i != last or tok.i <= head.i or tok.left_edge.i <= first:
            continue
        before = doc[tok.left_edge.i - 1]
        wh_clause = tok.dep_ in ("relcl", "advcl") and doc[tok.left_edge.i].tag_ in ("WDT", "WP", "WP$")
        nonrestrictive = before.text == "," and (
            tok.dep_ in ("appos", "acl") or wh_clause or (tok.dep_ == "advcl" and tok.tag_ == "VBG"))
        coordinated_cue = (tok.dep_ == "conj" and tok.pos_ in VERBAL and tok.lemma_.lower() in lex.speech
                           and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children))
        if nonrestrictive or coordinated_cue:
            cut = tok.left_edge.i - 1
            while cut > first and (doc[cut].is_punct or doc[cut].dep_ == "cc"):
                cut -= 1
            return cut
    return last


def _predicate_after(verb: Token, last: int) -> int:
    """Extend an object over what is said of it: "described Mr. Obama [as a climate
    evangelist]", "blasted the media [for being dishonest]"."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.i == last + 1:
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and (prep.lower_ == "as" or (prep.lower_ == "for" and obj.tag_ == "VBG")):
                return prep.right_edge.i
    return last


def _complement(verb: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """Token range of what the verb reports, or None."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    for child in children:
        if child.dep_ == "ccomp":
            first, last = _subtree_bounds(child)
            return first, _trim_tail(child, first, last, lex)
    if lemma in lex.directive:
        obj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
        inf = next((c for c in children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
        if obj is not None and inf is not None:
            return obj.left_edge.i, _trim_tail(inf, obj.left_edge.i, inf.right_edge.i, lex)
    if lemma in lex.object_content:
        obj = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ != "PRON"), None)
        if obj is not None and not any(c.dep_ in ("xcomp", "oprd") for c in children):
            first, last = _subtree_bounds(obj)
            last = _trim_tail(obj, first, last, lex)
            return first, _predicate_after(verb, last)
    objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
    preps = [c for c in children if c.dep_ == "prep" and c.i > verb.i]
    preps += [c for o in objects for c in o.children if c.dep_ == "prep"]  # "accused [X of Y]"
    for prep in preps:
        if (lemma, prep.lower_) in lex.prep_content:
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                first, last = _subtree_bounds(obj)
                return first, _trim_tail(obj, first, last, lex)
    if lemma in lex.cognition or lemma in lex.directive:
        inf = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if inf is not None:
            first, last = _subtree_bounds(inf)
            return first, _trim_tail(inf, first, last, lex)
    return None


def _reports_channel(verb: Token, comp_head: Token, lex: CueLexicon) -> bool:
    """"He said [the agency said ...]": the inner cue will carry this speaker, via the channel."""
    if comp_head.lemma_.lower() not in lex.speech:
        return False
    subject = subject_of(comp_head)
    if subject is None:
        return False
    start, end = phrase_bounds(subject)
    return lex.is_channel(text_of(verb.doc)[start:end])


def _according(tok: Token, lex: CueLexicon, actors: ActorAnalysis) -> Candidate | None:
    """"according to X, ..." / "..., according to X": the rest of the sentence is X's."""
    doc = tok.doc
    nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    source = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    sent = tok.sent
    lo, hi = tok.left_edge.i, max(tok.right_edge.i, source.right_edge.i)
    before = (sent.start, lo - 1)
    after = (hi + 1, sent.end - 1)
    side = before if before[1] - before[0] >= after[1] - after[0] else after
    bounds = token_bounds(doc, *side)
    if bounds is None or side[1] - side[0] < 2:
        return None
    return Candidate(bounds[0], bounds[1], attribute_source(source, tok, nxt, actors), tok.i)


def _speech_noun(tok: Token, lex: CueLexicon, actors: ActorAnalysis) -> Candidate | None:
    """"his claim that ...": the that-clause is the possessor's."""
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if clause is None or owner is None:
        return None
    bounds = token_bounds(tok.doc, *_subtree_bounds(clause))
    if bounds is None:
        return None
    attribution = attribute_source(owner, tok, tok, actors)
    return Candidate(bounds[0], bounds[1], attribution, tok.i)


def _within_paragraph(bounds: tuple[int, int] | None, cue_at: int,
                      paras: list[tuple[int, int]], starts: list[int]) -> tuple[int, int] | None:
    """Clip reported content to the cue's paragraph: the parser sometimes runs a
    sentence over a paragraph break, but reporting never does. (`starts`: the
    paragraphs' starts, built once per document.)"""
    if bounds is None:
        return None
    k = bisect_right(starts, cue_at) - 1
    if k < 0:
        return bounds
    start, end = max(bounds[0], paras[k][0]), min(bounds[1], paras[k][1])
    return (start, end) if end - start > 1 else None


def find_indirect(doc: Doc, lex: CueLexicon, actors: ActorAnalysis,
                  is_quoted: Callable[[int], bool]) -> list[Candidate]:
    """Every reported-content candidate of the document, in text order."""
    found: list[Candidate] = []
    paras = paragraphs(text_of(doc))
    starts = [p[0] for p in paras]
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in VERBAL and (lex.is_cue_verb(lemma) or lemma in lex.directive or lemma in lex.object_content
                                   or lemma in lex.prep_verbs):
            if lemma in lex.cognition and lemma not in lex.speech and any(c.dep_ == "auxpass" for c in tok.children):
                continue  # "is expected to", "was supposed to": nobody's belief is reported
            comp = _complement(tok, lex)
            if comp is None:
                continue
            if doc[comp[0]:comp[1] + 1].root is not None and _reports_channel(tok, doc[comp[0]:comp[1] + 1].root, lex):
                continue
            bounds = _within_paragraph(token_bounds(doc, *comp), tok.idx, paras, starts)
            if bounds is None:
                continue
            attribution = attribute(tok, lex, actors, is_quoted)
            if attribution.speaker is None and tok.dep_ != "ROOT":
                continue
            found.append(Candidate(bounds[0], bounds[1], attribution, tok.i))
        elif tok.lower_ == "according":
            cand = _according(tok, lex, actors)
            if cand is not None:
                found.append(cand)
        elif tok.pos_ == "NOUN" and lemma in lex.speech_nouns:
            cand = _speech_noun(tok, lex, actors)
            if cand is not None:
                found.append(cand)
    return found
