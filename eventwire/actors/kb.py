"""The actor knowledge base: load the YAML data files, merge user files over them, index them.

The knowledge lives in `eventwire/actors/data/*.yaml` (countries, people,
organisations, roles); users extend or override it with their own YAML files
(`--kb my.yaml`, `Settings.kb_files`) using the same top-level keys. An entry
with the same id (country `iso3`, person/organisation `id`) replaces the
built-in one; a new id is added; role and leader nouns are appended, later
files winning for the same noun. Loaded once per process (`load_kb`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eventwire.datafiles import load_yaml

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
BUILTIN_FILES = ("countries.yaml", "roles.yaml", "organisations.yaml", "people.yaml")
KEYED = {"countries": "iso3", "people": "id", "organisations": "id"}  # top-level key -> id field
APPENDED = ("roles", "leaders", "qualifiers", "not_leaders", "leader_offices")


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    capital_aliases: tuple[str, ...] = ()
    government_metonyms: tuple[str, ...] = ()
    military_metonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    """A post held between two dates (end None: still held)."""

    title: str
    country: str | None = None
    sector: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    surname: str | None = None
    gender: str | None = None
    country: str | None = None
    roles: tuple[Role, ...] = ()

    def role_on(self, day: dt.date) -> Role | None:
        """The role held on `day`; several: the latest started. None: no post that day."""
        held = [r for r in self.roles if r.held_on(day)]
        if not held:
            return None
        return max(held, key=lambda r: r.start or dt.date.min)

    def last_role_before(self, day: dt.date) -> Role | None:
        """The most recent role (held on or before `day`, else the earliest later one)."""
        before = [r for r in self.roles if r.start is None or r.start <= day]
        if before:
            return max(before, key=lambda r: r.start or dt.date.min)
        return min(self.roles, key=lambda r: r.start or dt.date.max) if self.roles else None


@dataclass(frozen=True)
class Period:
    """What an organisation was between two dates (end None: still so): the Taliban governed
    Afghanistan from 2021-08-15; the SPLM was Sudanese until South Sudan's independence."""

    start: dt.date | None = None
    end: dt.date | None = None
    sector: str | None = None
    country: str | None = None
    code: str | None = None
    note: str | None = None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "organisation"  # organisation | group
    sector: str | None = None
    country: str | None = None
    code: str | None = None
    context_aliases: tuple[str, ...] = ()  # ambiguous names used only where the article mentions `country`
    periods: tuple[Period, ...] = ()  # dated overrides of sector/country/code

    def on(self, day: dt.date) -> "Organisation":
        """The organisation as it was on `day`: the latest-started period covering it overrides the base
        sector, country and code (a field the period leaves out keeps the base value)."""
        held = [p for p in self.periods if p.held_on(day)]
        if not held:
            return self
        period = max(held, key=lambda p: p.start or dt.date.min)
        changes = {name: getattr(period, name) for name in ("sector", "country", "code")
                   if getattr(period, name) is not None}
        if "code" not in changes and ("sector" in changes or "country" in changes):
            changes["code"] = None  # a base code (e.g. "REB") no longer fits the new sector or country
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class RoleNoun:
    """A role or group noun ("minister", "security forces") and what it says about its holder."""

    noun: str
    sector: str | None
    kind: str  # person | group | organisation
    state: bool = False  # the country's government as a whole ("the Kazakh government" is the state actor)


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    role_nouns: dict[str, RoleNoun] = field(default_factory=dict)  # lower-case noun -> role
    leader_nouns: dict[str, str] = field(default_factory=dict)  # lower-case noun -> role ("head")
    qualifiers: dict[str, dict[str, str]] = field(default_factory=dict)  # "opposition" -> {sector: OPP}, "former" -> {effect: former}
    not_leaders: set[str] = field(default_factory=set)  # titles with a leader noun that are no head ("chancellor of the exchequer")
    leader_offices: set[str] = field(default_factory=set)  # "president of the X" is the head when X is one of these
    # indexes, built by `index()`; keys are `norm()`-ed text
    names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # text -> [(person|organisation, id)]
    country_names: dict[str, str] = field(default_factory=dict)  # "China" -> CHN
    country_adjectives: dict[str, str] = field(default_factory=dict)  # "Chinese" -> CHN (adjectives, demonyms)
    government_metonyms: dict[str, str] = field(default_factory=dict)  # "Beijing" -> CHN
    military_metonyms: dict[str, str] = field(default_factory=dict)  # "the Pentagon" -> USA
    surnames: dict[str, list[str]] = field(default_factory=dict)  # "Xi" -> [xi-jinping]
    country_names_lower: dict[str, str] = field(default_factory=dict)  # "germany" -> DEU (titles are compared lower-case)
    context_only: set[tuple[str, str]] = field(default_factory=set)  # (name, organisation id) needing its country in the text

    def index(self) -> "KnowledgeBase":
        """Build the lookup tables from the entries (later entries win for the same text)."""
        self.names.clear()
        self.surnames.clear()
        for person in self.people.values():
            for text in (person.name, *person.aliases):
                _add(self.names, norm(text), ("person", person.id))
            surname = person.surname or (person.name.split()[-1] if person.name.split() else None)
            if surname:
                _add(self.surnames, norm(surname), person.id)
        self.context_only.clear()
        for org in self.organisations.values():
            for text in (org.name, *org.aliases):
                _add(self.names, norm(text), ("organisation", org.id))
            for text in org.context_aliases:
                _add(self.names, norm(text), ("organisation", org.id))
                if norm(text) not in {norm(t) for t in (org.name, *org.aliases)}:
                    self.context_only.add((norm(text), org.id))
        for country in self.countries.values():
            for text in (country.name, *country.names):
                self.country_names[norm(text)] = country.iso3
                self.country_names_lower[norm(text).lower()] = country.iso3
            for text in (*country.adjectives, *country.demonyms):
                self.country_adjectives[norm(text)] = country.iso3
            for text in ([country.capital] if country.capital else []) + [*country.capital_aliases,
                                                                          *country.government_metonyms]:
                self.government_metonyms[norm(text)] = country.iso3
            for text in country.military_metonyms:
                self.military_metonyms[norm(text)] = country.iso3
        return self

    def country_of_text(self, text: str) -> str | None:
        """ISO3 of a country name, adjective, demonym or capital ("Kazakhstan's" too), else None."""
        key = norm(strip_possessive(text))
        for table in (self.country_names, self.country_adjectives, self.government_metonyms):
            if key in table:
                return table[key]
        bare = key[4:] if key.lower().startswith("the ") else key
        return self.country_names.get(bare)

    def head_of_state(self, country: str, day: dt.date) -> list[Person]:
        """People of `country` holding a head role (president, king, prime minister...) on `day`."""
        out = []
        for person in self.people.values():
            role = person.role_on(day)
            if role and (role.country or person.country) == country and is_leader_title(role.title, self, role.sector):
                out.append(person)
        return out


