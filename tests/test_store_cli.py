"""The database commands as a user runs them: stats tables readable when piped, dedup --rebuild."""

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store.ingest import store_records
from tests.store_records import make_record, with_modality

runner = CliRunner()


def test_stats_piped_prints_each_quote_and_title_on_few_lines(tmp_path):
    db = tmp_path / "ew.duckdb"
    store_records([make_record("a1", day="2022-01-07"), make_record("b1", outlet="B", day="2022-01-08")], db)
    result = runner.invoke(app, ["stats", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) > 100  # not squeezed into 80 columns
    quote_row = next(line for line in lines if "We support them" in line)
    assert "China" in quote_row and ("Story a1" in quote_row or "Story b1" in quote_row)
    event_row = next(line for line in lines if "SUPPORT" in line and "CHNGOV" not in line and "backed" in line)
    assert "Kazakhstan" in event_row and "2022-01-07" in event_row


def test_dedup_rebuild_with_another_window(tmp_path):
    db = tmp_path / "ew.duckdb"
    store_records([make_record("a", day="2022-01-01"), make_record("b", day="2022-01-05")], db)
    result = runner.invoke(app, ["dedup", "--db", str(db)])
    assert result.exit_code == 0 and "2 event clusters (window 2 days)" in result.output
    result = runner.invoke(app, ["dedup", "--db", str(db), "--rebuild", "--window", "7"])
    assert result.exit_code == 0 and "1 event clusters (window 7 days)" in result.output
    store_records([make_record("c", day="2022-01-06")], db)  # later ingests keep the database's window
    result = runner.invoke(app, ["query", "SELECT num_articles FROM clusters", "--db", str(db)])
    assert result.exit_code == 0 and "3" in result.output


def test_stats_top_events_leave_out_denied_events_and_export_modality_is_checked(tmp_path):
    from eventwire.store.stats import stats_tables
    from eventwire.store.schema import connect

    db = tmp_path / "ew.duckdb"
    store_records([make_record("a1"), with_modality(make_record("no", plover="AID", cameo="070"), negated=True)], db)
    con = connect(db, read_only=True)
    top = next(t for t in stats_tables(con) if str(t.title).startswith("top events"))
    con.close()
    assert "negated and hypothetical events left out" in str(top.title)
    assert list(top.columns[0].cells) == ["SUPPORT"]
    result = runner.invoke(app, ["export", "--db", str(db), "--modality", "some"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["export", "--db", str(db), "--modality", "all", "-f", "csv"])
    assert result.exit_code == 0 and "AID" in result.output
