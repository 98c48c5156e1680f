"""Event locations on the demo corpus: samples/manifest.yaml names where some events happened."""

from __future__ import annotations

import yaml

from eventwire.documents import RawDocument
from eventwire.gazetteer import load_gazetteer
from tests.conftest import SAMPLES

# measured 29/40 = 0.725 (`.venv/bin/python -m pytest -s tests/test_geo_samples.py`); misses are
# mostly events the events stage does not find or codes with other actors
FLOOR = 0.70


def _gold_country(name: str) -> str | None:
    """The country of a manifest location ("Thit Pin Kone, Kani township, Sagaing region"): its broadest
    part the gazetteer reads, read without context."""
    gaz = load_gazetteer()
    for part in reversed(name.split(",")):
        found = gaz.lookup(part.strip())
        if found:
            return max(found, key=lambda c: c.place.rank).place.country
    return None


def _predicted(record, wanted: dict) -> str | None:
    """The location country of the event matching the manifest's: same type and trigger word, else type."""
    typed = [e for e in record.events if e.plover.type == wanted["type"]]
    word = wanted["trigger"].split()[0].lower()
    same = [e for e in typed if word in e.trigger.text.lower()]
    pick = (same or typed or [None])[0]
    return pick.location.country if pick is not None and pick.location is not None else None


def test_manifest_event_locations_are_in_the_right_country(pipeline):
    manifest = yaml.safe_load((SAMPLES / "manifest.yaml").read_text(encoding="utf-8"))
    right = total = 0
    for entry in manifest["files"]:
        wanted = [(e, _gold_country(e["location"])) for e in entry.get("events", []) if e.get("location")]
        wanted = [(e, c) for e, c in wanted if c is not None]
        if not wanted:
            continue
        path = SAMPLES / entry["path"]
        record = pipeline.process_batch([RawDocument(content=path.read_bytes(), path=str(path))])[0]
        for event, country in wanted:
            total += 1
            right += _predicted(record, event) == country
    assert total >= 30
    print(f"manifest event locations, country right: {right}/{total} = {right / total:.3f}")
    assert right / total >= FLOOR, f"{right}/{total}"