LEADER_ROLES = ("head", "government_head")
_NOT_HEAD_WORDS = re.compile(r"\b(vice|deputy|former|ex|detained|jailed|exiled)\b")


def is_leader_title(title: str, kb: KnowledgeBase, sector: str | None = "GOV") -> bool:
    """Whether a role title names a head of state or government ("President", "Prime Minister").

    Only government posts count (an opposition or party leader is no head of
    state whatever the title says); the title, or one of its parts joined by
    "and" ("Crown Prince and Prime Minister"), must be a leader noun with at
    most words that do not change the office: no non-government qualifier or
    role noun before it ("opposition leader", "party leader"), nothing but a
    country after it ("Chancellor of Germany", not "Chancellor of the
    Exchequer"), and not one of the `not_leaders` titles of roles.yaml.
    """
    if sector is not None and sector != "GOV":
        return False
    t = _SPACE.sub(" ", title.lower()).strip()
    if t in kb.not_leaders:
        return False
    return any(_leader_part(part.strip(), kb) for part in re.split(r"\band\b|,|/", t) if part.strip())


def _leader_part(part: str, kb: KnowledgeBase) -> bool:
    if part in kb.not_leaders or _NOT_HEAD_WORDS.search(part):
        return False
    if part in kb.leader_nouns:
        return kb.leader_nouns[part] in LEADER_ROLES
    for noun, role in kb.leader_nouns.items():
        if role not in LEADER_ROLES:
            continue
        m = re.search(rf"\b{re.escape(noun)}\b", part)
        if m is None:
            continue
        before, after = part[: m.start()].split(), part[m.end():].strip()
        of = re.fullmatch(r"of (the )?(.+)", after)
        if of and of.group(2) in kb.leader_offices:
            return True  # "President of the Council of Ministers", "General Secretary of the Communist Party"
        if any(_other_sector(w, kb) for w in before):
            return False  # "opposition leader", "party leader", "senate majority leader"
        if not after:
            return True
        if of and (of.group(2) in kb.country_names_lower or after[3:] in kb.country_names_lower):
            return True  # "President of Yugoslavia", "Chancellor of Germany"
    return False


def _other_sector(word: str, kb: KnowledgeBase) -> bool:
    """A qualifier or role noun that places a title outside the government ("opposition", "party")."""
    qualifier = kb.qualifiers.get(word, {})
    if qualifier.get("sector") and qualifier["sector"] != "GOV":
        return True
    role = kb.role_nouns.get(word)
    return bool(role and role.sector not in (None, "GOV"))


def _add(index: dict[str, list[Any]], key: str, value: Any) -> None:
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)


