"""`eventwire eval police` gives the reference scorer's numbers (../shared/eval/scorers/score_police.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from eventwire.documents import RawDocument
from eventwire.eval.police import MODES, PoliceScore, load, score_story
from tests.conftest import SHARED

POLICE = SHARED / "eval" / "police-dev"


@pytest.mark.skipif(not POLICE.is_dir(), reason="../shared/eval/police-dev is not here")
def test_our_police_scores_equal_the_reference_scorer_on_the_same_records(tmp_path, clean_pipeline):
    docs, sents = load(POLICE, "A")
    docs = docs[:25]
    records = clean_pipeline.process_batch([RawDocument(content=d["text"], id=str(d["id"]), published=d.get("published"))
                                            for d in docs])
    assert sum(len(r.events) for r in records) > 20
    score = PoliceScore()
    for doc, record in zip(docs, records):
        score_story(score, record, sents.get(str(doc["id"]), []))
    folder = tmp_path / "police"
    folder.mkdir()
    ids = {str(d["id"]) for d in docs}
    (folder / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    (folder / "sents.jsonl").write_text("".join(json.dumps(s) + "\n" for i in ids for s in sents.get(i, [])),
                                        encoding="utf-8")
    preds = tmp_path / "preds.jsonl"
    preds.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "scorers" / "score_police.py"), str(folder), str(preds)],
                         capture_output=True, text=True, check=True)
    reference = json.loads(out.stdout)
    for mode in MODES:
        assert round(score.macro_f1(mode), 3) == pytest.approx(reference[mode]["macro_f1"], abs=0.0015), mode
        for question in ("KILL", "ARREST", "FORCE", "ANY_ACTION"):
            assert round(score.prf(mode, question)[2], 3) == pytest.approx(reference[mode][question]["f1"], abs=0.0015)
