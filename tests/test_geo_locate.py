"""Event locations: the place in the parse, the actors' country — never the dateline on its own."""

from __future__ import annotations

from functools import lru_cache

import pytest
import yaml

from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
from eventwire.geo import find_places, locate_events
from eventwire.records import Event, EventActor, Plover, Source, Span
from tests.conftest import SAMPLES, SEED_ARTICLE, SEED_EXPECTED


def _actor(text: str, country: str | None, doc_text: str) -> EventActor:
    start = doc_text.index(text)
    return EventActor(text=text, start=start, end=start + len(text), country=country)


def locate(pipeline, text: str, trigger: str, source=None, target=None):
    doc = pipeline.nlp(text)
    article = Article(doc_id="t", source=Source(), text=text)
    start = text.index(trigger)
    sent = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    event = Event(id="e1", trigger=Span(text=trigger, start=start, end=start + len(trigger)),
                  source=_actor(*source, text) if source else None, target=_actor(*target, text) if target else None,
                  plover=Plover(type="ASSAULT"), sentence=Span(text=sent.text, start=sent.start_char, end=sent.end_char),
                  confidence=1.0, rule="test")
    places = find_places(article, doc, ActorAnalysis())
    return locate_events(article, doc, [event], places, ActorAnalysis())[0].location


def test_place_attached_to_the_trigger(pipeline):
    loc = locate(pipeline, "Police clashed with protesters in Almaty on Wednesday.", "clashed",
                 source=("Police", "KAZ"), target=("protesters", "KAZ"))
    assert (loc.name, loc.country, loc.precision) == ("Almaty", "KAZ", "city")
    assert loc.lat is not None and loc.geonames_id is not None


def test_place_attached_to_an_argument_through_the_city_of(pipeline):
    text = "Police dispersed protesters in the city of Zhanaozen, where the unrest began."
    loc = locate(pipeline, text, "dispersed", source=("Police", "KAZ"), target=("protesters", "KAZ"))
    assert (loc.name, loc.country) == ("Zhanaozen", "KAZ")


def test_domestic_event_without_a_place_goes_to_the_actors_country(pipeline):
    loc = locate(pipeline, "Kazakh police arrested hundreds of protesters.", "arrested",
                 source=("police", "KAZ"), target=("protesters", "KAZ"))
    assert (loc.country, loc.precision, loc.lat) == ("KAZ", "country", None)  # no fake centroid


def test_article_place_for_local_actors(pipeline):
    text = ("Clashes broke out in Almaty on Wednesday. Police arrested hundreds of protesters. "
            "The city's airport was seized.")
    loc = locate(pipeline, text, "arrested", source=("Police", "KAZ"), target=("protesters", "KAZ"))
    assert (loc.name, loc.country) == ("Almaty", "KAZ")


def test_a_country_as_addressee_is_not_a_location(pipeline):
    # "support to Kazakhstan" says whom, not where: the international rule decides (the target's country)
    loc = locate(pipeline, "Beijing offered support to Kazakhstan.", "offered",
                 source=("Beijing", "CHN"), target=("Kazakhstan", "KAZ"))
    assert loc.country == "KAZ" and loc.start is None


def test_metonym_is_not_the_article_place(pipeline):
    loc = locate(pipeline, "China's Foreign Ministry said Beijing was willing to help.", "said",
                 source=("China", "CHN"))
    assert (loc.country, loc.precision) == ("CHN", "country")


@lru_cache(maxsize=1)
def _seed_record():
    from eventwire.pipeline import process

    return process(SEED_ARTICLE.read_text(encoding="utf-8"))


def test_seed_events_dated_and_not_in_hong_kong():
    record = _seed_record()
    want = yaml.safe_load(SEED_EXPECTED.read_text(encoding="utf-8"))["dates"]["all_events_on"]
    assert record.dateline is not None and "HONG KONG" in record.dateline.text.upper()
    assert record.events, "the events stage found no events in the seed article"
    for event in record.events:
        assert event.date is not None and event.date.value == want, event.trigger.text
        if event.location is not None:
            assert event.location.country != "HKG" and event.location.name != "Hong Kong", event.trigger.text


