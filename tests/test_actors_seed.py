"""The seed article's `actors:` and `mentions_resolve:` expectations, checked as check_seed.py does.

The body is cut from the seed page by the expected first and last words and
run with clean=none, so this tests the actors stage on its own (extraction
has its own tests). Uses the built-in knowledge base.
"""

from __future__ import annotations

import pytest
import yaml

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.pipeline import Pipeline
from tests.conftest import SEED_ARTICLE, SEED_EXPECTED

EXPECTED = yaml.safe_load(SEED_EXPECTED.read_text(encoding="utf-8"))


def as_set(value):
    return set(value) if isinstance(value, list) else {value}


@pytest.fixture(scope="module")
def record() -> dict:
    page = SEED_ARTICLE.read_text(encoding="utf-8")
    first, last = EXPECTED["document"]["body_starts_with"], EXPECTED["document"]["body_ends_with"]
    body = page[page.index(first):page.index(last) + len(last)]
    published = EXPECTED["document"]["published"]
    pipeline = Pipeline(Settings(clean="none", published=published))
    return pipeline.process_batch([RawDocument(content=body, published=published)])[0].to_dict()


@pytest.mark.parametrize("expected", EXPECTED["actors"], ids=lambda a: a.get("name") or a.get("mention"))
def test_seed_actor(record, expected):
    actors = {a["id"]: a for a in record["actors"]}
    if "name" in expected:
        candidates = [a for a in actors.values() if a["name"] == expected["name"]]
    else:
        ids = {e["actor_id"] for e in record["entities"] if expected["mention"].lower() in e["text"].lower()}
        candidates = [actors[i] for i in ids if i in actors]
    assert any((expected.get("country") is None or a["country"] == expected["country"])
               and a["sector"] in as_set(expected["sector"]) for a in candidates), candidates


@pytest.mark.parametrize("mention,who", list(EXPECTED["mentions_resolve"].items()))
def test_seed_mention_resolves(record, mention, who):
    name_of = {a["id"]: a["name"] for a in record["actors"]}
    m = mention.lower()
    entities = [e for e in record["entities"]
                if m in e["text"].lower() or (e["text"].lower() in m and len(e["text"]) > 2)]
    hits = [e for e in entities if m.split()[-1].strip(".") in e["text"].lower()]
    assert any(name_of.get(e["actor_id"]) == who for e in hits), hits
