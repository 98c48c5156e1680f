"""The quotes stage: direct, indirect and mixed quotes with their speakers.

Direct stretches (direct.py) and reported content from the parse (indirect.py)
are put together here: a quotation inside reported content makes it mixed;
reported content inside a quotation (“...,” Wang said) gives the quotation its
speaker; a quotation split by its cue (“A,” said X. “B”) is one quote; a
quotation with no cue of its own continues the previous speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
from eventwire.quotes.attribute import Attribution, attribute, subject_of, text_of
from eventwire.quotes.cues import CueLexicon, load_cues
from eventwire.quotes.direct import Marked, find_marked, inner, paragraphs
from eventwire.quotes.indirect import Candidate, find_indirect
from eventwire.quotes.labels import find_labelled
from eventwire.quotes.spans import SpanIndex, is_blank, rstrip_end
from eventwire.records import Quote, Span, Speaker

SIGNATURE_RE = re.compile(r"\s*(―|—|–|--)\s*([^\W\d][^,.;:\n]{0,60}?)\s*[.,;]?\s*$")
MAX_LABEL_WORDS = 3  # a quoted name or phrase this short is a label or scare quote, not a quotation
MAX_SPLIT_GAP = 250  # characters of "..., said X, a lawyer who ... group." between two parts of one quote
FLOAT_PARAGRAPHS = 3
MAX_HEADING_WORDS = 8
CUE_AFTER_TOKENS = 6  # “...?” asked the longtime senator from Ohio: the cue opens the next sentence  # a cue-less quoted paragraph continues a speaker at most this far back


@dataclass
class Found:
    start: int
    end: int
    kind: str
    attribution: Attribution
    paragraph: int


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


class Quoted:
    """Which characters the quotations cover: a look-up in log time, asked for every token."""

    def __init__(self, marked: list[Marked]) -> None:
        self.marked = marked
        self._index = SpanIndex([(m.start, m.end) for m in marked])

    def __call__(self, pos: int) -> bool:
        return any(self.marked[k].covers(pos) for k in self._index.covering(pos))


def _inside(i: int, doc: Doc, quoted: Callable[[int], bool]) -> bool:
    return quoted(doc[i].idx)


def _is_cue(tok: Token, lex: CueLexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.speech


def _merge_split(marked: list[Marked], doc: Doc, lex: CueLexicon) -> list[Marked]:
    """Join “A,” said X. “B” (same paragraph, only a cue between) into one quote."""
    merged: list[Marked] = []
    for m in marked:
        prev = merged[-1] if merged else None
        if prev is not None and prev.paragraph == m.paragraph and prev.closed:
            gap = text_of(doc)[prev.end:m.start]
            if 0 < len(gap) <= MAX_SPLIT_GAP and gap.strip()[-1:] in (".", ",", ":", ";") \
                    and any(_is_cue(t, lex) for t in _tokens(doc, prev.end, m.start)):
                merged[-1] = Marked(prev.start, m.end, m.paragraph, m.closed, (*prev.gaps, (prev.end, m.start)))
                continue
        merged.append(m)
    return merged


def _cue_by_parse(tokens: list[Token], doc: Doc, marked: Quoted, lex: CueLexicon) -> Token | None:
    """Walk up from the quotation's tokens to the cue verb governing it."""
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i in ids:
            continue
        node = tok
        for _ in range(6):
            if node.head.i == node.i:
                break
            node = node.head
            if node.i in ids or _inside(node.i, doc, marked):
                break
            if node.pos_ in ("VERB", "AUX") and lex.is_cue_verb(node.lemma_.lower()):
                return node
    return None


def _cue_sentence_after(last: Token, end: int, doc: Doc) -> int:
    """“... anyway?” he asks. — the parser ends the sentence at the quotation's own
    ?, ! or comma; the cue is then in the next one. Returns where that one ends."""
    text = text_of(doc)
    inner_end = rstrip_end(text, end, "”»\"' ")
    nxt = last.sent.end
    if not (inner_end and text[inner_end - 1] in "?!,") or nxt >= len(doc) or doc[nxt].idx - end > 2:
        return 0
    return doc[nxt].sent.end


