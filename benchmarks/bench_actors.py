"""Actors stage cost, as ratios to the spaCy parse of the same texts (measured in one run).

- ruler_overhead: parse time with the knowledge-base entity ruler / without it - 1;
- resolve_over_parse: resolve_actors time (KB matching, resolution, coreference) / parse time;
- plus the plover-gsr-dev actor score, so a speed change can be weighed against quality.
Texts: the polnear-dev articles in ../shared/eval (read, never copied). One process.
"""

from __future__ import annotations

import time
from pathlib import Path

import spacy

from eventwire.actors import add_kb_ruler, load_kb, resolve_actors
from eventwire.documents import Article
from eventwire.config import Settings
from eventwire.eval.actors import evaluate
from eventwire.records import Source

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _timed(fn):
    began = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - began


def run() -> dict[str, float]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "eval" / "polnear-dev" / "text").glob("*.txt"))]
    model = Settings().model
    kb = load_kb()
    plain = spacy.load(model)
    ruled = add_kb_ruler(spacy.load(model), kb)
    list(plain.pipe(texts[:2])), list(ruled.pipe(texts[:2]))  # warm up
    plain_s = ruled_s = float("inf")
    for _ in range(2):  # interleaved, best of two: the machine is shared
        plain_s = min(plain_s, _timed(lambda: list(plain.pipe(texts, batch_size=32)))[1])
        docs, seconds = _timed(lambda: list(ruled.pipe(texts, batch_size=32)))
        ruled_s = min(ruled_s, seconds)
    articles = [Article(doc_id=str(i), source=Source(), text=t, published="2016-11-01") for i, t in enumerate(texts)]
    resolve_actors(articles[0], docs[0], kb)  # build the matchers once, as a process does
    _, resolve_s = _timed(lambda: [resolve_actors(a, d, kb) for a, d in zip(articles, docs)])
    score = evaluate(SHARED / "eval" / "plover-gsr-dev.json")
    results = {
        "texts": float(len(texts)),
        "parse_s": plain_s,
        "ruler_overhead": ruled_s / plain_s - 1,
        "resolve_over_parse": resolve_s / ruled_s,
        "plover_gsr_dev_actor_code_share": score.share,
    }
    for name, value in results.items():
        print(f"   {name}: {value:.3f}")
    return results


if __name__ == "__main__":
    run()
