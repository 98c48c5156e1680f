"""Page text: timestamps and zones, datelines, bylines, captions, titles, clean bodies, empty pages."""

from __future__ import annotations

import pytest

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.extract import extract_article
from eventwire.extract.metadata import byline_of, clean_title, is_caption, leading_dateline, trailing_dateline
from eventwire.extract.pagetext import extract_pagetext
from eventwire.extract.timestamps import parse_timestamp

STORY = (
    "The council voted on Tuesday to close the old bridge to traffic after engineers found cracks in two of its piers.\n\n"
    "Residents said they had warned the city about the damage for years and would now face long detours to work.\n\n"
    "The mayor said repairs would begin in the spring and that the bridge could reopen by the end of next year.\n"
)


@pytest.mark.parametrize("line, expected", [
    ("January 07, 2022 08:18 pm | Updated 08:18 pm IST - HONG KONG:", "2022-01-07T20:18:00+05:30"),
    ("Nov. 19, 2019 8:03 am ET", "2019-11-19T08:03:00-05:00"),
    ("July 4, 2019 8:03 am ET", "2019-07-04T08:03:00-04:00"),
    ("Published 20 November 2019 14:05 GMT", "2019-11-20T14:05:00+00:00"),
    ("Wednesday 20 November 2019 09.30 CET", "2019-11-20T09:30:00+01:00"),
    ("2019-11-20 10:43 MSK", "2019-11-20T10:43:00+03:00"),
    ("Nov 20, 2019 5:00PM +0530", "2019-11-20T17:00:00+05:30"),
    ("20 Nov 2019 14:05 GMT+8", "2019-11-20T14:05:00+08:00"),
    ("Updated 3:15 p.m. EDT Nov 20, 2019", "2019-11-20T15:15:00-04:00"),
    ("November 21, 2019 11:00 AEDT", "2019-11-21T11:00:00+11:00"),
    ("2019-11-20T10:43:00+02:00", "2019-11-20T10:43:00+02:00"),
    ("September 10, 2018 | by Catherine", "2018-09-10"),
    ("NOVEMBER 20, 2019 10:43", "2019-11-20T10:43:00"),
    ("09.04.2025, 15:30 MSK", "2025-04-09T15:30:00+03:00"),
    ("04/09/2025 3:30 PM EDT", "2025-04-09T15:30:00-04:00"),
    ("Published: 3 October 2024 16:15 (+03:00) | Last updated: 17:02 (+03:00)", "2024-10-03T16:15:00+03:00"),
])
def test_timestamps_with_named_and_numeric_zones(line, expected):
    stamp = parse_timestamp(line)
    assert stamp is not None and stamp.value == expected


@pytest.mark.parametrize("line", ["© 2025 The Daily Example", "Copyright 2019 Example Media. All rights reserved.",
                                  "Sign in to read more", ""])
def test_no_timestamp_from_copyright_or_dateless_lines(line):
    assert parse_timestamp(line) is None


@pytest.mark.parametrize("paragraph, text, place, country, rest", [
    ("HONG KONG: China on Friday defended ...", "HONG KONG", "Hong Kong", "HKG", "China on Friday"),
    ("WASHINGTON (Reuters) — The Senate voted ...", "WASHINGTON", "Washington", None, "The Senate voted"),
    ("SPRINGFIELD, Ill. — Lawmakers met ...", "SPRINGFIELD", "Springfield, Illinois", "USA", "Lawmakers met"),
    ("ST. JOSEPH, Mich. (AP) — Officials said ...", "ST. JOSEPH", "St. Joseph, Michigan", "USA", "Officials said"),
    ("PORT HARCOURT, Nigeria, Jan 22 (Reuters) - A group ...", "PORT HARCOURT", "Port Harcourt, Nigeria", "NGA",
     "A group"),
    ("PORT-AU-PRINCE — Gangs ...", "PORT-AU-PRINCE", "Port-au-Prince", None, "Gangs"),
    ("BRASÍLIA, March 2 — Brazil said ...", "BRASÍLIA", "Brasília", None, "Brazil said"),
    ("LONDON, Nov 20 (Reuters) - Britain said ...", "LONDON", "London", None, "Britain said"),
    ("NEW DELHI: Their American dream ...", "NEW DELHI", "New Delhi", None, "Their American"),
])
def test_leading_datelines(paragraph, text, place, country, rest):
    found = leading_dateline(paragraph)
    assert found is not None
    dateline, cut = found
    assert (dateline.text, dateline.place, dateline.country) == (text, place, country)
    assert paragraph[cut:].startswith(rest)


@pytest.mark.parametrize("paragraph", ["UPDATE: The company said ...", "The council voted on Tuesday.",
                                       "US - China trade talks resume", "I — for one — disagree."])
