"""Choosing an HTML page's body from trafilatura's modes by where they agree.

trafilatura's default mode keeps whole articles but also teasers before them
and comments or related stories after them; `favor_precision` drops those, and
with them short lines inside the article (subheadings, list items, a one-line
paragraph). Neither is better on every page: on html-dev precision wins on the
dev half's pages with teasers and comments and loses wherever it cuts lines out
of the middle of a story. So the body is the default mode's text, cut to the
first and last lines that precision also kept: precision decides where the
article starts and ends, the default mode what lies in between. Nothing is
tuned here — no thresholds on the benchmark's pages beyond "the same line".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.extract.pagetext import classify

_WORD = re.compile(r"\w+")
NOT_ARTICLE = {"furniture", "caption", "timestamp", "repeat", "byline"}
SAME_LINE_SHARE = 0.8  # two lines are the same when this share of the longer one's words is in both


@dataclass(frozen=True)
class Choice:
    text: str
    how: str  # "trafilatura" (default mode, whole) | "trafilatura+precision" (cut to precision's bounds)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _words(line: str) -> set[str]:
    return set(_WORD.findall(line.lower()))


class _LineIndex:
    """The other mode's lines, found by their words: is a line (nearly) one of them?

    The modes format tables and spacing apart, so lines match when SAME_LINE_SHARE
    of the longer one's words are in both. Such a line holds at least one of any
    (1 - SAME_LINE_SHARE) share + 1 of our words, so only lines holding one of our
    rarest words are compared: linear in practice even on pages of 10,000 lines.
    """

    def __init__(self, lines: list[str]) -> None:
        self.exact = set(lines)
        self.words = [_words(line) for line in lines]
        self.holding: dict[str, list[int]] = {}
        for i, words in enumerate(self.words):
            for word in words:
                self.holding.setdefault(word, []).append(i)

    def __contains__(self, line: str) -> bool:
        if line in self.exact:
            return True
        words = _words(line)
        if not words:
            return False
        rarest = sorted(words, key=lambda w: len(self.holding.get(w, ())))
        must_hold_one = rarest[:int(len(words) * (1 - SAME_LINE_SHARE)) + 1]
        candidates = {i for word in must_hold_one for i in self.holding.get(word, ())}
        return any(len(words & self.words[i]) >= SAME_LINE_SHARE * max(len(words), len(self.words[i]))
                   for i in candidates)


def within_precision_bounds(default: str, precision: str) -> Choice:
    """The default mode's lines from the first to the last line the precision mode also kept.

    Inside those bounds, lines precision dropped stay unless they look like furniture.
    With nothing in common (or no precision output) the default text is kept whole.
    """
    lines = _lines(default)
    kept = _lines(precision)
    if not lines or not kept:
        return Choice(default.strip(), "trafilatura")
    kept_lines = _LineIndex(kept)
    shared = [i for i, line in enumerate(lines) if line in kept_lines]
    if not shared:
        return Choice(default.strip(), "trafilatura")
    first, last = shared[0], shared[-1]
    inside = set(shared)
    if len(inside) == last - first + 1:  # precision kept every line between its bounds: nothing to classify
        body = lines[first:last + 1]
    else:
        kinds = classify(lines)
        body = [line for i, line in enumerate(lines[first:last + 1], start=first)
                if i in inside or not _furniture(line, kinds[i].kind)]
    if len(body) == len(lines):
        return Choice("\n".join(lines), "trafilatura")
    return Choice("\n".join(body), "trafilatura+precision")


def _furniture(line: str, kind: str) -> bool:
    """A line precision dropped that the page-text classifier also calls no article text.

    Furniture phrases, captions, bare timestamps and lines the page repeats, and
    shouted lines (related-story links written in capitals).
    """
    if kind in NOT_ARTICLE:
        return True
    letters = [c for c in line if c.isalpha()]
    return len(line.split()) >= 3 and len(letters) >= 10 and all(c.isupper() for c in letters)
