"""The whole plover-gsr-dev actor score (slow: runs 152 sentences)."""

from __future__ import annotations

import pytest

from eventwire.eval.actors import evaluate
from tests.conftest import SHARED


@pytest.mark.slow
def test_plover_gsr_dev_actor_country_codes_at_least_90_percent():
    score = evaluate(SHARED / "eval" / "plover-gsr-dev.json")
    assert score.total > 250
    assert score.share >= 0.90, score.misses[:20]
