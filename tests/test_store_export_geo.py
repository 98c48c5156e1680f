"""The GDELT export's geo fields: Actor*Geo from the place the text ties an actor to, the same eight fields
as ActionGeo; country centroids for country-level places; ADM1 codes for subdivisions known by name."""

import csv

import pytest

from eventwire.records import (Actor, Cameo, DocumentRecord, Entity, Event, EventActor, EventDate, Location,
                               PipelineInfo, PlaceMention, Plover, Source, Span)
from eventwire.store.export import export
from eventwire.store.export.codes import adm1_code, country_centroid
from eventwire.store.export.gdelt import COLUMNS
from eventwire.store.writer import store_records
from eventwire.store.schema import open_database

# A curly apostrophe before the spans: offsets are characters, in DuckDB as in Python.
TEXT = ("Kenya’s week. Police in Karbala arrested protesters in Baghdad. "
        "Officials from Kenya and Uganda met the governor of Texas. "
        "Nairobi police dispersed crowds in Batken. Somalia accused Mali. He thanked Somalia. "
        "Protesters in Basra welcomed him. They thanked Mali.")

PLACES = {  # text -> (name, country, admin1, precision, lat, lon, geonames id)
    "Karbala": ("Karbala", "IRQ", None, "city", 32.61603, 44.02488, 94824),
    "Baghdad": ("Baghdad", "IRQ", None, "city", 33.34058, 44.40088, 98182),
    "Basra": ("Basra", "IRQ", None, "city", 30.50852, 47.7804, 99532),
    "Kenya": ("Kenya", "KEN", None, "country", None, None, 192950),
    "Uganda": ("Uganda", "UGA", None, "country", None, None, 226074),
    "Texas": ("Texas", "USA", "Texas", "admin1", None, None, 4736286),
    "Nairobi": ("Nairobi", "KEN", None, "city", -1.28333, 36.81667, 184745),
    "Batken": ("Batken", "KGZ", "Batken", "admin1", None, None, None),
    "Somalia": ("Somalia", "SOM", None, "country", None, None, 51537),
    "Mali": ("Mali", "MLI", None, "country", None, None, 2453866),
}


def _span(part: str, after: int = 0) -> Span:
    start = TEXT.index(part, after)
    return Span(text=part, start=start, end=start + len(part))


def _place(text: str, after: int = 0) -> PlaceMention:
    name, country, admin1, precision, lat, lon, geonames_id = PLACES[text]
    return PlaceMention(**_span(text, after).model_dump(), name=name, country=country, admin1=admin1,
                        precision=precision, lat=lat, lon=lon, geonames_id=geonames_id)


def _side(part: str, actor: Actor, after: int = 0) -> EventActor:
    return EventActor(**_span(part, after).model_dump(), actor_id=actor.id, country=actor.country,
                      sector=actor.sector, code=actor.code)


def _event(event_id: str, trigger: str, source: EventActor, target: EventActor, location: Location | None = None,
           headline: bool = False) -> Event:
    sentence_start = TEXT.rfind(". ", 0, TEXT.index(trigger)) + 2
    sentence = TEXT[sentence_start:TEXT.index(".", TEXT.index(trigger)) + 1]
    return Event(id=event_id, trigger=_span(trigger), sentence=_span(sentence), source=source, target=target,
                 plover=Plover(type="ACCUSE" if trigger == "accused" else "CONSULT", mode=None, context=[]),
                 cameo=Cameo(code="112" if trigger == "accused" else "040", root="11" if trigger == "accused" else "04",
                             quad_class=3 if trigger == "accused" else 1, goldstein=-2.0),
                 date=EventDate(value="2024-05-0" + event_id[-1], precision="day", **{"from": "text"}, text=None),
                 location=location, confidence=0.8, rule="test", headline=headline)


