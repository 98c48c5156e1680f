"""An entity ruler built from the knowledge base, added before spaCy's "ner".

So "Kassym-Jomart Tokayev" is a PERSON and "Shanghai Cooperation
Organisation" an ORG even where the small model labels them otherwise. Added
once to the loaded pipeline (`add_kb_ruler`, called from `Pipeline.nlp`);
phrase patterns only, matched on exact token text, so the parse stays fast.
"""

from __future__ import annotations

from spacy.language import Language

from eventwire.actors.kb import KnowledgeBase

RULER_NAME = "eventwire_kb_ruler"


def kb_patterns(kb: KnowledgeBase) -> list[dict[str, str]]:
    """Phrase patterns for people's full names and aliases (PERSON) and organisations (ORG)."""
    patterns: dict[str, str] = {}
    places = {t.lower() for table in (kb.country_names, kb.country_adjectives, kb.government_metonyms) for t in table}
    for person in kb.people.values():
        for text in (person.name, *person.aliases):
            # full names only: a lone surname ("Kim", "Montenegro") would cut "Kim Kardashian" short or
            # turn a country into a person; the resolver links single names itself
            if " " in text.strip() and text.lower() not in places:
                patterns.setdefault(text, "PERSON")
    for org in kb.organisations.values():
        for text in (org.name, *org.aliases):  # not `context_aliases`: those need the article's context
            if len(text) > 1 and text.lower() not in places:
                patterns.setdefault(text, "ORG")
    return [{"label": label, "pattern": text, "id": "kb"} for text, label in patterns.items()]


def add_kb_ruler(nlp: Language, kb: KnowledgeBase) -> Language:
    """Add (or extend) the KB entity ruler before "ner"; patterns already present are not added twice."""
    if RULER_NAME in nlp.pipe_names:
        ruler = nlp.get_pipe(RULER_NAME)
    else:
        before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config={"phrase_matcher_attr": "ORTH",
                                                                       "validate": False}, **before)
    known = {(p["label"], p["pattern"]) for p in ruler.patterns}
    new = [p for p in kb_patterns(kb) if (p["label"], p["pattern"]) not in known]
    if new:
        with nlp.select_pipes(enable=[]):  # pattern docs only need the tokenizer
            ruler.add_patterns(new)
    return nlp
