"""The actor knowledge base data files: they parse, ids are unique, codes and dates are valid.

These tests read the YAML directly (not through the resolver's loader) so a broken
data file is reported as a data error, with the entry that breaks it.
"""

from __future__ import annotations

import collections
import datetime as dt
import importlib.util
from functools import lru_cache
from pathlib import Path

import pycountry
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "eventwire" / "actors" / "data"
SECTORS = set(
    "GOV MIL COP OPP CVL MED IGO NGO BUS REB JUD LEG SPY EDU HLH REL LAB REF CRM ELI PTY AGR ENV UAF".split()
)
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
CURRENT_ON = dt.date(2025, 10, 1)  # the knowledge base claims to be current on this day


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 5x faster, same result


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=LOADER)


def countries() -> list[dict]:
    return load("countries.yaml")["countries"]


def people() -> list[dict]:
    return load("people.yaml")["people"]


def organisations() -> list[dict]:
    return load("organisations.yaml")["organisations"]


def person(pid: str) -> dict:
    return next(p for p in people() if p["id"] == pid)


def role_on(p: dict, day: dt.date) -> dict | None:
    """The latest-started role held on `day` (end inclusive), as the resolver reads it."""
    held = [r for r in p["roles"] if r["start"] <= day and (r["end"] is None or day <= r["end"])]
    return max(held, key=lambda r: r["start"]) if held else None


# --- countries -------------------------------------------------------------------


def test_every_iso_country_and_kosovo_is_listed_once():
    codes = [c["iso3"] for c in countries()]
    assert len(codes) == len(set(codes))
    assert set(codes) == ISO3


def test_un_members_are_the_193():
    members = [c["iso3"] for c in countries() if c["un_member"]]
    assert len(members) == 193
    assert "XKX" not in members and "TWN" not in members and "PSE" not in members


def test_no_name_points_to_two_countries():
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for c in countries():
        texts = [c["name"], *c["names"], *c["adjectives"], *c["demonyms"], *c["capital_aliases"],
                 *c["government_metonyms"], *c["military_metonyms"]]
        if c["capital"]:
            texts.append(c["capital"])
        for text in texts:
            owners[text].add(c["iso3"])
    clashes = {text: sorted(codes) for text, codes in owners.items() if len(codes) > 1}
    assert clashes == {}


def test_news_names_adjectives_and_metonyms_resolve_to_the_right_country():
    by_text: dict[str, str] = {}
    for c in countries():
        for text in [c["name"], *c["names"], *c["adjectives"], *c["demonyms"], *c["government_metonyms"],
                     *c["military_metonyms"], *c["capital_aliases"], c["capital"] or ""]:
            by_text[text] = c["iso3"]
    expected = {"Kazakhstan": "KAZ", "Kazakh": "KAZ", "Beijing": "CHN", "the Kremlin": "RUS", "U.S.": "USA",
                "the Pentagon": "USA", "Britain": "GBR", "Downing Street": "GBR", "Ivory Coast": "CIV",
                "Burma": "MMR", "North Korea": "PRK", "Czechia": "CZE", "Nur-Sultan": "KAZ", "Élysée": "FRA",
                "Türkiye": "TUR", "Kyiv": "UKR", "Kosovo": "XKX", "Palestinians": "PSE", "Congo": "COD"}
    assert {text: by_text.get(text) for text in expected} == expected


def test_un_members_have_adjectives_demonyms_and_a_capital():
    missing = [c["iso3"] for c in countries() if c["un_member"] and not (c["capital"] and c["adjectives"])]
    # "Dominican" is left to the Dominican Republic and "Congolese" to the DR Congo, which news means
    # far more often than Dominica or the Republic of the Congo.
    assert missing == ["COG", "DMA"]


