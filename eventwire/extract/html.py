"""HTML pages: trafilatura for the body and metadata, htmldate for the date."""

from __future__ import annotations

from dataclasses import dataclass, field

import trafilatura
from htmldate import find_date


@dataclass
class HtmlExtraction:
    text: str
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    url: str | None = None
    outlet: str | None = None
    captions: list[str] = field(default_factory=list)


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """The article body and metadata of one HTML page."""
    result = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True
    )
    if result is None:
        return HtmlExtraction(text="")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    published = find_date(html, url=url, outputformat="%Y-%m-%dT%H:%M:%S%z", extensive_search=False) or None
    return HtmlExtraction(
        text=(data.get("text") or "").strip(),
        title=data.get("title") or None,
        published=published,
        byline=data.get("author") or None,
        url=data.get("url") or url,
        outlet=data.get("sitename") or None,
    )
