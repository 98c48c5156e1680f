"""Small helpers shared by tests."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from eventwire.records import DocumentRecord

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "eventwire" / "schema" / "document.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def assert_valid(record: DocumentRecord | dict) -> dict:
    """Validate a record against the JSON Schema and check every span indexes into `text`."""
    data = record.to_dict() if isinstance(record, DocumentRecord) else record
    errors = sorted(VALIDATOR.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    text = data["text"]
    for ent in data["entities"]:
        assert text[ent["start"]:ent["end"]] == ent["text"]
    for q in data["quotes"]:
        for key in ("content", "cue", "speaker"):
            span = q.get(key)
            if span:
                assert text[span["start"]:span["end"]] == span["text"], (key, span)
    for ev in data["events"]:
        base = (data.get("title") or "") if ev.get("headline") else text
        for key in ("trigger", "sentence", "source", "target"):
            span = ev.get(key)
            if span:
                assert base[span["start"]:span["end"]] == span["text"], (key, span)
    return data