def test_countries_yaml_is_what_the_build_script_makes():
    spec = importlib.util.spec_from_file_location("build_countries", ROOT / "tools" / "build_countries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    entries, _ = module.build(module.read_overrides(), module.read_un_members())
    assert module.render(entries) == (DATA / "countries.yaml").read_text(encoding="utf-8")


# --- people ----------------------------------------------------------------------


def test_people_ids_unique_and_fields_valid():
    ids = [p["id"] for p in people()]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 500
    for p in people():
        assert p["gender"] in ("m", "f"), p["id"]
        assert p["country"] is None or p["country"] in ISO3, p["id"]
        assert p["name"] in p["aliases"], p["id"]
        assert p["surname"], p["id"]
        assert p["roles"], p["id"]


def test_roles_have_valid_sector_country_and_ordered_dates():
    for p in people():
        for r in p["roles"]:
            where = (p["id"], r["title"])
            assert r["sector"] in SECTORS, where
            assert r["country"] is None or r["country"] in ISO3, where
            assert isinstance(r["start"], dt.date), where
            assert r["end"] is None or (isinstance(r["end"], dt.date) and r["start"] <= r["end"]), where


def test_every_un_member_has_a_current_head_except_san_marino():
    held = {r["country"] or p["country"] for p in people() for r in p["roles"]
            if r["sector"] == "GOV" and r["start"] <= CURRENT_ON and (r["end"] is None or CURRENT_ON <= r["end"])}
    missing = sorted(c["iso3"] for c in countries() if c["un_member"] and c["iso3"] not in held)
    assert missing == ["SMR"]  # two captains regent, replaced every six months


def test_seed_people_hold_the_right_role_on_the_article_date():
    day = dt.date(2022, 1, 7)
    assert role_on(person("xi-jinping"), day)["title"] == "President"
    assert role_on(person("kassym-jomart-tokayev"), day) | {} == {
        "title": "President", "country": "KAZ", "sector": "GOV", "start": dt.date(2019, 3, 20), "end": None}
    wang = role_on(person("wang-wenbin"), day)
    assert (wang["country"], wang["sector"]) == ("CHN", "GOV") and "Spokesperson" in wang["title"]


def test_roles_are_time_bounded():
    tokayev = person("kassym-jomart-tokayev")
    assert role_on(tokayev, dt.date(2015, 6, 1))["sector"] == "LEG"  # Chairman of the Senate then
    assert role_on(person("benjamin-netanyahu"), dt.date(2022, 1, 1))["sector"] == "OPP"
    assert role_on(person("ahmed-al-sharaa"), dt.date(2020, 1, 1))["sector"] == "REB"
    assert role_on(person("ahmed-al-sharaa"), dt.date(2025, 6, 1))["title"] == "President"
    assert role_on(person("donald-trump"), dt.date(2022, 6, 1)) is None


def test_an_alias_names_one_person_only():
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for p in people():
        for alias in p["aliases"]:
            owners[alias].add(p["id"])
    assert {a: ids for a, ids in owners.items() if len(ids) > 1} == {}


# --- organisations ---------------------------------------------------------------


def test_organisations_valid_and_unique():
    orgs = organisations()
    assert len(orgs) >= 300
    assert len({o["id"] for o in orgs}) == len(orgs)
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for o in orgs:
        assert o["kind"] in ("organisation", "group"), o["id"]
        assert o["sector"] in SECTORS, o["id"]
        assert o["country"] is None or o["country"] in ISO3, o["id"]
        assert o["name"] in o["aliases"] + o.get("context_aliases", []), o["id"]
        for period in o.get("periods", []):
            assert period.get("sector", o["sector"]) in SECTORS and period.get("country") in (None, *ISO3), o["id"]
            assert period.get("start") is None or period.get("end") is None or period["start"] <= period["end"]
        for alias in o["aliases"]:
            owners[alias].add(o["id"])
    assert {a: ids for a, ids in owners.items() if len(ids) > 1} == {}


def test_seed_organisations():
    by_alias = {a: o for o in organisations() for a in o["aliases"]}
    assert (by_alias["Xinhua"]["country"], by_alias["Xinhua"]["sector"]) == ("CHN", "MED")
    assert by_alias["Shanghai Cooperation Organisation"]["sector"] == "IGO"
    assert by_alias["SCO"]["id"] == "sco"


def test_international_bodies_carry_their_own_codes():
    """Dyads keep the UN, the EU, NATO and CARICOM apart; tools that read three letters still see IGO."""
    igos = [o for o in organisations() if o["sector"] == "IGO"]
    assert all(str(o.get("code", "")).startswith("IGO") and len(o["code"]) > 3 for o in igos), \
        [o["id"] for o in igos if len(str(o.get("code", ""))) <= 3]
    by_id = {o["id"]: o["code"] for o in igos}
    assert (by_id["un"], by_id["unsc"], by_id["eu"], by_id["european-commission"]) == ("IGOUNO", "IGOUNO", "IGOEUR",
                                                                                        "IGOEUR")
    assert len({by_id["un"], by_id["eu"], by_id["nato"], by_id["caricom"], by_id["au"]}) == 5


def test_an_event_between_international_bodies_keeps_them_apart():
    from eventwire import process

    record = process("The UN Security Council and NATO condemned the attack on Tuesday, and the European Union "
                     "imposed sanctions on the group.", clean="none", published="2024-05-09")
    codes = {a.name: a.code for a in record.actors}
    assert codes.get("UN Security Council") == "IGOUNO" and codes.get("NATO") == "IGONATO"
    assert codes.get("European Union") == "IGOEUR"


# --- roles -----------------------------------------------------------------------


def test_role_nouns_cover_the_sectors_and_map_one_way():
    data = load("roles.yaml")
    nouns = [n for r in data["roles"] for n in r["nouns"]]
    assert len(nouns) >= 400
    assert len(nouns) == len(set(nouns)), [n for n, k in collections.Counter(nouns).items() if k > 1]
    for r in data["roles"]:
        if r["kind"] == "none":  # phrases that name nobody ("social media")
            assert "sector" not in r, r["nouns"][:3]
            continue
        assert r["sector"] in SECTORS and r["kind"] in ("person", "group", "organisation"), r["nouns"][:3]
        assert all(n == n.lower() for n in r["nouns"]), r["nouns"][:3]
    sector = {n: r.get("sector") for r in data["roles"] for n in r["nouns"]}
    expected = {"spokesperson": "GOV", "troops": "MIL", "security forces": "COP", "protesters": "OPP",
                "militants": "REB", "judges": "JUD", "lawmakers": "LEG", "journalists": "MED",
                "companies": "BUS", "civilians": "CVL", "refugees": "REF", "imams": "REL", "smugglers": "CRM",
                "peacekeepers": "IGO", "doctors": "HLH", "strikers": "LAB", "rights groups": "NGO"}
    assert {n: sector.get(n) for n in expected} == expected


def test_leader_descriptions():
    leaders = {n: entry["role"] for entry in load("roles.yaml")["leaders"] for n in entry["nouns"]}
    assert leaders["leader"] == "head" and leaders["president"] == "head"
    assert leaders["prime minister"] == "government_head"


@pytest.mark.parametrize("name", ["countries.yaml", "people.yaml", "organisations.yaml", "roles.yaml"])
def test_data_files_carry_their_licence_note(name):
    assert "Apache-2.0" in (DATA / name).read_text(encoding="utf-8")[:1200]


def test_names_do_not_cross_between_people_organisations_and_countries():
    country_of: dict[str, str] = {}
    for c in countries():
        for text in [c["name"], *c["names"], *c["adjectives"], *c["demonyms"], *c["capital_aliases"],
                     *c["government_metonyms"], *c["military_metonyms"], c["capital"] or ""]:
            country_of[text] = c["iso3"]
    person_clashes = sorted((p["id"], a) for p in people() for a in p["aliases"] if a in country_of)
    assert person_clashes == []  # "Montenegro" is a country before it is Luís Montenegro
    # an organisation may share a metonym with its own country ("the Kremlin"), never with another
    org_clashes = sorted((o["id"], a) for o in organisations() for a in o["aliases"]
                         if a in country_of and country_of[a] != o["country"])
    assert org_clashes == []
