"""Working records that flow between stages before the document record exists.

`RawDocument` is what a reader hands over (bytes or text plus where it came
from); `Article` is what extraction makes of it (the clean body and the page
metadata). Neither is serialised; the contract is `records.DocumentRecord`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.records import Dateline, ErrorRecord, Source


@dataclass(frozen=True)
class RawDocument:
    """One input document as read, before decoding or extraction.

    `content` is bytes when read from a file (decoding is a stage of its own,
    so a mis-encoded file becomes an error record, not a crash) and str when
    the caller already has text. `error` is set by a reader that could not
    read the input at all (missing path, truncated archive): the pipeline
    turns it into a record whose `errors` say why.
    """

    content: bytes | str | None
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    id: str | None = None
    published: str | None = None
    format: str | None = None  # "html" | "text" | None (guess)
    location: str | None = None  # e.g. "file.jsonl:12" or "crawl.warc.gz@1234"
    fetched: str | None = None  # WARC-Date, when the page was fetched
    error: ErrorRecord | None = None
    charset: str | None = None  # declared encoding (HTTP Content-Type), a hint for decoding bytes

    @property
    def name(self) -> str:
        """How error messages name this input."""
        return self.location or self.path or self.url or self.id or "<input>"


@dataclass(frozen=True)
class Article:
    """The clean article: `text` is the body every offset indexes into."""

    doc_id: str
    source: Source
    text: str
    title: str | None = None
    published: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    captions: tuple[str, ...] = ()
    format: str = "text"  # "html" | "pagetext" | "clean"
    extraction: str | None = None  # which extractor's candidate became `text` (records.PipelineInfo.extraction)
    errors: tuple[ErrorRecord, ...] = field(default_factory=tuple)
    language: str = "en"  # ISO 639-1, as extract.language tells it; only English is analysed
