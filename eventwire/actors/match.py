"""Find knowledge-base phrases in a parsed document: names, countries, role nouns.

Two spaCy PhraseMatchers per knowledge base (exact text for names and
countries, lower case for role nouns), built once per process and run over
the already parsed Doc; nothing here re-parses the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from eventwire.actors.kb import KnowledgeBase, norm

NAME, COUNTRY, ADJECTIVE, GOV_METONYM, MIL_METONYM, ROLE = "NAME", "COUNTRY", "ADJ", "GOVMET", "MILMET", "ROLE"


@dataclass(frozen=True)
class Hit:
    """A matched phrase: tokens [start, end), what table it came from and the normalised key."""

    start: int
    end: int
    what: str
    key: str


@dataclass
class Matches:
    names: list[Hit] = field(default_factory=list)  # people and organisations
    countries: list[Hit] = field(default_factory=list)  # names, adjectives, metonyms
    roles: list[Hit] = field(default_factory=list)
    country_at: dict[int, Hit] = field(default_factory=dict)  # token index -> country hit covering it
    name_at: dict[int, Hit] = field(default_factory=dict)


_MATCHERS: dict[tuple[int, int], tuple[KnowledgeBase, PhraseMatcher, PhraseMatcher]] = {}


def _matchers(kb: KnowledgeBase, vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    key = (id(kb), id(vocab))
    if key not in _MATCHERS:
        from spacy.lang.en import English  # a bare tokenizer over the same vocab: patterns only

        tokenizer = English(vocab=vocab).tokenizer
        exact = PhraseMatcher(vocab, attr="ORTH")
        tables = {NAME: list(kb.names), COUNTRY: list(kb.country_names), ADJECTIVE: list(kb.country_adjectives),
                  GOV_METONYM: list(kb.government_metonyms), MIL_METONYM: list(kb.military_metonyms)}
        for label, texts in tables.items():
            variants = {v for t in texts for v in (t, t.replace("'", "’"))}
            if variants:
                exact.add(label, list(tokenizer.pipe(sorted(variants))))
        lower = PhraseMatcher(vocab, attr="LOWER")
        if kb.role_nouns or kb.leader_nouns:
            nouns = sorted(set(kb.role_nouns) | set(kb.leader_nouns))
            lower.add(ROLE, list(tokenizer.pipe(nouns)))
        _MATCHERS[key] = (kb, exact, lower)
    return _MATCHERS[key][1], _MATCHERS[key][2]


def find(doc: Doc, kb: KnowledgeBase) -> Matches:
    """All KB phrases in `doc`, longest first where they overlap."""
    exact, lower = _matchers(kb, doc.vocab)
    strings = doc.vocab.strings
    found = exact(doc)
    labels: dict[tuple[int, int], str] = {}
    for m, s, e in found:  # a country word beats a person's alias ("Montenegro")
        if labels.get((s, e)) in (None, NAME):
            labels[(s, e)] = strings[m]
    spans = [doc[s:e] for s, e in labels]
    out = Matches()
    for span in filter_spans(spans):
        hit = Hit(span.start, span.end, labels[(span.start, span.end)], norm(span.text))
        target = out.names if hit.what == NAME else out.countries
        target.append(hit)
        index = out.name_at if hit.what == NAME else out.country_at
        for i in range(span.start, span.end):
            index[i] = hit
    role_spans = filter_spans([doc[s:e] for _, s, e in lower(doc)])
    matched_role_tokens = {i for sp in role_spans for i in range(sp.start, sp.end)}
    for span in role_spans:
        out.roles.append(Hit(span.start, span.end, ROLE, span.text.lower()))
    # plural or inflected forms the table lists only in the singular (arrays: no Token objects per word)
    known = {strings.add(n) for n in (*kb.role_nouns, *kb.leader_nouns) if " " not in n}
    nouns = {strings.add("NOUN"), strings.add("PROPN")}
    if len(doc):
        lemma_pos = doc.to_array(["LEMMA", "POS"])
        candidates = numpy.nonzero(numpy.isin(lemma_pos[:, 0], list(known)))[0]
        for i in candidates.tolist():
            token = doc[i]
            if i not in matched_role_tokens and token.pos in nouns:
                out.roles.append(Hit(i, i + 1, ROLE, token.lemma_.lower()))
    out.roles.sort(key=lambda h: h.start)
    return out
