"""WordNet as the coder's back-off: verbs the lexicon lacks, and what kind of thing a noun is.

WordNet 3.0 comes from Debian's `wordnet-base` package (`/usr/share/wordnet`, or
$EVENTWIRE_WORDNET_DIR), read with nltk's WordNet reader; nothing is downloaded.
nltk wants the files as `<root>/corpora/wordnet/` with a `lexnames` file, which
Debian does not ship, and refuses links out of its root, so the files are
copied once into the user cache with our `data/wordnet_lexnames.tsv`.

From WordNet and the lexicon, one table is built per lexicon and cached as JSON
next to the gazetteer index (`wordnet-<key>.json`; loading it takes a fraction
of a second, reading WordNet itself three seconds):

- verbs: a verb absent from the lexicon → the lexicon entry of the nearest
  sense. A sense counts when it is among the verb's `VERB_SENSES` most frequent
  senses, and it reaches a synset that is among the `ENTRY_SENSES` most frequent
  senses of a plain lexicon verb (no particle or preposition of its own): the
  same synset (a synonym: "nab" → arrest), its hypernym ("gun down" → shoot →
  ASSAULT), or a verb group. Hypernyms with more than `MAX_HYPONYMS` hyponyms
  are too general to say anything ("change", "act", "move").
- nouns: an event noun absent from the lexicon → the lexicon noun whose most
  frequent sense is the noun's own most frequent sense (a synonym only:
  "warfare" → war, "carnage" → massacre), when that sense is a deed (noun.act,
  noun.event, noun.communication: "job" is no "occupation"); the noun then has to meet that
  noun's entries as written (light verb, preposition).
- classes: every noun's lexicographer file for its most frequent sense
  (`noun.person`, `noun.group`, `noun.artifact`, `noun.communication`...),
  for argument frames ("released a video" is no prisoner release).

When WordNet is absent the coder runs without it and says so once.
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

from eventwire.events.lexicon import Entry, Lexicon, load_lexicon
from eventwire.config import cache_dir

log = logging.getLogger(__name__)

SYSTEM_DIR = Path("/usr/share/wordnet")
LEXNAMES = Path(__file__).resolve().parent / "data" / "wordnet_lexnames.tsv"
FILES = ("data.noun", "data.verb", "data.adj", "data.adv", "index.noun", "index.verb", "index.adj", "index.adv",
         "noun.exc", "verb.exc", "adj.exc", "adv.exc", "cntlist.rev", "index.sense")
FORMAT = "3"  # bump when the table's contents change for the same lexicon
VERB_SENSES = 1
ENTRY_SENSES = 1
MAX_HYPONYMS = 40
EVENT_NOUN_CLASSES = ("noun.act", "noun.event", "noun.communication")  # senses a noun synonym may share: deeds


@dataclass(frozen=True)
class Backoff:
    """What the lexicon lacks, through WordNet: verb lemma → (entry id, synset that linked them); event noun →
    (lexicon noun, shared synset); noun lemma → the lexicographer file of its most frequent sense."""

    verbs: dict[str, tuple[str, str]]
    classes: dict[str, str]
    nouns: dict[str, tuple[str, str]]

    def verb_entry(self, lexicon: Lexicon, *forms: str) -> tuple[Entry, str] | None:
        for form in forms:
            hit = self.verbs.get(form)
            if hit and hit[0] in lexicon.entries:
                return lexicon.entries[hit[0]], hit[1]
        return None

    def noun_synonym(self, *forms: str) -> tuple[str, str] | None:
        """The lexicon noun that shares the most frequent sense of one of `forms`, with that synset."""
        return next((self.nouns[f] for f in forms if f in self.nouns), None)

    def noun_class(self, lemma: str) -> str | None:
        """The lexicographer file of the noun's most frequent sense, e.g. "noun.person"."""
        return self.classes.get(lemma)


def wordnet_source() -> Path | None:
    """The WordNet database files, or None when they are not installed."""
    folder = Path(os.environ.get("EVENTWIRE_WORDNET_DIR") or SYSTEM_DIR)
    return folder if all((folder / name).is_file() for name in ("data.verb", "index.verb", "data.noun")) else None


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


def _plain(entry: Entry) -> bool:
    return bool(entry.verb) and not entry.particle and not entry.prep and not entry.negative