def test_not_datelines(paragraph):
    assert leading_dateline(paragraph) is None


def test_dateline_at_the_end_of_a_timestamp_line():
    dateline = trailing_dateline("January 07, 2022 08:18 pm | Updated 08:18 pm IST - HONG KONG:")
    assert dateline is not None and dateline.text == "HONG KONG"
    assert trailing_dateline("Nov. 19, 2019 8:03 am ET") is None


@pytest.mark.parametrize("line, names", [
    ("By Jamelle Bouie", "Jamelle Bouie"),
    ("By JERUSALEM POST STAFF", "JERUSALEM POST STAFF"),
    ("Reporting by Jane Doe; Editing by John Roe", "Jane Doe"),
    ("by Lewis White | Updated November 19, 2019", "Lewis White"),
])
def test_bylines(line, names):
    assert byline_of(line) == names


def test_not_bylines():
    assert byline_of("By the end of the year the plant will close, officials said.") is None


@pytest.mark.parametrize("line", ["In this image taken from footage provided by a television station, troops stand guard.",
                                  "Photo: Reuters", "Trump asked voters for a big win. Credit... Doug Mills/The New York Times",
                                  "Protesters march in the capital. (Photo by Jane Doe/AFP via Getty Images)"])
def test_captions(line):
    assert is_caption(line)


def test_story_sentences_are_not_captions():
    assert not is_caption("The photographer said the image had been taken on Friday.")


@pytest.mark.parametrize("title, expected", [
    ("Headline About Trade Talks | The Daily Example", "Headline About Trade Talks"),
    ("Opinion | Republicans Are Following Trump to Nowhere - The New York Times", "Republicans Are Following Trump to Nowhere"),
    ("Son of former German president stabbed - Breaking News - The Jerusalem post", "Son of former German president stabbed"),
    ("China backs Kazakhstan as Xi praises crackdown", "China backs Kazakhstan as Xi praises crackdown"),
])
def test_titles_lose_the_site_name(title, expected):
    assert clean_title(title) == expected


def test_page_text_with_furniture():
    page = ("Bridge Closed After Cracks Found | City Times\n\nMenu\nNews\nSports\nSign in\n\n"
            "Bridge Closed After Cracks Found\n\nBy Jane Doe\n\nMarch 3, 2021 10:15 am EST\n\n"
            "SPRINGFIELD, Ill. — " + STORY + "\nShare this article\nSubscribe to our newsletter\n"
            "Related stories\nCity budget passes\n© 2025 City Times. All rights reserved.\n")
    result = extract_pagetext(page)
    assert result.title == "Bridge Closed After Cracks Found"
    assert result.published == "2021-03-03T10:15:00-05:00"
    assert result.byline == "Jane Doe"
    assert result.dateline is not None and result.dateline.text == "SPRINGFIELD"
    assert result.text.startswith("The council voted on Tuesday")
    assert result.text.endswith("by the end of next year.")
    for furniture in ("Sign in", "Share", "newsletter", "Related", "©", "SPRINGFIELD"):
        assert furniture not in result.text


@pytest.mark.parametrize("text", ["The council voted on Tuesday to close the old bridge.", STORY,
                                  "Bridge closed\n\n" + STORY])
def test_clean_body_is_kept_as_is(text):
    article = extract_article(RawDocument(content=text), Settings())
    assert article.text == text.strip()
    assert article.format == "clean"
    assert not article.errors


def test_page_without_article_gives_no_article_text_found():
    home = "\n".join(["Example News", "Home", "World", "Politics", "Business", "Sign in", "Subscribe",
                      "Top stories", "Markets rally as rates hold", "Storm hits the coast", "Election results",
                      "© 2025 Example News. All rights reserved."])
    article = extract_article(RawDocument(content=home), Settings())
    assert article.text == ""
    assert any("no article text found" in e.message for e in article.errors)


def test_clean_none_keeps_input_exactly():
    page = "  Headline\n\nSign in\n" + STORY
    assert extract_article(RawDocument(content=page), Settings(clean="none")).text == page


def test_story_under_byline_and_timestamp_survives_a_list_of_dated_teasers():
    """Teasers that each carry a byline and a time must not make the story look like a standfirst."""
    teasers = "".join(f"Minister number {i} resigns over the budget row\nBy Staff Writer\n11/20/2019 0{i}:14 PM\n"
                      for i in range(1, 8))
    footer = ("The Customer Service Center can be contacted with any questions or requests at the numbers and "
              "addresses below, and our staff will answer every one of them within two working days of "
              "receiving it, in the order in which they were sent to us, unless the request concerns a "
              "subscription that has already been cancelled or a delivery that has already been made.")
    page = ("Bridge Closed After Cracks Found - Breaking News - City Times\nLogin\nNews\n"
            "Bridge Closed After Cracks Found\nBy Jane Doe\nMarch 3, 2021 10:15\n"
            + STORY.replace("\n\n", "\n") + teasers + "Terms of Use\nPrivacy Policy\n" + footer + "\n")
    result = extract_pagetext(page)
    assert result.text.startswith("The council voted on Tuesday")
    assert "Customer Service" not in result.text


