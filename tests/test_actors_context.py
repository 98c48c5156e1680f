"""Country and sector from the words around a role noun, with the project's own knowledge base and gazetteer."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorAnalysis, resolve_actors
from eventwire.documents import Article
from eventwire.records import Source


@pytest.fixture(scope="module")
def analyse(pipeline):
    def run(text: str, published: str = "2023-01-12T10:00:00+00:00") -> ActorAnalysis:
        article = Article(doc_id="t", source=Source(), text=text, published=published)
        return resolve_actors(article, pipeline.nlp(text))
    return run


def actor_over(result: ActorAnalysis, text: str, fragment: str):
    start = text.index(fragment)
    mention = result.mention_in(start, start + len(fragment))
    assert mention is not None, f"no mention over {fragment!r}"
    return result.actor(mention.actor_id)


def test_a_rank_in_a_title_is_no_surname_of_a_known_person(analyse):
    # "Major" is also John Major's surname: it must not make an unknown officer British
    text = ("Myanmar's military government denied attacking civilians. Its spokesman, Major General Aung Kyaw "
            "Lin, said that the air force had struck a camp.")
    result = analyse(text)
    officer = actor_over(result, text, "Aung Kyaw Lin")
    assert officer.country == "MMR" and officer.sector == "MIL"
    assert actor_over(result, text, "the air force").country == "MMR"


def test_a_place_in_front_of_a_role_noun_gives_its_country(analyse):
    # a story with more Russia than Ukraine in it: the mayor of Kharkiv is still Ukrainian
    text = ("Russian missiles struck Kharkiv, Ukraine's second city, on Thursday, Russia's defence ministry said. "
            "Moscow denies targeting civilians. Kharkiv Mayor Oleksiy Bondar said that shelters would stay open.")
    result = analyse(text)
    assert actor_over(result, text, "Oleksiy Bondar").country == "UKR"


def test_residents_of_a_named_region_and_leaders_in_a_named_town(analyse):
    text = ("Chad closed its border with Sudan, Chadian officials said, and Chad's army sent troops to Adre. "
            "Darfur residents said they had fled. Church leaders in Wabag, in Papua New Guinea, called for calm.")
    result = analyse(text)
    assert actor_over(result, text, "Darfur residents").country == "SDN"
    assert actor_over(result, text, "Church leaders").country == "PNG"


def test_a_place_of_a_country_the_story_never_names_is_no_evidence(analyse):
    # "Kani" is a town in Japan and in Ivory Coast; neither country is in this story
    text = "Myanmar's army bombed a village. Kani residents said that nine people were killed."
    result = analyse(text)
    assert actor_over(result, text, "Kani residents").country in ("MMR", None)


def test_the_role_noun_in_front_sets_the_sector(analyse):
    text = ("Church leaders in Port Moresby said they would mediate. A police spokesman in Port Moresby said "
            "that Papua New Guinea would send troops.")
    result = analyse(text)
    assert actor_over(result, text, "Church leaders").sector == "REL"
    assert actor_over(result, text, "A police spokesman").sector == "COP"


def test_a_leader_of_a_gang_is_the_gangs_not_the_head_of_state(analyse):
    text = ("Haitian police launched an operation in Port-au-Prince. A leader of the Viv Ansanm gang coalition "
            "warned that his fighters would resist.")
    result = analyse(text, published="2024-10-01T10:00:00+00:00")
    leader = actor_over(result, text, "A leader")
    assert leader.kind == "person" and leader.sector == "CRM" and leader.country == "HTI"


def test_a_role_word_inside_a_party_name_does_not_change_its_sector(analyse):
    text = "Lazarus Chakwera of the Malawi Congress Party said the vote in Malawi was rigged."
    result = analyse(text, published="2019-05-28T10:00:00+00:00")
    assert actor_over(result, text, "Malawi Congress Party").sector == "PTY"


def test_office_holders_of_the_demo_stories_are_in_the_kb(analyse):
    text = ("Venezuela's foreign ministry said in a statement that it rejected the licences. \"Guyana will not be "
            "intimidated,\" Foreign Minister Hugh Todd told reporters.")
    assert actor_over(analyse(text, "2023-09-20T10:00:00+00:00"), text, "Hugh Todd").country == "GUY"
    text = ("India sent medicines to Afghanistan. \"This is part of our commitment,\" External Affairs Ministry "
            "spokesperson Anurag Srivastava told a weekly briefing.")
    assert actor_over(analyse(text, "2020-11-10T10:00:00+00:00"), text, "Anurag Srivastava").country == "IND"


def test_an_unknown_minister_between_two_countries_gets_no_guessed_country(analyse):
    # the ministry before is Venezuela's, the minister's own sentence names Guyana: nothing says which
    text = ("Venezuela's foreign ministry said in a statement that it rejected the licences. \"Guyana will not be "
            "intimidated,\" Foreign Minister Carl Brathwaite told reporters.")
    assert actor_over(analyse(text), text, "Carl Brathwaite").country is None
    # a country word in the apposition decides
    text = ("Venezuela's foreign ministry said it rejected the licences. Carl Brathwaite, the Guyanese foreign "
            "minister, said Guyana would not be intimidated.")
    assert actor_over(analyse(text), text, "Carl Brathwaite").country == "GUY"
    # one country nearby: still its spokesperson
    text = "China's Foreign Ministry said on Monday it was firm. Spokesperson Wu Lan said that Japan must stop."
    assert actor_over(analyse(text), text, "Wu Lan").country == "CHN"
