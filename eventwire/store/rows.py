"""Document records flattened into the rows of the database tables (one dict per row).

Every record field gets a column; spans become `<name>_text/_start/_end`.
Rows are built in Python and inserted a batch at a time through pyarrow,
so storage is never row-by-row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any
from urllib.parse import urlparse

from eventwire.records import DocumentRecord, Event, EventActor, Span

Row = dict[str, Any]


def day_of(value: str | None) -> dt.date | None:
    """The day a date string names: 2022-01-07, 2022-01 (first of month), 2022 (1 January); else None."""
    if not value:
        return None
    text = value.strip()[:10]
    for size, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        try:
            return dt.datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    return None


def outlet_of(record: DocumentRecord) -> str | None:
    """The outlet name, else the host of the URL: what NumSources counts."""
    if record.source.outlet:
        return record.source.outlet
    if record.source.url:
        host = urlparse(record.source.url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def error_id(input_name: str, stage: str, message: str) -> str:
    """The same failure of the same input is stored once, however often it is ingested."""
    return hashlib.sha256(f"{input_name}\0{stage}\0{message}".encode("utf-8")).hexdigest()[:16]


def _span(prefix: str, span: Span | None) -> Row:
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def _party(prefix: str, party: EventActor | None, names: dict[str, str]) -> Row:
    row = _span(prefix, party)
    row.update({
        f"{prefix}_actor_id": party.actor_id if party else None,
        f"{prefix}_name": (names.get(party.actor_id or "", party.text) if party else None),
        f"{prefix}_country": party.country if party else None,
        f"{prefix}_sector": party.sector if party else None,
        f"{prefix}_code": party.code if party else None,
    })
    return row


def event_row(record: DocumentRecord, event: Event, names: dict[str, str], added: dt.datetime) -> Row:
    """One events row: every field of the event, flattened, plus where the article came from."""
    row: Row = {"event_key": f"{record.doc_id}:{event.id}", "doc_id": record.doc_id, "event_id": event.id,
                "headline": event.headline}
    row.update(_span("trigger", event.trigger))
    row.update(_span("sentence", event.sentence))
    row.update(_party("source", event.source, names))
    row["source_inferred"] = bool(event.source is not None and event.source.inferred)
    row.update(_party("target", event.target, names))
    cameo, date, loc, mod = event.cameo, event.date, event.location, event.modality
    row.update({
        "plover_type": event.plover.type, "plover_mode": event.plover.mode, "plover_context": list(event.plover.context),
        "cameo_code": cameo.code if cameo else None, "cameo_root": cameo.root if cameo else None,
        "quad_class": cameo.quad_class if cameo else None, "goldstein": cameo.goldstein if cameo else None,
        "date_value": date.value if date else None, "date_precision": date.precision if date else None,
        "date_from": date.from_ if date else None, "date_text": date.text if date else None,
        "day": day_of(date.value if date else None) or day_of(record.published),
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None, "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None, "location_geonames_id": loc.geonames_id if loc else None,
        "location_precision": loc.precision if loc else None, "location_start": loc.start if loc else None,
        "location_end": loc.end if loc else None,
        "negated": mod.negated, "intended": mod.intended, "hypothetical": mod.hypothetical, "future": mod.future,
        "quote_id": event.quote_id, "confidence": event.confidence, "rule": event.rule,
        "outlet": outlet_of(record), "url": record.source.url, "published": record.published, "added": added,
    })
    return row


def document_rows(record: DocumentRecord, input_name: str | None, fetched: str | None, run_id: int,
                  added: dt.datetime) -> dict[str, list[Row]]:
    """All rows one analysed document adds, by table (errors included)."""
    doc_id = record.doc_id
    names = {actor.id: actor.name for actor in record.actors}
    dateline = record.dateline
    document = {
        "doc_id": doc_id, "input": input_name, "path": record.source.path, "url": record.source.url,
        "outlet": outlet_of(record), "source_id": record.source.id, "title": record.title,
        "published": record.published, "published_day": day_of(record.published), "fetched": fetched,
        "dateline_text": dateline.text if dateline else None, "dateline_place": dateline.place if dateline else None,
        "dateline_country": dateline.country if dateline else None, "byline": record.byline,
        "captions": list(record.captions), "text": record.text, "language": record.language,
        "n_entities": len(record.entities), "n_actors": len(record.actors), "n_quotes": len(record.quotes),
        "n_events": len(record.events), "n_places": len(record.places), "n_errors": len(record.errors),
        "pipeline_version": record.pipeline.version, "model": record.pipeline.model, "run_id": run_id,
        "added": added, "record": record.to_json(),
    }
    entities = [{"doc_id": doc_id, "idx": i, "start": e.start, "end": e.end, "text": e.text, "label": e.label,
                 "actor_id": e.actor_id} for i, e in enumerate(record.entities)]
    actors = [{"doc_id": doc_id, "actor_id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
               "sector": a.sector, "role": a.role, "code": a.code, "kb_id": a.kb_id,
               "country_inferred": a.country_inferred} for a in record.actors]
    quotes = []
    for q in record.quotes:
        row: Row = {"doc_id": doc_id, "quote_id": q.id, "kind": q.kind}
        row.update(_span("content", q.content))
        row.update(_span("speaker", q.speaker))
        speaker_actor = q.speaker.actor_id if q.speaker else None
        row["speaker_actor_id"] = speaker_actor
        row["speaker_name"] = names.get(speaker_actor or "", q.speaker.text if q.speaker else None)
        row.update(_span("cue", q.cue))
        row.update({"via_text": q.via.text if q.via else None, "via_actor_id": q.via.actor_id if q.via else None,
                    "via_start": q.via.start if q.via else None, "via_end": q.via.end if q.via else None})
        quotes.append(row)
    places = [{"doc_id": doc_id, "start": p.start, "end": p.end, "text": p.text, "name": p.name, "country": p.country,
               "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "geonames_id": p.geonames_id,
               "precision": p.precision} for p in record.places]
    events = [event_row(record, ev, names, added) for ev in record.events]
    return {"documents": [document], "entities": entities, "actors": actors, "quotes": quotes, "places": places,
            "events": events, "errors": error_rows(record, input_name, run_id, added)}


def error_rows(record: DocumentRecord, input_name: str | None, run_id: int, added: dt.datetime) -> list[Row]:
    """One errors row per stage failure of a record (an input that became no document has at least one)."""
    name = input_name or record.source.path or record.source.url or record.source.id or "<input>"
    return [{"error_id": error_id(name, e.stage, e.message), "doc_id": record.doc_id, "failed": not record.text,
             "input": name,
             "path": record.source.path, "stage": e.stage, "message": e.message,
             "pipeline_version": record.pipeline.version, "run_id": run_id, "added": added}
            for e in record.errors]
