"""The actor knowledge base: loading, merging user files over the built-in one, dated roles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from eventwire.actors.kb import article_day, build, is_leader_title, load_kb, merge, read_yaml

BASE = {
    "countries": [{"iso3": "KAZ", "name": "Kazakhstan", "names": ["Kazakhstan"], "adjectives": ["Kazakh"],
                   "demonyms": ["Kazakhs"], "capital": "Astana", "capital_aliases": ["Nur-Sultan"]}],
    "people": [{"id": "p-one", "name": "Asel Omarova", "surname": "Omarova", "gender": "f", "country": "KAZ",
                "roles": [{"title": "Foreign Minister", "country": "KAZ", "sector": "GOV",
                           "start": "2014-01-01", "end": "2018-12-31"},
                          {"title": "President", "country": "KAZ", "sector": "GOV", "start": "2019-01-01", "end": None}]}],
    "roles": [{"nouns": ["police"], "sector": "COP", "kind": "group"}],
    "leaders": [{"nouns": ["president"], "role": "head"}],
}


def write(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_role_is_the_one_held_on_the_article_date():
    kb = build(merge([BASE]))
    person = kb.people["p-one"]
    assert person.role_on(dt.date(2015, 6, 1)).title == "Foreign Minister"
    assert person.role_on(dt.date(2022, 1, 7)).title == "President"
    assert person.role_on(dt.date(2010, 1, 1)) is None
    assert [p.id for p in kb.head_of_state("KAZ", dt.date(2022, 1, 7))] == ["p-one"]
    assert kb.head_of_state("KAZ", dt.date(2015, 1, 7)) == []


def test_indexes_cover_names_adjectives_capitals_and_surnames():
    kb = build(merge([BASE]))
    assert kb.country_of_text("Kazakhstan’s") == "KAZ"
    assert kb.country_of_text("Kazakh") == "KAZ"
    assert kb.country_of_text("Nur-Sultan") == "KAZ"
    assert kb.surnames["Omarova"] == ["p-one"]
    assert kb.role_nouns["police"].sector == "COP"


def test_user_file_replaces_same_id_and_adds_new(tmp_path):
    user = write(tmp_path, "mine.yaml", {
        "people": [{"id": "p-one", "name": "Asel Omarova", "country": "KGZ", "roles": []},
                   {"id": "p-two", "name": "Bolat Nurlan", "country": "KAZ"}],
        "roles": [{"nouns": ["police"], "sector": "MIL", "kind": "group"}],
    })
    kb = build(merge([BASE, read_yaml(user)]))
    assert kb.people["p-one"].country == "KGZ"
    assert "p-two" in kb.people
    assert kb.role_nouns["police"].sector == "MIL"  # later files win for the same noun
    assert kb.countries["KAZ"].name == "Kazakhstan"  # untouched entries stay


def test_load_kb_merges_extra_files_and_rejects_missing_ones(tmp_path):
    user = write(tmp_path, "mine.yaml", {"organisations": [{"id": "zz-watch", "name": "Zedland Watch",
                                                            "kind": "organisation", "sector": "NGO"}]})
    kb = load_kb((user,))
    assert kb.names["Zedland Watch"] == [("organisation", "zz-watch")]
    with pytest.raises(FileNotFoundError):
        load_kb((tmp_path / "nope.yaml",))


def test_missing_builtin_file_counts_as_empty(tmp_path):
    assert read_yaml(tmp_path / "people.yaml") == {}


def test_article_day_falls_back_to_today():
    assert article_day("2022-01-07T20:18:00+05:30") == dt.date(2022, 1, 7)
    assert article_day(None) == dt.date.today()


LEADERS = {
    "countries": [{"iso3": "RUS", "name": "Russia", "names": ["Russia"], "adjectives": ["Russian"]},
                  {"iso3": "GBR", "name": "United Kingdom", "names": ["United Kingdom", "Britain"]}],
    "people": [
        {"id": "head", "name": "Ivan Head", "country": "RUS",
         "roles": [{"title": "President", "country": "RUS", "sector": "GOV", "start": "2000-01-01"}]},
        {"id": "critic", "name": "Pavel Critic", "country": "RUS",
         "roles": [{"title": "Opposition leader", "country": "RUS", "sector": "OPP", "start": "2010-01-01"}]},
        {"id": "chief", "name": "Oleg Chief", "country": "RUS",
         "roles": [{"title": "Party leader", "country": "RUS", "sector": "GOV", "start": "2010-01-01"}]},
        {"id": "boss", "name": "Anna Boss", "country": "RUS",
         "roles": [{"title": "Chief Executive", "country": "RUS", "sector": "BUS", "start": "2010-01-01"}]},
        {"id": "purse", "name": "Tom Purse", "country": "GBR",
         "roles": [{"title": "Chancellor of the Exchequer", "country": "GBR", "sector": "GOV", "start": "2010-01-01"}]},
    ],
    "roles": [{"nouns": ["party"], "sector": "PTY", "kind": "group"}],
    "leaders": [{"nouns": ["leader", "president"], "role": "head"},
                {"nouns": ["chancellor", "chief executive"], "role": "government_head"}],
    "qualifiers": [{"words": ["opposition"], "sector": "OPP"}],
    "not_leaders": [{"titles": ["chancellor of the exchequer"]}],
    "leader_offices": [{"bodies": ["communist party"]}],
}


def test_only_government_heads_lead_their_country():
    kb = build(merge([LEADERS]))
    day = dt.date(2023, 6, 1)
    assert [p.id for p in kb.head_of_state("RUS", day)] == ["head"]  # no opposition/party/business leader
    assert kb.head_of_state("GBR", day) == []  # the Chancellor of the Exchequer is a finance minister


@pytest.mark.parametrize("title, sector, expected", [
    ("President", "GOV", True),
    ("Opposition leader", "OPP", False),
    ("Opposition leader", "GOV", False),
    ("Party leader", "GOV", False),
    ("Leader of the Opposition", "GOV", False),
    ("Chancellor of the Exchequer", "GOV", False),
    ("Chancellor of Russia", "GOV", True),
    ("Chief Executive", "BUS", False),
    ("Vice President", "GOV", False),
    ("Vice President and Leader", "GOV", True),
    ("Leader of the Communist Party", "GOV", True),
    ("President of the Kurdistan Region", "GOV", False),
])
def test_leader_titles(title, sector, expected):
    assert is_leader_title(title, build(merge([LEADERS])), sector) is expected


def test_organisation_periods_give_the_sector_and_country_of_the_day():
    kb = build(merge([{"organisations": [
        {"id": "movement", "name": "Liberation Movement", "aliases": ["Liberation Movement"], "kind": "group",
         "sector": "REB", "country": "SDN", "code": "SDNREB",
         "periods": [{"start": "2005-01-09", "end": "2011-07-08", "sector": "PTY"},
                     {"start": "2011-07-09", "end": None, "sector": "PTY", "country": "SSD"}]}]}]))
    org = kb.organisations["movement"]
    assert (org.on(dt.date(2003, 1, 1)).sector, org.on(dt.date(2003, 1, 1)).country) == ("REB", "SDN")
    assert org.on(dt.date(2003, 1, 1)).code == "SDNREB"
    assert (org.on(dt.date(2008, 1, 1)).sector, org.on(dt.date(2008, 1, 1)).country) == ("PTY", "SDN")
    assert org.on(dt.date(2008, 1, 1)).code is None  # the base code no longer fits
    assert (org.on(dt.date(2020, 1, 1)).sector, org.on(dt.date(2020, 1, 1)).country) == ("PTY", "SSD")


def test_builtin_taliban_and_splm_change_with_the_date():
    kb = load_kb()
    taliban, splm = kb.organisations["taliban"], kb.organisations["splm"]
    assert taliban.on(dt.date(2015, 1, 1)).sector == "REB"
    assert (taliban.on(dt.date(2022, 1, 1)).sector, taliban.on(dt.date(2022, 1, 1)).country) == ("GOV", "AFG")
    assert splm.on(dt.date(2010, 1, 1)).country == "SDN" and splm.on(dt.date(2012, 1, 1)).country == "SSD"
    assert kb.organisations["hamas"].on(dt.date(2023, 11, 1)).sector == "REB"  # PLOVER practice
    assert ("organisation", "bis") not in kb.names.get("BIS", [])  # ambiguous: Czech intelligence or the bank
