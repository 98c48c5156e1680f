"""HTML pages: trafilatura for the body, the page's own metadata for the date, then our post-processing.

The body is trafilatura's default output cut to the lines its
`favor_precision` mode agrees on (`extract.agreement`); when that finds
little or nothing (trafilatura drops some pages outright) we retry with
`favor_recall`, and failing that read the page's visible text lines with our
page-text classifier. Which of them became the body is `how`. Afterwards, as for page text: caption lines leave the
body for `captions`, a dateline opening the first paragraph moves to
`dateline`, and the title loses its " | Site" suffix. The publication date
comes from the page's metadata with its UTC offset when the page gives one
(article:published_time, JSON-LD datePublished, <time datetime>), else from
htmldate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

import trafilatura
from htmldate import find_date
from lxml import html as lxml_html
from trafilatura.utils import load_html

from eventwire.extract.agreement import within_precision_bounds
from eventwire.extract.decode import normalise_text
from eventwire.extract.metadata import author_names, byline_of, clean_title, is_caption, leading_dateline
from eventwire.extract.nesting import flatten
from eventwire.extract.pagetext import TOKEN, extract_pagetext
from eventwire.records import Dateline

MIN_BODY_CHARS = 250  # below this trafilatura's answer is retried with recall, then our classifier
INCLUDE_TABLES = True  # a table is article text as a reader sees it (trafilatura writes rows as | a | b |)
MIN_PROSE_WORDS = 10  # a body needs one paragraph this long, else the page has no article
_WORD = re.compile(r"\w+")
_META_DATES = (
    "article:published_time", "og:published_time", "og:article:published_time", "datePublished",
    "pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "dc.date", "sailthru.date",
    "parsely-pub-date", "cxenseparse:recs:publishtime",
)
_META_NAMES = frozenset(_META_DATES)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td", "dt", "dd", "pre",
           "div", "section", "article", "header", "footer", "span", "a", "time", "title")


@dataclass
class HtmlExtraction:
    text: str
    title: str | None = None
    published: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    url: str | None = None
    outlet: str | None = None
    captions: list[str] = field(default_factory=list)
    how: str = "trafilatura"  # which candidate became the body (records.PipelineInfo.extraction)


# trafilatura's own metadata date is htmldate's answer, asked without the extensive search; it is the
# fallback of `page_published`, so htmldate runs once per page
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}


def _trafilatura(page: str | lxml_html.HtmlElement, url: str | None, with_metadata: bool = True,
                 **options: bool) -> dict:
    """trafilatura's answer for a page: its markup, or the tree `load_html` built once (bare_extraction copies it)."""
    result = trafilatura.bare_extraction(page, url=url, include_comments=False, include_tables=INCLUDE_TABLES,
                                         with_metadata=with_metadata, date_extraction_params=dict(_DATE_PARAMS),
                                         **options)
    if result is None:
        return {}
    return result.as_dict() if hasattr(result, "as_dict") else dict(result)


def _iso(value: str) -> str | None:
    """An ISO 8601 timestamp as the page states it (offset kept), or None."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.hour == parsed.minute == parsed.second == 0 and "T" not in value and " " not in value:
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")


def _json_ld_dates(tree: lxml_html.HtmlElement) -> list[str]:
    found: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    found.append(item["datePublished"])
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return found


def page_published(tree: lxml_html.HtmlElement | None, html: str, url: str | None,
                   found: str | None = None) -> str | None:
    """The publication time the page declares, with its offset when given; else htmldate's date.

    `found` is htmldate's date when the caller already has it (trafilatura's metadata asks htmldate).
    """
    if tree is not None:
        candidates: list[str] = []
        metas = {}  # one pass over the page's <meta> elements, then the names in their order of trust
        for meta in tree.iter("meta"):
            content = meta.get("content")
            if content is None:
                continue
            for attribute in ("property", "name", "itemprop"):
                key = meta.get(attribute)
                if key in _META_NAMES:
                    metas.setdefault(key, []).append(content)
        for name in _META_DATES:
            candidates += metas.get(name, [])
        candidates += _json_ld_dates(tree)
        candidates += tree.xpath('//*[@itemprop="datePublished"]/@datetime') + tree.xpath("//time/@datetime")
        parsed = [p for p in (_iso(c) for c in candidates) if p]
        with_offset = [p for p in parsed if re.search(r"[+-]\d\d:\d\d$", p)]
        if with_offset or parsed:
            return (with_offset or parsed)[0]
    if found is None:
        found = find_date(tree if tree is not None else html, url=url, **_DATE_PARAMS)
    return found or None


def _figure_captions(tree: lxml_html.HtmlElement | None) -> list[str]:
    if tree is None:
        return []
    texts = (" ".join(normalise_text(el.text_content()).split()) for el in tree.xpath("//figcaption"))
    return [t for t in texts if t]


def visible_lines(tree: lxml_html.HtmlElement) -> str:
    """The page as a reader would copy it: the text of each block on a line of its own."""
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg|//iframe"):
        bad.drop_tree()
    for el in tree.iter(*_BLOCKS, "br"):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    body = tree.find("body")
    return (body if body is not None else tree).text_content()


def parse_html(html: str) -> lxml_html.HtmlElement | None:
    """The page's element tree (None for markup lxml cannot read at all)."""
    return _parse(html)[0]


