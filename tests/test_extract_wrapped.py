"""Hard-wrapped page text and Unicode line separators keep their body.

Wrapping the body paragraphs of a sample at 72 columns used to cut its body
from ~2,233 characters and 12 events to 60 characters and 1 event, silently.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import eventwire
from eventwire.extract.pagetext import extract_pagetext
from eventwire.extract.unwrap import unwrap, wrap_width
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "pagetext" / "07-czech-expels-russian-diplomats.txt"


def wrapped(text: str, width: int = 72, headline: bool = False) -> str:
    """Each paragraph line longer than `width` filled at it; the headline (first line) kept unless asked."""
    lines = text.split("\n")
    return "\n".join(textwrap.fill(line, width) if len(line) > width and (i or headline) else line
                     for i, line in enumerate(lines))


def events(record) -> list[tuple]:
    return [(e.plover.type, e.trigger.text, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in record.events]


@pytest.fixture(scope="module")
def original() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def unwrapped_record(original):
    record = eventwire.process(original)
    assert len(record.text) > 2000 and len(record.events) >= 10
    return record


@pytest.mark.parametrize("variant", ["wrapped at 72", "wrapped at 60", "headline wrapped too", "crlf"])
def test_hard_wrapped_sample_keeps_its_body_and_events(variant, original, unwrapped_record):
    text = {
        "wrapped at 72": wrapped(original),
        "wrapped at 60": wrapped(original, 60),
        "headline wrapped too": wrapped(original, headline=True),
        "crlf": wrapped(original).replace("\n", "\r\n"),
    }[variant]
    assert text.count("\n") > original.count("\n") + 20  # the body really is wrapped
    record = eventwire.process(text)
    assert len(record.text) >= 0.95 * len(unwrapped_record.text)
    assert record.text == unwrapped_record.text
    assert events(record) == events(unwrapped_record)
    assert record.title == unwrapped_record.title and record.byline == unwrapped_record.byline


@pytest.mark.parametrize("separators", ["U+2028 lines", "U+2028 lines, U+2029 paragraphs", "NEL", "form feeds"])
def test_unicode_line_separators_keep_the_body(separators, original, unwrapped_record):
    text = wrapped(original)
    text = {
        "U+2028 lines": text.replace("\n", "\u2028"),
        "U+2028 lines, U+2029 paragraphs": text.replace("\n\n", "\u2029").replace("\n", "\u2028"),
        "NEL": text.replace("\n", "\x85"),
        "form feeds": text.replace("\n\n", "\x0c"),
    }[separators]
    record = eventwire.process(text)
    assert record.text == unwrapped_record.text
    assert events(record) == events(unwrapped_record)


def test_a_hard_wrapped_clean_body_is_joined_into_paragraphs():
    body = ("The council voted on Tuesday to close the old bridge to traffic after engineers found cracks in "
            "two of its piers, and the mayor said repairs would begin in the spring.")
    second = ("Residents said they had warned the city about the damage for years and would now face long "
              "detours to work while the counter-intelligence of the engineers was questioned.")
    third = "The bridge could reopen by the end of next year, the mayor said, if the money arrives in time."
    text = "\n\n".join(textwrap.fill(p, 60) for p in (body, second, third))
    extraction = extract_pagetext(text)
    assert extraction.text.split("\n\n") == [body, second, third]


def test_indented_paragraphs_without_blank_lines():
    paras = ["The council voted on Tuesday to close the old bridge to traffic after engineers found cracks "
             "in two of its piers.",
             "Residents said they had warned the city about the damage for years and would now face long "
             "detours to work.",
             "The mayor said repairs would begin in the spring and that the bridge could reopen next year."]
    text = "\n".join(textwrap.fill(p, 50, initial_indent="    ") for p in paras)
    assert [line.strip() for line in unwrap(text).split("\n")] == paras


def test_menus_and_unwrapped_pages_are_left_alone(original):
    assert unwrap(original) == original
    menu = "\n".join(["Home", "World", "Business", "Sign in", "Subscribe", "Newsletters"] * 5)
    assert unwrap(menu) == menu


@pytest.mark.parametrize("path", sorted((SAMPLES / "pagetext").glob("*.txt")), ids=lambda p: p.name[:24])
def test_no_sample_page_counts_as_hard_wrapped(path: Path):
    assert wrap_width(path.read_text(encoding="utf-8").split("\n")) is None
