"""Exports: GDELT 2.0 (61 columns), Mentions (16) with offsets, POLECAT's layout, our flat TSV, CSV, JSON Lines,
Parquet."""

import csv
import json
import tracemalloc

import duckdb
import pyarrow.parquet as pq
import pytest

from eventwire.records import DocumentRecord
from eventwire.store.export import TEXT_FORMATS, Selection, export
from eventwire.store.export.mentions import COLUMNS as MENTIONS_COLUMNS
from eventwire.store.export.mentions import SENTENCE, parse_extras, sentence_number
from eventwire.store.export.mentions import SQL as MENTIONS_SQL
from eventwire.store.export.gdelt import COLUMNS as GDELT_COLUMNS
from eventwire.store.writer import store_records
from eventwire.store.schema import connect
from tests.fixtures.records import make_record, with_modality


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "ew.duckdb"
    store_records([
        make_record("a1", outlet="Outlet A", url="https://a.example/1", day="2022-01-07"),
        make_record("b1", outlet="Outlet B", url="https://b.example/1", day="2022-01-08"),
        make_record("aid", plover="AID", cameo="070", day="2022-01-09"),
    ], path)
    con = connect(path, read_only=True)
    yield con
    con.close()


def _export(con, fmt, tmp_path, per="cluster"):
    out = tmp_path / f"out.{fmt}"
    rows = export(con, fmt, out, per=per)
    return rows, out


def test_gdelt_has_61_columns_in_order_one_row_per_cluster(db, tmp_path):
    rows, out = _export(db, "gdelt", tmp_path)
    lines = [line.split("\t") for line in out.read_text().splitlines()]
    assert rows == 2 and len(lines) == 2 and all(len(line) == 61 for line in lines)
    row = dict(zip(GDELT_COLUMNS, next(line for line in lines if line[GDELT_COLUMNS.index("EventRootCode")] == "05")))
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("051", "051", "05")
    assert (row["NumMentions"], row["NumArticles"], row["NumSources"]) == ("2", "2", "2")
    assert row["Day"] == "20220107" and row["MonthYear"] == "202201" and row["Year"] == "2022"
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor2Code"]) == ("CHNGOV", "CHN", "KAZGOV")
    assert row["ActionGeo_FullName"] == "Almaty, Kazakhstan" and row["ActionGeo_Type"] == "4"
    assert row["ActionGeo_CountryCode"] == "KZ" and row["ActionGeo_ADM1Code"] == "KZ02"  # FIPS, as GDELT
    assert row["SOURCEURL"] == "https://a.example/1" and len(row["DATEADDED"]) == 14
    rows, _ = _export(db, "gdelt", tmp_path, per="mention")
    assert rows == 3


def test_mentions_offsets_point_into_the_article(db, tmp_path):
    rows, out = _export(db, "mentions", tmp_path)
    table = list(csv.DictReader(out.open(), fieldnames=MENTIONS_COLUMNS, delimiter="\t"))  # no header, as GDELT
    assert rows == 3 and len(table) == 3 and all(None not in r for r in table)  # no column beyond the 16
    for r in table:
        r.update(parse_extras(r["Extras"]))
    gdelt_ids = {line.split("\t")[0] for line in _export(db, "gdelt", tmp_path)[1].read_text().splitlines()}
    assert {r["GlobalEventID"] for r in table} == gdelt_ids
    record = make_record("a1")
    row = next(r for r in table if r["DocID"] == "a1")
    text = record.text
    assert text[int(row["ActionCharOffset"]):int(row["ActionCharEnd"])] == "backed"
    assert text[int(row["Actor1CharOffset"]):int(row["Actor1CharEnd"])] == "China"
    assert text[int(row["SentenceStart"]):int(row["SentenceEnd"])].startswith("China")
    assert row["SentenceID"] == "1" and row["PloverType"] == "SUPPORT" and row["InHeadline"] == "0"


def test_polecat_eventwire_and_csv_have_headers_and_plover_types(db, tmp_path):
    _, out = _export(db, "polecat", tmp_path)
    table = list(csv.DictReader(out.open(), delimiter="\t"))
    assert sorted(r["Event Type"] for r in table) == ["AID", "SUPPORT"]
    support = next(r for r in table if r["Event Type"] == "SUPPORT")
    assert (support["Actor Country"], support["Actor COW"], support["Recipient Name"]) == ("CHN", "710", "Kazakhstan")
    assert support["Placename"] == support["City"] == "Almaty" and support["Country"] == "KAZ"
    assert support["Contexts"] == "diplomatic" and support["Story ID"] in ("a1", "b1")
    _, out = _export(db, "eventwire", tmp_path)
    table = list(csv.DictReader(out.open(), delimiter="\t"))
    assert sorted(r["event_type"] for r in table) == ["AID", "SUPPORT"]
    support = next(r for r in table if r["event_type"] == "SUPPORT")
    assert support["source_country"] == "CHN" and support["target_actor"] == "Kazakhstan" and support["num_articles"] == "2"
    _, out = _export(db, "csv", tmp_path, per="mention")
    table = list(csv.DictReader(out.open()))
    assert len(table) == 3 and {r["cameo_code"] for r in table} == {"051", "070"}


