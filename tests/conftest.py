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
