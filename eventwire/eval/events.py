"""`eventwire eval events FILE`: PLOVER event coding on gold-standard sentences.

Format: ../shared/eval/plover-gsr-dev.json (a JSON list; each record has `id`,
`text`, `date`, `event` (a PLOVER type, possibly an old name) and `source` /
`target` lists of {actorText, code}). DOCUMENT records are skipped.
Method (../shared/eval/README.md): each sentence is run with clean=none and
published=its date; negated events do not count. A sentence's gold type is
found when some event has it; the top event is the one of highest confidence;
a triple is found when an event of the gold type has a source country in the
gold sources and (when the gold has targets) a target country in the gold
targets; precision is the share of all predicted events that match so.
Country codes: the first three letters of the actor code, IGO/NGO as they are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.config import Settings
from eventwire.eval.gsr import gold_code, gold_sentences, produced_code, run_sentences
from eventwire.events.tables import load_tables
from eventwire.records import DocumentRecord, EventActor


@dataclass
class EventScore:
    sentences: int = 0
    type_found: int = 0
    top_right: int = 0
    triple_found: int = 0
    predicted: int = 0
    predicted_right: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold, top predicted) pairs
    misses: list[str] = field(default_factory=list)

    @property
    def type_recall(self) -> float:
        return self.type_found / self.sentences if self.sentences else 0.0

    @property
    def top_accuracy(self) -> float:
        return self.top_right / self.sentences if self.sentences else 0.0

    @property
    def triple_recall(self) -> float:
        return self.triple_found / self.sentences if self.sentences else 0.0

    @property
    def triple_precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 0.0

    @property
    def triple_f1(self) -> float:
        p, r = self.triple_precision, self.triple_recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_codes(side: object) -> set[str]:
    if not isinstance(side, list):
        return set()
    return {gold_code(a.get("code")) for a in side if isinstance(a, dict) and a.get("code")}


def event_code(actor: EventActor | None) -> str | None:
    """Three-letter code of an event's actor: IGO/NGO as coded, else its country."""
    if actor is None:
        return None
    return produced_code(actor.code, actor.country)


def score_sentence(score: EventScore, gold: dict, record: DocumentRecord) -> None:
    tables = load_tables()
    want = tables.plover_name(gold["event"])
    sources, targets = gold_codes(gold.get("source")), gold_codes(gold.get("target"))
    events = [e for e in record.events if not e.modality.negated]
    types = [e.plover.type for e in events]
    score.sentences += 1
    score.type_found += want in types
    top = max(events, key=lambda e: e.confidence, default=None)
    score.top_right += top is not None and top.plover.type == want
    score.confusion[(want, top.plover.type if top else "-")] += 1
    hit = False
    for event in events:
        ok = event.plover.type == want and event_code(event.source) in sources and \
            (not targets or event_code(event.target) in targets)
        score.predicted += 1
        score.predicted_right += ok
        hit = hit or ok
    score.triple_found += hit
    if not hit:
        got = ", ".join(f"{e.plover.type}({event_code(e.source)}->{event_code(e.target)}:{e.trigger.text})" for e in events)
        score.misses.append(f"{gold['id']}  gold {want}({'/'.join(sorted(sources))}->{'/'.join(sorted(targets)) or '*'})"
                            f"  got {got or '-'}")


def evaluate(path: Path, lexicon_files: tuple[Path, ...] = (), output: Path | None = None,
             half: str | None = None) -> EventScore:
    """Run every gold sentence (of one half, when given) through the whole pipeline and score its events."""
    gold = gold_sentences(path, half)
    score = EventScore()
    records = run_sentences(gold, Settings(clean="none", lexicon_files=lexicon_files))
    for g, record in zip(gold, records):
        score_sentence(score, g, record)
    if output:
        output.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
    return score
