"""The README's demo and seed numbers are those of a fresh run (tools/readme_numbers.py wrote them)."""

from __future__ import annotations

import subprocess
import sys

from eventwire.jobs import ingest_local
from tests.conftest import REPO, SAMPLES


def test_readme_numbers_match_a_fresh_ingest_of_the_samples(tmp_path, pipeline):
    db = tmp_path / "demo.duckdb"
    report = ingest_local([str(SAMPLES)], db, pipeline=pipeline)
    assert report.documents > 20
    check = subprocess.run([sys.executable, str(REPO / "tools" / "readme_numbers.py"), "--check", "--db", str(db)],
                           capture_output=True, text=True, timeout=600)
    assert check.returncode == 0, check.stderr + "\n(refresh them: .venv/bin/python tools/readme_numbers.py after make demo)"
