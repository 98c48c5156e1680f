"""Shared fixtures: one loaded pipeline per test session, paths to ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
SAMPLES = REPO / "samples"
SEED_ARTICLE = SHARED / "seed" / "article.txt"
SEED_EXPECTED = SHARED / "seed" / "expected.yaml"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def clean_pipeline() -> Pipeline:
    return Pipeline(Settings(clean="none"))


@pytest.fixture(scope="session")
def code_sentence(clean_pipeline):
    """One text through the whole pipeline (clean=none), published on `published` (default 2022-01-07)."""
    from eventwire.documents import RawDocument

    def run(text: str, published: str = "2022-01-07"):
        return clean_pipeline.process_batch([RawDocument(content=text, published=published)])[0]
    return run
