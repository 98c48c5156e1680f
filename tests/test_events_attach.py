"""The coder's argument attachment and event selection on small sentences (one rule class per test)."""

from __future__ import annotations

import pytest

from eventwire.documents import RawDocument


@pytest.fixture(scope="module")
def code(clean_pipeline):
    def run(text: str):
        return clean_pipeline.process_batch([RawDocument(content=text, published="2022-01-07")])[0]
    return run


def _pair(event):
    return (event.source.country if event.source else None, event.target.country if event.target else None)


def test_demand_targets_the_subject_of_its_complement_and_absorbs_it(code):
    rec = code("Beijing demanded that Washington cancel plans to sell weapons to Taiwan.")
    assert [e.plover.type for e in rec.events] == ["REQUEST"]
    assert _pair(rec.events[0]) == ("CHN", "USA")


def test_event_noun_object_gives_its_author_as_target(code):
    rec = code("Yemen rejected a U.S. request to question the prisoners.")
    ev = next(e for e in rec.events if e.plover.type == "REJECT")
    assert _pair(ev) == ("YEM", "USA")


def test_threat_target_found_deeper_in_its_complement(code):
    rec = code("Iran threatened to launch a new offensive in its war with Iraq.")
    ev = next(e for e in rec.events if e.plover.type == "THREATEN")
    assert _pair(ev) == ("IRN", "IRQ")


def test_target_is_never_the_source_itself(code):
    rec = code("Moroccan diplomats held their first meeting with French officials.")
    ev = next(e for e in rec.events if e.plover.type == "CONSULT")
    assert _pair(ev) == ("MAR", "FRA")


def test_participles_used_as_modifiers_are_not_events(code):
    rec = code("Britain asked Libya to hand over the alleged bombers.")
    assert "ACCUSE" not in [e.plover.type for e in rec.events]


def test_unresolved_pronoun_in_reported_speech_is_the_speaker(code):
    rec = code("Syria says it is willing to withdraw its troops from Lebanon.")
    ev = next(e for e in rec.events if e.plover.type == "AGREE")
    assert _pair(ev) == ("SYR", "LBN")


def test_events_without_a_known_source_yield_to_those_with_one(code):
    rec = code("Israeli troops arrested 12 Palestinians after an attack on a bus in Jerusalem.")
    assert [e.plover.type for e in rec.events] == ["COERCE"]
    assert _pair(rec.events[0]) == ("ISR", "PSE")


def test_a_sentence_with_no_known_source_keeps_one_event(code):
    rec = code("A bus was attacked and two cars were burned.")
    assert [e.plover.type for e in rec.events] == ["ASSAULT"]


def test_light_verbs_match_despite_a_wrong_lemma(code):
    rec = code("Students staged rallies in Jakarta against the Indonesian government.")
    ev = next(e for e in rec.events if e.plover.type == "PROTEST")
    assert ev.target.country == "IDN"


def test_event_noun_behind_a_quantity_finds_its_light_verb(code):
    rec = code("Japan provided 20,000 tons of food aid to Ethiopia.")
    ev = next(e for e in rec.events if e.plover.type == "AID")
    assert _pair(ev) == ("JPN", "ETH")


def test_saying_that_someone_must_act_is_a_demand_of_them(code):
    rec = code("The French foreign minister said that Iran must stop enriching uranium.")
    [ev] = [e for e in rec.events if e.plover.type == "REQUEST"]
    assert _pair(ev) == ("FRA", "IRN") and ev.rule == "grammar:speech-obligation"


def test_saying_that_someone_did_something_is_no_demand(code):
    rec = code("The French foreign minister said that Iran stopped enriching uranium.")
    assert "REQUEST" not in [e.plover.type for e in rec.events]


def test_shipped_extra_lexicon_files_are_used(code):
    rec = code("Fijian rebels released the Indian ambassador.")
    ev = next(e for e in rec.events if e.plover.type == "RETREAT")
    assert ev.rule == "lexicon:gap-release-person" and ev.target.country == "IND"