_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Comparable form of a name: straight apostrophes, single spaces, trimmed."""
    return _SPACE.sub(" ", text.replace("’", "'").replace("‘", "'")).strip()


def strip_possessive(text: str) -> str:
    t = norm(text)
    for suffix in ("'s", "'"):
        if t.endswith(suffix):
            return t[: -len(suffix)].rstrip()
    return t


def parse_day(value: Any) -> dt.date | None:
    """A YAML date (date object or 'YYYY-MM-DD'); None for null/empty."""
    if value in (None, "", "null"):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return dt.datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {value!r}")


def article_day(published: str | None) -> dt.date:
    """The date roles are looked up on: the article's publication date, else today."""
    if published:
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            log.debug("unparseable published date %r; using today", published)
    return dt.date.today()


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def read_yaml(path: Path) -> dict[str, Any]:
    """One KB file as a dict of top-level keys; a missing built-in file counts as empty."""
    if not path.exists():
        log.debug("actor knowledge base file %s does not exist (yet); treating it as empty", path)
        return {}
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a knowledge-base file must be a mapping of top-level keys")
    return data


def merge(files: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Merge raw KB dicts in order: same id replaces, new id appends, nouns append."""
    merged: dict[str, dict[str, dict[str, Any]]] = {key: {} for key in KEYED}
    appended: dict[str, list[dict[str, Any]]] = {key: [] for key in APPENDED}
    for data in files:
        for key, id_field in KEYED.items():
            for entry in data.get(key) or []:
                if isinstance(entry, dict) and entry.get(id_field):
                    merged[key][str(entry[id_field])] = entry
        for key in APPENDED:
            appended[key].extend(e for e in data.get(key) or [] if isinstance(e, dict))
    return {**{k: list(v.values()) for k, v in merged.items()}, **appended}


def build(raw: dict[str, list[dict[str, Any]]]) -> KnowledgeBase:
    """Typed, indexed KB from merged raw entries."""
    kb = KnowledgeBase()
    for e in raw.get("countries", []):
        iso3 = str(e["iso3"]).upper()
        kb.countries[iso3] = Country(
            iso3=iso3, name=str(e.get("name") or iso3), names=_strings(e.get("names")),
            adjectives=_strings(e.get("adjectives")), demonyms=_strings(e.get("demonyms")),
            capital=e.get("capital"), capital_aliases=_strings(e.get("capital_aliases")),
            government_metonyms=_strings(e.get("government_metonyms")),
            military_metonyms=_strings(e.get("military_metonyms")))
    for e in raw.get("people", []):
        roles = tuple(Role(title=str(r.get("title") or ""), country=r.get("country"), sector=r.get("sector"),
                           start=parse_day(r.get("start")), end=parse_day(r.get("end")))
                      for r in e.get("roles") or [] if isinstance(r, dict))
        kb.people[str(e["id"])] = Person(
            id=str(e["id"]), name=str(e.get("name") or e["id"]), aliases=_strings(e.get("aliases")),
            surname=e.get("surname"), gender=e.get("gender"), country=e.get("country"), roles=roles)
    for e in raw.get("organisations", []):
        kb.organisations[str(e["id"])] = Organisation(
            id=str(e["id"]), name=str(e.get("name") or e["id"]), aliases=_strings(e.get("aliases")),
            kind=str(e.get("kind") or "organisation"), sector=e.get("sector"), country=e.get("country"),
            code=e.get("code"), context_aliases=_strings(e.get("context_aliases")),
            periods=tuple(Period(start=parse_day(r.get("start")), end=parse_day(r.get("end")), sector=r.get("sector"),
                                 country=r.get("country"), code=r.get("code"), note=r.get("note"))
                          for r in e.get("periods") or [] if isinstance(r, dict)))
    for e in raw.get("roles", []):
        for noun in _strings(e.get("nouns")):
            kb.role_nouns[noun.lower()] = RoleNoun(noun=noun.lower(), sector=e.get("sector"),
                                                   kind=str(e.get("kind") or "group"), state=bool(e.get("state")))
    for e in raw.get("leaders", []):
        for noun in _strings(e.get("nouns")):
            kb.leader_nouns[noun.lower()] = str(e.get("role") or "head")
    for e in raw.get("not_leaders", []):
        kb.not_leaders.update(t.lower() for t in _strings(e.get("titles")))
    for e in raw.get("leader_offices", []):
        kb.leader_offices.update(t.lower() for t in _strings(e.get("bodies")))
    for e in raw.get("qualifiers", []):
        for word in _strings(e.get("words")):
            kb.qualifiers[word.lower()] = {k: str(v) for k, v in e.items() if k != "words" and v is not None}
    return kb.index()


@functools.lru_cache(maxsize=8)
def load_kb(extra_files: Sequence[Path] = ()) -> KnowledgeBase:
    """The built-in KB (every YAML file in data/) with `extra_files` merged over it; once per process."""
    builtin = [DATA_DIR / name for name in BUILTIN_FILES]
    others = sorted(p for p in DATA_DIR.glob("*.y*ml") if p.name not in BUILTIN_FILES) if DATA_DIR.exists() else []
    sources = [read_yaml(p) for p in (*builtin, *others)]
    for path in extra_files:
        if not Path(path).exists():
            raise FileNotFoundError(f"knowledge-base file not found: {path}")
        sources.append(read_yaml(Path(path)))
    return build(merge(sources))
