"""Quote extraction time against the spaCy parse time on the same texts.

Uses the polnear-dev texts from ../shared/eval (read there, never copied). The
actors stage's output is not needed to find quotes, so an empty ActorAnalysis
keeps the measurement to this stage alone.
"""

from __future__ import annotations

import time
from pathlib import Path

from eventwire.actors.analysis import ActorAnalysis
from eventwire.article import Article
from eventwire.nlp import load_model
from eventwire.config import Settings
from eventwire.quotes import find_quotes
from eventwire.records import Source

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def run() -> dict[str, float]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "eval" / "polnear-dev" / "text").glob("*.txt"))]
    nlp = load_model(Settings().model)
    began = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.perf_counter() - began
    empty = ActorAnalysis()
    began = time.perf_counter()
    n = 0
    for text, doc in zip(texts, docs):
        article = Article(doc_id="bench", source=Source(), text=text)
        n += len(find_quotes(article, doc, empty))
    quotes = time.perf_counter() - began
    result = {"docs": float(len(texts)), "quotes": float(n), "parse_s": round(parse, 3), "quotes_s": round(quotes, 3),
              "quotes_vs_parse": round(quotes / parse, 4)}
    print(f"   parse {parse:.2f} s, quotes {quotes:.3f} s: quotes add {100 * quotes / parse:.1f}% to the parse "
          f"({len(texts)} docs, {n} quotes)")
    return result


if __name__ == "__main__":
    run()
