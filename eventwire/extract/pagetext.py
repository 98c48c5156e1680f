"""Page text (a page as a reader copied it): the body and metadata.

Not built yet: the page-text line classifier has its own issue. Until then
the whole input, stripped, is taken as the body and no metadata is found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.records import Dateline


@dataclass
class PageTextExtraction:
    text: str
    title: str | None = None
    published: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    captions: list[str] = field(default_factory=list)


def extract_pagetext(text: str) -> PageTextExtraction:
    return PageTextExtraction(text=text.strip())
