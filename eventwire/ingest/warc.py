"""WARC reader (Common Crawl News): HTML responses become RawDocuments.

Only `response` records whose HTTP payload is HTML and whose status is 2xx
are documents; request, metadata and non-HTML records are not articles and
are passed over. Each document keeps its URL (WARC-Target-URI), its fetch
date (WARC-Date, `RawDocument.fetched`), the charset of its HTTP
Content-Type header (`RawDocument.charset`, a hint for decoding) and its
location as `archive.warc.gz@<byte offset>`. A truncated or corrupt archive
ends in one error RawDocument naming the byte offset where reading failed;
the records before it are kept. In a .warc.gz every record is a gzip member
with a checksum: a member cut anywhere, even in its 8-byte trailer, is an
error (that record is not kept: its content cannot be verified). An
uncompressed .warc cut exactly between two records cannot be told from a
complete one. An archive with no records at all (a zero-byte file, or a
.warc.gz whose gzip members hold nothing) is one error RawDocument too, "no
records in WARC file": an empty crawl is a failed download to look at, not
nothing.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from eventwire.documents import RawDocument
from eventwire.records import ErrorRecord

HTML_TYPES = ("text/html", "application/xhtml+xml")
CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)


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


def charset_of(content_type: str | None) -> str | None:
    """The charset a Content-Type header declares, if Python knows it (`text/html; charset=ISO-8859-1`)."""
    match = CHARSET.search(content_type or "")
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None


def _member_complete(path: Path | str, offset: int) -> bool:
    """Whether the gzip member starting at `offset` ends with its trailer (CRC and size) in the file."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    with open(path, "rb") as stream:
        stream.seek(offset)
        while not decompressor.eof and (chunk := stream.read(1 << 16)):
            while chunk and not decompressor.eof:
                decompressor.decompress(chunk, 1 << 20)
                chunk = decompressor.unconsumed_tail
    return decompressor.eof


def _only_empty_members(path: Path | str, offset: int) -> bool:
    """Whether the bytes from `offset` on are whole gzip members holding nothing (an empty file, gzipped)."""
    try:
        with open(path, "rb") as raw:
            raw.seek(offset)
            with gzip.GzipFile(fileobj=raw) as stream:
                return stream.read(1) == b""
    except (OSError, EOFError, zlib.error):  # not gzip, or cut: corrupt, as the caller reports it
        return False


def _no_records(name: str) -> RawDocument:
    return RawDocument(content=None, path=name, location=name,
                       error=ErrorRecord(stage="read", message=f"{name}: no records in WARC file"))


def read_warc(path: Path | str) -> Iterator[RawDocument]:
    """Every HTML response in a .warc or .warc.gz file, in archive order."""
    name = str(path)
    offset = 0
    count = 0  # WARC records read (of any type)
    pending: RawDocument | None = None  # a .warc.gz document waits until its member is known to be whole
    last, gzipped = 0, False
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                offset = records.offset  # start of this record (get_record_offset() would consume it)
                count += 1
                if pending is not None:  # a next record was read: the previous member ended properly
                    yield pending
                    pending = None
                if record.rec_headers.get_header("Content-Length") is None:
                    yield _broken(name, offset, EOFError("record header cut off (no Content-Length)"))
                    return
                wanted = _is_html_response(record)
                content = record.content_stream().read() if wanted else b""
                records.read_to_end(record)
                if getattr(record.raw_stream, "limit", 0) > 0:  # EOF before Content-Length was read
                    yield _broken(name, offset, EOFError("record shorter than its Content-Length"))
                    return
                last = offset
                document = None
                if wanted:
                    document = RawDocument(
                        content=content,
                        path=name,
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        fetched=record.rec_headers.get_header("WARC-Date"),
                        location=f"{name}@{offset}",
                        format="html",
                        charset=charset_of(record.http_headers.get_header("Content-Type")),
                    )
                gzipped = records.reader.decompressor is not None
                if gzipped:
                    pending = document
                elif document is not None:
                    yield document
                offset = records.offset
            if records.offset < size and _only_empty_members(path, records.offset):
                size = records.offset  # trailing empty gzip members: nothing is missing
            if count == 0 and records.offset >= size:
                yield _no_records(name)
                return
            if records.offset < size:  # the last member ended (a next one began), but it is cut
                if pending is not None:
                    yield pending
                yield _broken(name, records.offset, EOFError(f"{size - records.offset} bytes left that are no WARC record"))
                return
            if gzipped and not _member_complete(path, last):
                yield _broken(name, last, EOFError("gzip member cut off before its end (checksum and size missing)"))
                return
            if pending is not None:
                yield pending
    except Exception as exc:  # warcio and zlib raise many kinds on corrupt input; each becomes an error row
        if pending is not None:  # the next record began, so this one's member was whole
            yield pending
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
