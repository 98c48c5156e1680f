"""The date each event happened, from the date expression tied to it.

Which expression belongs to an event: the one inside the event's own clause
(the dependency subtree of the trigger's clause head, without clauses nested
in it that the trigger is not part of) wins; else one elsewhere in the
sentence, outside relative clauses that describe something else ("...in
Serbia, where 24 were killed last March"); nearest to the trigger on ties.
When no expression applies, the publication day stands in, marked
`from: "published"`; so it does when the expression lies after the
publication day, since what is coded then is the promise or plan, made by
that day ("agreed to meet next week", "pledged to double trade by 2030"). Headline events have no parse here: the nearest
expression in the title is theirs.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from eventwire.documents import Article
from eventwire.records import Event, EventDate
from eventwire.time.expressions import DateExpr, find_expressions
from eventwire.time.resolve import reference_date, resolve

log = logging.getLogger(__name__)


MAX_CLIMB = 12  # tokens between a date expression and the word it modifies, at most
TEMPORAL_SUBORDINATORS = ("when", "as", "while", "once")
OLD_BACKGROUND_DAYS = 366  # a date from elsewhere in the sentence older than this before publication is background

# dependency labels that open a clause of its own
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "csubj", "acl", "parataxis", "conj"}


def date_events(article: Article, doc: Doc, events: list[Event]) -> list[Event]:
    """Events with `date` set from the text, or from the publication day."""
    ref = reference_date(article.published)
    body_exprs = find_expressions(doc.text)
    body_exprs += _entity_dates(doc, body_exprs)
    title_exprs = find_expressions(article.title) if article.title else []
    dated = []
    for event in events:
        if event.headline:
            own, rest = _nearest(title_exprs, event.trigger.start), []
        else:
            own, rest = _attached(doc, event, body_exprs)
        dated.append(event.model_copy(update={"date": _date_for(own, rest, ref, event.modality.future)}))
    return [_headline_date(e, dated) if e.headline and e.date is not None and e.date.from_ == "published" else e
            for e in dated]


def _headline_date(event: Event, dated: list[Event]) -> Event:
    """A headline with no date of its own tells the story of a body event of the same type: its date
    ("Iraq summons envoy after air strikes kill three" -> the strikes "late on Sunday")."""
    for other in dated:
        if not other.headline and other.plover.type == event.plover.type and other.date is not None \
                and other.date.from_ == "text":
            return event.model_copy(update={"date": other.date})
    return event


def _date_for(own: list[DateExpr], rest: list[DateExpr], ref: date | None, future: bool) -> EventDate | None:
    """The first expression that resolves: the event's own clause's (in its own tense), then the rest of
    the sentence's, read as past ("said on Wednesday it would accept": Wednesday is the saying's)."""
    for expr, forward, is_own in [(e, future, True) for e in own] + [(e, False, False) for e in rest]:
        resolved = resolve(expr, ref, forward)
        if resolved is not None:
            value, precision = resolved
            if not is_own and ref is not None and (ref - value).days > OLD_BACKGROUND_DAYS:
                continue  # "...in 2001, when the war began": an old date outside the event's clause is background
            if ref is not None and value > ref:
                # A report cannot tell of what has not happened yet: an event coded from "will meet next
                # week" or "pledged to double trade by 2030" is the promise or plan, made by the publication day.
                break
            return EventDate(value=value.isoformat(), precision=precision, from_="text", text=expr.text)
    if ref is None:
        return None
    return EventDate(value=ref.isoformat(), precision="day", from_="published")


def _nearest(exprs: list[DateExpr], pos: int) -> list[DateExpr]:
    return sorted(exprs, key=lambda e: min(abs(e.start - pos), abs(e.end - pos)))


def _attached(doc: Doc, event: Event, exprs: list[DateExpr]) -> tuple[list[DateExpr], list[DateExpr]]:
    """The expressions of the event's sentence: its own clause's, and the others; each nearest first."""
    sent_start, sent_end = event.sentence.start, event.sentence.end
    in_sentence = [e for e in exprs if e.start >= sent_start and e.end <= sent_end]
    if not in_sentence:
        return [], []
    trigger = _trigger_token(doc, event)
    if trigger is None:
        return _nearest(in_sentence, event.trigger.start), []
    clause = _clause_chars(trigger, event)
    foreign = _foreign_clause_chars(trigger)
    before = _reported_clause_start(trigger)
    own = [e for e in in_sentence if _covered(e, clause) and not (before is not None and e.end <= before)]
    rest = [e for e in in_sentence if e not in own and not _covered(e, foreign)]
    timed = [e for e in rest if _times_the_clause(doc, e, _clause_head(trigger))]
    own = [e for e in own if not _dates_a_noun_state(doc, e, _clause_head(trigger))]
    rest = [e for e in rest if not _dates_a_noun_state(doc, e, None)]
    return _nearest(own + timed, event.trigger.start), _nearest([e for e in rest if e not in timed], event.trigger.start)


def _times_the_clause(doc: Doc, expr: DateExpr, head: Token) -> bool:
    """"Relations collapsed in April 2021, when the government expelled 18 diplomats": a clause that hangs
    on the date, opens with when/as/while, or is a participle without a subject of its own happened at the
    time of the clause it belongs to."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None:
        return False
    while head.dep_ == "conj" and head.head.i != head.i:  # "when it accused ... and expelled ...": the first verb's
        head = head.head
    if span.start <= head.head.i < span.end and head.dep_ in ("relcl", "advcl", "acl"):
        return True
    if head.dep_ not in ("advcl", "relcl") or not _contains(head.head, span.root):
        return False
    temporal = any(c.dep_ in ("advmod", "mark") and c.lower_ in TEMPORAL_SUBORDINATORS for c in head.children)
    participle = head.dep_ == "advcl" and head.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                                        for c in head.children)
    return temporal or participle  # "has raged since April 2023, killing thousands": the raging's time


