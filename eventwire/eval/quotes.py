"""`eventwire eval quotes DIR`: quotes and speakers against PolNeAR-style brat files.

DIR holds `text/*.txt` and `attributions/<stem>_*.ann` (brat standoff: Source,
Cue and Content spans tied by Attribution events). Scoring follows
../shared/eval/README.md: predicted and gold contents are paired one to one,
best overlap first, when they overlap by at least half their union; a pair's
speaker is right when the predicted speaker span overlaps the gold Source (a
gold item without a Source is right once its content matches). Reported over
all attributions and over those with quotation marks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.eval.halves import in_half
from eventwire.records import DocumentRecord

DOUBLE_MARKS = frozenset('"“”«»')
SINGLE_MARKS = frozenset("‘’'")

Range = tuple[int, int]


@dataclass(frozen=True)
class GoldItem:
    content: Range
    source: Range | None
    marked: bool


def is_marked(text: str, start: int, end: int) -> bool:
    """A double mark inside the span or next to it, or a single one at its edges."""
    if DOUBLE_MARKS & set(text[max(start - 1, 0):end + 1]):
        return True
    edges = text[max(start - 1, 0):start + 1] + text[max(end - 1, 0):end + 1]
    return bool(SINGLE_MARKS & set(edges))


def _brat_spans(lines: list[list[str]]) -> dict[str, Range]:
    spans: dict[str, Range] = {}
    for parts in lines:
        if parts[0].startswith("T") and len(parts) >= 2:
            ranges = [tuple(map(int, seg.split())) for seg in parts[1].split(" ", 1)[1].split(";")]
            spans[parts[0]] = (min(r[0] for r in ranges), max(r[1] for r in ranges))
    return spans


def load_gold(folder: Path, half: str | None = None) -> dict[str, tuple[str, list[GoldItem]]]:
    """{text file name: (text, gold attributions)} for every text with an .ann file (the first one);
    of one fixed half (by file stem) when `half` is given."""
    gold: dict[str, tuple[str, list[GoldItem]]] = {}
    for txt in sorted((folder / "text").glob("*.txt")):
        if not in_half(txt.stem, half):
            continue
        anns = sorted((folder / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        lines = [line.split("\t") for line in anns[0].read_text(encoding="utf-8").splitlines()]
        spans = _brat_spans(lines)
        text = txt.read_text(encoding="utf-8")
        items = []
        for parts in lines:
            if parts[0].startswith("E") and len(parts) >= 2:
                roles = dict(arg.split(":", 1) for arg in parts[1].split())
                content = spans.get(roles.get("Content", ""))
                if content is None:
                    continue
                source = spans.get(roles.get("Source", ""))
                items.append(GoldItem(content, source, is_marked(text, *content)))
        gold[txt.name] = (text, items)
    return gold


def _overlap(a: Range, b: Range) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def score(gold: dict[str, tuple[str, list[GoldItem]]], records: dict[str, DocumentRecord],
          only_marked: bool) -> dict[str, object]:
    """Content and speaker-right precision, recall and F1 over all documents."""
    hits = right = n_gold = n_pred = 0
    for name, (text, items) in gold.items():
        golds = [g for g in items if g.marked or not only_marked]
        record = records.get(name)
        preds: list[tuple[Range, Range | None]] = []
        if record is not None and record.text == text:
            for q in record.quotes:
                span = (q.content.start, q.content.end)
                if only_marked and not is_marked(text, *span):
                    continue
                preds.append((span, (q.speaker.start, q.speaker.end) if q.speaker else None))
        n_gold += len(golds)
        n_pred += len(preds)
        pairs = sorted(((_overlap(g.content, p[0]), i, j) for i, g in enumerate(golds) for j, p in enumerate(preds)),
                       reverse=True)
        used_g: set[int] = set()
        used_p: set[int] = set()
        for ov, i, j in pairs:
            if ov < 0.5:
                break
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            hits += 1
            source, speaker = golds[i].source, preds[j][1]
            if source is None or (speaker is not None and min(source[1], speaker[1]) > max(source[0], speaker[0])):
                right += 1
    content = _prf(hits, n_pred, n_gold)
    speaker = _prf(right, n_pred, n_gold)
    return {"gold": n_gold, "pred": n_pred, **content,
            "speaker_p": speaker["p"], "speaker_r": speaker["r"], "speaker_f1": speaker["f1"]}


def run(folder: Path, save: Path | None = None, half: str | None = None) -> dict[str, object]:
    """Run the pipeline over the folder's texts (clean=none; one half of them when given) and score them."""
    from eventwire.pipeline import Pipeline

    gold = load_gold(folder, half)
    pipeline = Pipeline(Settings(clean="none"))
    raws = [RawDocument(content=(folder / "text" / name).read_text(encoding="utf-8"),
                        path=str(folder / "text" / name), format="text") for name in gold]
    pipeline.nlp  # load the model before the clock starts
    began = time.perf_counter()
    records = pipeline.process_batch(raws)
    elapsed = time.perf_counter() - began
    if save is not None:
        save.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
    by_name = {Path(r.source.path or "").name: r for r in records}
    return {"docs": len(gold), "docs_per_second": round(len(gold) / elapsed, 2) if elapsed else 0.0,
            "all": score(gold, by_name, False), "quote_marked": score(gold, by_name, True)}
