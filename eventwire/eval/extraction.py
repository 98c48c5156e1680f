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
from html import escape as html_escape
from pathlib import Path

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.eval.halves import HALVES, in_half
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
    how: dict[str, str] = field(default_factory=dict)  # id -> which candidate became the body


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


@dataclass
class Folder:
    """A benchmark folder read once: gold bodies, URLs and raw inputs, keyed by page id."""

    gold: dict[str, str]
    urls: dict[str, str | None]
    contents: dict[str, bytes]
    files: dict[str, Path]

    def only(self, half: str | None) -> "Folder":
        keys = [key for key in self.gold if in_half(key, half)]
        return Folder({k: self.gold[k] for k in keys}, {k: self.urls[k] for k in keys},
                      {k: self.contents[k] for k in keys}, {k: self.files[k] for k in keys})


def read_folder(folder: Path) -> Folder:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    gold = {key: rec.get("articleBody") or "" for key, rec in truth.items()}
    files = _page_files(folder)
    missing = sorted(set(gold) - set(files))
    if missing:
        raise FileNotFoundError(f"{len(missing)} pages of ground-truth.json have no input file, e.g. {missing[0]}")
    return Folder(gold, {key: truth[key].get("url") for key in gold}, {key: _read(files[key]) for key in gold},
                  {key: files[key] for key in gold})


def _scored(pages: Folder, predicted: dict[str, str], elapsed: float, how: dict[str, str]) -> ExtractionScore:
    f1, p, r, per_page = score_predictions(pages.gold, predicted)
    return ExtractionScore(f1=f1, precision=p, recall=r, pages=len(pages.gold),
                           pages_per_second=len(pages.gold) / elapsed if elapsed else float("inf"),
                           predictions=predicted, per_page=per_page, how=how)


def evaluate_pages(pages: Folder, settings: Settings | None = None) -> ExtractionScore:
    """eventwire's extraction of every page, scored against the gold bodies."""
    settings = settings or Settings()
    predicted: dict[str, str] = {}
    how: dict[str, str] = {}
    started = time.perf_counter()
    for key, content in pages.contents.items():
        fmt = "html" if ".html" in pages.files[key].name else None
        article = extract_article(RawDocument(content=content, path=str(pages.files[key]), url=pages.urls[key],
                                              format=fmt), settings)
        predicted[key] = article.text
        how[key] = article.extraction or "failed"
    return _scored(pages, predicted, time.perf_counter() - started, how)


def evaluate_folder(folder: Path, settings: Settings | None = None, half: str | None = None) -> ExtractionScore:
    """Run extraction on every page of `folder` (or of one half) and score it against its ground-truth.json."""
    return evaluate_pages(read_folder(folder).only(half), settings)


def evaluate_trafilatura(pages: Folder) -> ExtractionScore:
    """The baseline: plain `trafilatura.extract` on each page, as a user of the library would call it.

    HTML pages go in as they are; page text goes in with each line as a paragraph
    (the way ../shared/eval/README.md measured trafilatura on pagetext-dev).
    """
    import trafilatura

    predicted: dict[str, str] = {}
    started = time.perf_counter()
    for key, content in pages.contents.items():
        if ".html" in pages.files[key].name:
            page = content.decode("utf-8", errors="replace")
        else:
            lines = content.decode("utf-8", errors="replace").splitlines()
            page = "<html><body>" + "".join(f"<p>{html_escape(line)}</p>" for line in lines if line.strip()) + \
                "</body></html>"
        predicted[key] = trafilatura.extract(page, url=pages.urls[key]) or ""
    return _scored(pages, predicted, time.perf_counter() - started, {key: "trafilatura" for key in predicted})


def page_f1(score: ExtractionScore, key: str) -> float:
    precision, recall = score.per_page[key]
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def save_predictions(score: ExtractionScore, path: Path) -> None:
    """Predictions as {id: {"articleBody": text}}, the reference scorer's input."""
    data = {key: {"articleBody": text} for key, text in score.predictions.items()}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


@dataclass
class BaselineRow:
    half: str  # "all", "A" or "B"
    ours: ExtractionScore
    trafilatura: ExtractionScore

    @property
    def pages_far_below(self) -> list[str]:
        """Pages where eventwire's F1 is more than 0.05 below trafilatura's own output."""
        return [key for key in self.ours.per_page
                if page_f1(self.ours, key) < page_f1(self.trafilatura, key) - FAR_BELOW]


FAR_BELOW = 0.05


def compare_with_trafilatura(folder: Path, settings: Settings | None = None,
                             half: str | None = None) -> list[BaselineRow]:
    """eventwire and plain trafilatura on the same pages: the whole folder and each half (or one half)."""
    pages = read_folder(folder)
    ours, theirs = evaluate_pages(pages.only(half), settings), evaluate_trafilatura(pages.only(half))
    rows = [BaselineRow(half or "all", ours, theirs)]
    if half is None:
        for name in HALVES:
            keys = pages.only(name).gold
            rows.append(BaselineRow(name, _subset(ours, pages, keys), _subset(theirs, pages, keys)))
    return rows


def _subset(score: ExtractionScore, pages: Folder, keys: dict[str, str]) -> ExtractionScore:
    predicted = {key: score.predictions[key] for key in keys}
    f1, p, r, per_page = score_predictions(keys, predicted)
    return ExtractionScore(f1=f1, precision=p, recall=r, pages=len(keys), pages_per_second=score.pages_per_second,
                           predictions=predicted, per_page=per_page, how={k: score.how[k] for k in keys})
