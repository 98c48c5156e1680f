"""The coder on single sentences: sources, targets, modality, nesting, quotes."""

from __future__ import annotations

import pytest

from eventwire.documents import RawDocument


@pytest.fixture(scope="module")
def code(clean_pipeline):
    def run(text: str):
        return clean_pipeline.process_batch([RawDocument(content=text, published="2022-01-07")])[0]
    return run


def _types(record):
    return [e.plover.type for e in record.events]


def test_negation_is_kept_and_marked(code):
    rec = code("Israeli soldiers did not attack the village.")
    [ev] = [e for e in rec.events if e.plover.type == "ASSAULT"]
    assert ev.modality.negated
    assert ev.source.country == "ISR"


def test_offer_of_aid_is_an_intended_agree(code):
    rec = code("France offered aid to Lebanon.")
    ev = rec.events[0]
    assert ev.plover.type == "AGREE" and ev.modality.intended and ev.cameo.code.startswith("03")
    assert (ev.source.country, ev.target.country) == ("FRA", "LBN")


def test_future_attack_is_a_threat_not_an_assault(code):
    rec = code("Iran will attack Iraq.")
    assert _types(rec) == ["THREATEN"]
    assert rec.events[0].modality.future


def test_conjoined_subjects_each_become_a_source(code):
    rec = code("Jordan and Britain signed a treaty.")
    assert {e.source.country for e in rec.events if e.source} == {"JOR", "GBR"}


def test_passive_by_phrase_is_the_source(code):
    rec = code("The village was attacked by Russian troops.")
    ev = next(e for e in rec.events if e.plover.type == "ASSAULT")
    assert ev.source.country == "RUS"


def test_event_rejected_is_not_coded_as_happened(code):
    rec = code("China rejects any attempt by foreign powers to attack Kazakhstan.")
    assert _types(rec) == ["REJECT"]
    assert rec.events[0].source.country == "CHN"


def test_demand_absorbs_what_is_demanded_and_finds_the_target(code):
    rec = code("Washington demanded that Hamas renounce violence.")
    assert _types(rec) == ["REQUEST"]
    assert rec.events[0].source.country == "USA"


def test_causative_order_gives_the_orderer_as_source(code):
    rec = code("President Tokayev of Kazakhstan instructed security forces to fire upon protesters.")
    ev = next(e for e in rec.events if e.plover.type == "ASSAULT")
    assert "Tokayev" in ev.source.text and ev.target.text == "protesters"


def test_spans_index_the_text_and_context_is_cued(code):
    rec = code("Israel imposed a curfew on the West Bank after the army arrested 12 protesters.")
    for ev in rec.events:
        assert rec.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
        assert rec.text[ev.sentence.start:ev.sentence.end] == ev.sentence.text
    curfew = next(e for e in rec.events if "curfew" in e.trigger.text)
    assert curfew.plover.type == "COERCE" and curfew.plover.mode == "curfew"
    assert "pro_autocracy" in curfew.plover.context


def test_events_in_quotes_carry_the_quote_id(code):
    rec = code('The minister said: "We will never recognize the regime and we condemn Russia for its aggression."')
    assert rec.quotes, "needs the quotes stage"
    inside = [e for e in rec.events if e.quote_id]
    assert inside and all(any(q.id == e.quote_id for q in rec.quotes) for e in inside)


def test_depth_counts_the_climb_to_the_root(clean_pipeline):
    # compared by index: with token identity the climb never saw the root and every event was "10 deep"
    from eventwire.events.coder import _depth
    doc = clean_pipeline.nlp("Police said the rebels attacked the town.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    attacked = next(t for t in doc if t.text == "attacked")
    assert (_depth(root), _depth(attacked)) == (0, 1)


@pytest.mark.parametrize("text, plover", [
    ("Taliban attack on Afghan police in Kabul on Friday.", "ASSAULT"),
    ("Russian sanctions against Ukraine on Monday after the vote.", "SANCTION"),
])
def test_a_sentence_with_no_verb_is_coded_dated_and_placed(code, text, plover):
    from eventwire.budget import time_budget
    with time_budget(20):
        record = code(text)
    assert record.errors == []
    event = next(e for e in record.events if e.plover.type == plover)
    assert event.date is not None and event.date.from_ == "text"
    assert event.location is not None


def test_declining_comment_and_denying_an_accusation_are_statements_not_rejections(code):
    """CAMEO 011 "decline comment" and 016 "deny responsibility" are statements (root 01), not REJECT 12x."""
    no_comment = code("The ministry declined to comment on the report.")
    assert not [e for e in no_comment.events if e.plover.type == "REJECT"]
    denial = code("The government denied accusations that it had armed the militia.")
    assert [e.cameo.code for e in denial.events if e.plover.type == "REJECT"] == ["016"]
    refusal = code("The rebels refused to withdraw from the town.")
    assert [e for e in refusal.events if e.plover.type == "REJECT"]


@pytest.mark.parametrize("text, verb, plover", [
    ("A suicide attack occurred at a checkpoint in Mosul on Sunday.", "occurred", "ASSAULT"),
    ("Fighting erupted between rival militias in Tripoli on Friday.", "erupted", "ASSAULT"),
])
def test_an_event_noun_that_happened_is_coded_on_its_verb(code, text, verb, plover):
    """"The attack occurred in X": the happening verb is the event's predicate (grammar happening_verbs), the
    subject noun its type; the verb's place is the event's place."""
    record = code(text)
    event = next(e for e in record.events if e.plover.type == plover)
    assert verb in event.trigger.text
    assert event.location is not None and event.location.precision != "country"


def test_what_is_captured_or_destroyed_decides_the_event(code):
    """Argument frames on the object: taking a place is CAMEO 192 (occupy territory), taking a person 173
    (arrest); destroying a thing is CAMEO 1712 (ASSAULT destroy), destroying a career is no event."""
    def codes(text):
        return [(e.plover.type, e.cameo.code) for e in code(text).events]
    assert codes("Rebels captured Qusayr on Sunday.") == [("COERCE", "192")]
    assert codes("Rebels captured the army commander on Sunday.") == [("COERCE", "173")]
    assert codes("Militants destroyed a bridge near the border.") == [("ASSAULT", "1712")]
    assert codes("The scandal destroyed his career.") == []
    assert ("ASSAULT", "183") in codes("A roadside bomb exploded near a police convoy.")


def test_a_sentence_without_a_known_doer_keeps_every_verb_of_its_incident(code):
    """No known source: the best event and those of its type stay ("killed ... and wounded ..."), events of
    other types go."""
    record = code("A car bomb killed 13 people and wounded 29 others at a market in Baghdad on Sunday.")
    assert sorted(e.trigger.text for e in record.events if e.plover.type == "ASSAULT") == ["killed", "wounded"]