def _cue_nearby(start: int, end: int, doc: Doc, marked: Quoted, lex: CueLexicon,
                bounds: tuple[int, int]) -> Token | None:
    """The nearest speech verb with a subject in the quote's sentences (within its paragraph)."""
    tokens = _tokens(doc, start, end)
    if not tokens:
        return None
    lo = tokens[0].sent.start
    hi = tokens[-1].sent.end
    after = _cue_sentence_after(tokens[-1], end, doc)
    best: Token | None = None
    for tok in doc[lo:max(hi, after)]:
        if not (bounds[0] <= tok.idx < bounds[1]) or _inside(tok.i, doc, marked) or not _is_cue(tok, lex):
            continue
        if tok.i >= hi and tok.i - hi > CUE_AFTER_TOKENS:
            continue
        if subject_of(tok) is None:
            continue
        dist = start - tok.idx if tok.idx < start else tok.idx - end
        if best is None or dist < (start - best.idx if best.idx < start else best.idx - end):
            best = tok
    return best


def _cue_before_colon(start: int, doc: Doc, marked: Quoted, lex: CueLexicon) -> Token | None:
    """"He said:" right before the quotation, in the same or the previous paragraph."""
    before = rstrip_end(text_of(doc), start)
    if not before or text_of(doc)[before - 1] != ":":
        return None
    tokens = _tokens(doc, before - 1, before)
    if not tokens:
        return None
    for tok in reversed(list(tokens[0].sent)):
        if not _inside(tok.i, doc, marked) and _is_cue(tok, lex):
            return tok
    return None


def _signature(m: Marked, doc: Doc, actors: ActorAnalysis, bounds: tuple[int, int]) -> Attribution | None:
    """“...” ― Name: a quotation signed with a dash and a name at the paragraph's end."""
    match = SIGNATURE_RE.match(text_of(doc), m.end, bounds[1])
    if match is None:
        return None
    start, end = match.start(2), match.end(2)
    dash = match.start(1)
    mention = actors.mention_in(start, end)
    return Attribution(Speaker(text=text_of(doc)[start:end], start=start, end=end,
                               actor_id=mention.actor_id if mention else None),
                       Span(text=text_of(doc)[dash:match.end(1)], start=dash, end=match.end(1)), None)


def _named_object(cue: Token, m: Marked, lex: CueLexicon) -> int | None:
    """Start of "the senator" in "called the senator a “nasty guy”": the thing named."""
    if cue.lemma_.lower() not in lex.naming:
        return None
    obj = next((c for c in cue.children if c.dep_ in ("dobj", "nsubjpass") and c.idx < m.start), None)
    if obj is None or obj.right_edge.idx > m.start:
        return None
    return obj.left_edge.idx if obj.dep_ == "dobj" else None


def _outermost(cands: list[Candidate], doc: Doc, lex: CueLexicon) -> list[Candidate]:
    """Drop a report nested in another's reported words ("X said [they think [it
    should change]]", "X said [the memo shows ...]"): the whole is X's report, and
    annotators (and readers) attribute it once, to X. (Nested: another candidate
    holds both this one's content and its cue; one index look-up each.)"""
    index = SpanIndex([(c.start, c.end) for c in cands])
    keep = []
    for k, c in enumerate(cands):
        cue = doc[c.cue_i].idx
        if not index.any_containing(min(c.start, cue), max(c.end, cue + 1), besides=k):
            keep.append(c)
    return keep


def _combine(marked: list[Marked], cands: list[Candidate], doc: Doc) -> tuple[list[Found], list[Marked]]:
    """Settle each quotation against the reported content that overlaps it; return the
    quotes settled so far and the quotations still needing a speaker."""
    found: dict[int, Found] = {}
    para_of = _paragraph_index(text_of(doc))
    for k, c in enumerate(cands):
        found[k] = Found(c.start, c.end, "indirect", c.attribution, para_of(c.start))
    index = SpanIndex([(c.start, c.end) for c in cands])
    alone: list[Marked] = []
    for m in marked:
        span = (m.start, m.end)
        hits = [k for k in index.overlapping(m.start, m.end)
                if k in found and _overlap(span, (cands[k].start, cands[k].end)) > 0]
        if not hits:
            alone.append(m)
            continue
        outer = [k for k in hits if cands[k].start <= m.start + 1 and cands[k].end >= m.end - 1]
        within = [k for k in hits if cands[k].start >= m.start - 1 and cands[k].end <= m.end + 1]
        if outer:
            k = min(outer, key=lambda k: cands[k].end - cands[k].start)
            f = found[k]
            outside = text_of(doc)[f.start:m.start] + text_of(doc)[m.end:f.end]
            if not any(ch.isalnum() for ch in outside):
                found[k] = Found(m.start, m.end, "direct", f.attribution, m.paragraph)
            else:
                f.kind = "mixed"
        elif within:
            k = min(within, key=lambda k: cands[k].start)
            attribution = found[k].attribution
            for j in within:
                del found[j]
            found[k] = Found(m.start, m.end, "direct", attribution, m.paragraph)
        else:
            k = hits[0]
            f = found[k]
            found[k] = Found(min(f.start, m.start), max(f.end, m.end), "mixed", f.attribution, f.paragraph)
    return list(found.values()), alone


