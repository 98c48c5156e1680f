"""`eventwire eval actors FILE`: actor country codes on PLOVER gold-standard sentences.

Format: ../shared/eval/plover-gsr-dev.json (a JSON list; each record has
`id`, `text`, `date` and `source`/`target` lists of {actorText, code}).
Method (../shared/eval/README.md): each sentence is run with clean=none and
published=its date; a gold actor is right when some entity whose text is
inside the gold `actorText` (or contains it) resolves to an actor of the
gold country code — the first three letters of the gold code, IGO and NGO
as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventwire.config import Settings
from eventwire.eval.gsr import gold_code, gold_sentences, produced_code, run_sentences
from eventwire.records import Actor, DocumentRecord


@dataclass
class ActorScore:
    right: int = 0
    total: int = 0
    misses: list[dict[str, str]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def predicted_code(actor: Actor | None) -> str | None:
    """The three-letter code of a produced actor: IGO/NGO as coded, else its country."""
    if actor is None:
        return None
    return produced_code(actor.code, actor.country)


def actor_right(record: DocumentRecord, actor_text: str, code: str) -> tuple[bool, list[str]]:
    """Whether an entity over `actor_text` resolves to `code`; also what the overlapping entities gave."""
    actors = {a.id: a for a in record.actors}
    text = actor_text.lower()
    seen = []
    for entity in record.entities:
        et = entity.text.lower()
        if et and (et in text or text in et):
            got = predicted_code(actors.get(entity.actor_id or ""))
            seen.append(f"{entity.text}={got}")
            if got == code:
                return True, seen
    return False, seen


def evaluate(path: Path, kb_files: tuple[Path, ...] = (), half: str | None = None) -> ActorScore:
    """Score every gold source and target actor of the file (or of one half)."""
    gold = gold_sentences(path, half)
    score = ActorScore()
    for g, record in zip(gold, run_sentences(gold, Settings(clean="none", kb_files=kb_files))):
        for side in ("source", "target"):
            for actor in g.get(side) if isinstance(g.get(side), list) else []:
                code, text = gold_code(actor.get("code")), actor.get("actorText") or ""
                if not code or not text:
                    continue
                ok, seen = actor_right(record, text, code)
                score.total += 1
                score.right += ok
                if not ok:
                    score.misses.append({"id": g["id"], "actorText": text, "gold": code, "got": "; ".join(seen)})
    return score
