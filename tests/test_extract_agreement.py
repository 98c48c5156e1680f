"""HTML bodies from trafilatura's modes (extract.agreement), page furniture in every stop-word language,
and the baseline comparison with plain trafilatura (issue 15)."""

from __future__ import annotations

import pytest
import yaml

from eventwire.extract.agreement import within_precision_bounds
from eventwire.extract.html import extract_html
from eventwire.extract.metadata import is_furniture
from eventwire.extract.pagetext import TOKEN, extract_pagetext, stop_lists
from tests.conftest import SHARED

FURNITURE = yaml.safe_load(open(__file__.replace("test_extract_agreement.py", "data/furniture_lines.yaml"),
                                encoding="utf-8"))
STORY = [
    "The council voted on Tuesday to close the old bridge to traffic after engineers found cracks in two of its piers.",
    "Residents said they had warned the city about the damage for years and would now face long detours to work.",
    "The mayor said repairs would begin in the spring and that the bridge could reopen by the end of next year.",
    "Engineers will inspect the other three bridges over the river next month, the city's transport office said.",
]


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


# -- choosing between trafilatura's modes ------------------------------------------------------------------

def test_teaser_before_and_comments_after_the_story_are_cut():
    teaser = "Five ways to save on your power bill this winter, and why they work."
    comment = "I have lived near that bridge for forty years and nobody ever listened to us."
    default = "\n".join([teaser, *STORY, "Top comments", comment])
    choice = within_precision_bounds(default, "\n".join(STORY))
    assert choice.text.split("\n") == STORY and choice.how == "trafilatura+precision"


def test_short_lines_inside_the_story_that_precision_drops_are_kept():
    default = "\n".join([STORY[0], "What happens next", STORY[1], "Tickets: $12.99", STORY[2], STORY[3]])
    choice = within_precision_bounds(default, "\n".join(STORY))
    assert choice.text == default and choice.how == "trafilatura"


def test_furniture_and_shouted_links_inside_the_story_are_dropped():
    default = "\n".join([STORY[0], "Click here to subscribe to our newsletter", STORY[1],
                         "MAYOR SAYS CITY WILL REBUILD EVERY BRIDGE BY 2030", STORY[2], STORY[3]])
    choice = within_precision_bounds(default, "\n".join(STORY))
    assert choice.text.split("\n") == STORY


def test_without_agreement_the_default_text_is_kept_whole():
    default = "\n".join(STORY)
    assert within_precision_bounds(default, "").text == default
    assert within_precision_bounds(default, "Something else entirely, on another subject.").text == default


def test_lines_match_across_modes_when_the_modes_format_them_apart():
    default = "\n".join(["| Seeking a bigger role | " + STORY[0], STORY[1], "Comments (12)"])
    choice = within_precision_bounds(default, "\n".join(["Seeking a bigger role " + STORY[0], STORY[1]]))
    assert choice.text.split("\n") == default.split("\n")[:2]


def test_a_page_of_ten_thousand_lines_is_matched_quickly():
    import time

    lines = [f"Line {i} of a very long page about the council and the bridge, number {i}." for i in range(10_000)]
    started = time.perf_counter()
    within_precision_bounds("\n".join(lines), "\n".join(lines[100:-100]))
    assert time.perf_counter() - started < 30  # quadratic matching took minutes; linear takes well under a second


def test_the_body_says_how_it_was_found():
    page = "<html><head><title>Bridge closed</title></head><body><article>" + \
        "".join(f"<p>{p}</p>" for p in STORY) + "</article></body></html>"
    assert extract_html(page).how in ("trafilatura", "trafilatura+precision")


def test_a_table_in_the_story_is_kept_as_text():
    rows = "".join(f"<tr><td>Bridge {n}</td><td>{n * 3} cracks</td><td>closed</td></tr>" for n in range(1, 6))
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in STORY[:2]) + \
        f"<table>{rows}</table>" + "".join(f"<p>{p}</p>" for p in STORY[2:]) + "</article></body></html>"
    assert "Bridge 3" in extract_html(page).text


# -- furniture, in every language of the stop-word lists ---------------------------------------------------

def test_the_furniture_corpus_covers_every_stop_word_language():
    assert set(stop_lists()) - {"en"} <= set(FURNITURE)


