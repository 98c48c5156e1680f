"""Mentions to coded actors: names, countries, capitals, titles and group nouns.

Reads the one spaCy parse, the knowledge base (kb.py, matched by match.py) and
the gazetteer, and produces entities, actors and mentions (the state: resolution.py;
group nouns: groups.py). Names resolve to KB people and
organisations; country names, adjectives and capitals to the state ("Beijing
said" is CHN GOV); role nouns make groups whose country comes from the
words around them ("Kazakhstan's security forces" → KAZ COP) or, when none
is given, from the story's focus country (marked `country_inferred`); titles
give unnamed or unknown people their sector and country. Surnames,
descriptions and pronouns are linked to earlier actors by coref.py.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from eventwire.actors import coref
from eventwire.actors.analysis import ActorAnalysis
from eventwire.actors.codes import group_id, slug
from eventwire.actors.focus import focus_country
from eventwire.actors.groups import resolve_role
from eventwire.actors.kb import KnowledgeBase, RoleNoun, article_day, load_kb, norm
from eventwire.actors.match import ADJECTIVE, GOV_METONYM, MIL_METONYM, Hit, find
from eventwire.actors.parts import Draft
from eventwire.actors.resolution import LEADER_ROLES, Resolution, grammar, honorific_gender
from eventwire.actors.spans import doc_word, left_context, right_context, strip_span
from eventwire.documents import Article
from eventwire.gazetteer import Gazetteer, load_gazetteer
from eventwire.records import Entity

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def resolve_people(state: Resolution, ent: Span) -> bool:
    """"ethnic Albanians": a people living where the story is, not the nationals of a state."""
    prev = state.previous(ent.start)
    country = coref.country_in_sentence(prev, state.drafts, state.sent_of(ent.start)) or state.focus
    name = strip_span(ent).text
    draft = Draft(id=group_id(country, "CVL", name), name=name, kind="group", country=country, sector="CVL",
                  country_inferred=country is not None)
    state.place((ent.start - 1, ent.end), state.add(draft), "group", ent.label_)
    return True



# -- the stage ---------------------------------------------------------------------------


def resolve_actors(article: Article, doc: Doc, kb: KnowledgeBase | None = None,
                   gazetteer: Gazetteer | None = None) -> ActorAnalysis:
    """Entities, coded actors and mentions (with coreference) for one parsed article (the built-in KB and
    gazetteer unless given: the actors stage passes the ones it loaded)."""
    kb = kb if kb is not None else load_kb()
    matches = find(doc, kb)
    state = Resolution(doc, kb, article_day(article.published), matches, None,
                       gazetteer if gazetteer is not None else load_gazetteer())
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
    iso3 = state.gazetteer.country_of(core.text, prefer=state.focus)
    if iso3 is None:
        return False
    draft = Draft(id=f"{iso3}-{slug(core.text)}", name=core.text, kind="state", country=iso3)
    state.place((ent.start, ent.end), state.add(draft), "metonym", ent.label_)
    return True


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