def _dates_a_noun_state(doc: Doc, expr: DateExpr, verb: Token | None) -> bool:
    """"The hostages, in captivity since 2016, were freed": a since-expression on a noun dates that noun's
    state, never an event. Only one on the event's own verb ("have held them since 2016") dates it (the
    state's start)."""
    if not expr.text.lower().startswith("since"):
        return False
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    for _ in range(MAX_CLIMB):
        head = tok.head
        if head.i == tok.i or head.pos_ in ("VERB", "AUX"):
            return verb is not None and head.i != verb.i
        if not (span.start <= head.i < span.end) and (head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ")
                                                      or head.pos_ == "ADP" and head.i != tok.i):
            return True  # on a noun, or on another phrase ("in captivity since 2016"): that one's state
        tok = head
    return True


def _reported_clause_start(trigger: Token) -> int | None:
    """Where a reported clause's own words begin (its subject): "said on Wednesday it would accept" —
    a date between the speech verb and that subject is the saying's, whatever the parser attached it to."""
    head = _clause_head(trigger)
    if head.dep_ != "ccomp":
        return None
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0].left_edge.idx if subjects and subjects[0].i < head.i else None


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else span.root


def _clause_head(token: Token) -> Token:
    """The verb heading the clause the token belongs to."""
    t = token
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _clause_chars(trigger: Token, event: Event) -> set[int]:
    """Character offsets of the trigger's clause, nested clauses not containing the trigger left out."""
    head = _clause_head(trigger)
    chars: set[int] = set()

    def walk(tok: Token) -> None:
        chars.update(range(tok.idx, tok.idx + len(tok.text) + 1))
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS and not _contains(child, trigger):
                continue
            walk(child)

    walk(head)
    return chars


def _foreign_clause_chars(trigger: Token) -> set[int]:
    """Characters of relative clauses that describe something other than the event."""
    chars: set[int] = set()
    for tok in trigger.sent:
        if tok.dep_ == "relcl" and not _contains(tok, trigger):
            for t in tok.subtree:
                chars.update(range(t.idx, t.idx + len(t.text) + 1))
    return chars


def _contains(root: Token, token: Token) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i and (token.i == root.i or any(a.i == root.i for a in token.ancestors))


def _covered(expr: DateExpr, chars: set[int]) -> bool:
    return expr.start in chars and (expr.end - 1) in chars


def _entity_dates(doc: Doc, found: list[DateExpr]) -> list[DateExpr]:
    """spaCy DATE entities our patterns miss but dateparser reads as absolute dates ("12/25/2021")."""
    covered = {i for e in found for i in range(e.start, e.end)}
    extra = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(i in covered for i in range(ent.start_char, ent.end_char)):
            continue
        if not any(ch.isdigit() for ch in ent.text):
            continue
        parsed = _parse_absolute(ent)
        if parsed is not None:
            extra.append(parsed)
    return extra


def _parse_absolute(ent: Span) -> DateExpr | None:
    """An absolute date with a year, via dateparser (imported only when needed: it is slow to load)."""
    text = ent.text
    if not any(len(tok.text) == 4 and tok.text.isdigit() for tok in ent) and "/" not in text:
        return None
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    result = _dateparser().parse(text, languages=["en"], settings=settings)
    if result is None:
        return None
    return DateExpr(start=ent.start_char, end=ent.end_char, text=text, kind="absolute",
                    year=result.year, month=result.month, day=result.day)


@lru_cache(maxsize=1)
def _dateparser():  # noqa: ANN202 - the module itself
    import dateparser

    return dateparser
