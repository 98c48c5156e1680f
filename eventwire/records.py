"""The document record: the contract every part of eventwire relies on.

Field names follow ../shared/DESIGN.md ("The document record"). Add fields
freely; never rename or drop the ones listed there. Every start/end indexes
into `DocumentRecord.text`.

The JSON Schema in `schema/document.schema.json` is generated from these
models (`python -m eventwire.records > eventwire/schema/document.schema.json`);
a test fails when the two drift apart.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

ActorKind = Literal["person", "organisation", "state", "group"]
QuoteKind = Literal["direct", "indirect", "mixed"]
DatePrecision = Literal["day", "week", "month", "year"]
# local: a place the text names that the gazetteer lacks (a village, district, street): name as written,
# country from the story when it says, no coordinates
PlacePrecision = Literal["city", "admin1", "country", "region", "local"]


class Record(BaseModel):
    """Base: forbids unknown fields so typos fail loudly in tests."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(Record):
    """A piece of the article text: `text == record.text[start:end]`."""

    text: str
    start: int
    end: int


class Source(Record):
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    id: str | None = None


class Dateline(Record):
    text: str
    place: str | None = None
    country: str | None = None


class Entity(Record):
    start: int
    end: int
    text: str
    label: str
    actor_id: str | None = None


class Actor(Record):
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    code: str | None = None
    kb_id: str | None = Field(default=None, description="knowledge-base entry this actor came from, if any")
    country_inferred: bool = Field(default=False, description="country taken from the story's focus country, not stated")


class Speaker(Span):
    actor_id: str | None = None


class Via(Record):
    text: str
    actor_id: str | None = None
    start: int | None = None
    end: int | None = None


class Quote(Record):
    id: str
    kind: QuoteKind
    content: Span
    speaker: Speaker | None = None
    cue: Span | None = None
    via: Via | None = None


class EventActor(Span):
    """A source or target: a span of the text, or (inferred=True) the conventional agent of an act whose doer the
    text leaves unsaid ("five were arrested": the police of the story's country), with no span."""

    start: int | None  # type: ignore[assignment]  # None only when inferred
    end: int | None  # type: ignore[assignment]
    actor_id: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    inferred: bool = Field(default=False, description="not named in the text: the conventional agent of the act "
                                                      "(passive arrests, detentions, charges, crowd control)")

    @model_validator(mode="after")
    def _span_unless_inferred(self) -> "EventActor":
        if not self.inferred and (self.start is None or self.end is None):
            raise ValueError("an event actor that is not inferred needs start and end offsets")
        return self


class Plover(Record):
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)


class Cameo(Record):
    code: str
    root: str
    quad_class: int
    goldstein: float


class EventDate(Record):
    value: str
    precision: DatePrecision
    from_: Literal["text", "published"] = Field(alias="from")
    text: str | None = Field(default=None, description="the date expression the value came from")


class Place(Record):
    """A resolved place: what a gazetteer knows of it."""

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: PlacePrecision


class Location(Place):
    """Where an event happened; start/end point at the place name when the text gives one."""

    start: int | None = None
    end: int | None = None


class Modality(Record):
    negated: bool = False
    intended: bool = False
    hypothetical: bool = False
    future: bool = False


class Event(Record):
    id: str
    trigger: Span
    source: EventActor | None = None
    target: EventActor | None = None
    plover: Plover
    cameo: Cameo | None = None
    date: EventDate | None = None
    location: Location | None = None
    modality: Modality = Field(default_factory=Modality)
    quote_id: str | None = None
    sentence: Span
    confidence: float
    rule: str
    headline: bool = False


class PlaceMention(Place):
    """A place named in the text (kept for users; events carry their own location)."""

    start: int
    end: int
    text: str


class ErrorRecord(Record):
    stage: str
    message: str


class PipelineInfo(Record):
    version: str
    model: str
    # How the body was found: "trafilatura" (its default output whole), "trafilatura+precision" (cut to
    # the lines its precision mode agrees on), "trafilatura+recall", "html-lines" (the page's visible lines
    # through the page-text classifier), "pagetext", "clean" (the input was already clean text),
    # "as-given" (--clean none). None in records written before it was kept.
    extraction: str | None = None


class DocumentRecord(Record):
    doc_id: str
    source: Source
    title: str | None = None
    published: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    captions: list[str] = Field(default_factory=list)
    text: str = ""
    # ISO 639-1 code of the text's language; only "en" is analysed (other languages: text kept,
    # no entities, actors, quotes or events). None in records written before it was detected.
    language: str | None = None
    entities: list[Entity] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)
    errors: list[ErrorRecord] = Field(default_factory=list)
    pipeline: PipelineInfo
    # Not part of the record contract (never serialised): the seconds the pipeline spent on this
    # document, for --timings and the soak. Travels with the record to the process that writes it.
    _seconds: float | None = PrivateAttr(default=None)

    @property
    def seconds(self) -> float | None:
        """Seconds of extraction, parse (the batch's, shared by characters) and analysis; None if not timed."""
        return self._seconds

    def timed(self, seconds: float) -> "DocumentRecord":
        self._seconds = seconds
        return self

    def to_json(self) -> str:
        """One line of JSON, field names as in the contract (`from`, not `from_`)."""
        return self.model_dump_json(by_alias=True)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

    @classmethod
    def from_json(cls, line: str | bytes) -> "DocumentRecord":
        return cls.model_validate_json(line)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DocumentRecord":
        return cls.model_validate(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one document record (as emitted, with aliases)."""
    schema = DocumentRecord.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://eventwire.org/schema/document.schema.json"
    return schema


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
