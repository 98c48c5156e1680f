"""Hard-wrapped prose (e-mail, plain-text exports, fixed-width copies) joined back into paragraphs.

The page-text classifier judges each line on its own, so prose broken every
72 columns reads as a column of short fragments ("short" lines, no sentence
end) and the story is lost. Wrapped prose shows itself by its geometry: a
greedy wrapper breaks a line only when the next word would not fit, so for
the wrap width W each wrapped line is at most W long and its length plus the
next line's first word exceeds W. When many consecutive lines fit one such W,
and they hold more of the text than the lines longer than W (headlines and
furniture kept as they were), the text is taken as hard-wrapped and each
wrapped line is joined to the next. Blank lines, indentation and bullets
still separate paragraphs; a short line (the last of its paragraph, a
heading, a menu entry) is never joined to what follows. Other text is
returned unchanged.
"""

from __future__ import annotations

import re

MIN_WIDTH = 40  # narrower wrapping is rare; below it menus of short lines look wrapped by chance
MAX_WIDTH = 120
MIN_WRAPPED = 3  # line pairs that fit the width before the text counts as wrapped
WRAPPED_SHARE = 2.0  # the wrapped lines hold this many times the characters of the lines over the width
SLACK = 3  # wrappers that break a little before the width (fmt, editors) still count as full lines
FULL_SHARE = 0.85  # or a line this close to the width is full whatever the next word
_BULLET = re.compile(r"^\s*(?:[•·▪◦●■\-*–]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…:;”\"’')\]]$")
_WORD_HYPHEN = re.compile(r"[^\W\d_]-$")  # "counter-" + "intelligence": the wrapper broke at the hyphen


def _first_word(line: str) -> int:
    stripped = line.lstrip()
    return len(stripped.split(None, 1)[0]) if stripped else 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was hard-wrapped at, or None when it is not hard-wrapped.

    Each pair of consecutive non-blank lines allows the widths W with
    len(line) <= W < len(line) + 1 + len(next first word); the W most pairs
    allow wins (a sweep over those intervals), and must account for more of
    the text than the lines longer than it.
    """
    ends = [len(line.rstrip()) for line in lines]
    events: list[tuple[int, int]] = []  # (width, +1 opens / -1 closes after it)
    for i in range(len(lines) - 1):
        length, word = ends[i], _first_word(lines[i + 1])
        if not length or not word:
            continue
        lo, hi = max(length, MIN_WIDTH), min(length + word, MAX_WIDTH)
        if lo <= hi:
            events.append((lo, 1))
            events.append((hi + 1, -1))
    if len(events) < 2 * MIN_WRAPPED:
        return None
    events.sort()
    best, width, open_now = 0, None, 0
    for at, change in events:
        open_now += change
        if open_now > best:
            best, width = open_now, at
    if width is None or best < MIN_WRAPPED:
        return None
    wrapped = sum(ends[i] for i in range(len(lines) - 1)
                  if ends[i] and ends[i] <= width < ends[i] + 1 + _first_word(lines[i + 1]))
    over = sum(length for length in ends if length > width + SLACK)
    return width if wrapped >= WRAPPED_SHARE * over else None


def _continues(prev: str, line: str, width: int) -> bool:
    """Does `line` continue the paragraph `prev` was wrapped out of?"""
    length, word = len(prev.rstrip()), _first_word(line)
    if not length or not word or length > width + SLACK:
        return False
    if _BULLET.match(line) or _indent(line) > _indent(prev):
        return False  # a list item or an indented first line starts a paragraph
    exact = length + 1 + word > width
    if not (exact or length + 1 + word > width - SLACK or length >= FULL_SHARE * width):
        return False  # a short line ends its paragraph (or is a heading, a menu entry)
    first = line.lstrip()[:1]
    if _SENTENCE_END.search(prev.rstrip()) and not (first.islower() or first.isdigit()):
        return exact  # a sentence ends at the break: the same paragraph only if the next word did not fit
    return True


def unwrap(text: str) -> str:
    """The text with hard-wrapped lines joined into one line per paragraph (unchanged if not wrapped)."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:]):
        if _continues(prev, line, width):
            head = out[-1].rstrip()
            glue = "" if _WORD_HYPHEN.search(head) and line.lstrip()[:1].isalpha() else " "
            out[-1] = head + glue + line.strip()
        else:
            out.append(line)
    return "\n".join(out)
