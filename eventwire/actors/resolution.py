"""One document's resolution state: the drafts, the placed mentions and the evidence for a mention's country.

Reads the one spaCy parse, the knowledge base (kb.py, matched by match.py) and the gazetteer. `resolve.py`
walks the mentions; this holds what it has found so far and answers "which country do these words name?"
("Kazakhstan's", "Kharkiv Mayor", "the Bush administration").
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
from spacy.tokens import Doc, Token

from eventwire.actors.kb import KnowledgeBase, Person, is_leader_title
from eventwire.actors.match import ADJECTIVE, GOV_METONYM, MIL_METONYM, Hit, Matches
from eventwire.actors.parts import Draft, Placed
from eventwire.datafiles import load_yaml
from eventwire.gazetteer import Gazetteer

GRAMMAR_FILE = Path(__file__).resolve().parent / "grammar.yaml"
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
LEADER_ROLES = ("head", "government_head")  # leaders.yaml roles that mean the country's leader


@functools.lru_cache(maxsize=1)
def grammar() -> dict[str, Any]:
    """Closed-class words (honorifics, pronouns, patron words) from grammar.yaml."""
    return load_yaml(GRAMMAR_FILE)


def honorific_gender(word: str) -> str | None | bool:
    """'m'/'f' for Mr./Mrs., None for a neutral title (Dr.), False when `word` is no honorific."""
    w = word.lower()
    for gender, words in grammar()["honorifics"].items():
        if w in words:
            return None if gender == "any" else gender
    return False


@dataclass
class Resolution:
    """The state of one document's resolution: drafts by id and mentions in text order."""

    doc: Doc
    kb: KnowledgeBase
    day: dt.date
    matches: Matches
    focus: str | None
    gazetteer: Gazetteer
    drafts: dict[str, Draft] = field(default_factory=dict)
    placed: list[Placed] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # tokens that are titles of a named person
    sent_index: list[int] = field(default_factory=list)  # token -> sentence number
    mentioned: set[str] = field(default_factory=set)  # countries named in the text
    _places: dict[tuple[int, int], str | None] = field(default_factory=dict)  # gazetteer reads of name runs

    @functools.cached_property
    def text(self) -> str:
        return self.doc.text  # Doc.text joins every token: read it once

    # -- actors -------------------------------------------------------------------

    def add(self, draft: Draft) -> str:
        if draft.id in self.drafts:
            self.drafts[draft.id].fill(draft)
        else:
            self.drafts[draft.id] = draft
        return draft.id

    def names(self, key: str) -> list[tuple[str, str]]:
        """KB entries named `key`; an organisation's context alias ("Congress") only where its country is mentioned."""
        found = self.kb.names.get(key, [])
        if not self.kb.context_only:
            return found
        found = [(kind, i) for kind, i in found if (key, i) not in self.kb.context_only
                 or self.kb.organisations[i].country in self.mentioned]
        if len(found) > 1:  # "Congress" in an Indian story: the party of the focus country first
            found.sort(key=lambda e: e[0] != "organisation" or self.kb.organisations[e[1]].country != self.focus)
        return found

    def state(self, iso3: str) -> str:
        country = self.kb.countries.get(iso3)
        return self.add(Draft(id=iso3, name=country.name if country else iso3, kind="state", country=iso3,
                              sector="GOV"))

    def military(self, iso3: str) -> str:
        country = self.kb.countries.get(iso3)
        name = f"{country.name if country else iso3} military"
        return self.add(Draft(id=f"{iso3}-MIL", name=name, kind="organisation", country=iso3, sector="MIL"))

    def kb_person(self, person: Person, title: str | None = None, sector: str | None = None) -> str:
        role = person.role_on(self.day)
        draft = Draft(id=person.id, name=person.name, kind="person", kb_id=person.id, gender=person.gender,
                      country=(role.country if role and role.country else person.country),
                      sector=role.sector if role and role.sector else sector,
                      role=role.title if role else title,
                      leader=bool(role and is_leader_title(role.title, self.kb, role.sector)))
        if role:
            draft.titles.add(role.title.lower())
        if title:
            draft.titles.add(title.lower())
        return self.add(draft)

    def kb_org(self, org_id: str) -> str:
        org = self.kb.organisations[org_id].on(self.day)
        kind = "group" if org.kind == "group" else "organisation"
        return self.add(Draft(id=org.id, name=org.name, kind=kind, country=org.country, sector=org.sector,
                              kb_id=org.id, own_code=org.code))

    def place(self, tokens: tuple[int, int], actor_id: str | None, kind: str, label: str | None,
              start_char: int | None = None) -> Placed:
        span = self.doc[tokens[0]:tokens[1]]
        start = span.start_char if start_char is None else start_char
        root = span.root
        placed = Placed(tok_start=span.start, tok_end=span.end, start=start, end=span.end_char,
                        text=self.text[start:span.end_char], actor_id=actor_id, kind=kind, label=label,
                        sent=self.sent_of(span.start), subject=root.dep_ in SUBJECT_DEPS)
        self.placed.append(placed)
        return placed

    def sent_of(self, i: int) -> int:
        """Index of the sentence token `i` is in (computed once per document)."""
        if not self.sent_index and len(self.doc):
            starts = self.doc.to_array("SENT_START")
            starts[0] = 1
            self.sent_index.extend((numpy.cumsum(starts == 1) - 1).tolist())
        return self.sent_index[i] if i < len(self.sent_index) else 0

    def previous(self, before_tok: int) -> list[Placed]:
        """Resolved mentions ending before token `before_tok`, in text order."""
        return sorted((p for p in self.placed if p.actor_id and p.tok_end <= before_tok), key=lambda p: p.tok_start)

    # -- evidence -------------------------------------------------------------------

    @functools.cached_property
    def role_tokens(self) -> set[int]:
        """Tokens inside a role noun or title ("Major General"): words of a title, not names."""
        return {i for hit in self.matches.roles for i in range(hit.start, hit.end)}

    def place_word(self, i: int) -> str | None:
        """Country of the town or region a proper noun names when it stands in front of a role noun
        ("Kharkiv Mayor", "Darfur residents") or after its "in" ("Church leaders in Wabag"); read through the
        gazetteer and kept only when that country is named in the story (the focus country first).
        None for names of people and organisations, titles, KB names and words no place is called."""
        token = self.doc[i]
        if not self._place_part(i) or token.ent_type_ in ("NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
            return None
        start = end = i  # the whole run of proper nouns: "West Darfur", "Port Harcourt"
        while start > 0 and self._place_part(start - 1):
            start -= 1
        while end + 1 < len(self.doc) and self._place_part(end + 1):
            end += 1
        if start > 0 and self.matches.country_at.get(start - 1) is not None:
            return None  # "Harare Central": the capital already says it
        last = self.doc[end]
        modifier = (last.dep_ in ("compound", "poss", "nmod") and last.head.i in self.role_tokens
                    and last.ent_type_ != "ORG")
        located = (last.dep_ == "pobj" and last.head.lower_ == "in" and last.head.head.i in self.role_tokens)
        if not (modifier or located):
            return None
        key = (start, end + 1)
        if key not in self._places:
            self._places[key] = self.gazetteer.country_of(self.doc[start:end + 1].text, prefer=self.focus,
                                                          among=self.mentioned)
        return self._places[key]

    def _place_part(self, i: int) -> bool:
        token = self.doc[i]
        return (token.pos_ == "PROPN" and i not in self.role_tokens and i not in self.matches.name_at
                and token.ent_type_ != "PERSON" and self.matches.country_at.get(i) is None)

    def country_hit(self, i: int) -> Hit | None:
        hit = self.matches.country_at.get(i)
        if hit is None or self.is_patron(self.doc[hit.end - 1]):
            return None
        return hit

    def country_of_hit(self, hit: Hit) -> str | None:
        table = {ADJECTIVE: self.kb.country_adjectives, GOV_METONYM: self.kb.government_metonyms,
                 MIL_METONYM: self.kb.military_metonyms}.get(hit.what, self.kb.country_names)
        return table.get(hit.key)

    def is_patron(self, token: Token) -> bool:
        """"Russian" in "Russian-backed separatists": the backer, not the group's country."""
        words = set(grammar()["patron_words"])
        nxt = token.nbor(1) if token.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.text in "-–" and nxt.i + 1 < len(self.doc):
            return self.doc[nxt.i + 1].lower_ in words
        return token.head.lower_ in words and token.head.i > token.i

    def evidence(self, tokens: list[int]) -> tuple[str | None, Draft | None]:
        """(country, organisation draft) named among `tokens`: possessives first, then the nearest modifier."""
        found: list[tuple[int, int, str | None, Draft | None]] = []
        for i in tokens:
            hit = self.country_hit(i)
            if hit is not None:
                iso3 = self.country_of_hit(hit)
                if iso3:
                    rank = 0 if self.doc[hit.end - 1].dep_ == "poss" else 1
                    found.append((rank, -i, iso3, None))
                continue
            token = self.doc[i]
            if (token.pos_ == "PROPN" and i not in self.matches.name_at and token.text in self.kb.surnames
                    and i not in self.role_tokens):  # "Major General Zaw Min Tun" names no Major
                countries = {self.kb.people[p].country for p in self.kb.surnames[token.text]}
                if len(countries) == 1 and None not in countries:  # "the Bush administration"
                    found.append((1, -i, countries.pop(), None))
                    continue
            name = self.matches.name_at.get(i)
            if name is None and (iso3 := self.place_word(i)):  # "Kharkiv Mayor", "Darfur residents"
                found.append((1, -i, iso3, None))
                continue
            if name is not None:
                for kind, entry_id in self.names(name.key):
                    if kind == "person" and self.kb.people[entry_id].country:  # "the Bush administration"
                        found.append((1, -i, self.kb.people[entry_id].country, None))
                        break
                    if kind == "organisation":
                        org = self.kb.organisations[entry_id].on(self.day)
                        draft = Draft(id=org.id, name=org.name, kind="organisation", country=org.country,
                                      sector=org.sector, own_code=org.code, kb_id=org.id)
                        found.append((1, -i, org.country, draft))
                        break
        if not found:
            return None, None
        found.sort(key=lambda f: (f[0], f[1]))
        return found[0][2], found[0][3]
