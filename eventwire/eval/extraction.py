"""Score main-text extraction on a folder like ../shared/eval/html-dev or pagetext-dev.

The method is the article-extraction benchmark's (../shared/eval/README.md):
tokens are `\\w+` runs, each text is a multiset of 4-token shingles, precision
and recall are computed per page and averaged (a page with empty output counts
for recall only), and F1 is their harmonic mean.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.article import RawDocument
from eventwire.config import Settings
from eventwire.extract import extract_article

_TOKEN = re.compile(r"\w+")


@dataclass
class ExtractionScore:
    f1: float
    precision: float
    recall: float
    pages: int
    pages_per_second: float
    predictions: dict[str, str] = field(default_factory=dict)
    per_page: dict[str, tuple[float, float]] = field(default_factory=dict)  # id -> (precision, recall)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of n-token shingles of a text (one shorter shingle for texts under n tokens)."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(max(len(tokens) - n + 1, 1)))


def page_scores(gold: str, predicted: str) -> tuple[float | None, float]:
    """(precision or None when the output is empty, recall) of one page."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    precision = (tp / (tp + fp) if tp + fp else 0.0) if predicted.strip() else None
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def score_predictions(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float, dict[str, tuple[float, float]]]:
    """(f1, precision, recall, per-page scores) of predictions against gold bodies, keyed by page id."""
    precisions: list[float] = []
    recalls: list[float] = []
    per_page: dict[str, tuple[float, float]] = {}
    for key, body in gold.items():
        precision, recall = page_scores(body, predicted.get(key, ""))
        if precision is not None:
            precisions.append(precision)
        recalls.append(recall)
        per_page[key] = (precision if precision is not None else 0.0, recall)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, p, r, per_page


def _page_files(folder: Path) -> dict[str, Path]:
    """Page id -> input file, for html/<id>.html[.gz] or text/<id>.txt layouts."""
    files: dict[str, Path] = {}
    for path in sorted(folder.glob("html/*.html.gz")) + sorted(folder.glob("html/*.html")):
        files[path.name.split(".html")[0]] = path
    for path in sorted(folder.glob("text/*.txt")):
        files[path.stem] = path
    return files


def _read(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


def evaluate_folder(folder: Path, settings: Settings | None = None) -> ExtractionScore:
    """Run extraction on every page of `folder` and score it against its ground-truth.json."""
    settings = settings or Settings()
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    gold = {key: rec.get("articleBody") or "" for key, rec in truth.items()}
    files = _page_files(folder)
    missing = sorted(set(gold) - set(files))
    if missing:
        raise FileNotFoundError(f"{len(missing)} pages of ground-truth.json have no input file, e.g. {missing[0]}")
    contents = {key: _read(files[key]) for key in gold}
    predicted: dict[str, str] = {}
    started = time.perf_counter()
    for key, content in contents.items():
        fmt = "html" if ".html" in files[key].name else None
        article = extract_article(RawDocument(content=content, path=str(files[key]), url=truth[key].get("url"),
                                              format=fmt), settings)
        predicted[key] = article.text
    elapsed = time.perf_counter() - started
    f1, p, r, per_page = score_predictions(gold, predicted)
    return ExtractionScore(f1=f1, precision=p, recall=r, pages=len(gold),
                           pages_per_second=len(gold) / elapsed if elapsed else float("inf"),
                           predictions=predicted, per_page=per_page)


def save_predictions(score: ExtractionScore, path: Path) -> None:
    """Predictions as {id: {"articleBody": text}}, the reference scorer's input."""
    data = {key: {"articleBody": text} for key, text in score.predictions.items()}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
