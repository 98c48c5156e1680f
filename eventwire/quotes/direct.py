"""Direct quotes: the stretches of text between quotation marks.

Scanned paragraph by paragraph, so an unbalanced mark costs only the quote it
belongs to, never the rest of the document. Handles curly and straight double
quotes, guillemets, typewriter `''`/``` `` ``` pairs; single quotes inside a
double-quoted stretch are left alone (they are nested quotes or apostrophes).
A quote still open at the end of its paragraph runs to that paragraph's end:
the usual style for quotes over several paragraphs (each paragraph opens
again, the last one closes) and the best guess for a forgotten closing mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.quotes.spans import rstrip_end

OPENERS = ("“", "«", "„", "``")
CLOSERS = ("”", "»")
TOGGLES = ('"', "''")
MARK_RE = re.compile(r"``|''|[“”«»„\"]")
SINGLE_RE = re.compile(r"[‘’']")
PARAGRAPH_RE = re.compile(r"[^\n]+")
MIN_OPEN_WORDS = 3  # an unclosed quote shorter than this is more likely a stray mark


@dataclass(frozen=True)
class Marked:
    """One quoted stretch; `start`/`end` include the marks. `closed` is False
    when the paragraph ended before a closing mark."""

    start: int
    end: int
    paragraph: int
    closed: bool = True
    gaps: tuple[tuple[int, int], ...] = ()  # unquoted stretches inside ("..., he said. ...")

    def covers(self, pos: int) -> bool:
        """Is this character quoted (inside the marks and not in a gap)?"""
        return self.start <= pos < self.end and not any(a <= pos < b for a, b in self.gaps)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line: the unit quotes are scanned in."""
    return [(m.start(), m.end()) for m in PARAGRAPH_RE.finditer(text) if m.group().strip()]


def _looks_closing(text: str, pos: int, length: int) -> bool:
    """A straight mark glued to the word before it and followed by space or punctuation."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + length] if pos + length < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)")


def find_marked(text: str) -> list[Marked]:
    """Every quoted stretch of the text, in order."""
    found: list[Marked] = []
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        open_at: int | None = None
        for m in MARK_RE.finditer(text, p_start, p_end):
            mark, pos = m.group(), m.start()
            if mark in OPENERS:
                open_at = pos  # an earlier opener never closed: that quote alone is lost
            elif mark in CLOSERS:
                if open_at is not None:
                    found.append(Marked(open_at, m.end(), index))
                    open_at = None
                elif _starts_word(text, pos, p_start):
                    open_at = pos  # a closing mark typed where an opening one belongs (”Fear. I am ...)
            elif open_at is None:
                if not _looks_closing(text, pos, len(mark)):
                    open_at = pos
            else:
                found.append(Marked(open_at, m.end(), index))
                open_at = None
        if open_at is not None:
            end = rstrip_end(text, p_end)
            if len(text[open_at:end].split()) >= MIN_OPEN_WORDS:
                found.append(Marked(open_at, end, index, closed=False))
        if MARK_RE.search(text, p_start, p_end) is None:
            found.extend(_single_quoted(text, p_start, p_end, index))
    return found


def _starts_word(text: str, pos: int, p_start: int) -> bool:
    """A mark at the start of a word: after a space, a bracket or the paragraph's start."""
    before = text[pos - 1] if pos > p_start else " "
    after = text[pos + 1:pos + 3].lstrip()[:1] or " "
    return (before.isspace() or before in "([—–-:") and (after.isalnum() or after == "…")


def _single_quoted(text: str, p_start: int, p_end: int, index: int) -> list[Marked]:
    """Single quotes used as the main marks (headlines, some house styles), only in
    a paragraph without double marks. An apostrophe inside a word (don’t, Clinton’s)
    neither opens nor closes."""
    found: list[Marked] = []
    open_at: int | None = None
    for m in SINGLE_RE.finditer(text, p_start, p_end):
        pos = m.start()
        if open_at is None:
            if m.group() != "’" and _starts_word(text, pos, p_start):
                open_at = pos
            continue
        after = text[pos + 1] if pos + 1 < p_end else " "
        if m.group() != "‘" and not text[pos - 1].isspace() and not after.isalnum():
            found.append(Marked(open_at, pos + 1, index))
            open_at = None
    return found


def inner(text: str, span: Marked) -> tuple[int, int]:
    """The span without its quotation marks (for matching against parses)."""
    start, end = span.start, span.end
    while start < end and (text[start] in "“”«„\"`'‘" or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in "”»\"'’" or text[end - 1].isspace()):
        end -= 1
    return start, end