def _foreign_dateline_samples() -> list[tuple[str, str]]:
    """Samples (HTML and page text) filed from a country none of their events involves."""
    manifest = SAMPLES / "manifest.yaml"
    if not manifest.exists():
        return []
    from eventwire.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    chosen = []
    for entry in yaml.safe_load(manifest.read_text(encoding="utf-8"))["files"]:
        found = gaz.lookup(entry.get("dateline") or "")
        if not found:
            continue
        dateline_country = max(found, key=lambda c: c.place.rank).place.country
        involved = {e.get(side) for e in entry.get("events", []) for side in ("source", "target")}
        sites = " ".join(e.get("location") or "" for e in entry.get("events", [])).lower()
        if dateline_country not in involved and entry["dateline"].lower() not in sites:
            chosen.append((entry["path"], dateline_country))
    return chosen


@pytest.mark.parametrize("path, dateline_country", _foreign_dateline_samples())
def test_dateline_is_never_the_event_location(path, dateline_country):
    from eventwire.documents import RawDocument
    from eventwire.config import Settings
    from eventwire.pipeline import pipeline_for

    record = pipeline_for(Settings()).process_batch([RawDocument(content=(SAMPLES / path).read_bytes(),
                                                                  path=str(SAMPLES / path))])[0]
    assert record.dateline is not None  # the dateline stays on the record for users
    located = [e for e in record.events if e.location is not None]
    assert located, "no event was located"
    assert all(e.location.country != dateline_country for e in located)


def test_some_samples_of_each_kind_have_a_foreign_dateline():
    kinds = {path.split("/")[0] for path, _ in _foreign_dateline_samples()}
    if (SAMPLES / "manifest.yaml").exists():
        assert {"html", "pagetext"} <= kinds


def test_the_place_an_actor_is_said_to_be_in(pipeline):
    text = "The Red Cross operating in Iraq said British forces must ensure security for aid convoys."
    loc = locate(pipeline, text, "must ensure", source=("Red Cross", None), target=("British forces", "GBR"))
    assert loc.country == "IRQ"


def test_a_place_in_the_events_own_clause(pipeline):
    text = "The U.S. said it would not meet the kidnappers' demands to release prisoners in Iraq."
    loc = locate(pipeline, text, "meet", source=("U.S.", "USA"))
    assert loc.country == "IRQ"


def test_reported_speech_place_is_not_the_speakers_event(pipeline):
    # the place belongs to the reported clause, not to the statement
    text = "Washington said on Monday that militants attacked a convoy in Iraq."
    loc = locate(pipeline, text, "said", source=("Washington", "USA"))
    assert loc.country == "USA"


def test_international_event_in_the_articles_setting(pipeline):
    text = ("Protesters gathered in Prague on Monday. Police in Prague closed streets near the embassy. "
            "The Czech government expelled two Russian diplomats.")
    loc = locate(pipeline, text, "expelled", source=("Czech government", "CZE"), target=("Russian diplomats", "RUS"))
    assert loc.country == "CZE"


def test_headline_event_at_the_place_the_headline_names(pipeline):
    text = "Turkish jets struck targets in the northern province of Duhok on Sunday, officials in Duhok said."
    doc = pipeline.nlp(text)
    title = "Three civilians killed in air strikes near Duhok"
    article = Article(doc_id="t", source=Source(), text=text, title=title)
    start = title.index("killed")
    event = Event(id="h1", trigger=Span(text="killed", start=start, end=start + 6), headline=True,
                  plover=Plover(type="ASSAULT"), sentence=Span(text=title, start=0, end=len(title)),
                  confidence=1.0, rule="test")
    places = find_places(article, doc, ActorAnalysis())
    loc = locate_events(article, doc, [event], places, ActorAnalysis())[0].location
    assert (loc.country, loc.precision, title[loc.start:loc.end]) == ("IRQ", "city", "Duhok")  # offsets into the title


# -- the most specific place the event's own clause names (issue 14) ----------------------------------------
# Kotiyagala and Wadi Zarqun are not in the gazetteer (a hamlet, a made-up valley): places all the same.

