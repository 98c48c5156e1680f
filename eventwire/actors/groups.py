"""Group and role noun phrases ("Kazakhstan's security forces", "the ministry", "Church leaders"): a group actor,
the state itself, or a description of a person linked to an earlier actor (coreference)."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.actors import coref
from eventwire.actors.codes import group_id, slug
from eventwire.actors.kb import RoleNoun
from eventwire.actors.match import Hit
from eventwire.actors.parts import Draft
from eventwire.actors.resolution import LEADER_ROLES, Resolution, grammar
from eventwire.actors.spans import doc_word, left_context, strip_span


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
