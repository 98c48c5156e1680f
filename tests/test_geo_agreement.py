"""Actors and geo read one place name of one story as one country (`Gazetteer.country_of`)."""

from __future__ import annotations

import eventwire
from eventwire.gazetteer import load_gazetteer


def _countries(text: str, name: str) -> tuple[set, set]:
    record = eventwire.process(text, clean="none")
    by_id = {a.id: a for a in record.actors}
    places = {p.country for p in record.places if p.text == name}
    actors = {by_id[e.actor_id].country for e in record.entities if e.text == name and e.actor_id in by_id}
    return places, actors


def test_a_name_of_two_countries_is_the_storys_country_in_both_stages():
    # Hyderabad is a city of India and of Pakistan; the story is Pakistani
    places, actors = _countries("Pakistani police said gunmen in Hyderabad attacked a checkpoint on Friday.",
                                "Hyderabad")
    assert places == actors == {"PAK"}


def test_a_small_namesake_in_the_storys_country_does_not_win_over_a_city():
    # an American story about talks in Geneva: Geneva, Illinois is a town a tenth the size of Geneva
    places, actors = _countries("American and Iranian diplomats met in Geneva, U.S. officials said.", "Geneva")
    assert places == actors == {"CHE"}


def test_country_of_prefers_the_storys_country_but_not_its_small_towns():
    gaz = load_gazetteer()
    assert gaz.country_of("Hyderabad", prefer="PAK") == "PAK"
    assert gaz.country_of("Hyderabad") == "IND"
    assert gaz.country_of("Geneva", prefer="USA") == "CHE"