def test_a_village_the_gazetteer_lacks_is_still_the_place(pipeline):
    text = "Tamil Tiger guerrillas struck at the remote eastern hamlet of Kotiyagala on Sunday."
    loc = locate(pipeline, text, "struck", source=("Tamil Tiger guerrillas", "LKA"))
    assert (loc.name, loc.precision, loc.lat, loc.geonames_id) == ("Kotiyagala", "local", None, None)
    assert text[loc.start:loc.end] == "Kotiyagala"


def test_a_local_place_takes_the_country_its_sentence_names(pipeline):
    text = "Soldiers clashed with rebels in Wadi Zarqun in northern Syria on Monday."
    doc = pipeline.nlp(text)
    places = find_places(Article(doc_id="t", source=Source(), text=text), doc, ActorAnalysis())
    local = [p for p in places if p.precision == "local"]
    assert [(p.text, p.country) for p in local] == [("Wadi Zarqun", "SYR")]


def test_an_actor_is_not_a_local_place(pipeline):
    from eventwire import process

    record = process("Fighters loyal to Hezbollah attacked an army post on Tuesday.", clean="none")
    assert not [p for p in record.places if p.text == "Hezbollah"]


def test_verbs_of_one_coordination_share_the_place(pipeline):
    text = "A reporter was shot and wounded in the shoulder on Sunday in Ramallah."
    loc = locate(pipeline, text, "shot")
    assert loc is not None and loc.name == "Ramallah" and text[loc.start:loc.end] == "Ramallah"


def test_a_place_the_event_acts_on_is_where_it_happened(pipeline):
    text = "Rebels captured the strategic town of Saraqib on Monday."
    loc = locate(pipeline, text, "captured", source=("Rebels", "SYR"))
    assert loc is not None and text[loc.start:loc.end] == "Saraqib"


def test_a_country_the_event_acts_on_is_left_to_the_actor_rules(pipeline):
    text = "Israel warned Syria on Monday."
    loc = locate(pipeline, text, "warned", source=("Israel", "ISR"), target=("Syria", "SYR"))
    assert loc is None or loc.start is None  # the target's country, not a place the text ties it to


def test_a_participle_happens_where_its_clause_did(pipeline):
    text = "Air strikes hit rebel positions in Saraqib on Monday, killing 12 people."
    loc = locate(pipeline, text, "killing")
    assert loc is not None and text[loc.start:loc.end] == "Saraqib"


def test_a_finer_place_of_the_sentence_beats_the_bare_country(pipeline):
    # no place tied to "killed" in the parse: the town the sentence names as a place, not only Iraq
    text = "Six civilians were killed by a bomber in a car that hit a checkpoint in Tikrit, police said."
    loc = locate(pipeline, text, "killed")
    assert (loc.country, loc.precision, text[loc.start:loc.end]) == ("IRQ", "city", "Tikrit")


def test_a_place_of_a_coordinated_predicate_is_not_the_event_place(pipeline):
    # "managed to drive to a clinic in Kirkuk" is what the farmer did next, not where he was wounded
    text = "A farmer was wounded in the raid on his village but managed to drive to a clinic in Kirkuk."
    loc = locate(pipeline, text, "wounded")
    assert loc is None or loc.name != "Kirkuk"


def test_a_place_a_part_of_which_the_event_happened_in(pipeline):
    # "through the streets of X", "in the southern part of X": the place the part belongs to
    loc = locate(pipeline, "Thousands of students marched through the streets of Nairobi on Friday.", "marched")
    assert (loc.country, text_of(loc, "Thousands of students marched through the streets of Nairobi on Friday.")) \
        == ("KEN", "Nairobi")


def test_a_place_inside_the_events_own_phrase_beats_the_victims_country(pipeline):
    text = "Gunmen killed two American engineers as they drove to a meeting in Peshawar."
    loc = locate(pipeline, text, "killed", target=("two American engineers", "USA"))
    assert (loc.country, text_of(loc, text)) == ("PAK", "Peshawar")


def text_of(loc, text: str) -> str | None:
    return text[loc.start:loc.end] if loc is not None and loc.start is not None else None
