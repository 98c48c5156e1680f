"""Articles not in English are kept as text, flagged with their language, and never coded as English events."""

from __future__ import annotations

import csv
import json

import pytest

from eventwire.documents import RawDocument
from eventwire.extract.language import detect_language
from tests.conftest import SHARED

# Written for these tests (wire style, no published article).
GERMAN = ("Die Regierung in Berlin hat am Montag neue Sanktionen gegen Russland beschlossen. Der Außenminister "
          "sagte, man werde die Botschafter einbestellen, und die Polizei nahm in Hamburg zwölf Demonstranten fest.")
CHINESE = "中国外交部周一表示，将对美国实施制裁。警方在北京逮捕了十二名抗议者，外交部长批评了华盛顿的决定。"
ARABIC = "قال وزير الخارجية إن الحكومة سترد على العقوبات، واعتقلت الشرطة اثني عشر متظاهرا في القاهرة يوم الاثنين."
ENGLISH = "Police arrested twelve protesters in Cairo on Monday, and the foreign minister condemned the sanctions."


@pytest.mark.parametrize("text, code", [(GERMAN, "de"), (CHINESE, "zh"), (ARABIC, "ar"), (ENGLISH, "en"),
                                        ("Scores dead in Kabul blast on Friday.", "en"), ("", "en"),
                                        ("Moscow (Москва) said no.", "en")])
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("clean", ["auto", "none"])
def test_other_languages_are_kept_not_coded(pipeline, clean_pipeline, clean: str) -> None:
    run = pipeline if clean == "auto" else clean_pipeline
    raws = [RawDocument(content=text, path=f"{name}.txt") for name, text in
            (("de", GERMAN), ("zh", CHINESE), ("ar", ARABIC), ("en", ENGLISH))]
    records = {record.source.path: record for record in run.process(raws)}
    for code, text in (("de", GERMAN), ("zh", CHINESE), ("ar", ARABIC)):
        record = records[f"{code}.txt"]
        assert record.language == code and record.text == text
        assert not record.events and not record.actors and not record.quotes and not record.entities
        assert not record.errors
    english = records["en.txt"]
    assert english.language == "en" and english.events


def test_no_english_text_in_the_shared_sets_is_flagged() -> None:
    """Every eval set and the corpus are English: a detector that flags any of them would lose real events."""
    texts = [json.loads(line)["text"] for line in (SHARED / "eval" / "evloc-dev.jsonl").open(encoding="utf-8")]
    texts += [json.loads(line)["text"] for line in (SHARED / "eval" / "police-dev" / "docs.jsonl").open(encoding="utf-8")]
    texts += [json.loads(line)["text"] for line in (SHARED / "corpus" / "insightcrime.jsonl").open(encoding="utf-8")]
    with (SHARED / "eval" / "quad-dev.tsv").open(encoding="utf-8", newline="") as handle:
        texts += [row[0] for row in csv.reader(handle, delimiter="\t") if row]
    texts += [path.read_text(encoding="utf-8", errors="replace")
              for path in sorted((SHARED / "eval" / "polnear-train" / "text").iterdir())]
    assert len(texts) > 6000
    flagged = [(detect_language(text), text[:80]) for text in texts if detect_language(text) != "en"]
    assert flagged == []


def test_stats_and_the_database_show_the_language(tmp_path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    db = tmp_path / "ew.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "not English (stored as text, not analysed)" in result.output
    result = runner.invoke(app, ["stats", "--db", str(db)])
    assert result.exit_code == 0 and "languages" in result.output
    result = runner.invoke(app, ["query", "SELECT language, n_events FROM documents ORDER BY language", "--db", str(db)])
    assert "de" in result.output and "en" in result.output
