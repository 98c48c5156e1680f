"""The seed article's record meets every `document:` line of ../shared/seed/expected.yaml."""

from __future__ import annotations

import pytest
import yaml

from eventwire.documents import RawDocument
from tests.conftest import SEED_ARTICLE, SEED_EXPECTED
from tests.helpers import assert_valid

EXPECTED = yaml.safe_load(SEED_EXPECTED.read_text(encoding="utf-8"))["document"]


@pytest.fixture(scope="module")
def seed_record(pipeline):
    raw = RawDocument(content=SEED_ARTICLE.read_bytes(), path=str(SEED_ARTICLE))
    record = pipeline.process_batch([raw])[0]
    assert_valid(record)
    return record


def test_every_document_line_is_checked():
    handled = {"title", "published", "dateline", "body_starts_with", "body_ends_with", "body_contains_once",
               "captions_contain", "body_excludes"}
    assert set(EXPECTED) <= handled, f"expected.yaml has document lines this test does not check: {set(EXPECTED) - handled}"


def test_title(seed_record):
    assert seed_record.title == EXPECTED["title"]


def test_published_with_ist_offset(seed_record):
    assert seed_record.published == EXPECTED["published"]


def test_dateline(seed_record):
    assert seed_record.dateline is not None and seed_record.dateline.text == EXPECTED["dateline"]


def test_body_starts_and_ends(seed_record):
    assert seed_record.text.startswith(EXPECTED["body_starts_with"])
    assert seed_record.text.endswith(EXPECTED["body_ends_with"])


def test_standfirst_sentence_is_in_the_body_once(seed_record):
    assert seed_record.text.count(EXPECTED["body_contains_once"]) == 1


def test_caption_is_kept_once_and_out_of_the_body(seed_record):
    matching = [c for c in seed_record.captions if EXPECTED["captions_contain"] in c]
    assert len(matching) == 1
    assert EXPECTED["captions_contain"] not in seed_record.text


@pytest.mark.parametrize("fragment", EXPECTED["body_excludes"])
def test_body_excludes(seed_record, fragment):
    assert fragment not in seed_record.text
