"""Events stage cost, as a ratio to the spaCy parse of the same texts (measured in one run).

- code_over_parse: the events stage's time / parse time (target ≤ 0.15);
- plus the plover-gsr-dev scores (type found, top type, triple F1), so a speed change can be weighed against quality.
Texts: the polnear-dev articles in ../shared/eval (read, never copied), with actors resolved first. One process.
"""

from __future__ import annotations

import time
from pathlib import Path

from eventwire.actors import load_kb, resolve_actors
from eventwire.documents import Article
from eventwire.config import Settings
from eventwire.eval.events import evaluate
from eventwire.events import make as make_event_coder
from eventwire.pipeline import Pipeline
from eventwire.records import Source

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _timed(fn):
    began = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - began


def run() -> dict[str, float]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "eval" / "polnear-dev" / "text").glob("*.txt"))]
    nlp = Pipeline(Settings()).nlp
    list(nlp.pipe(texts[:2]))  # warm up
    docs, parse_s = _timed(lambda: list(nlp.pipe(texts, batch_size=32)))
    articles = [Article(doc_id=str(i), source=Source(), text=t, published="2016-11-01") for i, t in enumerate(texts)]
    kb = load_kb()
    analyses = [resolve_actors(a, d, kb) for a, d in zip(articles, docs)]
    code_events = make_event_coder(Settings())  # the lexicon, grammar and tables once, as a process does
    code_events(articles[0], docs[0], None, analyses[0], [])
    events, code_s = _timed(lambda: [code_events(a, d, None, x, []) for a, d, x in zip(articles, docs, analyses)])
    score = evaluate(SHARED / "eval" / "plover-gsr-dev.json")
    results = {
        "texts": float(len(texts)),
        "events": float(sum(len(e) for e in events)),
        "parse_s": parse_s,
        "code_over_parse": code_s / parse_s,
        "gsr_type_found": score.type_recall,
        "gsr_top_type": score.top_accuracy,
        "gsr_triple_f1": score.triple_f1,
    }
    for name, value in results.items():
        print(f"   {name}: {value:.3f}")
    return results


if __name__ == "__main__":
    run()
