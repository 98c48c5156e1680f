"""The event lexicon: YAML entries (one file per PLOVER type) loaded, validated and indexed.

Format: data/README.md. Users add `--lexicon my.yaml` files (Settings.lexicon_files),
merged over the built-in ones: an entry with the same `id` replaces the built-in one.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from eventwire.datafiles import load_yaml
from eventwire.events.tables import load_tables

LEXICON_DIR = Path(__file__).resolve().parent / "data" / "lexicon"
FIELDS = {"id", "verb", "noun", "light", "particle", "prep", "plover", "mode", "cameo", "intended", "context",
          "negative", "note", "object"}
# What an entry's `object` may name (frames.py): WordNet's noun lexicographer files without "noun.", or none.
OBJECT_CLASSES = frozenset({"act", "animal", "artifact", "attribute", "body", "cognition", "communication", "event",
                            "feeling", "food", "group", "location", "motive", "object", "person", "phenomenon",
                            "plant", "possession", "process", "quantity", "relation", "shape", "state",
                            "substance", "time", "none"})


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class Entry:
    id: str
    plover: str
    cameo: str
    verb: str | None = None
    noun: str | None = None
    light: tuple[str, ...] = ()
    particle: str | None = None
    prep: tuple[str, ...] = ()
    mode: str | None = None
    intended: bool = False
    context: tuple[str, ...] = ()
    negative: bool = False
    note: str | None = None
    object: tuple[str, ...] = ()  # the classes the object may be of (frames.py); empty: any
    source: str = ""

    @property
    def noun_head(self) -> str | None:
        """The word of a multi-word noun the parse hangs it on: 'state of emergency' → state, 'hunger strike' → strike."""
        if not self.noun:
            return None
        words = self.noun.split()
        return words[words.index("of") - 1] if "of" in words[1:] else words[-1]

    @property
    def specificity(self) -> int:
        """How much of the sentence the entry must match: more wins over less."""
        return (2 if self.noun and self.light else 1 if self.noun else 0) + bool(self.particle) + bool(self.prep)


@dataclass
class Lexicon:
    entries: dict[str, Entry] = field(default_factory=dict)
    by_verb: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    by_noun: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))

    def __len__(self) -> int:
        return len(self.entries)


def _as_list(value: object, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.lower(),)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.lower() for v in value)
    raise LexiconError(f"{where}: `{name}` must be a string or a list of strings, got {value!r}")


def parse_entry(raw: object, where: str) -> Entry:
    """One validated entry; raises LexiconError saying what is wrong and where."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: an entry must be a mapping, got {raw!r}")
    unknown = set(raw) - FIELDS
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(FIELDS)}")
    eid = raw.get("id")
    if not isinstance(eid, str) or not eid:
        raise LexiconError(f"{where}: every entry needs a string `id`")
    where = f"{where} (id {eid})"
    if bool(raw.get("verb")) == bool(raw.get("noun")):
        raise LexiconError(f"{where}: give exactly one of `verb` or `noun`")
    if raw.get("light") and not raw.get("noun"):
        raise LexiconError(f"{where}: `light` verbs go with a `noun`")
    tables = load_tables()
    plover = raw.get("plover")
    if not isinstance(plover, str) or tables.plover_name(plover) not in tables.plover:
        raise LexiconError(f"{where}: `plover` must be one of {sorted(tables.plover)}, got {plover!r}")
    plover = tables.plover_name(plover)
    cameo = raw.get("cameo")
    if isinstance(cameo, int):
        raise LexiconError(f"{where}: write `cameo` as a quoted string to keep its leading zeros (\"0{cameo}\"?)")
    if not isinstance(cameo, str) or not (cameo in tables.cameo or cameo[:3] in tables.cameo):
        raise LexiconError(f"{where}: `cameo` {cameo!r} is not a code in data/cameo.csv")
    mode = raw.get("mode")
    if mode is not None and mode not in tables.plover[plover].modes:
        raise LexiconError(f"{where}: mode {mode!r} is not a {plover} mode {list(tables.plover[plover].modes)}")
    context = _as_list(raw.get("context"), where, "context")
    bad = [c for c in context if c not in tables.contexts]
    if bad:
        raise LexiconError(f"{where}: unknown context(s) {bad}; see data/plover.yaml")
    for flag in ("intended", "negative"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise LexiconError(f"{where}: `{flag}` must be true or false")
    word = raw.get("verb") or raw.get("noun")
    if not isinstance(word, str):
        raise LexiconError(f"{where}: `verb`/`noun` must be a string")
    obj = _as_list(raw.get("object"), where, "object")
    bad = [c for c in obj if c not in OBJECT_CLASSES]
    if bad:
        raise LexiconError(f"{where}: unknown object class(es) {bad}; allowed: {sorted(OBJECT_CLASSES)}")
    if obj and not raw.get("verb"):
        raise LexiconError(f"{where}: an `object` frame goes with a `verb`")
    if "none" in obj and len(obj) > 1:
        raise LexiconError(f"{where}: `object: none` means no object at all; it takes no other class")
    particle = raw.get("particle")
    if particle is not None and not isinstance(particle, str):
        raise LexiconError(f"{where}: `particle` must be a string")
    return Entry(id=eid, plover=plover, cameo=cameo, verb=(raw.get("verb") or None) and word.lower(),
                 noun=(raw.get("noun") or None) and word.lower(), light=_as_list(raw.get("light"), where, "light"),
                 particle=particle.lower() if particle else None, prep=_as_list(raw.get("prep"), where, "prep"),
                 mode=mode, intended=bool(raw.get("intended")), context=context, negative=bool(raw.get("negative")),
                 note=raw.get("note"), object=obj, source=where.split(" ")[0])


def read_file(path: Path) -> list[Entry]:
    """Entries of one lexicon file; ids must be unique within it."""
    try:
        data = load_yaml(path)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise LexiconError(f"{path}: expected a mapping with a list under `entries:`")
    entries, ids = [], set()
    for i, raw in enumerate(data["entries"], 1):
        entry = parse_entry(raw, f"{path.name}#{i}")
        if entry.id in ids:
            raise LexiconError(f"{path.name}#{i}: duplicate id {entry.id!r} in the same file")
        ids.add(entry.id)
        entries.append(entry)
    return entries


def shipped_extra_files() -> tuple[Path, ...]:
    """lexicon/extra/*.yaml: shipped entries of any type (e.g. coder_gaps.yaml), merged like `--lexicon` files
    over the one-file-per-type lexicon, before the user's own files."""
    return tuple(sorted((LEXICON_DIR / "extra").glob("*.yaml")))


@functools.lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[Path, ...] = ()) -> Lexicon:
    """The built-in lexicon with `extra_files` merged over it (same id replaces), loaded once per process."""
    lexicon = Lexicon()
    builtin = sorted(LEXICON_DIR.glob("*.yaml"))
    seen: dict[str, str] = {}
    for path in builtin:
        for entry in read_file(path):
            if entry.id in seen:
                raise LexiconError(f"{path.name}: id {entry.id!r} already used in {seen[entry.id]}")
            seen[entry.id] = path.name
            lexicon.entries[entry.id] = entry
    for path in extra_files:
        for entry in read_file(Path(path)):
            lexicon.entries[entry.id] = entry
    for entry in lexicon.entries.values():
        if entry.verb:
            lexicon.by_verb[entry.verb].append(entry)
        else:
            lexicon.by_noun[entry.noun_head].append(entry)
    return lexicon
