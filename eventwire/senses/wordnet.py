"""WordNet 3.0, read offline, and the one table every stage may read: what kind of thing a noun is.

WordNet comes from Debian's `wordnet-base` package (`/usr/share/wordnet`, or $EVENTWIRE_WORDNET_DIR), read
with nltk's WordNet reader; nothing is downloaded. nltk wants the files as `<root>/corpora/wordnet/` with a
`lexnames` file, which Debian does not ship, and refuses links out of its root, so the files are copied
once into the user cache with our `data/wordnet_lexnames.tsv`.

`load_noun_classes()` gives every noun's lexicographer file for its most frequent sense (`noun.person`,
`noun.location`, `noun.act`...): the events coder's argument frames and geo's place nouns ("the Hama
countryside") read it. It is built once into the cache (`wordnet-classes-<key>.json`) and loaded in a
fraction of a second after that. The events coder's verb and noun back-off, which depends on its lexicon,
is `events/backoff.py`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from eventwire.config import cache_dir

log = logging.getLogger(__name__)

SYSTEM_DIR = Path("/usr/share/wordnet")
LEXNAMES = Path(__file__).resolve().parent / "data" / "wordnet_lexnames.tsv"
FILES = ("data.noun", "data.verb", "data.adj", "data.adv", "index.noun", "index.verb", "index.adj", "index.adv",
         "noun.exc", "verb.exc", "adj.exc", "adv.exc", "cntlist.rev", "index.sense")
CLASSES_FORMAT = "1"  # bump when the noun class table's contents change for the same WordNet


@dataclass(frozen=True)
class NounClasses:
    """Noun lemma → the lexicographer file of its most frequent sense."""

    classes: dict[str, str]

    def of(self, lemma: str) -> str | None:
        """The lexicographer file of the noun's most frequent sense, e.g. "noun.person"."""
        return self.classes.get(lemma)


def wordnet_source() -> Path | None:
    """The WordNet database files, or None when they are not installed."""
    folder = Path(os.environ.get("EVENTWIRE_WORDNET_DIR") or SYSTEM_DIR)
    return folder if all((folder / name).is_file() for name in ("data.verb", "index.verb", "data.noun")) else None


def searched_dir() -> Path:
    """Where WordNet is looked for, for messages that say it is missing."""
    return Path(os.environ.get("EVENTWIRE_WORDNET_DIR") or SYSTEM_DIR)


def _reader_root(source: Path, cache: Path) -> Path:
    """`<cache>/nltk/corpora/wordnet` holding copies of the database files and the lexnames file."""
    target = cache / "nltk" / "corpora" / "wordnet"
    stamp = target / ".from"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == str(source):
        return target.parent.parent
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        if (source / name).is_file():
            shutil.copyfile(source / name, target / name)
    lines = [line for line in LEXNAMES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    (target / "lexnames").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stamp.write_text(str(source), encoding="utf-8")
    return target.parent.parent


def open_wordnet(source: Path, cache: Path):  # noqa: ANN201 - nltk's WordNetCorpusReader
    import warnings

    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    root = _reader_root(source, cache)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))  # nltk reads only below its data roots
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The multilingual functions")  # no Open Multilingual Wordnet
        return WordNetCorpusReader(str(root / "corpora" / "wordnet"), None)


def build_noun_classes(wn) -> NounClasses:  # noqa: ANN001 - a WordNetCorpusReader
    classes: dict[str, str] = {}
    for lemma in wn.all_lemma_names("n"):
        senses = wn.synsets(lemma, "n")
        if senses:
            classes[lemma.replace("_", " ")] = senses[0].lexname()
    return NounClasses(classes)


def write_cached(path: Path, data: object) -> None:
    """Write a JSON table into the cache atomically: another process sees no table or the whole one."""
    fd, tmp = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _classes_key(source: Path) -> str:
    h = hashlib.sha256(f"{CLASSES_FORMAT}\0{source}".encode())
    h.update((source / "data.noun").read_bytes()[:4096])
    return h.hexdigest()[:16]


def cached_table(name: str, source: Path, build: Callable[[object], object], without: str) -> object | None:
    """The JSON table `name` from the user cache, built from WordNet by `build(reader)` on first use and written
    there for every later process; None (with a warning that says what runs `without` it) when the cache
    cannot hold WordNet's reader folder."""
    cache = cache_dir()
    path = cache / name
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    try:
        cache.mkdir(parents=True, exist_ok=True)
        wn = open_wordnet(source, cache)
    except OSError as exc:
        log.warning("cannot prepare WordNet in the cache directory %s (%s): %s without WordNet", cache, exc, without)
        return None
    data = build(wn)
    write_cached(path, data)
    return data


@functools.lru_cache(maxsize=1)
def load_noun_classes() -> NounClasses | None:
    """The noun class table, built into the cache on first use and read from there after; None without WordNet
    (the events coder says so when it finds WordNet missing)."""
    source = wordnet_source()
    if source is None:
        return None
    classes = cached_table(f"wordnet-classes-{_classes_key(source)}.json", source,
                           lambda wn: build_noun_classes(wn).classes, "reading nouns")
    return None if classes is None else NounClasses(classes)  # type: ignore[arg-type]
