"""Markup nested deeper than libxml2 reads: flattened before trafilatura and lxml see it.

libxml2 (under lxml and trafilatura) stops building the tree at 256 levels
and silently drops everything below, so an article under 260 wrapper <div>s
comes out as "no article text found". `flatten` rewrites such markup with a
scan of its tags (no tree, no recursion, linear in the input):

- a wrapper (div, span, section, ...) holding nothing but one element is
  redundant: chains of them lose all but their innermost element, whose
  class and id attributes trafilatura still reads;
- below MAX_DEPTH whatever depth remains, every further tag is dropped and
  only its text kept (block tags become <br>, so paragraphs stay apart).

The tag scan is lenient like a browser's (unclosed elements, stray end tags,
raw-text elements such as <script>), and only runs on pages that are too deep.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

DEPTH_LIMIT = 255  # libxml2's own limit (xmlParserMaxDepth 256)
MAX_DEPTH = 200  # flattened markup stays this shallow, leaving room for what parsers add (html, body, p)
WRAPPERS = frozenset({"div", "span", "section", "font", "center", "main", "b", "i", "em", "strong", "small",
                      "big", "u", "s", "label"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr", "keygen", "command", "basefont", "frame", "isindex"})
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"})
BLOCKS = frozenset({"p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                    "blockquote", "pre", "table", "tr", "td", "th", "dl", "dt", "dd", "header", "footer", "main",
                    "aside", "nav", "figure", "figcaption", "form", "address"})
CLOSES_P = BLOCKS - {"li", "td", "th", "tr", "dt", "dd", "figcaption"}  # a <p> left open ends at these
_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<![^>]*>|<\?[^>]*>|<(/?)([A-Za-z][\w:.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)


@dataclass
class _Element:
    name: str
    start: int  # token index of the start tag
    parent: int | None  # index of the enclosing element
    depth: int
    children: int = 0
    text: bool = False
    end: int | None = None  # token index of the end tag, None when never closed


def too_deep(html: str) -> bool:
    """Does the markup nest deeper than libxml2 builds trees?"""
    return max((e.depth for e in _scan(html)[1]), default=0) >= DEPTH_LIMIT


def _scan(html: str) -> tuple[list[tuple[int, int, str, str | None]], list[_Element]]:
    """(tokens, elements): tokens are (start, end, kind, name) for tags and text runs, kind
    start|end|void|text|other; elements in document order with their parent and contents."""
    tokens: list[tuple[int, int, str, str | None]] = []
    elements: list[_Element] = []
    stack: list[int] = []  # open elements
    open_names: Counter[str] = Counter()
    pos = 0

    def pop() -> _Element:
        element = elements[stack.pop()]
        open_names[element.name] -= 1
        return element

    while pos < len(html):
        match = _TOKEN.search(html, pos)
        stop = match.start() if match else len(html)
        if stop > pos:
            tokens.append((pos, stop, "text", None))
            if stack and html[pos:stop].strip():
                elements[stack[-1]].text = True
        if match is None:
            break
        pos = match.end()
        slash, name = match.group(1), (match.group(2) or "").lower()
        if not name:
            tokens.append((match.start(), pos, "other", None))
        elif slash:
            if open_names[name] <= 0:
                tokens.append((match.start(), pos, "other", name))  # a stray end tag: parsers ignore it
                continue
            tokens.append((match.start(), pos, "end", name))
            while True:  # elements left open inside end here too, without end tags of their own
                element = pop()
                if element.name == name:
                    element.end = len(tokens) - 1
                    break
        else:
            if stack and ((name in CLOSES_P and elements[stack[-1]].name == "p")
                          or (name == "li" and elements[stack[-1]].name == "li")):
                pop()  # implicitly closed by this tag
            if stack:
                elements[stack[-1]].children += 1
            if name in VOID or match.group(3).rstrip().endswith("/"):
                tokens.append((match.start(), pos, "void", name))
                continue
            index = len(elements)
            elements.append(_Element(name, len(tokens), stack[-1] if stack else None, len(stack) + 1))
            tokens.append((match.start(), pos, "start", name))
            if name in RAW_TEXT:
                closing = re.compile(rf"</{re.escape(name)}\s*>", re.I).search(html, pos)
                stop = closing.start() if closing else len(html)
                if stop > pos:
                    tokens.append((pos, stop, "text", None))
                if closing:
                    tokens.append((closing.start(), closing.end(), "end", name))
                    elements[index].end = len(tokens) - 1
                pos = closing.end() if closing else len(html)
                continue
            stack.append(index)
            open_names[name] += 1
    return tokens, elements


def flatten(html: str) -> str:
    """The markup with redundant wrappers removed and no element deeper than MAX_DEPTH."""
    tokens, elements = _scan(html)
    dropped = [False] * len(elements)
    classes: dict[int, list[str]] = {}  # element -> classes of the wrappers dropped above it
    ids: dict[int, str] = {}
    kept_above = [0] * len(elements)  # kept elements around each (its depth once flattened, less one)
    replace: dict[int, str] = {}  # token index -> what is written instead ("" or "<br>")
    for k, element in enumerate(elements):
        parent = element.parent
        if parent is not None:
            up = elements[parent]
            if up.name in WRAPPERS and up.children == 1 and not up.text and up.end is not None:
                dropped[parent] = True  # redundant: only this element inside
                replace[up.start] = replace[up.end] = ""
                tag = html[tokens[up.start][0]:tokens[up.start][1]]
                classes[k] = classes.pop(parent, []) + _attribute(tag, "class").split()
                inherited = ids.pop(parent, None)
                ids[k] = _attribute(tag, "id") or inherited or ""
        if parent is not None:
            kept_above[k] = kept_above[parent] + (0 if dropped[parent] else 1)
        if kept_above[k] + 1 > MAX_DEPTH:
            dropped[k] = True
            filler = "<br>" if element.name in BLOCKS else ""
            replace[element.start] = filler
            if element.end is not None:
                replace[element.end] = filler
    out: list[str] = []
    after_break = False  # one <br> stands for a run of dropped blocks (with only space between)
    for index, (a, b, kind, _name) in enumerate(tokens):
        piece = replace.get(index, html[a:b])
        if piece == "<br>" and index in replace:
            if after_break:
                piece = ""
            after_break = True
        elif piece and not (kind == "text" and not piece.strip()):
            after_break = False
        out.append(piece)
    for k, element in enumerate(elements):
        if not dropped[k] and (classes.get(k) or ids.get(k)):
            out[element.start] = _with_attributes(out[element.start], classes.get(k, []), ids.get(k, ""))
    return "".join(out)


def _attribute(tag: str, name: str) -> str:
    match = re.search(rf"""\b{name}\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))""", tag, re.I)
    if match is None:
        return ""
    return next(g for g in match.groups()[1:] if g is not None) if any(
        g is not None for g in match.groups()[1:]) else ""


def _with_attributes(tag: str, classes: list[str], ident: str) -> str:
    """A start tag that takes over the classes and id of the wrappers dropped above it
    (trafilatura judges boilerplate by them)."""
    own = _attribute(tag, "class").split()
    merged = " ".join(dict.fromkeys(classes + own))
    tag = re.sub(r"""\sclass\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", "", tag, flags=re.I)
    extra = f' class="{merged}"' if merged else ""
    if ident and not _attribute(tag, "id"):
        extra += f' id="{ident}"'
    cut = len(tag) - (2 if tag.endswith("/>") else 1)
    return tag[:cut] + extra + tag[cut:]
