"""Cross-stage quality on the demo corpus, measured against samples/manifest.yaml.

Runs the pipeline once per session over all sample files and counts, over the manifest's intended
events and quotes:
- types: an event of the intended PLOVER type anywhere in the document (lenient);
- triples: an event of that type whose source and target countries are the intended ones;
- quotes: a quote containing the manifest fragment whose speaker (mention or resolved actor) is the person;
- locations: the located country of the event of that type (same trigger word first) is the manifest place's.
Floors sit a little below the measured numbers, so regressions fail and small noise does not.
Print the numbers: `.venv/bin/python -m pytest -s tests/test_samples_quality.py`.
"""

from __future__ import annotations

import re

import pytest
import yaml

from eventwire.documents import RawDocument
from eventwire.gazetteer import load_gazetteer
from tests.conftest import SAMPLES

# measured 2025 on this code: types 100/110, triples 61/110, quotes 48/57, locations 29/40
FLOORS = {"types": 96, "triples": 57, "quotes": 45, "locations": 27}


def _norm(text: str) -> str:
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return re.sub(r"\s+", " ", text).strip().lower()


def _gold_country(name: str) -> str | None:
    """The broadest part of a manifest location the gazetteer reads ("Kani township, Sagaing region")."""
    gaz = load_gazetteer()
    for part in reversed(name.split(",")):
        found = gaz.lookup(part.strip())
        if found:
            return max(found, key=lambda c: c.place.rank).place.country
    return None


def _country(side) -> str | None:
    return side.country if side is not None else None


def _speaker_names(record, quote) -> list[str]:
    if quote.speaker is None:
        return []
    names = [quote.speaker.text]
    actor = next((a for a in record.actors if a.id == quote.speaker.actor_id), None)
    return names + ([actor.name] if actor is not None else [])


@pytest.fixture(scope="module")
def scores(pipeline) -> dict[str, tuple[int, int]]:
    manifest = yaml.safe_load((SAMPLES / "manifest.yaml").read_text(encoding="utf-8"))
    entries = manifest["files"]
    raws = [RawDocument(content=(SAMPLES / e["path"]).read_bytes(), path=str(SAMPLES / e["path"])) for e in entries]
    records = pipeline.process_batch(raws)
    got = dict.fromkeys(("types", "triples", "quotes", "locations"), 0)
    total = dict.fromkeys(got, 0)
    for entry, record in zip(entries, records, strict=True):
        for want in entry.get("events", []):
            typed = [e for e in record.events if e.plover.type == want["type"]]
            total["types"] += 1
            total["triples"] += 1
            got["types"] += bool(typed)
            got["triples"] += any(_country(e.source) == want["source"] and _country(e.target) == want["target"]
                                  for e in typed)
            country = _gold_country(want["location"]) if want.get("location") else None
            if country:
                word = want["trigger"].split()[0].lower()
                pick = ([e for e in typed if word in e.trigger.text.lower()] or typed or [None])[0]
                total["locations"] += 1
                got["locations"] += bool(pick and pick.location and pick.location.country == country)
        for want in entry.get("quotes", []):
            total["quotes"] += 1
            fragment, last = _norm(want["fragment"]), want["speaker"].split()[-1].lower()
            got["quotes"] += any(
                fragment in _norm(q.content.text)
                and any(last in n.lower() or n.lower() in want["speaker"].lower() for n in _speaker_names(record, q) if n)
                for q in record.quotes)
    return {k: (got[k], total[k]) for k in got}


@pytest.mark.parametrize("measure", ["types", "triples", "quotes", "locations"])
def test_demo_corpus_quality_does_not_regress(scores, measure):
    right, total = scores[measure]
    print(f"samples {measure}: {right}/{total}")
    assert total >= {"types": 100, "triples": 100, "quotes": 50, "locations": 30}[measure]
    assert right >= FLOORS[measure], f"{measure} {right}/{total} below floor {FLOORS[measure]}"
