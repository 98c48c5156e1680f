"""The seed article through the real `eventwire extract` command, checked against
../shared/seed/expected.yaml: every section at once, as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache

import pytest
import yaml

from tests.conftest import SEED_ARTICLE, SEED_EXPECTED
from tests.helpers import assert_valid

EXPECTED = yaml.safe_load(SEED_EXPECTED.read_text(encoding="utf-8")) if SEED_EXPECTED.exists() else {}


@lru_cache(maxsize=1)
def seed_record() -> dict:
    proc = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract", str(SEED_ARTICLE), "-q"],
                          capture_output=True, timeout=600, check=True)
    return assert_valid(json.loads(proc.stdout.decode().splitlines()[0]))


def one_of(value: object) -> set:
    return set(value) if isinstance(value, list) else {value}


def actors_by_id(record: dict) -> dict[str, dict]:
    return {a["id"]: a for a in record["actors"]}


def test_document_metadata():
    record, doc = seed_record(), EXPECTED["document"]
    text = record["text"]
    assert record["title"] == doc["title"]
    assert record["published"].startswith(doc["published"][:16]) and record["published"].endswith("+05:30")
    assert record["dateline"]["text"].strip(" :").upper() == doc["dateline"]
    assert text.startswith(doc["body_starts_with"])
    assert text.rstrip().endswith(doc["body_ends_with"])
    assert text.count(doc["body_contains_once"]) == 1
    assert any(doc["captions_contain"] in c for c in record["captions"])
    for fragment in doc["body_excludes"]:
        assert fragment not in text


@pytest.mark.parametrize("want", EXPECTED.get("actors", []), ids=lambda a: a.get("name") or a.get("mention"))
def test_actor(want):
    record = seed_record()
    actors = actors_by_id(record)
    if "name" in want:
        candidates = [a for a in actors.values() if a["name"] == want["name"]]
    else:
        mention = want["mention"].lower()
        ids = {e["actor_id"] for e in record["entities"] if mention in e["text"].lower()}
        ids |= {(ev.get(side) or {}).get("actor_id") for ev in record["events"] for side in ("source", "target")
                if mention in ((ev.get(side) or {}).get("text") or "").lower()}
        candidates = [actors[i] for i in ids if i in actors]
    assert any((want.get("country") is None or a["country"] == want["country"]) and a["sector"] in one_of(want["sector"])
               for a in candidates), candidates


@pytest.mark.parametrize("mention,who", list(EXPECTED.get("mentions_resolve", {}).items()))
def test_mention_resolves(mention, who):
    record = seed_record()
    names = {i: a["name"] for i, a in actors_by_id(record).items()}
    last_word = mention.lower().split()[-1].strip(".")
    hits = [e for e in record["entities"]
            if last_word in e["text"].lower() and (mention.lower() in e["text"].lower() or e["text"].lower() in mention.lower())]
    assert any(names.get(e["actor_id"]) == who for e in hits), hits


@pytest.mark.parametrize("want", EXPECTED.get("quotes", []), ids=lambda q: q["content"][:30])
def test_quote(want):
    record = seed_record()
    actors = actors_by_id(record)
    found = []
    for quote in record["quotes"]:
        if want["content"] not in quote["content"]["text"]:
            continue
        speaker = actors.get((quote.get("speaker") or {}).get("actor_id")) or {}
        ok = ("speaker" not in want or speaker.get("name") == want["speaker"]) and \
             ("speaker_country" not in want or (speaker.get("country"), speaker.get("sector")) == (want["speaker_country"], want["speaker_sector"])) and \
             ("kind" not in want or quote["kind"] in one_of(want["kind"])) and \
             ("via" not in want or want["via"].lower() in ((quote.get("via") or {}).get("text") or "").lower())
        found.append((ok, quote))
    assert any(ok for ok, _ in found), found


@pytest.mark.parametrize("want", EXPECTED.get("events", []), ids=lambda e: e["trigger_in"][:30])
def test_event(want):
    record = seed_record()
    candidates = []
    for event in record["events"]:
        trigger, sentence = event["trigger"]["text"], event["sentence"]["text"]
        if not ((trigger and trigger in want["trigger_in"]) or want["trigger_in"][:30] in sentence):
            continue
        candidates.append(event)
        if (event.get("source") or {}).get("country") != want["source"]:
            continue
        if "target" in want and (event.get("target") or {}).get("country") != want["target"]:
            continue
        if event["plover"]["type"] not in one_of(want["plover"]):
            continue
        if want.get("modality") == "intended" and not event["modality"]["intended"]:
            continue
        return
    pytest.fail(f"no event matches; candidates: {[(c['trigger']['text'], c['plover']['type'], c.get('source'), c.get('target')) for c in candidates]}")


def test_every_event_dated_on_the_day_and_none_in_hong_kong():
    events = seed_record()["events"]
    assert events
    assert all((e.get("date") or {}).get("value") == EXPECTED["dates"]["all_events_on"] for e in events)
    for event in events:
        location = event.get("location") or {}
        assert location.get("country") != "HKG" and "hong kong" not in (location.get("name") or "").lower()


def test_nothing_from_captions_or_boilerplate():
    record = seed_record()
    caption_words = ("In this image", "RU-RTR", "check point")
    for quote in record["quotes"]:
        assert "Comments" not in quote["content"]["text"]
    for event in record["events"]:
        assert not any(w in event["sentence"]["text"] for w in caption_words)


def test_external_forces_provoking_unrest_is_not_an_event_that_happened():
    for event in seed_record()["events"]:
        if event["trigger"]["text"].lower().startswith(("provok", "instigat")):
            source = (event.get("source") or {}).get("text") or ""
            happened = not any(event["modality"].values())
            assert not ("external forces" in source and happened), event
