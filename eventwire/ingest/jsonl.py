"""JSON Lines reader: one document per line with `text` or `html`.

Optional fields: `id`, `url`, `published`, `outlet`, `title`. A line that is
not JSON, or has neither `text` nor `html`, becomes an error document naming
the file and line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from eventwire.documents import RawDocument
from eventwire.records import ErrorRecord


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def read_jsonl_lines(lines: Iterable[bytes], name: str, first_line: int = 1) -> Iterator[RawDocument]:
    """`first_line`: the line number of the first line given (an engine may read a file in line ranges)."""
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        location = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield RawDocument(content=None, path=name, location=location,
                              error=ErrorRecord(stage="read", message=f"{location}: not a JSON object: {exc}"))
            continue
        if not isinstance(obj, dict):
            yield RawDocument(content=None, path=name, location=location,
                              error=ErrorRecord(stage="read", message=f"{location}: expected a JSON object, got {type(obj).__name__}"))
            continue
        yield raw_from_dict(obj, name, location)


def raw_from_dict(obj: dict, name: str | None = None, location: str | None = None) -> RawDocument:
    """One document from a JSON object (a JSON Lines line, or a dict given in Python): `text` or `html`,
    and optionally `id`, `url`, `outlet`, `published`; neither text nor html makes an error document."""
    html, text = obj.get("html"), obj.get("text")
    is_html = isinstance(html, str) and bool(html.strip())
    body = html if is_html else text
    where = location or name or "<dict>"
    if not isinstance(body, str):
        return RawDocument(content=None, path=name, location=location, id=_str_or_none(obj.get("id")),
                           error=ErrorRecord(stage="read", message=f"{where}: no 'text' or 'html' string field"))
    return RawDocument(
        content=body,
        path=name,
        location=location,
        id=_str_or_none(obj.get("id")),
        url=_str_or_none(obj.get("url")),
        outlet=_str_or_none(obj.get("outlet")),
        published=_str_or_none(obj.get("published")),
        format="html" if is_html else None,
    )