def _parse(html: str) -> tuple[lxml_html.HtmlElement | None, bool]:
    """(the element tree or None, whether libxml2 stopped at its depth limit and dropped the rest)."""
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        tree = lxml_html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except (ValueError, lxml_html.etree.ParserError):
        tree = None
    deep = any(entry.type_name == "ERR_RESOURCE_LIMIT" and "depth" in entry.message.lower()
               for entry in parser.error_log)
    return tree, deep


def _key(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def _without_heading(paragraphs: list[str], titles: list[str | None]) -> list[str]:
    """The body without the headline and byline trafilatura sometimes keeps as its first paragraphs."""
    keys = {_key(t) for t in titles if t}
    while paragraphs and (_key(paragraphs[0]) in keys or byline_of(paragraphs[0]) is not None):
        paragraphs = paragraphs[1:]
    return paragraphs


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """The article body and metadata of one HTML page.

    Markup nested deeper than libxml2 builds trees (it silently drops what lies
    below 256 levels) is flattened first (`nesting.flatten`), for lxml,
    trafilatura and htmldate alike.
    """
    tree, deep = _parse(html)
    if deep:
        html = flatten(html)
        tree, _deep = _parse(html)
    page = load_html(html) if tree is not None else None  # trafilatura's own tree, built once for its calls
    page = html if page is None else page
    data = _trafilatura(page, url)
    precise = _trafilatura(page, url, with_metadata=False, favor_precision=True)  # its text only
    choice = within_precision_bounds(data.get("text") or "", precise.get("text") or "")
    text, how = choice.text, choice.how
    if len(text) < MIN_BODY_CHARS:
        recall = _trafilatura(page, url, favor_recall=True)
        if len((recall.get("text") or "").strip()) > len(text):
            data, text, how = recall, (recall.get("text") or "").strip(), "trafilatura+recall"
    if len(text) < MIN_BODY_CHARS and tree is not None:
        fresh = parse_html(html)
        copied = extract_pagetext(visible_lines(fresh if fresh is not None else tree))
        if len(copied.text) > len(text) and not copied.clean:
            text, how = copied.text, "html-lines"
    text = normalise_text(text)  # entities (&shy;, &#8203;) bring back what decoding removed from the markup
    figure_captions = _figure_captions(tree)
    caption_set = {" ".join(c.split()) for c in figure_captions}
    paragraphs, captions = [], list(figure_captions)
    for para in text.split("\n"):
        norm = " ".join(para.split())
        if not norm:
            continue
        if norm in caption_set or is_caption(norm):
            captions.append(norm)
        else:
            paragraphs.append(para.strip())
    raw_title = normalise_text(data.get("title") or "") or None
    title = clean_title(raw_title)
    paragraphs = _without_heading(paragraphs, [title, raw_title])
    if not any(len(TOKEN.findall(p)) >= MIN_PROSE_WORDS for p in paragraphs):
        paragraphs = []  # menus and link lists only: no article on this page
    dateline = None
    if paragraphs:
        found = leading_dateline(paragraphs[0])
        if found is not None:
            dateline, cut = found
            paragraphs[0] = paragraphs[0][cut:]
    return HtmlExtraction(
        text="\n".join(paragraphs),
        title=title,
        published=page_published(tree, html, url, found=(data.get("date") or "") if "date" in data else None),
        dateline=dateline,
        byline=author_names(normalise_text(data.get("author") or "") or None, data.get("sitename")),
        url=data.get("url") or url,
        outlet=data.get("sitename") or None,
        captions=list(dict.fromkeys(captions)),
        how=how,
    )
