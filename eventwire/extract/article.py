"""The extraction stage: decode, tell the format apart, extract, check limits."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from eventwire.documents import Article, RawDocument
from eventwire.config import Settings
from eventwire.extract.decode import DecodeError, decode_bytes, invisible_notice, normalise_text
from eventwire.extract.detect import looks_like_html
from eventwire.extract.html import extract_html
from eventwire.extract.pagetext import extract_pagetext
from eventwire.records import ErrorRecord, Source

_SPACE = re.compile(r"\s+")


def make_doc_id(content: str | bytes) -> str:
    """sha256 of the normalised input (NFC, whitespace folded), first 16 hex chars."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError:
            return hashlib.sha256(content).hexdigest()[:16]
    normal = _SPACE.sub(" ", unicodedata.normalize("NFC", content)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def _source(raw: RawDocument, settings: Settings, url: str | None = None, outlet: str | None = None) -> Source:
    return Source(path=raw.path, url=raw.url or url or settings.url, outlet=raw.outlet or outlet, id=raw.id)


def _failed(raw: RawDocument, settings: Settings, error: ErrorRecord, doc_id: str | None = None) -> Article:
    ident = doc_id or make_doc_id(f"error:{raw.name}")
    return Article(doc_id=ident, source=_source(raw, settings), text="", errors=(error,))


def read_text(raw: RawDocument, settings: Settings) -> tuple[str | None, ErrorRecord | None, str]:
    """The decoded input text (or the error why there is none) and the doc_id extraction will give it.

    The text is normalised (`decode.normalise_text`: invisible format characters
    removed, line separators made \\n) for str input as for bytes, so the body,
    its offsets and the doc_id never depend on them; except under `--clean
    none`, which keeps the input exactly.

    Split out of `extract_article` so the store can skip documents it already
    holds by computing the doc_id without running extraction.
    """
    if raw.error is not None:
        return None, raw.error, make_doc_id(f"error:{raw.name}")
    if raw.content is None or (isinstance(raw.content, (bytes, str)) and not raw.content.strip()):
        return None, ErrorRecord(stage="read", message=f"{raw.name}: empty input"), make_doc_id(f"error:{raw.name}")
    size = len(raw.content)
    if size > settings.max_bytes:
        return None, ErrorRecord(
            stage="read",
            message=f"{raw.name}: input is {size / 1e6:.1f} MB, over the limit of {settings.max_bytes / 1e6:.1f} MB "
                    "(raise it with --max-bytes or EVENTWIRE_MAX_BYTES)"), make_doc_id(f"error:{raw.name}")
    if isinstance(raw.content, bytes):
        try:
            text, _encoding = decode_bytes(raw.content, raw.charset)
        except DecodeError as exc:
            return None, ErrorRecord(stage="decode", message=f"{raw.name}: {exc}"), make_doc_id(raw.content)
    else:
        text = raw.content
    if settings.clean != "none":
        text = normalise_text(text)
    if not text.strip():
        return None, ErrorRecord(stage="decode", message=f"{raw.name}: only invisible characters, no text"), \
            make_doc_id(f"error:{raw.name}")
    return text, None, make_doc_id(text)


def extract_article(raw: RawDocument, settings: Settings) -> Article:
    """The clean article of one raw document; problems end up in `errors`, never raised."""
    text, error, doc_id = read_text(raw, settings)
    if text is None:
        assert error is not None
        return _failed(raw, settings, error, doc_id)
    published = raw.published or settings.published

    if settings.clean == "none":
        notice = invisible_notice(text)
        kept = (ErrorRecord(stage="decode", message=f"{raw.name}: {notice}"),) if notice else ()
        return Article(doc_id=doc_id, source=_source(raw, settings), text=text, published=published, format="clean",
                       extraction="as-given",
                       errors=kept)

    if raw.format == "html" or (raw.format is None and looks_like_html(text)):
        page = extract_html(text, url=raw.url or settings.url)
        errors: tuple[ErrorRecord, ...] = ()
        if not page.text.strip():
            errors = (ErrorRecord(stage="extract", message=f"{raw.name}: no article text found"),)
        return Article(
            doc_id=doc_id,
            source=_source(raw, settings, url=page.url, outlet=page.outlet),
            text=page.text,
            title=page.title,
            published=published or page.published,
            dateline=page.dateline,
            byline=page.byline,
            captions=tuple(page.captions),
            format="html",
            extraction=page.how,
            errors=errors,
        )

    page_text = extract_pagetext(text)
    errors = () if page_text.text.strip() else (ErrorRecord(stage="extract", message=f"{raw.name}: no article text found"),)
    return Article(
        doc_id=doc_id,
        source=_source(raw, settings),
        text=page_text.text,
        title=page_text.title,
        published=published or page_text.published,
        dateline=page_text.dateline,
        byline=page_text.byline,
        captions=tuple(page_text.captions),
        format="clean" if page_text.clean else "pagetext",
        extraction="clean" if page_text.clean else "pagetext",
        errors=errors,
    )
