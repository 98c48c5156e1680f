"""Mentions to coded actors: names, countries, capitals, titles and group nouns.

Reads the one spaCy parse and the knowledge base (kb.py, matched by match.py)
and produces entities, actors and mentions. Names resolve to KB people and
organisations; country names, adjectives and capitals to the state ("Beijing
said" is CHN GOV); role nouns make groups whose country comes from the
words around them ("Kazakhstan's security forces" → KAZ COP) or, when none
is given, from the story's focus country (marked `country_inferred`); titles
give unnamed or unknown people their sector and country. Surnames,
descriptions and pronouns are linked to earlier actors by coref.py.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
import yaml
from spacy.tokens import Doc, Span, Token

from eventwire.actors import coref
from eventwire.actors.analysis import ActorAnalysis
from eventwire.actors.codes import group_id, slug
from eventwire.actors.focus import focus_country
from eventwire.actors.kb import KnowledgeBase, Person, RoleNoun, article_day, is_leader_title, load_kb, norm
from eventwire.actors.match import ADJECTIVE, GOV_METONYM, MIL_METONYM, Hit, Matches, find
from eventwire.actors.parts import Draft, Placed
from eventwire.article import Article
from eventwire.datafiles import load_yaml
from eventwire.records import Entity

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
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
            self._places[key] = self._place_country(self.doc[start:end + 1].text)
        return self._places[key]

    def _place_country(self, name: str) -> str | None:
        from eventwire.geo.gazetteer import load_gazetteer  # the one offline gazetteer of the project

        countries = {c.place.country for c in load_gazetteer().lookup(name) if c.place.country and not c.alternate}
        named = countries & self.mentioned
        if self.focus in named:
            return self.focus
        return named.pop() if len(named) == 1 else None

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


# -- helpers on the parse ---------------------------------------------------------------


def doc_word(state: Resolution, i: int) -> str:
    return state.doc[i].lower_


def resolve_people(state: Resolution, ent: Span) -> bool:
    """"ethnic Albanians": a people living where the story is, not the nationals of a state."""
    prev = state.previous(ent.start)
    country = coref.country_in_sentence(prev, state.drafts, state.sent_of(ent.start)) or state.focus
    name = strip_span(ent).text
    draft = Draft(id=group_id(country, "CVL", name), name=name, kind="group", country=country, sector="CVL",
                  country_inferred=country is not None)
    state.place((ent.start - 1, ent.end), state.add(draft), "group", ent.label_)
    return True


def left_context(span: Span, limit: int = 10) -> list[int]:
    """Tokens before `span` that belong to its noun phrase (title, possessor, modifiers)."""
    root = span.root
    subtree = {t.i for t in root.subtree}
    if root.dep_ in ("appos", "compound") and root.head.i > span.end - 1:  # "President ... Xi" inside a bigger NP
        subtree |= {t.i for t in root.head.subtree if t.i < span.start}
    out = []
    i = span.start - 1
    while i >= 0 and i in subtree and len(out) < limit:
        token = span.doc[i]
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            break
        out.append(i)
        i -= 1
    return out[::-1]


def right_context(span: Span) -> list[int]:
    """Tokens of an apposition ("X, the Y minister") or an "of"/"from" phrase ("King Hassan of Morocco")."""
    root = span.root
    out: list[int] = []
    for child in root.rights:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in ("of", "from")):
            out.extend(t.i for t in child.subtree)
    if root.dep_ == "appos" and root.head.i < span.start:
        out.extend(t.i for t in root.head.subtree if t.i < span.start)
    return out


def strip_span(span: Span) -> Span:
    """Drop a leading determiner and a trailing possessive ("the Foreign Ministry's")."""
    start, end = span.start, span.end
    while start < end and span.doc[start].pos_ == "DET":
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].text in ("’s", "'s", "’", "'")):
        end -= 1
    return span.doc[start:end] if end > start else span


# -- the stage ---------------------------------------------------------------------------


def resolve_actors(article: Article, doc: Doc, kb: KnowledgeBase | None = None) -> ActorAnalysis:
    """Entities, coded actors and mentions (with coreference) for one parsed article."""
    kb = kb if kb is not None else load_kb()
    matches = find(doc, kb)
    state = Resolution(doc, kb, article_day(article.published), matches, None)
    country_hits = [(hit, iso3) for hit in matches.countries if (iso3 := state.country_of_hit(hit))]
    state.focus = focus_country(country_hits)
    state.mentioned = {iso3 for _, iso3 in country_hits}

    all_ents = list(doc.ents)  # Doc.ents builds new spans on each access
    ent_spans = [e for e in all_ents if e.label_ in ACTOR_LABELS]
    covered = {i for e in ent_spans for i in range(e.start, e.end)}
    extra = [hit for hit in (*matches.names, *matches.countries) if not any(i in covered for i in range(hit.start, hit.end))]
    candidates: list[tuple[int, str, Any]] = [(e.start, "ent", e) for e in ent_spans]
    candidates += [(h.start, "hit", h) for h in extra]
    # titles belong to the person they introduce: find them before role nouns become groups
    for _, what, item in candidates:
        if what == "ent" and (item.label_ == "PERSON" or item.label_ == "ORG" and _titled(state, item)):
            state.consumed |= set(left_context(item)) | set(right_context(item)) | set(range(item.start, item.end))
    for hit in matches.roles:
        if any(i in state.consumed for i in range(hit.start, hit.end)):
            continue
        candidates.append((hit.start, "role", hit))
    candidates.sort(key=lambda c: (c[0], c[1] != "ent"))

    ent_tokens = {i for e in all_ents for i in range(e.start, e.end)}  # "West Bank" is no bank
    for _, what, item in candidates:
        if what == "ent":
            resolve_entity(state, item)
        elif what == "hit":
            resolve_hit(state, item)
        elif not any(i in ent_tokens for i in range(item.start, item.end)):
            resolve_role(state, item)

    coref.link_pronouns(state.doc, state.placed, state.drafts, grammar()["pronouns"], state.sent_of)
    return finish(state, all_ents)


def finish(state: Resolution, ents: list[Span]) -> ActorAnalysis:
    """Sorted entities (actor mentions and spaCy's other entities), actors in order of first mention."""
    placed = sorted(state.placed, key=lambda p: (p.start, -p.end))
    entities = [p.entity() for p in placed if p.label]
    taken = {(p.tok_start, p.tok_end) for p in placed if p.label}
    covered = {i for p in placed if p.label for i in range(p.tok_start, p.tok_end)}
    for ent in ents:
        if (ent.start, ent.end) not in taken and not all(i in covered for i in range(ent.start, ent.end)):
            entities.append(Entity(start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_))
    entities.sort(key=lambda e: (e.start, -e.end))
    order: list[str] = []
    for p in placed:
        if p.actor_id and p.actor_id not in order and p.actor_id in state.drafts:
            order.append(p.actor_id)
    actors = [state.drafts[i].to_actor() for i in order]
    return ActorAnalysis(entities=entities, actors=actors, mentions=[p.mention() for p in placed], focus=state.focus)


def resolve_hit(state: Resolution, hit: Hit) -> None:
    """A KB phrase spaCy did not mark as an entity: a name or a country word."""
    if hit.what == "NAME":
        for kind, entry_id in state.names(hit.key):
            if kind == "person":
                state.place((hit.start, hit.end), state.kb_person(state.kb.people[entry_id]), "name", "PERSON")
            else:
                state.place((hit.start, hit.end), state.kb_org(entry_id), "name", "ORG")
            return
        return
    iso3 = state.country_of_hit(hit)
    if not iso3:
        return
    if hit.what == MIL_METONYM:
        state.place((hit.start, hit.end), state.military(iso3), "metonym", "ORG")
    elif hit.what == GOV_METONYM:
        state.place((hit.start, hit.end), state.state(iso3), "metonym", "GPE")
    else:
        state.place((hit.start, hit.end), state.state(iso3), "country", "NORP" if hit.what == ADJECTIVE else "GPE")


def resolve_entity(state: Resolution, ent: Span) -> bool:
    """One spaCy entity to an actor; False when it names none (a city, a river)."""
    core = strip_span(ent)
    key = norm(core.text)
    iso3 = state.kb.country_of_text(core.text)
    country_word = key in state.kb.country_names or key in state.kb.government_metonyms
    if iso3 and (not state.names(key) or country_word and not _person_cue(state, ent)):
        # "Sri Lanka" tagged PERSON by the small model; "Montenegro" the country, not the Portuguese premier
        kind = "metonym" if key in state.kb.government_metonyms else "country"
        if ent.start > 0 and doc_word(state, ent.start - 1) in grammar()["ethnic_markers"] and key in state.kb.country_adjectives:
            return resolve_people(state, ent)
        state.place((ent.start, ent.end), state.state(iso3), kind, ent.label_)
        return True
    if ent.label_ == "PERSON":
        return resolve_person(state, ent, core)
    for kind, entry_id in state.names(key):
        if kind == "organisation":
            state.place((ent.start, ent.end), state.kb_org(entry_id), "name", ent.label_)
            return True
        state.place((ent.start, ent.end), state.kb_person(state.kb.people[entry_id]), "name", "PERSON")
        return True
    for i in range(core.start, core.end):  # an organisation's KB name inside a longer entity
        name = state.matches.name_at.get(i)
        orgs = [e for kind, e in state.names(name.key) if kind == "organisation"] if name else []
        others = {state.country_of_hit(h) for j in range(core.start, core.end)
                  if (h := state.country_hit(j)) is not None} - {None}
        if orgs and others and state.kb.organisations[orgs[0]].country not in (None, *others):
            orgs = []  # "Malawi Congress Party" is not India's "Congress Party": the entity names another country
        if orgs:
            state.place((ent.start, ent.end), state.kb_org(orgs[0]), "alias", ent.label_)
            return True
    if ent.label_ == "ORG" and _titled(state, ent):
        return resolve_person(state, ent, core)  # "President Kassym-Jomart Tokayev" tagged ORG
    if ent.label_ == "ORG":
        role = next((h for h in state.matches.roles if h.end == core.end), None)
        if role is not None:  # "China's Foreign Ministry", "the Kazakh Interior Ministry"
            return resolve_role(state, role, span=(ent.start, ent.end), label="ORG", kind="organisation")
        if _after_preposition(state, ent) and resolve_place(state, ent, core):
            return True  # "in El Geneina": a town the small model took for an organisation
        country, org = state.evidence(list(range(core.start, core.end)) + left_context(core))
        name = core.text
        draft = Draft(id=slug(name), name=name, kind="organisation", country=country)
        state.place((ent.start, ent.end), state.add(draft), "name", ent.label_)
        return True
    if ent.label_ in ("NORP", "GPE"):
        for i in range(core.start, core.end):
            hit = state.country_hit(i)
            if hit is not None and (iso3 := state.country_of_hit(hit)):
                state.place((ent.start, ent.end), state.state(iso3), "country", ent.label_)
                return True
    if ent.label_ in ("GPE", "LOC", "FAC") or ent.label_ == "NORP" and _after_preposition(state, ent):
        return resolve_place(state, ent, core)  # "near the town of Samarra" (tagged NORP by the small model)
    return False


def resolve_place(state: Resolution, ent: Span, core: Span) -> bool:
    """A town or region standing for its country, as CAMEO codes it ("shelling of Samarra" → IRQ).

    Coded with the country only (no sector): the place is not the government.
    """
    iso3 = place_country(core.text, state.focus)
    if iso3 is None:
        return False
    draft = Draft(id=f"{iso3}-{slug(core.text)}", name=core.text, kind="state", country=iso3)
    state.place((ent.start, ent.end), state.add(draft), "metonym", ent.label_)
    return True


def place_country(name: str, focus: str | None) -> str | None:
    """Country of the likeliest place of that name in the gazetteer (the focus country's if it has one)."""
    from eventwire.geo.gazetteer import load_gazetteer  # the one offline gazetteer of the project

    found = [c.place for c in load_gazetteer().lookup(name) if c.place.country and not c.alternate]
    if not found:
        return None
    local = [p for p in found if p.country == focus]
    return max(local or found, key=lambda p: p.rank).country


def _after_preposition(state: Resolution, ent: Span) -> bool:
    """Right after a preposition ("in", "through", "near the town of"): where places stand."""
    start = ent.start
    if start > 0 and state.doc[start - 1].pos_ == "DET":
        start -= 1
    return start > 0 and state.doc[start - 1].pos_ == "ADP" and ent.root.pos_ == "PROPN"


def _person_cue(state: Resolution, ent: Span) -> bool:
    """A courtesy title or a person's title right before the entity ("Mr. Montenegro", "Premier Montenegro")."""
    if ent.start == 0:
        return False
    before = state.doc[ent.start - 1]
    return honorific_gender(before.text) is not False or _title(state, [before.i]) is not None


def _titled(state: Resolution, ent: Span) -> bool:
    """An ORG entity right after a person's title ("President Kassym-Jomart Tokayev") and not in the KB
    as an organisation: the small model's mislabelled person."""
    if any(kind == "organisation" for kind, _ in state.names(norm(strip_span(ent).text))):
        return False
    left = left_context(ent)
    return bool(left) and _title(state, left[-2:]) is not None


def _title(state: Resolution, tokens: list[int]) -> RoleNoun | None:
    """The person-role noun among `tokens` ("President", "spokesperson"), the longest if several."""
    best: tuple[int, RoleNoun] | None = None
    for hit in state.matches.roles:
        if (hit.start in tokens or (hit.end - 1) in tokens) and state.doc[hit.end - 1].pos_ in ("NOUN", "PROPN"):
            role = state.kb.role_nouns.get(hit.key)
            if role is None and hit.key in state.kb.leader_nouns:
                role = RoleNoun(noun=hit.key, sector="GOV", kind="person")
            if role is not None and role.kind == "person" and (best is None or hit.end - hit.start > best[0]):
                best = (hit.end - hit.start, role)
    return best[1] if best else None


def resolve_person(state: Resolution, ent: Span, core: Span) -> bool:
    """A PERSON entity: a KB person, an earlier person by surname, or a new person with title and country."""
    doc = state.doc
    start, gender = ent.start, None
    # courtesy title just before (or inside) the name: part of the mention, not of the name
    while start > 0 and honorific_gender(doc[start - 1].text) is not False:
        start -= 1
    name_start = core.start
    while name_start < core.end - 1 and (honorific_gender(doc[name_start].text) is not False
                                         or doc[name_start].lower_ in state.kb.role_nouns):
        name_start += 1
    for i in range(start, name_start):
        g = honorific_gender(doc[i].text)
        if g:
            gender = g
    name_span = doc[name_start:core.end]
    name = norm(name_span.text)
    context = left_context(ent) + right_context(ent) + list(range(ent.start, name_start))
    title = _title(state, context)
    span = (start, ent.end)

    for kind, entry_id in state.names(name):
        if kind == "person":
            actor = state.kb_person(state.kb.people[entry_id], title.noun if title else None,
                                    title.sector if title else None)
            state.place(span, actor, "name" if name == state.kb.people[entry_id].name else "alias", "PERSON")
            return True
        state.place(span, state.kb_org(entry_id), "name", "ORG")  # the small model calls many bodies persons
        return True
    earlier = coref.person_by_surname(name, state.previous(ent.start), state.drafts)
    if earlier:
        if gender and state.drafts[earlier].gender is None:
            state.drafts[earlier].gender = gender
        state.place(span, earlier, "surname", "PERSON")
        return True
    people = [state.kb.people[i] for i in state.kb.surnames.get(name, [])]
    holding = [p for p in people if p.role_on(state.day)]  # a bare surname only names someone in office
    if len(holding) == 1:
        actor = state.kb_person(holding[0], title.noun if title else None, title.sector if title else None)
        state.place(span, actor, "surname", "PERSON")
        return True
    if title is None and gender is None and _after_preposition(state, ent) and resolve_place(state, ent, core):
        return True  # "through Adre": a town the small model took for a person
    country, org = state.evidence(context)
    inferred = False
    if country is None and org is None and title is not None:
        if state.kb.leader_nouns.get(title.noun) not in LEADER_ROLES:
            country = coref.country_nearby(state.previous(ent.start), state.drafts, state.sent_of(ent.start))
        if country is None and state.focus and title.sector in grammar()["local_sectors"]:
            country, inferred = state.focus, True
        country = country or None  # "": conflicting countries nearby, no guess
    sector = title.sector if title else None
    former = any(state.kb.qualifiers.get(state.doc[i].lower_, {}).get("effect") == "former" for i in context)
    if former and title:  # "ousted president Aristide": no longer the government
        sector, title = None, RoleNoun(noun="former " + title.noun, sector=None, kind="person")
    own_code = None
    if org is not None:
        country = org.country
        if org.sector in ("IGO", "NGO"):
            own_code = org.own_code or org.sector
    draft = Draft(id=slug(name), name=name, kind="person", country=country, sector=sector,
                  role=title.noun if title else None, gender=gender, country_inferred=inferred, own_code=own_code,
                  leader=bool(title and state.kb.leader_nouns.get(title.noun) in LEADER_ROLES))
    if title:
        draft.titles.add(title.noun)
    state.place(span, state.add(draft), "name", "PERSON")
    return True


def _audience(head: Token) -> bool:
    """Reporters or journalists as the audience of speech ("told reporters", "said to journalists"): no actor
    of any country unless the text names one ("Kenyan reporters")."""
    if head.lower_ not in grammar()["audience_nouns"]:
        return False
    if any(c.dep_ in ("amod", "compound", "poss") for c in head.children):
        return False
    verbs = set(grammar()["speech_verbs"])
    if head.dep_ in ("dobj", "dative") and head.head.lemma_ in verbs:
        return True
    return (head.dep_ == "pobj" and head.head.lower_ in ("to", "with") and head.head.head.lemma_ in verbs)


def role_span(state: Resolution, hit: Hit) -> tuple[int, int, list[int]]:
    """Token span of a group noun phrase and the tokens that may name its country."""
    doc = state.doc
    head = doc[hit.end - 1]
    left = left_context(doc[hit.start:hit.end], limit=8)
    start = left[0] if left else hit.start
    end = hit.end
    evidence = list(left)
    where: list[int] = []
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
            pobj = [t for t in child.children if t.dep_ == "pobj"]
            named = pobj and child.lower_ != "in" and any(t.i in state.matches.name_at for t in pobj[0].subtree)
            if pobj and (named or state.country_hit(pobj[0].i) or state.matches.name_at.get(pobj[0].i)
                         or child.lower_ == "in" and state.place_word(pobj[0].i)):
                sub = [t.i for t in pobj[0].subtree]
                if child.lower_ != "in":
                    end = max(end, max(sub) + 1)
                    evidence.extend(sub)
                else:
                    where.extend(sub)
    if where and not any(state.country_hit(i) for i in left):
        evidence.extend(where)  # "the government in Astana"; but "the Chinese embassy in Manila" is China's
    return start, end, evidence


def compound_sector(state: Resolution, hit: Hit, start: int) -> str | None:
    """The sector of a role noun in front of this one ("Church leaders" REL, "gang coalition" CRM, "police
    spokesman" COP): the noun in front says whose leaders or spokesman they are."""
    doc = state.doc
    for other in state.matches.roles:
        if not (start <= other.start and other.end <= hit.start):
            continue
        last = doc[other.end - 1]
        noun = state.kb.role_nouns.get(other.key)
        if (noun is not None and noun.sector and noun.kind != "none" and last.dep_ == "compound" and last.pos_ == "NOUN"
                and hit.start <= last.head.i < hit.end):
            return noun.sector
    return None


def resolve_role(state: Resolution, hit: Hit, span: tuple[int, int] | None = None, label: str = "ROLE",
                 kind: str | None = None) -> bool:
    """A group or role noun phrase: a group actor, or a description of a person (coreference)."""
    doc = state.doc
    head = doc[hit.end - 1]
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(doc[i].lower_ in grammar()["nonspecific_determiners"] for i in range(max(0, hit.start - 2), hit.start)):
        return False  # "any force undermining ...": nobody in particular
    if head.dep_ == "compound" and any(h.start <= head.head.i < h.end for h in state.matches.roles):
        return False  # "security" of "security forces": the head noun's group covers it
    role = state.kb.role_nouns.get(hit.key)
    leader = state.kb.leader_nouns.get(hit.key) in LEADER_ROLES
    if role is None:
        role = RoleNoun(noun=hit.key, sector="GOV", kind="person")
    if role.kind == "none" or _audience(head):
        return False  # "social media", "warring parties"; "told reporters": the audience, not an actor
    start, end, evidence = role_span(state, hit)
    if span is not None:
        start, end = min(start, span[0]), max(end, span[1])
    country, org = state.evidence([i for i in evidence if i < hit.start or i >= hit.end])
    in_front = [doc_word(state, i) for i in range(start, hit.start)]
    words = set(in_front)
    # nearest the noun first: "government military officials" are military officials (and in a fixed order,
    # not the hash order of a set, so a run gives the same codes every time)
    qualities = [state.kb.qualifiers[w] for w in reversed(in_front) if w in state.kb.qualifiers and w not in hit.key.split()]
    sector = next((q["sector"] for q in qualities if q.get("sector")), None) or compound_sector(state, hit, start)
    if sector is None and org is not None and role.kind == "person" and org.sector not in (None, "IGO", "NGO"):
        sector = org.sector  # "a leader of the Viv Ansanm gang coalition" leads a gang
    sector = sector or role.sector
    former = any(q.get("effect") == "former" for q in qualities)
    if (org is not None and org.sector in (sector, role.sector) and (org.id in state.drafts or org.kb_id)
            and not (role.kind == "person" and org.sector == sector != role.sector)):
        # "the official Xinhua news agency": the noun only says what the named body is
        state.place((start, end), state.add(org), "alias", label)
        return True
    definite = any(doc[i].lower_ in ("the", "this", "that") or doc[i].dep_ == "poss" for i in range(start, hit.start))
    if role.state and sector == role.sector and not former and org is None:
        # "the Kazakh government", "Kazakhstan's authorities", "the government in Astana": the state itself
        iso3 = country
        if iso3 is None and not words & set(grammar()["nonlocal_words"]):
            iso3 = coref.country_in_sentence(state.previous(start), state.drafts, state.sent_of(start)) or state.focus
        if iso3 is not None:
            state.place((start, end), state.state(iso3), "description", label)
            return True
    if role.kind != "person" and definite and country is None and org is None:
        earlier = coref.definite_body(state.previous(start), state.drafts, hit.key)
        if earlier is not None:  # "the ministry" after "the foreign ministry"
            state.place((start, end), earlier, "description", label)
            return True
    if sector != role.sector:
        leader = False  # "Church leaders", "a leader of the gang coalition": no head of state
    if role.kind == "person" and not former:
        earlier = coref.description(state.previous(start), state.drafts, noun=hit.key, country=country,
                                    leader=leader, definite=definite)
        if earlier is None and leader and (country or definite and state.focus):
            # "the Chinese leader" / "the president" in a story about one country: its office holder that day
            heads = state.kb.head_of_state(country or state.focus, state.day)
            if country is None:
                heads = [p for p in heads if hit.key in (p.role_on(state.day).title or "").lower()]
            if len(heads) == 1:
                earlier = state.kb_person(heads[0])
        if earlier is not None:
            state.place((start, end), earlier, "description", label)
            return True
    inferred = False
    own_code = None
    if org is not None:
        country = org.country
        if org.sector in ("IGO", "NGO") or org.own_code:
            own_code = (org.own_code or org.sector or "") + (sector if sector != org.sector and sector else "")
    if country is None and org is None and sector in grammar()["local_sectors"] and not words & set(grammar()["nonlocal_words"]):
        country = coref.country_in_sentence(state.previous(start), state.drafts, state.sent_of(start)) or state.focus
        inferred = country is not None
    name_tokens = strip_span(doc[start:end])
    kind = kind or {"person": "person", "organisation": "organisation"}.get(role.kind, "group")
    draft = Draft(id=group_id(country, sector, hit.key) if not org else f"{org.id}-{slug(hit.key)}",
                  name=name_tokens.text, kind=kind, country=country, sector=sector,
                  role=("former " if former else "") + hit.key if kind == "person" else None,
                  country_inferred=inferred, own_code=own_code)
    draft.titles.add(hit.key)
    state.place((start, end), state.add(draft), "group" if kind != "person" else "description", label)
    return True
