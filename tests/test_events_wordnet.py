"""WordNet behind the lexicon: verbs it lacks, and the kind of thing an object is (argument frames)."""

from __future__ import annotations

import pytest

from eventwire.events.lexicon import load_lexicon, shipped_extra_files
from eventwire.events.backoff import load_backoff
from eventwire.senses import wordnet_source

needs_wordnet = pytest.mark.skipif(wordnet_source() is None, reason="WordNet (Debian wordnet-base) is not installed")


@pytest.fixture(scope="module")
def code(code_sentence):
    return lambda text: code_sentence(text, published="2022-01-07")


@needs_wordnet
def test_a_verb_absent_from_the_lexicon_is_coded_through_its_wordnet_sense(code):
    lexicon = load_lexicon(shipped_extra_files())
    assert "help" not in lexicon.by_verb  # the premise: the lexicon has "aid", not "help"
    record = code("Norway helped the flood victims in Pakistan with tents and food.")
    events = [e for e in record.events if e.trigger.text.startswith("helped")]
    assert events and events[0].plover.type == "AID"
    assert events[0].rule.startswith("wordnet:") and events[0].rule.endswith(">aid")


@needs_wordnet
def test_wordnet_senses_never_replace_the_lexicon_or_the_function_verbs():
    backoff = load_backoff(shipped_extra_files())
    assert backoff is not None
    lexicon = load_lexicon(shipped_extra_files())
    assert not set(backoff.verbs) & set(lexicon.by_verb)
    assert backoff.noun_class("prisoner") == "noun.person" and backoff.noun_class("video") == "noun.communication"


@needs_wordnet
def test_an_event_noun_absent_from_the_lexicon_is_read_through_its_wordnet_synonym(code):
    lexicon = load_lexicon(shipped_extra_files())
    assert "warfare" not in lexicon.by_noun and "war" in lexicon.by_noun  # the premise
    events = code("Pakistan-based groups have launched cyber warfare against India.").events
    assert [(e.plover.type, e.rule.split(">")[0]) for e in events] == [("ASSAULT", "wordnet:war.n.01")]
    backoff = load_backoff(shipped_extra_files())
    assert backoff.noun_synonym("video") is None  # a thing, not a deed: never an event noun


@needs_wordnet
def test_a_guessed_sense_with_an_abstract_object_is_no_event(code):
    record = code("The government is exploring the possibility of new rules.")
    assert not [e for e in record.events if e.rule.startswith("wordnet:")]


@needs_wordnet
def test_release_frames_a_person_not_a_video(code):
    videos = code("The Taliban released two videos on Monday.")
    assert not [e for e in videos.events if e.plover.type == "RETREAT"]
    prisoners = code("The Taliban released two American teachers on Monday.")
    assert [e for e in prisoners.events if e.plover.type == "RETREAT"]


@needs_wordnet
def test_giving_goods_is_aid_and_giving_words_is_not(code):
    """The transfer frame (aid.yaml `give-goods-to`...): goods named by any word WordNet files as an artifact,
    a possession or food; a speech or a report given is no aid."""
    for text in ("The U.S. military gave medical equipment to Nicaragua.",
                 "Japan delivered 40 generators to the Philippine government."):
        assert [e for e in code(text).events if e.plover.type == "AID"], text
    for text in ("The minister gave a speech to parliament.", "The company delivered a report to the ministry."):
        assert not [e for e in code(text).events if e.plover.type == "AID"], text


@needs_wordnet
def test_a_returned_thing_is_a_release_of_property(code):
    events = code("The United States returned two paintings to the government of Brazil.").events
    assert [e.cameo.code for e in events] == ["0842"]


def test_a_hyphenated_compound_is_read_as_one_word(code):
    """spaCy splits "cease-fire" into cease / - / fire: it is a ceasefire, never a fire."""
    events = code("The rebels declared a cease-fire with the army on Monday.").events
    assert [e.plover.mode for e in events] == ["ceasefire"]


def test_a_visit_takes_no_object(code):
    """`return-to` is `object: [none]`: "returned the territory to China" is no visit."""
    assert not [e for e in code("Britain returned the territory to China in 1997.").events if e.plover.mode == "visit"]
    assert [e for e in code("The minister returned to Kabul on Monday.").events if e.plover.mode == "visit"]


def test_the_lexicon_rejects_an_unknown_object_class():
    from eventwire.events.lexicon import LexiconError, parse_entry

    with pytest.raises(LexiconError, match="unknown object class"):
        parse_entry({"id": "x", "verb": "release", "plover": "RETREAT", "cameo": "084", "object": ["prisoner"]}, "t")


def test_without_wordnet_the_coder_says_so_and_codes_with_the_lexicon(monkeypatch, caplog):
    from eventwire.events import backoff as wordnet

    monkeypatch.setenv("EVENTWIRE_WORDNET_DIR", "/nonexistent/wordnet")
    wordnet.load_backoff.cache_clear()
    try:
        with caplog.at_level("WARNING"):
            assert wordnet.load_backoff(shipped_extra_files()) is None
        assert "WordNet not found" in caplog.text
    finally:
        wordnet.load_backoff.cache_clear()
