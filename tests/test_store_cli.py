"""The database commands as a user runs them: stats tables readable when piped, dedup --rebuild."""

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store.writer import store_records
from tests.fixtures.records import make_record, with_modality

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


def _three_stories(tmp_path):
    db = tmp_path / "ew.duckdb"
    store_records([make_record("a1", day="2022-01-07"),
                   make_record("k1", plover="PROTEST", cameo="141", source="KENOPP", target="KENGOV",
                               day="2022-03-02", place=("Nairobi", "KEN", "city")),
                   make_record("u1", plover="AID", cameo="070", source="USAGOV", target="UKRGOV", day="2022-05-01",
                               place=None)], db)
    return db


def test_query_formats_for_scripts_and_the_truncation_line(tmp_path):
    import csv
    import io
    import json

    db = _three_stories(tmp_path)
    sql = "SELECT doc_id, plover_type, plover_context, day FROM events ORDER BY doc_id"
    piped = runner.invoke(app, ["query", sql, "--db", str(db)])  # not a terminal: CSV, every row
    assert piped.exit_code == 0 and "showing" not in piped.output
    rows = list(csv.DictReader(io.StringIO(piped.stdout)))
    assert [r["doc_id"] for r in rows] == ["a1", "k1", "u1"] and rows[1]["day"] == "2022-03-02"
    assert json.loads(rows[0]["plover_context"]) == ["diplomatic"]
    as_json = runner.invoke(app, ["query", sql, "--db", str(db), "-f", "json"])
    assert [r["plover_type"] for r in json.loads(as_json.stdout)] == ["SUPPORT", "PROTEST", "AID"]
    lines = runner.invoke(app, ["query", sql, "--db", str(db), "-f", "jsonl", "--limit", "2"])
    assert [json.loads(line)["doc_id"] for line in lines.stdout.splitlines()] == ["a1", "k1"]
    assert "showing 2 of 3 rows" in lines.stderr
    table = runner.invoke(app, ["query", sql, "--db", str(db), "-f", "table", "--limit", "1"])
    assert "a1" in table.stdout and "k1" not in table.stdout and "showing 1 of 3 rows" in table.stderr
    assert runner.invoke(app, ["query", sql, "--db", str(db), "-f", "xml"]).exit_code == 2


def test_export_filters_select_events_by_day_type_country_and_actor(tmp_path):
    import csv
    import io

    db = _three_stories(tmp_path)

    def exported(*options):
        result = runner.invoke(app, ["export", "-f", "eventwire", "--db", str(db), *options])
        assert result.exit_code == 0, result.output
        return sorted(r["story_id"] for r in csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))

    assert exported() == ["a1", "k1", "u1"]
    assert exported("--from", "2022-02-01") == ["k1", "u1"]
    assert exported("--from", "2022-02-01", "--to", "2022-04-30") == ["k1"]
    assert exported("--type", "aid", "--type", "SUPPORT") == ["a1", "u1"]
    assert exported("--country", "KEN") == ["k1"]  # located there, and its actors
    assert exported("--country", "UKR") == ["u1"]  # an actor's country
    assert exported("--actor", "USA") == ["u1"] and exported("--actor", "KAZGOV") == ["a1"]
    # part of a resolved actor's name (the made-up stories all name "Kazakhstan" as the target actor)
    assert exported("--actor", "kazakh") == ["a1", "k1", "u1"] and exported("--actor", "Nobody") == []
    jsonl = runner.invoke(app, ["export", "-f", "jsonl", "--db", str(db), "--country", "KEN"])
    assert [line.count('"doc_id": "k1"') + line.count('"doc_id":"k1"') for line in jsonl.stdout.splitlines()] == [1]
    bad = runner.invoke(app, ["export", "--db", str(db), "--from", "2022-13-01"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_gdelt_files_have_no_header_unless_asked(tmp_path):
    from eventwire.store.export.gdelt import COLUMNS

    db = _three_stories(tmp_path)
    plain = runner.invoke(app, ["export", "-f", "gdelt", "--db", str(db)])
    assert plain.stdout.splitlines()[0].split("\t")[0].isdigit()
    headed = runner.invoke(app, ["export", "-f", "mentions", "--db", str(db), "--header"])
    assert headed.stdout.splitlines()[0].split("\t")[:2] == ["GlobalEventID", "EventTimeDate"]
    headed = runner.invoke(app, ["export", "-f", "gdelt", "--db", str(db), "--header"])
    assert headed.stdout.splitlines()[0].split("\t") == COLUMNS
