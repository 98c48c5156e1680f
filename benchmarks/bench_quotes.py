"""Quote extraction time against the spaCy parse time on the same texts, and its growth.

Uses the polnear-dev texts from ../shared/eval (read there, never copied). The
actors stage's output is not needed to find quotes, so an empty ActorAnalysis
keeps the measurement to this stage alone.

The scaling part times quote finding on 5,000, 10,000 and 20,000 quotation
pairs ('He said "this is word number k." ', one paragraph), in documents built
by repeating one parsed sentence (parsing 540 KB would take the time, not quote
finding), and the peak memory tracemalloc sees for 10,000 pairs.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
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
    result.update(scaling(nlp))
    return result


def many_quotes(nlp: Language, n: int) -> Doc:
    """A Doc of n copies of one parsed quotation sentence, in one paragraph."""
    template = nlp('He said "this is word number 0." ')
    words, spaces, tags, pos, lemmas, deps, heads, starts = [], [], [], [], [], [], [], []
    for k in range(n):
        offset = len(words)
        for tok in template:
            number = tok.text == "0"
            words.append(str(k) if number else tok.text)
            lemmas.append(str(k) if number else tok.lemma_)
            spaces.append(bool(tok.whitespace_))
            tags.append(tok.tag_)
            pos.append(tok.pos_)
            deps.append(tok.dep_)
            heads.append(tok.head.i + offset)
            starts.append(tok.i == 0 or bool(tok.is_sent_start))
    return Doc(template.vocab, words=words, spaces=spaces, tags=tags, pos=pos, lemmas=lemmas, deps=deps, heads=heads,
               sent_starts=starts)


def scaling(nlp: Language) -> dict[str, float]:
    """Seconds of quote finding at 5k, 10k and 20k quotation pairs, and the peak MB at 10k."""
    empty = ActorAnalysis()
    result: dict[str, float] = {}
    for n in (5000, 10000, 20000):
        doc = many_quotes(nlp, n)
        article = Article(doc_id="bench", source=Source(), text=doc.text)
        began = time.perf_counter()
        found = len(find_quotes(article, doc, empty))
        result[f"pairs_{n}_s"] = round(time.perf_counter() - began, 3)
        print(f"   {n} quotation pairs ({len(doc.text) / 1e3:.0f} KB): {result[f'pairs_{n}_s']:.2f} s, {found} quotes")
    doc = many_quotes(nlp, 10000)
    tracemalloc.start()
    try:
        find_quotes(Article(doc_id="bench", source=Source(), text=doc.text), doc, empty)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    result["pairs_10000_peak_mb"] = round(peak / 1e6, 1)
    print(f"   peak memory of quote finding at 10000 pairs: {peak / 1e6:.1f} MB (tracemalloc)")
    return result


if __name__ == "__main__":
    run()
