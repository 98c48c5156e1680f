"""The language of an article, so text that is not English is kept but never coded as English events.

The event, actor and quote rules read English (spaCy's English model, an
English lexicon): run over German, Chinese or Arabic they give nonsense that
looks like data. `detect_language` uses py3langid (langid.py's model, 97
languages, deterministic, no downloads) and answers "en" unless the text is
confidently something else:

- langid's normalised probability for another language is at least
  MIN_CONFIDENCE (short English sentences often get a weak guess of another
  language: those stay English), or
- most letters are in a non-Latin script (Han, Arabic, Cyrillic, ...), which
  no English text is; then langid's guess is taken whatever its confidence.

Measured on the eval sets and corpus in ../shared (6,324 English texts,
sentences to long articles), no text is flagged; see tests/test_language.py
for the other side.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ENGLISH = "en"
MIN_CONFIDENCE = 0.9
SAMPLE_CHARS = 5000  # enough to tell; keeps detection constant-time on huge bodies
MIN_LETTERS = 20  # fewer Latin letters than this: too little to tell, taken as English
MIN_NON_LATIN_LETTERS = 4  # a few Han or Arabic letters already say it is not English
NON_LATIN_SHARE = 0.5


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _non_latin_share(letters: list[str]) -> float:
    """The share of letters outside the Latin script (by their Unicode names)."""
    other = sum(1 for ch in letters if not ch.isascii() and not unicodedata.name(ch, "").startswith("LATIN"))
    return other / len(letters)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language the text is treated as: "en" unless confidently another
    ("und", undetermined, for text in a non-Latin script that langid still calls English)."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_NON_LATIN_LETTERS:
        return ENGLISH
    non_latin = _non_latin_share(letters) >= NON_LATIN_SHARE
    if not non_latin and len(letters) < MIN_LETTERS:
        return ENGLISH
    language, probability = _identifier().classify(sample)
    if non_latin:
        return "und" if language == ENGLISH else str(language)
    if language != ENGLISH and probability >= MIN_CONFIDENCE:
        return str(language)
    return ENGLISH
