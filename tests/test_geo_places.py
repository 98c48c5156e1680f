"""Gazetteer look-ups and place mentions: which names are places and which place each is."""

from __future__ import annotations

from eventwire.actors.analysis import ActorAnalysis
from eventwire.article import Article
from eventwire.geo import find_places
from eventwire.geo.gazetteer import load_gazetteer
from eventwire.records import Source


def places(pipeline, text: str) -> dict[str, tuple]:
    doc = pipeline.nlp(text)
    found = find_places(Article(doc_id="t", source=Source(), text=text), doc, ActorAnalysis())
    for p in found:
        assert text[p.start:p.end] == p.text
    return {p.text: (p.country, p.precision) for p in found}


def test_gazetteer_reads_names_in_their_news_forms():
    gaz = load_gazetteer()
    assert {c.place.country for c in gaz.lookup("U.S.")} == {"USA"}
    assert any(c.place.country == "BIH" for c in gaz.lookup("Gorazde"))  # accents folded: Goražde
    assert {c.place.country for c in gaz.lookup("Donbas")} == {"UKR"}  # from the project's regions file
    assert {c.place.country for c in gaz.lookup("the Gaza Strip")} == {"PSE"}
    assert gaz.demonym("Iraqi") == "IRQ"


def test_almaty_is_the_kazakh_city(pipeline):
    assert places(pipeline, "Protesters gathered in Almaty, Kazakhstan's largest city.")["Almaty"] == ("KAZ", "city")


def test_georgia_next_to_tbilisi_is_the_country(pipeline):
    found = places(pipeline, "Thousands marched in Tbilisi as Georgia's parliament debated the law.")
    assert found["Georgia"] == ("GEO", "country")


def test_georgia_next_to_atlanta_is_the_state(pipeline):
    found = places(pipeline, "The governor of Georgia spoke in Atlanta on Monday.")
    assert found["Georgia"] == ("USA", "admin1")


def test_paris_texas_is_not_paris_france(pipeline):
    assert places(pipeline, "Protests spread to Paris, Texas.")["Paris"][0] == "USA"
    assert places(pipeline, "Protests spread to Paris.")["Paris"][0] == "FRA"


def test_geneva_stays_in_switzerland_when_americans_negotiate(pipeline):
    text = "U.S. and Russian negotiators return to Geneva this week."
    assert places(pipeline, text)["Geneva"] == ("CHE", "city")


def test_demonyms_and_organisations_are_not_places(pipeline):
    found = places(pipeline, "The Sri Lankan army and the Chinese Foreign Ministry met officials in Colombo.")
    assert "Sri Lankan" not in found and "Chinese" not in found
    assert found["Colombo"] == ("LKA", "city")


def test_mislabelled_names_in_a_place_frame_are_places(pipeline):
    found = places(pipeline, "A minefield explosion near the town of Samarra killed two Iraqi youths.")
    assert found.get("Samarra", (None,))[0] == "IRQ"
