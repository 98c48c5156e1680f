"""Firing by the police: the verb with a weapon or no object, and the act noun whose compound names its doer."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def code(code_sentence):
    return lambda text: code_sentence(text, published="2002-03-10")


def _assaults(record):
    return [e for e in record.events if e.plover.type == "ASSAULT"]


def test_firing_rounds_is_an_assault_by_the_firer(code):
    found = _assaults(code("The constables fired twenty rounds near the market."))
    assert found and found[0].source is not None and found[0].source.sector == "COP"


def test_a_person_fired_is_dismissed_not_shot(code):
    assert not _assaults(code("The minister was fired by the prime minister."))


def test_died_in_police_firing_makes_the_police_the_doer(code):
    found = _assaults(code("Six villagers died in police firing, officials said."))
    assert found and found[0].source is not None and found[0].source.sector == "COP"
