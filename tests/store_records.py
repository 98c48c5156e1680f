"""Made-up document records with events, for the store tests (no spaCy needed)."""

from __future__ import annotations

from eventwire.records import (Actor, Cameo, DocumentRecord, Entity, Event, EventActor, EventDate, Location,
                               Modality, PipelineInfo, Plover, Quote, Source, Span, Speaker)


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(text=part, start=start, end=start + len(part))


def make_record(doc_id: str, *, outlet: str | None = "Example News", url: str | None = None, day: str = "2022-01-07",
                plover: str = "SUPPORT", cameo: str = "051", source: str = "CHNGOV", target: str = "KAZGOV",
                place: tuple[str, str, str] | None = ("Almaty", "KAZ", "city"), version: str = "0.1.0") -> DocumentRecord:
    """One article reporting that China backs Kazakhstan (codes, date and place as given)."""
    text = f"China on Friday backed Kazakhstan in story {doc_id}. \"We support them,\" the ministry said."
    trigger, sentence = _span(text, "backed"), _span(text, text.split(". ")[0] + ".")
    src, tgt = _span(text, "China"), _span(text, "Kazakhstan")
    location = None
    if place:
        location = Location(name=place[0], country=place[1], precision=place[2], lat=43.25, lon=76.95,
                            geonames_id=1526384)
    event = Event(
        id="e1", trigger=trigger, sentence=sentence,
        source=EventActor(**src.model_dump(), actor_id="a1", country=source[:3], sector=source[3:] or None, code=source),
        target=EventActor(**tgt.model_dump(), actor_id="a2", country=target[:3], sector=target[3:] or None, code=target),
        plover=Plover(type=plover, mode=None, context=["diplomatic"]),
        cameo=Cameo(code=cameo, root=cameo[:2], quad_class=1, goldstein=3.4),
        date=EventDate(value=day, precision="day", **{"from": "text"}, text="Friday"),
        location=location, confidence=0.8, rule="test:backed",
    )
    content, cue = _span(text, "We support them,"), _span(text, "said")
    speaker = _span(text, "the ministry")
    return DocumentRecord(
        doc_id=doc_id, source=Source(path=f"{doc_id}.txt", url=url, outlet=outlet), title=f"Story {doc_id}",
        published=f"{day}T10:00:00+00:00", text=text,
        entities=[Entity(start=src.start, end=src.end, text="China", label="GPE", actor_id="a1")],
        actors=[Actor(id="a1", name="China", kind="state", country="CHN", sector="GOV", code="CHNGOV"),
                Actor(id="a2", name="Kazakhstan", kind="state", country="KAZ", sector="GOV", code="KAZGOV")],
        quotes=[Quote(id="q1", kind="direct", content=content, cue=cue,
                      speaker=Speaker(**speaker.model_dump(), actor_id="a1"))],
        events=[event], pipeline=PipelineInfo(version=version, model="en_core_web_sm-3.8.0"),
    )


def with_modality(record: DocumentRecord, **flags: bool) -> DocumentRecord:
    """The record with its event's modality set (e.g. negated=True: "China did not back Kazakhstan")."""
    events = [e.model_copy(update={"modality": Modality(**flags)}) for e in record.events]
    return record.model_copy(update={"events": events})