@pytest.mark.parametrize("language, line", [(lang, line) for lang, lines in FURNITURE.items() for line in lines])
def test_a_furniture_line_is_furniture(language, line):
    assert is_furniture(line, len(TOKEN.findall(line))), f"{language}: {line!r}"


@pytest.mark.parametrize("language", sorted(FURNITURE))
def test_furniture_between_paragraphs_never_reaches_the_body(language):
    lines = FURNITURE[language]
    page = ["Bridge closed after cracks found", ""]
    for i, paragraph in enumerate(STORY):
        page += [paragraph, "", lines[i % len(lines)], ""]
    body = extract_pagetext("\n".join(page)).text
    assert _paragraphs(body) == STORY


def test_furniture_inside_an_html_story_never_reaches_the_body():
    lines = FURNITURE["en"]
    parts = []
    for i, paragraph in enumerate(STORY):
        parts += [f"<p>{paragraph}</p>", f"<p><a href='/x{i}'>{lines[i]}</a></p>"]
    page = "<html><body><article><h1>Bridge closed</h1>" + "".join(parts) + "</article></body></html>"
    body = extract_html(page).text
    assert all(line not in body for line in lines) and all(p in body for p in STORY)


def test_a_furniture_line_is_never_a_quote_or_an_event():
    from eventwire import process

    lines = FURNITURE["en"]
    page = ["Bridge closed after cracks found", ""]
    for i, paragraph in enumerate(STORY):
        page += [paragraph, "", lines[i], ""]
    record = process("\n".join(page))
    assert all(line not in record.text for line in lines)
    assert record.events and record.quotes  # the story itself is coded
    assert not [q for q in record.quotes if any(line in q.content.text for line in lines)]


# -- the lead paragraph --------------------------------------------------------------------------------------

def test_a_short_lead_paragraph_after_the_headline_stays_in_the_page_text_body():
    lead = "Three people died when the old bridge collapsed on Tuesday."
    page = ["Home | News | Sport", "Bridge collapses in Springfield", "", lead, "", *STORY, "", "Share this article"]
    body = extract_pagetext("\n".join(page)).text
    assert _paragraphs(body)[0] == lead


def test_a_short_lead_paragraph_stays_in_the_html_body():
    lead = "Three people died when the old bridge collapsed on Tuesday."
    page = "<html><head><title>Bridge collapses</title></head><body><nav><a href='/'>Home</a></nav><article>" \
        f"<h1>Bridge collapses</h1><p>{lead}</p>" + "".join(f"<p>{p}</p>" for p in STORY) + \
        "<p><a href='/more'>Also on example.com: more bridges</a></p></article></body></html>"
    body = extract_html(page).text
    assert body.split("\n")[0] == lead and "Also on" not in body


# -- never below trafilatura ---------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", ["html-dev", "pagetext-dev"])
def test_eventwire_is_never_below_plain_trafilatura_on_either_half(folder):
    from eventwire.eval.extraction import compare_with_trafilatura

    rows = compare_with_trafilatura(SHARED / "eval" / folder)
    assert [row.half for row in rows] == ["all", "A", "B"]
    for row in rows:
        assert row.ours.f1 >= row.trafilatura.f1, f"{folder} half {row.half}: {row.ours.f1:.4f} < {row.trafilatura.f1:.4f}"
    whole = rows[0]
    assert len(whole.pages_far_below) <= 0.02 * whole.ours.pages, whole.pages_far_below


def test_the_record_says_which_extractor_made_the_text():
    from eventwire import process

    page = "\n".join(["Home | News | Sport", "Bridge closed after cracks found", "", *STORY, "", "Share this article"])
    assert process(page).pipeline.extraction == "pagetext"
    assert process(STORY[0], clean="none").pipeline.extraction == "as-given"
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article></body></html>"
    assert process(html).pipeline.extraction in ("trafilatura", "trafilatura+precision")


def test_eval_extraction_scores_one_half_and_rejects_others():
    from typer.testing import CliRunner

    from eventwire.cli import app

    runner = CliRunner()
    folder = str(SHARED / "eval" / "pagetext-dev")
    result = runner.invoke(app, ["eval", "extraction", folder, "--half", "a"])
    assert result.exit_code == 0 and "half A: F1 0.9" in result.output and "pages 39" in result.output
    assert runner.invoke(app, ["eval", "extraction", folder, "--half", "C"]).exit_code == 2
