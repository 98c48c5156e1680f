"""Passive arguments and the conventional agent: who did it when the text does not say."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def code(code_sentence):
    return lambda text: code_sentence(text, published="2002-03-10")


def _by_trigger(record, word):
    return [e for e in record.events if word in e.trigger.text]


def test_a_passive_arrest_with_no_doer_gets_the_police_of_the_story_country_marked_inferred(code):
    record = code("Indian officials said the violence in Gujarat had ebbed. Five protesters were arrested on Monday "
                  "in Ahmedabad.")
    arrests = _by_trigger(record, "arrested")
    assert arrests, [e.trigger.text for e in record.events]
    source = arrests[0].source
    assert source is not None and source.inferred and source.sector == "COP"
    assert source.start is None and source.end is None  # nothing in the text names it
    assert source.country == "IND" and source.code == "INDCOP"
    assert arrests[0].rule.endswith("+inferred-police")
    assert arrests[0].target is not None and "protesters" in arrests[0].target.text


def test_a_by_phrase_is_the_source_and_nothing_is_inferred(code):
    record = code("Five protesters were arrested by the railway police on Monday.")
    source = _by_trigger(record, "arrested")[0].source
    assert source is not None and not source.inferred and "police" in source.text


def test_acts_without_a_conventional_agent_get_no_inferred_source(code):
    record = code("Three villagers were killed on Monday near the border.")
    assert all(e.source is None or not e.source.inferred for e in record.events)


def test_the_subject_of_an_active_conjunct_is_the_patient_of_a_passive_one(code):
    record = code("The opposition leaders left the party office at noon and were arrested in the square.")
    arrests = _by_trigger(record, "arrested")
    assert arrests
    assert arrests[0].source is None or "leaders" not in arrests[0].source.text
    assert arrests[0].target is not None and "leaders" in arrests[0].target.text


def test_a_bare_participle_after_a_noun_makes_the_noun_its_patient(code):
    record = code("The 51 people arrested for their role in the riots were charged on Friday.")
    for event in _by_trigger(record, "arrested"):
        assert event.source is None or "people" not in event.source.text


def test_no_before_an_event_noun_negates_it(code):
    record = code("Police said no arrests have been made so far.")
    arrests = _by_trigger(record, "arrests")
    assert arrests and all(e.modality.negated for e in arrests)


def test_an_inferred_source_survives_the_record_round_trip(code):
    from eventwire.records import DocumentRecord

    record = code("Five protesters were arrested on Monday in Ahmedabad, India.")
    again = DocumentRecord.model_validate_json(record.to_json())
    assert again.model_dump() == record.model_dump()
    assert again.events[0].source.inferred


def test_the_doer_of_the_act_an_event_happened_in_is_its_source(code):
    record = code("Officials said 99 people have been killed in police firing in Ahmedabad.")
    killed = _by_trigger(record, "killed")
    assert killed and killed[0].source is not None and killed[0].source.sector == "COP"
    assert not killed[0].source.inferred and killed[0].source.text == "police"  # named in the text: a real span


def test_a_conjoined_noun_shares_the_demand_that_governs_it(code):
    record = code("The meeting demanded a ban on the group and the arrest of its leaders.")
    assert not [e for e in record.events if e.plover.type == "COERCE" and "arrest" in e.trigger.text]


@pytest.mark.skipif(__import__("eventwire.senses", fromlist=["x"]).wordnet_source() is None,
                    reason="WordNet (Debian wordnet-base) is not installed")
def test_people_picked_up_or_booked_are_arrested_and_things_are_not(code):
    """Argument frames (coerce.yaml pick-up-person, book-person): the object must be a person or a group."""
    for text in ("Two traders were picked up by police in Godhra on Monday.", "police booked five youths for rioting."):
        assert [e.cameo.code for e in code(text).events] == ["173"], text
    for text in ("She picked up the phone on Monday.", "The party booked a hall for the rally."):
        assert not [e for e in code(text).events if e.cameo.code == "173"], text


def test_a_hyphenated_verb_keeps_its_first_half_out_of_the_subject(code):
    """spaCy reads "lathi" in "the police lathi-charged the mob" as the subject; it is half of the verb."""
    events = code("the police lathi-charged the mob in vadodara on monday.").events
    assert [(e.cameo.code, e.source and e.source.text) for e in events] == [("175", "police")]