def _record() -> DocumentRecord:
    police = Actor(id="police", name="Police", kind="group", country="IRQ", sector="COP", code="IRQCOP")
    protesters = Actor(id="protesters", name="protesters", kind="group", country="IRQ", sector="OPP", code="IRQOPP")
    officials = Actor(id="officials", name="Officials", kind="group", country="KEN", sector="GOV", code="KENGOV")
    governor = Actor(id="governor", name="governor", kind="person", country="USA", sector="GOV", code="USAGOV")
    kenpolice = Actor(id="kenpolice", name="Nairobi police", kind="group", country="KEN", sector="COP", code="KENCOP")
    crowds = Actor(id="crowds", name="crowds", kind="group", country="KGZ", sector="CVL", code="KGZCVL")
    somalia = Actor(id="somalia", name="Somalia", kind="state", country="SOM", sector="GOV", code="SOMGOV")
    mali = Actor(id="mali", name="Mali", kind="state", country="MLI", sector="GOV", code="MLIGOV")
    batken = _place("Batken")
    events = [
        _event("e1", "arrested", _side("Police", police), _side("protesters", protesters)),
        _event("e2", "met", _side("Officials", officials), _side("the governor", governor)),
        _event("e3", "dispersed", _side("Nairobi police", kenpolice), _side("crowds", crowds),
               Location(**{k: v for k, v in batken.model_dump().items() if k != "text"})),
        _event("e4", "accused", _side("Somalia", somalia, TEXT.index("Somalia accused")), _side("Mali", mali),
               Location(name="Somalia", country="SOM", precision="country", geonames_id=51537)),
        # the actors' other mentions: the governor's one place; the protesters' two (Baghdad, Basra)
        _event("e5", "thanked", _side("He", governor), _side("Somalia", somalia, TEXT.index("thanked Somalia"))),
        _event("e6", "thanked Mali", _side("They", protesters), _side("Mali", mali, TEXT.index("thanked Mali"))),
    ]
    mentions = [("the governor", governor, 0), ("protesters", protesters, 0), ("Protesters", protesters, 0)]
    entities = [Entity(**_span(text, after).model_dump(), label="ROLE", actor_id=actor.id)
                for text, actor, after in mentions]
    places = [_place("Karbala"), _place("Baghdad"), _place("Kenya", TEXT.index("Officials")), _place("Uganda"),
              _place("Texas"), _place("Nairobi"), batken, _place("Somalia"), _place("Mali"), _place("Basra")]
    return DocumentRecord(doc_id="geo1", source=Source(path="geo1.txt"), title="Geo", text=TEXT,
                          published="2024-05-01T10:00:00+00:00",
                          actors=[police, protesters, officials, governor, kenpolice, crowds, somalia, mali],
                          places=places, events=events, entities=entities,
                          pipeline=PipelineInfo(version="0.1.0", model="en_core_web_sm-3.8.0"))


@pytest.fixture(scope="module")
def gdelt_rows(tmp_path_factory):
    directory = tmp_path_factory.mktemp("geo")
    store_records([_record()], directory / "ew.duckdb")
    con = open_database(directory / "ew.duckdb", read_only=True)
    try:
        export(con, "gdelt", directory / "gdelt.tsv", per="mention")
    finally:
        con.close()
    rows = csv.reader((directory / "gdelt.tsv").open(encoding="utf-8", newline=""), delimiter="\t")
    return {row["EventCode"] + ":" + row["Actor1Code"]: row for row in (dict(zip(COLUMNS, r)) for r in rows)}


def _geo(row: dict[str, str], prefix: str) -> tuple[str, ...]:
    return tuple(row[f"{prefix}_{f}"] for f in ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long",
                                                "FeatureID"))


