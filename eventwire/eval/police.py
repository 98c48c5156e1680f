"""IndiaPoliceEvents (Times of India, 2002): did police kill, arrest, use force, do anything?

`eventwire eval police DIR` — DIR holds `docs.jsonl` {id, text, published} and
`sents.jsonl` {doc_id, sent_id, sent_text, sent_labels}. Each story is run
with clean=none and its own publication date; item id = the story id. A
sentence is predicted positive for a question when a non-negated event whose
trigger starts inside it has a police source (sector COP) and: KILL = ASSAULT;
ARREST = CAMEO 173 or a COERCE mode naming arrest/detain; FORCE = ASSAULT or
CAMEO 175; ANY_ACTION = any event. `lenient` also accepts events with no
source. Precision, recall and F1 per question over sentences, and their
macro average, as ../shared/eval/scorers/score_police.py computes them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.eval.halves import in_half
from eventwire.records import DocumentRecord, Event

QUESTIONS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
MODES = ("strict", "lenient")


@dataclass
class PoliceScore:
    """Per mode and question: (gold, predicted) counts over sentences."""

    counts: dict[str, Counter] = field(default_factory=lambda: {m: Counter() for m in MODES})
    sentences: int = 0

    def add(self, mode: str, gold: set[str], predicted: set[str]) -> None:
        for q in QUESTIONS:
            self.counts[mode][(q, q in gold, q in predicted)] += 1

    def prf(self, mode: str, question: str) -> tuple[float, float, float]:
        c = self.counts[mode]
        tp, fp, fn = c[(question, True, True)], c[(question, False, True)], c[(question, True, False)]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def macro_f1(self, mode: str) -> float:
        return sum(self.prf(mode, q)[2] for q in QUESTIONS) / len(QUESTIONS)


def event_kinds(event: Event) -> set[str]:
    """The questions an event answers yes to (given a police source)."""
    kinds = {"ANY_ACTION"}
    mode = (event.plover.mode or "").lower() if event.plover else ""
    code = event.cameo.code if event.cameo else ""
    plover_type = event.plover.type if event.plover else None
    if plover_type == "ASSAULT":
        kinds |= {"KILL", "FORCE"}
    if code.startswith("173") or (plover_type == "COERCE" and ("arrest" in mode or "detain" in mode)):
        kinds.add("ARREST")
    if plover_type == "COERCE" and code.startswith("175"):
        kinds.add("FORCE")
    return kinds


def police_source(event: Event, lenient: bool) -> bool:
    source = event.source
    if source is None:
        return lenient
    return (source.sector or "") == "COP" or (source.code or "").endswith("COP")


def sentence_ranges(text: str, sentences: list[dict]) -> list[tuple[int, int] | None]:
    """Where each labelled sentence sits in its story, searched in order (as the reference scorer does)."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for s in sentences:
        t = s["sent_text"].strip()
        i = text.find(t, pos) if t else -1
        if i < 0:
            i = text.find(t) if t else -1
        out.append((i, i + len(t)) if i >= 0 else None)
        if i >= 0:
            pos = i + len(t)
    return out


def score_story(score: PoliceScore, record: DocumentRecord, sentences: list[dict]) -> None:
    for s, rg in zip(sentences, sentence_ranges(record.text, sentences)):
        score.sentences += 1
        predicted: dict[str, set[str]] = {m: set() for m in MODES}
        if rg is not None:
            for event in record.events:
                if event.modality.negated or not rg[0] <= event.trigger.start < rg[1]:
                    continue
                for mode in MODES:
                    if police_source(event, mode == "lenient"):
                        predicted[mode] |= event_kinds(event)
        for mode in MODES:
            score.add(mode, set(s["sent_labels"]), predicted[mode])


def load(folder: Path, half: str | None = None) -> tuple[list[dict], dict[str, list[dict]]]:
    docs = [json.loads(line) for line in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [d for d in docs if in_half(d["id"], half)]
    sents: dict[str, list[dict]] = {}
    for line in (folder / "sents.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            sents.setdefault(str(row["doc_id"]), []).append(row)
    return docs, sents


def evaluate_police(folder: Path, half: str | None = None) -> PoliceScore:
    from eventwire.pipeline import Pipeline

    docs, sents = load(folder, half)
    pipeline = Pipeline(Settings(clean="none"))
    raws = [RawDocument(content=d["text"], id=str(d["id"]), published=d.get("published")) for d in docs]
    score = PoliceScore()
    for doc, record in zip(docs, pipeline.process_batch(raws)):
        score_story(score, record, sents.get(str(doc["id"]), []))
    return score