def test_jsonl_and_parquet_give_back_the_full_records(db, tmp_path):
    _, out = _export(db, "jsonl", tmp_path)
    records = [DocumentRecord.from_json(line) for line in out.read_text().splitlines()]
    assert {r.doc_id for r in records} == {"a1", "b1", "aid"}
    assert next(r for r in records if r.doc_id == "a1") == make_record("a1", outlet="Outlet A", url="https://a.example/1")
    rows, out = _export(db, "parquet", tmp_path)
    table = pq.read_table(out).to_pylist()
    assert rows == 3
    back = [DocumentRecord.from_dict(row) for row in table]
    assert next(r for r in back if r.doc_id == "aid") == make_record("aid", plover="AID", cameo="070", day="2022-01-09")
    assert json.loads(back[0].to_json())["events"][0]["date"]["from"] == "text"


def test_sentence_ids_are_counted_inside_duckdb_as_python_counts_them():
    text = 'Talks began. "We agree," he said! Then more.  Another one? Yes (really.) And the last'
    con = duckdb.connect()
    con.execute("CREATE TABLE documents (doc_id VARCHAR, added TIMESTAMPTZ, path VARCHAR, text VARCHAR)")
    con.execute("INSERT INTO documents VALUES ('d', now(), 'p', ?)", [text])
    con.execute("CREATE TABLE events (doc_id VARCHAR, event_key VARCHAR, headline BOOLEAN, sentence_start INTEGER)")
    starts = [0, text.index('"We'), text.index("Then"), text.index("Another"), text.index("Yes"), text.index("And")]
    con.execute("INSERT INTO events SELECT 'd', 'd:' || s, false, s FROM unnest(?::INTEGER[]) t(s)", [starts])
    con.execute("CREATE TABLE event_clusters (event_key VARCHAR, cluster_id BIGINT)")
    rows = con.sql(MENTIONS_SQL, params={"sentence": SENTENCE}).fetchall()
    got = sorted((r[3], r[-2]) for r in rows)  # sentence_start, sentence_id
    assert got == [(s, sentence_number(text, s)) for s in starts] == [(s, i + 1) for i, s in enumerate(starts)]


def test_exports_stream_without_holding_the_texts(tmp_path):
    """300 documents of 100 kB: exports keep a batch at a time in Python memory, never all the texts."""
    db = tmp_path / "big.duckdb"
    filler = " This sentence only makes the article longer." * 2200
    store_records([(r := make_record(f"d{i:03d}", day=f"2022-01-{1 + i % 28:02d}")).model_copy(
        update={"text": r.text + filler}) for i in range(300)], db)
    total = 300 * len(filler)
    con = connect(db, read_only=True)
    try:
        for fmt, limit in (("mentions", 4_000_000), ("gdelt", 4_000_000), ("csv", 4_000_000), ("jsonl", total / 3)):
            tracemalloc.start()
            with (tmp_path / f"out.{fmt}").open("w") as out:
                rows = TEXT_FORMATS[fmt](con, out, Selection(per="mention"), False)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert rows == 300
            assert peak < limit, (fmt, peak)
    finally:
        con.close()


def test_gdelt_leaves_out_negated_and_hypothetical_events_unless_asked(tmp_path):
    path = tmp_path / "modality.duckdb"
    store_records([make_record("real", day="2022-01-07"),
                   with_modality(make_record("denied", day="2022-01-07"), negated=True),
                   with_modality(make_record("maybe", plover="AID", cameo="070"), hypothetical=True),
                   with_modality(make_record("threat", plover="THREATEN", cameo="138"), future=True)], path)
    con = connect(path, read_only=True)
    try:
        urls = {}
        for modality in ("real", "all"):
            for per in ("cluster", "mention"):
                out = tmp_path / f"{modality}-{per}.tsv"
                export(con, "gdelt", out, per=per, modality=modality)
                urls[modality, per] = sorted(line.split("\t")[-1] for line in out.read_text().splitlines())
        default = tmp_path / "default.tsv"
        export(con, "gdelt", default)
        polecat = tmp_path / "all.polecat"
        export(con, "polecat", polecat, modality="all")
        negated = {r["Story ID"]: r["negated"] for r in csv.DictReader(polecat.open(), delimiter="\t")}
        mentions = tmp_path / "mentions.tsv"
        export(con, "mentions", mentions, header=True)
        mention_docs = sorted(parse_extras(r["Extras"])["DocID"]
                              for r in csv.DictReader(mentions.open(), delimiter="\t"))
    finally:
        con.close()
    kept = ["real.txt", "threat.txt"]  # a future threat is a statement that was made
    assert urls["real", "cluster"] == urls["real", "mention"] == kept
    assert sorted(line.split("\t")[-1] for line in default.read_text().splitlines()) == kept
    assert urls["all", "cluster"] == urls["all", "mention"] == ["denied.txt", "maybe.txt", "real.txt", "threat.txt"]
    assert negated == {"real": "0", "denied": "1", "maybe": "0", "threat": "0"}
    assert mention_docs == ["real", "threat"]
