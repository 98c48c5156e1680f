"""Deeply nested HTML: the article under 260+ wrappers is found; 10,000 levels neither crash nor hang.

libxml2 stops building the tree at 256 levels and drops the rest without an
error, so such pages used to give "no article text found".
"""

from __future__ import annotations

import time

import pytest

import eventwire
from eventwire.extract.html import extract_html
from eventwire.extract.nesting import MAX_DEPTH, flatten, too_deep
from lxml import html as lxml_html

PARAGRAPHS = [
    "The Czech Republic on Wednesday ordered two Russian diplomats to leave the country within 72 hours, "
    "accusing them of spying for Moscow.",
    "The two men were declared personae non gratae after an investigation by the Czech counter-intelligence "
    "service, according to the ministry.",
    "Russian foreign ministry spokeswoman Maria Zakharova called the expulsions a provocation and said that "
    "Moscow would respond.",
]
ARTICLE = "<article><h1>Czech Republic expels two Russian diplomats</h1>" + "".join(
    f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"


def page(inner: str) -> str:
    return ("<html><head><title>Czech Republic expels two Russian diplomats</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>" + inner
            + "<footer>© 2022 The Eastgate Chronicle</footer></body></html>")


WRAPPINGS = {
    "bare divs": lambda d: "<div>" * d + ARTICLE + "</div>" * d,
    "divs with classes": lambda d: "".join(f'<div class="layer-{k}">' for k in range(d)) + ARTICLE + "</div>" * d,
    "divs never closed": lambda d: "<div>" * d + ARTICLE,
    "blockquotes": lambda d: "<blockquote>" * d + ARTICLE + "</blockquote>" * d,
    "tables": lambda d: "<table><tr><td>" * d + ARTICLE + "</td></tr></table>" * d,
    "spans never closed": lambda d: "<span>" * d + ARTICLE,
}


@pytest.mark.parametrize("kind", sorted(WRAPPINGS))
def test_article_under_260_levels_is_found(kind):
    result = extract_html(page(WRAPPINGS[kind](260)))
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text
    if kind != "tables":  # (in deep table layouts trafilatura keeps the menu already at 100 levels, unflattened)
        assert "Home" not in result.text


@pytest.mark.parametrize("kind", sorted(WRAPPINGS))
def test_ten_thousand_levels_give_the_text_quickly(kind):
    began = time.perf_counter()
    result = extract_html(page(WRAPPINGS[kind](10_000)))
    assert time.perf_counter() - began < 30  # a guard against hanging, not a speed test
    assert PARAGRAPHS[0] in result.text


def test_whole_pipeline_on_a_deep_page():
    record = eventwire.process(page(WRAPPINGS["bare divs"](300)))
    assert not record.errors and PARAGRAPHS[1] in record.text and record.events
    assert record.title == "Czech Republic expels two Russian diplomats"


def test_deep_page_without_an_article_is_an_error_row():
    record = eventwire.process("<html><body>" + "<div>" * 100_000 + "<p>x</p>")
    assert not record.text and any("no article text" in e.message for e in record.errors)


def test_flatten_keeps_the_classes_of_the_wrappers_it_removes():
    markup = '<div class="outer" id="main"><div class="story"><p>One.</p><p>Two.</p></div></div>'
    flat = flatten(markup)
    tree = lxml_html.fromstring(flat)
    assert flat.count("<div") == 1
    assert tree.get("class") == "outer story" and tree.get("id") == "main"
    assert [p.text for p in tree.iter("p")] == ["One.", "Two."]


def test_flatten_leaves_script_text_alone():
    markup = "<div><div><script>if (a < b && c > d) { x('<div>'); }</script><p>Text.</p></div></div>"
    assert "if (a < b && c > d) { x('<div>'); }" in flatten(markup)


def test_flattened_markup_stays_within_the_depth_limit():
    markup = page("".join(f"<div class='c{k}'>level {k} " for k in range(5000)) + ARTICLE)
    assert too_deep(markup)
    flat = flatten(markup)
    assert not too_deep(flat)
    tree = lxml_html.document_fromstring(flat)
    depth = max(sum(1 for _ in el.iterancestors()) for el in tree.iter())
    assert depth <= MAX_DEPTH + 5
    assert "level 4999" in tree.text_content() and PARAGRAPHS[2] in tree.text_content()


def test_ordinary_pages_are_not_flattened():
    assert not too_deep(page(WRAPPINGS["bare divs"](40)))
