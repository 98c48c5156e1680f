"""WordNet as the coder's back-off: verbs and event nouns the lexicon lacks, and what kind of thing a noun is.

WordNet itself is read by `eventwire/senses/wordnet.py`. From WordNet and the lexicon, one table is built
per lexicon and cached as JSON next to the gazetteer index (`wordnet-<key>.json`; loading it takes a
fraction of a second, reading WordNet itself three seconds):

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
  for argument frames ("released a video" is no prisoner release): the
  lexicon-free table `senses.load_noun_classes()` that geo reads too.

When WordNet is absent the coder runs without it and says so once.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from eventwire.events.lexicon import Entry, Lexicon, load_lexicon
from eventwire.senses.wordnet import cached_table, load_noun_classes, searched_dir, wordnet_source

log = logging.getLogger(__name__)

FORMAT = "4"  # bump when the table's contents change for the same lexicon (4: noun classes kept in senses/)
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


def _plain(entry: Entry) -> bool:
    return bool(entry.verb) and not entry.particle and not entry.prep and not entry.negative


def build_backoff(wn, lexicon: Lexicon, classes: dict[str, str]) -> Backoff:  # noqa: ANN001 - a WordNetCorpusReader
    """The back-off table for `lexicon` (see the module docstring), with the noun `classes` of senses/."""
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
    first_sense: dict[str, str] = {}
    for lemma in wn.all_lemma_names("n"):
        senses = wn.synsets(lemma, "n")
        if senses and senses[0].lexname() in EVENT_NOUN_CLASSES:
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
                    searched_dir())
        return None
    noun_classes = load_noun_classes()
    if noun_classes is None:
        return None
    def build(wn: object) -> dict:
        built = build_backoff(wn, lexicon, noun_classes.classes)
        return {"verbs": built.verbs, "nouns": built.nouns}

    data = cached_table(f"wordnet-{_lexicon_key(lexicon, source)}.json", source, build, "coding events")
    if data is None:
        return None
    return Backoff(verbs={k: tuple(v) for k, v in data["verbs"].items()},  # type: ignore[index, misc]
                   classes=noun_classes.classes, nouns={k: tuple(v) for k, v in data["nouns"].items()})  # type: ignore[index, misc]
