"""WARC reader (Common Crawl News): HTML responses become RawDocuments.

Only `response` records whose HTTP payload is HTML and whose status is 2xx
are documents; request, metadata and non-HTML records are not articles and
are passed over. Each document keeps its URL (WARC-Target-URI), its fetch
date (WARC-Date, `RawDocument.fetched`) and its location as
`archive.warc.gz@<byte offset>`. A truncated or corrupt archive ends in one
error RawDocument naming the byte offset where reading failed; the records
before it are kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from eventwire.article import RawDocument
from eventwire.records import ErrorRecord

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html_response(record: object) -> bool:
    if getattr(record, "rec_type", None) != "response":
        return False
    http = getattr(record, "http_headers", None)
    if http is None:
        return False
    status = (http.get_statuscode() or "").strip()
    if not status.startswith("2"):
        return False
    content_type = (http.get_header("Content-Type") or "").lower()
    return any(kind in content_type for kind in HTML_TYPES)


def read_warc(path: Path | str) -> Iterator[RawDocument]:
    """Every HTML response in a .warc or .warc.gz file, in archive order."""
    name = str(path)
    offset = 0
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                offset = records.offset  # start of this record (get_record_offset() would consume it)
                if record.rec_headers.get_header("Content-Length") is None:
                    yield _broken(name, offset, EOFError("record header cut off (no Content-Length)"))
                    return
                wanted = _is_html_response(record)
                content = record.content_stream().read() if wanted else b""
                records.read_to_end(record)
                if getattr(record.raw_stream, "limit", 0) > 0:  # EOF before Content-Length was read
                    yield _broken(name, offset, EOFError("record shorter than its Content-Length"))
                    return
                if wanted:
                    yield RawDocument(
                        content=content,
                        path=name,
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        fetched=record.rec_headers.get_header("WARC-Date"),
                        location=f"{name}@{offset}",
                        format="html",
                    )
                offset = records.offset
            if records.offset < size:
                yield _broken(name, records.offset, EOFError(f"{size - records.offset} bytes left that are no WARC record"))
    except Exception as exc:  # warcio and zlib raise many kinds on corrupt input; each becomes an error row
        yield _broken(name, offset, exc)


def _broken(name: str, offset: int, exc: BaseException) -> RawDocument:
    """One error document for an archive that cannot be read past `offset`."""
    location = f"{name}@{offset}"
    message = f"{location}: truncated or corrupt WARC, reading stopped at byte {offset}: {type(exc).__name__}: {_printable(str(exc))}"
    return RawDocument(content=None, path=name, location=location, error=ErrorRecord(stage="read", message=message))


def _printable(text: str, limit: int = 160) -> str:
    """Exception text from a corrupt archive may quote binary garbage: keep it readable."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= limit else clean[:limit] + "..."