def test_teasers_above_the_headline_are_not_the_story():
    """A column of other stories' teasers (headline + first sentence) above the page's own headline."""
    teasers = "".join(
        f"Team {i} Wins Again In Overtime Thriller The visitors scored twice in the last minute of the game and "
        f"the home crowd went quiet as the players left the field for the night.\nMore Sports\n" for i in range(12))
    page = ("Bridge Closed After Cracks Found – City Times\nMenu\nNews\n" + teasers
            + "Bridge Closed After Cracks Found\nMarch 3, 2021 at 9:45 am\n"
            "ST. JOSEPH, Mich. (AP) — Michigan officials are reporting a second bridge closure in Berrien County.\n"
            + STORY.replace("\n\n", "\n") + "Comments\nMost Viewed\n"
            + "Bridge Closed After Cracks Found\nNews\nSports\n")
    result = extract_pagetext(page)
    assert result.text.startswith("Michigan officials are reporting")
    assert result.dateline is not None and result.dateline.text == "ST. JOSEPH"
    assert "Overtime" not in result.text


def test_story_printed_again_in_one_line_is_kept_once():
    """Pages that print the whole story again as one line (structured data) keep the paragraphs only."""
    paragraphs = [p for p in STORY.split("\n\n") if p.strip()]
    page = ("Bridge Closed After Cracks Found | City Times\nBridge Closed After Cracks Found\nBy Jane Doe\n"
            + "\n".join(paragraphs) + "\nShare\nfacebook\ntwitter\nemail\nprint\nBridge Closed After Cracks Found\n"
            + " ".join(p.strip() for p in paragraphs) + "\nImpressum\n")
    result = extract_pagetext(page)
    assert result.text.count("The council voted on Tuesday") == 1
    assert result.text.startswith("The council voted on Tuesday")



def test_prose_test_follows_the_page_language():
    """On an Italian page a long list of sections is no prose: Italian function words decide."""
    page = ("Ponte chiuso dopo le crepe | Il Quotidiano\nHome\nCronaca\nPonte chiuso dopo le crepe\n"
            "Il consiglio comunale ha deciso martedì di chiudere il vecchio ponte al traffico dopo che gli "
            "ingegneri hanno trovato delle crepe in due dei suoi piloni.\n"
            "I residenti hanno detto di aver avvertito la città dei danni da anni e che ora dovranno fare "
            "lunghe deviazioni per andare al lavoro.\n"
            "Il sindaco ha detto che i lavori inizieranno in primavera e che il ponte potrebbe riaprire alla "
            "fine del prossimo anno.\n"
            "calcio, basket, tennis, motori, ciclismo, golf, sci, nuoto, vela, rugby, atletica e pallavolo.\n"
            "meteo, traffico, farmacie di turno, cinema, teatri, concerti, mostre, ristoranti, annunci.\n")
    result = extract_pagetext(page)
    assert result.text.startswith("Il consiglio comunale")
    assert result.text.endswith("prossimo anno.")


@pytest.mark.parametrize("line", ["China has warned it will take control (Image: GETTY )",
                                  "3 of 4 A shopper looks at extension cords at a hardware store, Tuesday."])
def test_more_caption_forms(line):
    assert is_caption(line)


@pytest.mark.parametrize("line", [
    "Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul nostro sito web oggi.",
    "An email with an activation link has just been sent to your email address. Please activate it now.",
    "Leggi anche",
])
def test_more_furniture(line):
    from eventwire.extract.metadata import is_furniture

    assert is_furniture(line, len(line.split()))


def test_related_box_inside_the_story_does_not_end_it():
    """A "Related articles" box set between paragraphs: the story goes on below it."""
    top = ("Engineers said the cracks in two of the piers had grown quickly over the winter and that the "
           "bridge could no longer carry heavy lorries or buses safely across the river.")
    paragraphs = [p for p in STORY.split("\n\n") if p.strip()]
    page = ("Bridge Closed After Cracks Found | City Times\nBridge Closed After Cracks Found\nBy Jane Doe\n"
            + paragraphs[0] + "\n" + top + "\nRelated articles\nCity budget passes after long night\n"
            "Ferry service resumes\n" + paragraphs[1] + "\nThe bridge seen from the river (Image: GETTY )\n"
            "A crack in a pier (Image: GETTY )\n" + paragraphs[2] + "\nRelated articles\n"
            "City budget passes after long night\nFerry service resumes\nMost read\nMayor opens new park\n")
    result = extract_pagetext(page)
    assert result.text.startswith("The council voted")
    assert result.text.endswith("by the end of next year.")
    assert "Ferry" not in result.text


