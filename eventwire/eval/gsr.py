"""The PLOVER gold-standard sentence file (plover-gsr-dev.json), shared by the
actors and events scorers: reading it, running its sentences, and the
three-letter codes both compare."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.eval.halves import in_half
from eventwire.pipeline import Pipeline
from eventwire.records import DocumentRecord

TRANSNATIONAL = ("IGO", "NGO", "MNC", "NGM")
OLD_CODES = {"JAP": "JPN"}  # pre-ISO codes the gold still uses


def gold_sentences(path: Path, half: str | None = None) -> list[dict]:
    """Every gold record but the DOCUMENT notes (of one fixed half, when `half` is given)."""
    return [g for g in json.loads(path.read_text(encoding="utf-8"))
            if g.get("event") != "DOCUMENT" and in_half(g["id"], half)]


def run_sentences(gold: list[dict], settings: Settings) -> list[DocumentRecord]:
    """Each sentence as its own document, clean=none, published on its gold date."""
    raws = [RawDocument(content=g["text"], id=g["id"], published=g.get("date")) for g in gold]
    return Pipeline(settings).process_batch(raws)


def gold_code(code: str | None) -> str:
    """The gold actor code as compared: its first three letters."""
    c = (code or "")[:3].upper()
    return OLD_CODES.get(c, c)


def produced_code(code: str | None, country: str | None) -> str | None:
    """The three-letter code of a produced actor: IGO/NGO as coded, else its country."""
    code = (code or "").upper()
    if code[:3] in TRANSNATIONAL:
        return code[:3]
    if country:
        return OLD_CODES.get(country.upper(), country.upper())
    return code[:3] or None
