"""Tell HTML from page text from an already clean body (`--clean auto`)."""

from __future__ import annotations

import re

_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<\?xml)", re.I | re.S)
_TAG = re.compile(r"</?(p|div|span|a|article|section|h[1-6]|br|li|ul|table|script|meta|title)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """True for documents that are markup: a doctype/html start, or dense tags."""
    head = text[:4096]
    if _HTML_START.search(head):
        return True
    tags = len(_TAG.findall(text[:20000]))
    return tags >= 5 and tags * 40 > min(len(text), 20000) / 10
