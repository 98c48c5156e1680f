"""The PolNeAR scorer of `eventwire eval quotes`, on a tiny made-up folder, and the dev set (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval.quotes import load_gold, run, score
from eventwire.records import DocumentRecord, PipelineInfo, Quote, Span, Speaker
from tests.conftest import SHARED

TEXT = '"We will win," Smith said. Jones said taxes would rise.\n'


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT)
    (tmp_path / "attributions" / "a_x.ann").write_text(
        "T1\tContent 0 14\t\"We will win,\"\nT2\tSource 15 20\tSmith\nT3\tCue 21 25\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Source:T2 Cue:T3\n"
        "T4\tSource 27 32\tJones\nT5\tCue 33 37\tsaid\nT6\tContent 38 55\ttaxes would rise.\n"
        "E2\tAttribution:T5 Content:T6 Source:T4 Cue:T5\n")
    return tmp_path


def _record(quotes: list[Quote]) -> DocumentRecord:
    return DocumentRecord(doc_id="a", source={"path": "a.txt"}, text=TEXT, quotes=quotes,
                          pipeline=PipelineInfo(version="t", model="t"))


def _q(i: int, start: int, end: int, sp: tuple[int, int] | None) -> Quote:
    speaker = Speaker(text=TEXT[sp[0]:sp[1]], start=sp[0], end=sp[1]) if sp else None
    return Quote(id=f"q{i}", kind="direct", content=Span(text=TEXT[start:end], start=start, end=end), speaker=speaker)


def test_scoring_counts_content_and_speaker_separately(tmp_path):
    gold = load_gold(_folder(tmp_path))
    assert [g.marked for g in gold["a.txt"][1]] == [True, False]
    preds = {"a.txt": _record([_q(1, 0, 14, (38, 43)), _q(2, 38, 52, (27, 32)), _q(3, 0, 3, None)])}
    all_ = score(gold, preds, only_marked=False)
    assert (all_["gold"], all_["pred"]) == (2, 3)
    assert all_["r"] == 1.0 and all_["p"] == 0.667
    assert all_["speaker_r"] == 0.5  # the first speaker span misses Smith
    marked = score(gold, preds, only_marked=True)
    assert (marked["gold"], marked["pred"]) == (1, 2)  # a quotation mark at the edge counts as marked


@pytest.mark.slow
def test_polnear_dev_targets():
    result = run(SHARED / "eval" / "polnear-dev")
    marked, all_ = result["quote_marked"], result["all"]
    assert marked["f1"] >= 0.80 and marked["speaker_f1"] >= 0.70  # the targets of issue 5
    assert all_["f1"] >= 0.60 and all_["speaker_f1"] >= 0.55
