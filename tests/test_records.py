import json
from pathlib import Path

from eventwire.records import DocumentRecord, json_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "eventwire" / "schema" / "document.schema.json"


def test_schema_file_matches_the_record_types():
    # `make schema` regenerates it; this fails when records.py changed and the file did not
    assert json.loads(SCHEMA_FILE.read_text()) == json_schema()


def test_contract_field_names_are_present():
    props = json_schema()["properties"]
    for name in ("doc_id", "source", "title", "published", "dateline", "byline", "captions", "text",
                 "entities", "actors", "quotes", "events", "errors", "pipeline"):
        assert name in props
    event_props = json_schema()["$defs"]["Event"]["properties"]
    for name in ("id", "trigger", "source", "target", "plover", "cameo", "date", "location", "modality",
                 "quote_id", "sentence", "confidence", "rule"):
        assert name in event_props
    assert "from" in json_schema()["$defs"]["EventDate"]["properties"]


def test_round_trip_keeps_date_from_alias():
    data = {
        "doc_id": "0123456789abcdef", "source": {"path": "a.txt"}, "text": "China backed Kazakhstan.",
        "events": [{
            "id": "e1", "trigger": {"text": "backed", "start": 6, "end": 12},
            "plover": {"type": "SUPPORT"}, "sentence": {"text": "China backed Kazakhstan.", "start": 0, "end": 24},
            "date": {"value": "2022-01-07", "precision": "day", "from": "published"},
            "confidence": 0.5, "rule": "back",
        }],
        "pipeline": {"version": "x", "model": "m"},
    }
    record = DocumentRecord.from_dict(data)
    again = json.loads(record.to_json())
    assert again["events"][0]["date"]["from"] == "published"
    assert DocumentRecord.from_json(record.to_json()) == record