def _is_heading(quoted: str) -> bool:
    """A quoted line in Title Case ('All Bets Are Off.') is a section heading, not speech."""
    words = [w for w in re.findall(r"[^\W\d_][\w’']*", quoted)]
    return len(words) <= MAX_HEADING_WORDS and all(w[0].isupper() for w in words if len(w) > 3)


def _paragraph_index(text: str) -> Callable[[int], int]:
    """pos -> the index of the paragraph holding it (len(paragraphs) between paragraphs), by bisection."""
    paras = paragraphs(text)
    starts = [s for s, _ in paras]

    def index(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < paras[i][1] else len(paras)
    return index


def find_quotes(article: Article, doc: Doc, actors: ActorAnalysis, cues: CueLexicon | None = None) -> list[Quote]:
    """Every quote of the article body, in text order, numbered q1, q2, ... (`cues`: the quotes stage's cue
    lexicon; the built-in one when not given)."""
    lex = cues if cues is not None else load_cues()
    text = text_of(doc)
    paras = paragraphs(text)
    marked = _merge_split(find_marked(text), doc, lex)
    labelled = find_labelled(doc, text, paras, actors)
    taken = {lab.paragraph for lab in labelled}
    marked = [m for m in marked if m.paragraph not in taken]  # a labelled paragraph is one quote already
    quoted = Quoted(marked)
    by_label = SpanIndex([(lab.start, lab.end) for lab in labelled])
    cands = [c for c in find_indirect(doc, lex, actors, quoted)
             if not _inside(c.cue_i, doc, quoted) and not by_label.covering(c.start)]
    cands = _outermost(cands, doc, lex)
    found, alone = _combine(marked, cands, doc)
    found.extend(Found(lab.start, lab.end, "direct", Attribution(lab.speaker, lab.cue, None), lab.paragraph)
                 for lab in labelled)
    for m in alone:
        a, b = inner(text, m)
        signed = _signature(m, doc, actors, paras[m.paragraph])
        if signed is not None:
            found.append(Found(m.start, m.end, "direct", signed, m.paragraph))
            continue
        cue = _cue_by_parse([t for t in _tokens(doc, a, b) if m.covers(t.idx)], doc, quoted, lex)
        partial = cue is not None
        if cue is None:
            cue = _cue_nearby(m.start, m.end, doc, quoted, lex, paras[m.paragraph])
        if cue is None:
            cue = _cue_before_colon(m.start, doc, quoted, lex)
        if cue is not None:
            attribution = attribute(cue, lex, actors, quoted)
        else:
            attribution = Attribution(None, None, None)
        starts_para = is_blank(text, paras[m.paragraph][0], m.start)
        kind = "mixed" if partial and not starts_para and not text[a:a + 1].isupper() else "direct"
        start = _named_object(cue, m, lex) if partial and cue is not None else None
        if start is not None:
            found.append(Found(start, m.end, "mixed", attribution, m.paragraph))
        elif len(text[a:b].split()) > MAX_LABEL_WORDS:
            found.append(Found(m.start, m.end, kind, attribution, m.paragraph))
    found.sort(key=lambda f: (f.start, f.end))
    quotes: list[Quote] = []
    last: Found | None = None
    for f in found:
        if f.attribution.speaker is None and f.attribution.cue is None:
            starts_para = is_blank(text, paras[f.paragraph][0], f.start) if f.paragraph < len(paras) else False
            if starts_para and last is not None and f.paragraph - last.paragraph <= FLOAT_PARAGRAPHS \
                    and not _is_heading(text[f.start:f.end]):
                f.attribution = Attribution(last.attribution.speaker, None, last.attribution.via)
            else:
                continue  # no cue and no speaker to continue: a title, a scare quote or a lost attribution
        if f.attribution.speaker is not None:
            last = f
        quotes.append(Quote(
            id=f"q{len(quotes) + 1}",
            kind=f.kind,  # type: ignore[arg-type]
            content=Span(text=text[f.start:f.end], start=f.start, end=f.end),
            speaker=f.attribution.speaker,
            cue=f.attribution.cue,
            via=f.attribution.via,
        ))
    return quotes