def build_backoff(wn, lexicon: Lexicon) -> Backoff:  # noqa: ANN001 - a WordNetCorpusReader
    """The back-off table for `lexicon` (see the module docstring)."""
    by_synset: dict[str, tuple[int, str]] = {}  # synset → (sense rank in the entry's verb, entry id)
    for entry in lexicon.entries.values():
        if not _plain(entry):
            continue
        for rank, synset in enumerate(wn.synsets(entry.verb.replace(" ", "_"), "v")[:ENTRY_SENSES]):
            old = by_synset.get(synset.name())
            if old is None or rank < old[0]:
                by_synset[synset.name()] = (rank, entry.id)
    known_verbs = set(lexicon.by_verb)
    verbs: dict[str, tuple[str, str]] = {}
    for lemma in wn.all_lemma_names("v"):
        word = lemma.replace("_", " ")
        if word in known_verbs:
            continue
        hit = _nearest(wn.synsets(lemma, "v")[:VERB_SENSES], by_synset)
        if hit:
            verbs[word] = hit
    classes: dict[str, str] = {}
    first_sense: dict[str, str] = {}
    for lemma in wn.all_lemma_names("n"):
        senses = wn.synsets(lemma, "n")
        if senses:
            classes[lemma.replace("_", " ")] = senses[0].lexname()
            if senses[0].lexname() in EVENT_NOUN_CLASSES:
                first_sense[lemma.replace("_", " ")] = senses[0].name()
    return Backoff(verbs=verbs, classes=classes, nouns=_noun_synonyms(lexicon, first_sense))


def _noun_synonyms(lexicon: Lexicon, first_sense: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Noun → the single-word lexicon noun with the same most frequent sense (the first lexicon noun wins)."""
    by_synset: dict[str, str] = {}
    for word in sorted(lexicon.by_noun):
        if " " not in word and word in first_sense and any(e.noun == word for e in lexicon.by_noun[word]):
            by_synset.setdefault(first_sense[word], word)
    return {word: (by_synset[synset], synset) for word, synset in first_sense.items()
            if " " not in word and word not in lexicon.by_noun and synset in by_synset}


def _nearest(senses, by_synset: dict[str, tuple[int, str]]) -> tuple[str, str] | None:  # noqa: ANN001
    for synset in senses:
        if synset.name() in by_synset:
            return by_synset[synset.name()][1], synset.name()
        for near in [*synset.verb_groups(), *synset.hypernyms()]:
            if near.name() in by_synset and len(near.hyponyms()) <= MAX_HYPONYMS:
                return by_synset[near.name()][1], near.name()
    return None


def _lexicon_key(lexicon: Lexicon, source: Path) -> str:
    h = hashlib.sha256(f"{FORMAT}\0{EVENT_NOUN_CLASSES}\0{VERB_SENSES}\0{ENTRY_SENSES}\0{MAX_HYPONYMS}\0{source}".encode())
    for entry in sorted(lexicon.entries.values(), key=lambda e: e.id):
        h.update(f"{entry.id}\0{entry.verb}\0{entry.noun}\0{entry.particle}\0{entry.prep}\0{entry.negative}\n".encode())
    h.update((source / "data.verb").read_bytes()[:4096])
    return h.hexdigest()[:16]


@functools.lru_cache(maxsize=8)
def load_backoff(extra_files: tuple[Path, ...] = ()) -> Backoff | None:
    """The back-off table for the lexicon `load_lexicon(extra_files)`, built into the cache on first use and read
    from there after; None without WordNet."""
    lexicon = load_lexicon(extra_files)
    source = wordnet_source()
    if source is None:
        log.warning("WordNet not found in %s (Debian packages wordnet-base and wordnet-sense-index, or set "
                    "EVENTWIRE_WORDNET_DIR): coding events with the lexicon only, without the WordNet back-off",
                    os.environ.get("EVENTWIRE_WORDNET_DIR") or SYSTEM_DIR)
        return None
    cache = cache_dir()
    path = cache / f"wordnet-{_lexicon_key(lexicon, source)}.json"
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        return Backoff(verbs={k: tuple(v) for k, v in data["verbs"].items()},  # type: ignore[misc]
                       classes=data["classes"], nouns={k: tuple(v) for k, v in data["nouns"].items()})  # type: ignore[misc]
    try:
        cache.mkdir(parents=True, exist_ok=True)
        wn = open_wordnet(source, cache)
    except OSError as exc:
        log.warning("cannot prepare WordNet in the cache directory %s (%s): coding events without the WordNet "
                    "back-off", cache, exc)
        return None
    backoff = build_backoff(wn, lexicon)
    fd, tmp = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=cache)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"verbs": backoff.verbs, "classes": backoff.classes, "nouns": backoff.nouns}, out)
        os.replace(tmp, path)  # atomic: another process sees no table or the whole one
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return backoff