@pytest.mark.parametrize("line, ends", [("About Jane Doe", True), ("Über Moritz Beispiel", True),
                                        ("About the deal", False), ("About us", False)])
def test_author_bio_heading_ends_the_story(line, ends):
    from eventwire.extract.metadata import is_story_end

    assert is_story_end(line, len(line.split())) is ends


@pytest.mark.parametrize("line, names", [("Liam Carter | Pacific correspondent", "Liam Carter"),
                                         ("Abdi Warsame in Mogadishu", "Abdi Warsame"),
                                         ("Jane Doe, Senior Reporter", "Jane Doe"),
                                         ("Hong Kong in Pictures", None), ("Red Wings", None),
                                         ("Share on Facebook", None)])
def test_bylines_without_by(line, names):
    from eventwire.extract.metadata import plain_byline

    assert plain_byline(line) == names


def test_page_text_byline_without_by_above_the_story():
    page = ("Bridge Closed After Cracks Found\nLiam Carter | City correspondent\n"
            "Wednesday 14 August 2019 4:12pm AEST\n" + STORY)
    result = extract_pagetext(page)
    assert result.byline == "Liam Carter"
    assert result.published == "2019-08-14T16:12:00+10:00"


@pytest.mark.parametrize("author, site, names", [
    ("Reuters", "VentureBeat", None),
    ("LinkNaija", "LinkNaija | Nigeria's popular news platform", None),
    ("Paul Takahashi; Staff writer", "Houston Chronicle", "Paul Takahashi"),
    ("Analysis by Chris Cillizza; CNN Editor-at-large", "CNN", "Chris Cillizza"),
    ("LISA MASCARO; ERIC TUCKER Associated Press", "Hosted", "LISA MASCARO; ERIC TUCKER"),
    ("Practical Horseman Editorial Staff", "Practical Horseman", None),
    ("Halima Osman; Peter Njoroge", "The Example Times", "Halima Osman; Peter Njoroge"),
])
def test_html_author_fields_keep_only_people(author, site, names):
    from eventwire.extract.metadata import author_names

    assert author_names(author, site) == names


CLEAN_WITH_SHORT_PARAGRAPHS = (
    "Protesters gathered outside parliament on Tuesday as lawmakers debated a bill that would raise fuel taxes.\n\n"
    "By noon, the crowd had grown to several thousand.\n\n"
    "Police said 12 people were arrested.\n\n"
    "\"We cannot afford this,\" said Jane Mwangi, a teacher who travelled from Nakuru to join the march.\n\n"
    "The vote is expected on Thursday.\n\n"
    "Search and rescue teams were still looking for two missing people, officials said.\n\n"
    "Share prices fell 3% on the news.\n\n"
    "Photo: not allowed, the police told reporters."
)


@pytest.mark.parametrize("text", [CLEAN_WITH_SHORT_PARAGRAPHS, "Fuel tax protest\n\n" + CLEAN_WITH_SHORT_PARAGRAPHS])
def test_clean_body_with_short_paragraphs_is_kept(text):
    """`--clean auto` on a JSONL text field that is already a clean body: short paragraphs that look like
    furniture, bylines or captions to the line classifier stay."""
    import json

    from eventwire.ingest.jsonl import read_jsonl_lines

    (raw,) = list(read_jsonl_lines([json.dumps({"id": "a", "text": text}).encode("utf-8")], "docs.jsonl"))
    article = extract_article(raw, Settings(clean="auto"))
    assert article.format == "clean"
    assert article.text == text.strip()


@pytest.mark.parametrize("extra", ["© 2025 City Times. All rights reserved.", "Sign in to comment",
                                   "Photo: Reuters\nPhoto: Reuters"])
def test_page_furniture_is_not_a_clean_body(extra):
    article = extract_article(RawDocument(content=STORY + "\n" + extra + "\n"), Settings())
    assert article.format == "pagetext"
    assert "Reuters" not in article.text and "©" not in article.text


def test_an_article_copied_as_one_line_is_kept_despite_caption_and_notice_phrases():
    """A whole story on one line (JSON Lines exports do this) holds "Photo credit:" or "sign up" somewhere
    inside; such phrases mark short caption and notice lines, never a line of hundreds of words."""
    sentence = ("Farmers in the valley said the new irrigation rules would cut their harvest by a third this year. ")
    text = (sentence * 12 + "Top image: AP photo of the dry canal. " + sentence * 6
            + "Thousands of growers sign up to be registered with the water board each spring. " + sentence * 6)
    assert "\n" not in text
    result = extract_pagetext(text)
    assert result.text == text.strip()
