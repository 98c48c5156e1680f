"""Extraction speed: page-text and HTML pages per second, and against the spaCy parse of the same bodies.

Reads pagetext-dev and html-dev from ../shared/eval (never copied). One
process, one core. Also reports the dev-set F1 so a speed change can be
weighed against its effect on quality.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from eventwire.config import Settings
from eventwire.eval.extraction import evaluate_folder
from eventwire.extract.html import extract_html
from eventwire.extract.pagetext import extract_pagetext
from eventwire.nlp import load_model

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _best_of(repeats: int, fn) -> float:
    best = float("inf")
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - began)
    return best


def run() -> dict[str, float]:
    pages = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "eval" / "pagetext-dev" / "text").glob("*.txt"))]
    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", errors="replace")
             for p in sorted((SHARED / "eval" / "html-dev" / "html").glob("*.html.gz"))]
    extract_pagetext(pages[0])  # load data files once, as a process does
    extract_html(htmls[0])  # and trafilatura's (justext stop lists, lazily built tables): a process pays it once
    pagetext_s = _best_of(3, lambda: [extract_pagetext(p) for p in pages])
    html_s = _best_of(1, lambda: [extract_html(h) for h in htmls])
    bodies = [extract_pagetext(p).text for p in pages]
    nlp = load_model(Settings().model)
    parse_s = _best_of(1, lambda: list(nlp.pipe(bodies, batch_size=32)))
    html_bodies = [extract_html(h).text for h in htmls]
    html_parse_s = _best_of(1, lambda: list(nlp.pipe(html_bodies, batch_size=32)))
    results = {
        "pagetext_pages_per_s": len(pages) / pagetext_s,
        "html_pages_per_s": len(htmls) / html_s,
        "pagetext_time_over_parse_time": pagetext_s / parse_s,
        "html_time_over_parse_time": html_s / html_parse_s,  # issue 15: at most 0.10
        "pagetext_dev_f1": evaluate_folder(SHARED / "eval" / "pagetext-dev").f1,
        "html_dev_f1": evaluate_folder(SHARED / "eval" / "html-dev").f1,
    }
    for name, value in results.items():
        print(f"   {name}: {value:.3f}")
    return results
