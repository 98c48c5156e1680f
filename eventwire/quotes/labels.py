"""Statements introduced by a speaker label and a colon, with no verb of saying.

Two layouts carry them: interview transcripts ("WALLACE: Let's start with ...",
one paragraph per turn, the label in capitals) and short headline-like lines
that name a person and give their words ("Pat Caddell: Voters Worried ...",
"A lesson from Loretta Lynch: 'Be the voice ...'"). The label is the speaker,
the rest of the paragraph is the content, the colon is the cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.actors.analysis import ActorAnalysis
from eventwire.quotes.spans import rstrip_end
from eventwire.records import Span, Speaker

TRANSCRIPT_RE = re.compile(r"[\"“”']?\s*([A-Z][A-Z.'\- ]{0,28}[A-Z.])\s*:\s+(?=\S)")
HEADLINE_RE = re.compile(r"[\"“”']?\s*([^:\n]{2,60}?)\s*:\s+(?=\S)")
MAX_HEADLINE_WORDS = 20  # a line longer than this is body text, where "X:" introduces a list or an example
MAX_LABEL_WORDS = 6
MIN_TURNS = 2  # a transcript speaker takes several turns; a one-off "UPDATE:" or "NOTE:" is no speaker


@dataclass(frozen=True)
class Labelled:
    start: int
    end: int
    speaker: Speaker
    cue: Span
    paragraph: int


def _content_end(text: str, start: int, p_end: int) -> int:
    """The paragraph's end, without a stray quotation mark left over from the layout."""
    end = rstrip_end(text, p_end)
    body = text[start:end]
    if body.count("\"") % 2 and body.endswith("\""):
        end -= 1
    return end


def _people(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of the parser's PERSON names, in text order."""
    return [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON"]


def _person_in(people: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The first PERSON name inside [start, end) (by bisection: asked once per short paragraph)."""
    for k in range(bisect_left(people, (start, -1)), len(people)):
        if people[k][0] >= end:
            break
        if people[k][1] <= end:
            return people[k]
    return None


def find_labelled(doc: Doc, text: str, paras: list[tuple[int, int]], actors: ActorAnalysis) -> list[Labelled]:
    """Every label-and-colon statement of the text."""
    found: list[Labelled] = []
    people = _people(doc)
    turns = [TRANSCRIPT_RE.match(text, p_start, p_end) for p_start, p_end in paras]
    speakers = Counter(m.group(1) for m in turns if m is not None)
    for index, (p_start, p_end) in enumerate(paras):
        m = turns[index]
        if m is not None and len(m.group(1).split()) <= 3 and speakers[m.group(1)] >= MIN_TURNS:
            who = (m.start(1), m.end(1))
        else:
            m = HEADLINE_RE.match(text, p_start, p_end)
            if m is None or len(text[p_start:p_end].split()) > MAX_HEADLINE_WORDS \
                    or len(m.group(1).split()) > MAX_LABEL_WORDS:
                continue
            who = _person_in(people, m.start(1), m.end(1))
            if who is None:
                continue
        start = m.end()
        end = _content_end(text, start, p_end)
        if end - start < 2:
            continue
        mention = actors.mention_in(*who)
        colon = text.index(":", m.end(1))
        found.append(Labelled(
            start, end,
            Speaker(text=text[who[0]:who[1]], start=who[0], end=who[1], actor_id=mention.actor_id if mention else None),
            Span(text=":", start=colon, end=colon + 1),
            index,
        ))
    return found
