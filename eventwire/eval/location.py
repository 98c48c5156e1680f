"""`eventwire eval location FILE`: is the event's location in the right country?

On the records of a PLOVER gold-standard JSON file (../shared/eval/plover-gsr-dev.json)
that carry `eventLoc`, each sentence is run with `--clean none` and
`published` = the record's date. The gold country is the `country code` given
with the location, else the gazetteer's top reading of the gold place name
with no context (a name the gazetteer cannot read, e.g. a bridge, counts as a
miss). The predicted location is that of the event with the gold PLOVER type
(old type names mapped as ../shared/eval/README.md says), else the first
event; when the events stage finds no event in the sentence, that of a
synthetic event on the sentence's root (what the geo stage would give any
event there). Reported: the share of gold locations whose country is right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.eval.halves import in_half
from eventwire.records import DocumentRecord, Event, Plover, Span

OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    date: str | None
    plover: str
    gold_name: str
    gold_country: str | None
    predicted: str | None = None
    predicted_name: str | None = None
    how: str = ""

    @property
    def right(self) -> bool:
        return self.gold_country is not None and self.predicted == self.gold_country


def load_items(path: Path) -> list[Item]:
    from eventwire.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    items = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        loc = rec.get("eventLoc")
        if not loc or not rec.get("text"):
            continue
        code = loc.get("country code")
        country = gaz.iso2to3.get(code.upper()) if code else _read_name(loc.get("name", ""))
        event = rec.get("event", "")
        items.append(Item(id=rec["id"], text=rec["text"], date=rec.get("date"), plover=OLD_TYPES.get(event, event),
                          gold_name=loc.get("name", ""), gold_country=country))
    return items


def _read_name(name: str) -> str | None:
    from eventwire.gazetteer import load_gazetteer

    found = load_gazetteer().lookup(name)
    if not found:
        return None
    best = max(found, key=lambda c: c.prior)
    return best.place.country


def evaluate(path: Path, international: str = "target", events: str = "auto", half: str | None = None) -> list[Item]:
    """Items (of one half, when given) with predictions; `events`: auto (real events, else synthetic), real,
    synthetic."""
    from eventwire.geo.locate import article_setting, locate_event
    from eventwire.pipeline import Pipeline

    items = [item for item in load_items(path) if in_half(item.id, half)]
    pipeline = Pipeline(Settings(clean="none"))
    scored = []
    for item in items:
        # the pipeline's stages by hand, so the one parse can be reused to re-run location under the options
        article = pipeline.extract(RawDocument(content=item.text, published=item.date, id=item.id))
        doc = pipeline.nlp(article.text)
        record = pipeline.analyse(article, doc, None)
        event, how = _pick_event(record, item.plover, events)
        if event is None:
            event, how = _synthetic_event(doc), "synthetic"
        setting = article_setting(doc, record.places)
        location = (locate_event(doc, event, record.places, international, setting, record.title)
                    if event is not None else None)
        scored.append(Item(**{**item.__dict__, "predicted": location.country if location else None,
                              "predicted_name": location.name if location else None, "how": how}))
    return scored


def _pick_event(record: DocumentRecord, plover: str, mode: str) -> tuple[Event | None, str]:
    if mode == "synthetic":
        return None, ""
    body = [e for e in record.events if not e.headline]
    typed = [e for e in body if e.plover.type == plover]
    if typed:
        return typed[0], "event (gold type)"
    if body:
        return body[0], "event (first)"
    return None, ""


def _synthetic_event(doc) -> Event | None:  # noqa: ANN001 - a spaCy Doc
    sents = list(doc.sents)
    if not sents:
        return None
    sent, root = sents[0], sents[0].root
    return Event(id="synthetic", trigger=Span(text=root.text, start=root.idx, end=root.idx + len(root.text)),
                 plover=Plover(type="UNKNOWN"), sentence=Span(text=sent.text, start=sent.start_char, end=sent.end_char),
                 confidence=0.0, rule="eval:synthetic-root")