def test_an_actor_placed_by_in_or_of_takes_that_place(gdelt_rows):
    row = gdelt_rows["040:IRQCOP"]  # "Police in Karbala arrested protesters in Baghdad"
    assert _geo(row, "Actor1Geo") == ("4", "Karbala, Iraq", "IZ", "IZ12", "32.616", "44.0249", "94824")
    assert _geo(row, "Actor2Geo") == ("4", "Baghdad, Iraq", "IZ", "IZ07", "33.3406", "44.4009", "98182")
    governor = gdelt_rows["040:KENGOV"]  # "the governor of Texas": a US state, type 2
    assert _geo(governor, "Actor2Geo")[:4] == ("2", "Texas, United States", "US", "USTX")
    assert _geo(governor, "Actor2Geo")[6] == "USTX"  # GDELT's FeatureID of a first-level division: its ADM1 code


def test_an_actor_named_by_a_pronoun_takes_the_one_place_its_other_mentions_give(gdelt_rows):
    he = gdelt_rows["040:USAGOV"]  # "He thanked Somalia": he is "the governor of Texas"
    assert _geo(he, "Actor1Geo")[:4] == ("2", "Texas, United States", "US", "USTX")
    they = gdelt_rows["040:IRQOPP"]  # "They": protesters in Baghdad and protesters in Basra: no one place
    lat, lon = country_centroid("IRQ")
    assert _geo(they, "Actor1Geo") == ("1", "Iraq", "IZ", "IZ", f"{lat:g}", f"{lon:g}", "IZ")


def test_a_place_in_a_list_is_no_actors_place_and_the_country_is_the_fallback(gdelt_rows):
    row = gdelt_rows["040:KENGOV"]  # "Officials from Kenya and Uganda"
    lat, lon = country_centroid("KEN")
    assert _geo(row, "Actor1Geo") == ("1", "Kenya", "KE", "KE", f"{lat:g}", f"{lon:g}", "KE")


def test_a_place_the_actor_span_starts_with_and_admin1_codes_outside_the_us(gdelt_rows):
    row = gdelt_rows["040:KENCOP"]  # "Nairobi police dispersed crowds in Batken"
    assert _geo(row, "Actor1Geo")[:4] == ("4", "Nairobi, Kenya", "KE", "KE05")
    assert _geo(row, "Actor2Geo")[:4] == ("5", "Batken, Kyrgyzstan", "KG", "KG09")
    assert _geo(row, "ActionGeo")[:4] == ("5", "Batken, Kyrgyzstan", "KG", "KG09")


def test_country_level_places_have_the_country_centroid(gdelt_rows):
    row = gdelt_rows["112:SOMGOV"]  # the actor is the place "Somalia"; the event is located in Somalia
    lat, lon = country_centroid("SOM")
    assert _geo(row, "ActionGeo") == ("1", "Somalia", "SO", "SO", f"{lat:g}", f"{lon:g}", "SO")
    assert _geo(row, "Actor1Geo")[:6] == ("1", "Somalia", "SO", "SO", f"{lat:g}", f"{lon:g}")
    assert _geo(row, "Actor2Geo")[:3] == ("1", "Mali", "ML")


@pytest.mark.parametrize(("iso3", "lat", "lon"), [("KEN", 0.5, 37.9), ("FRA", 46.6, 2.4), ("DEU", 51.1, 10.4),
                                                   ("BRA", -10.8, -53.1), ("AUS", -25.7, 134.5)])
def test_country_centroids_lie_in_the_country(iso3, lat, lon):
    found = country_centroid(iso3)
    assert found is not None
    assert abs(found[0] - lat) < 1.5 and abs(found[1] - lon) < 1.5


@pytest.mark.parametrize(("iso3", "name", "code"), [("KGZ", "Batken", "KG09"), ("NGA", "Bayelsa", "NI52"),
                                                    ("USA", "Texas", "USTX"), ("KAZ", "Almaty", "KZ02"),
                                                    ("CHN", "Xinjiang", "CH13")])
def test_admin1_codes_for_subdivisions_known_by_name(iso3, name, code):
    assert adm1_code(iso3, None, "admin1", name) == code
