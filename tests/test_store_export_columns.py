"""Every export row has exactly its header's columns, and a known value sits under its own column name,
for every format and both --per options (the CSV per cluster once lost a column: `location_country` is
in both the clusters and the events table)."""

import csv

import pyarrow.parquet as pq
import pytest

from eventwire.store.export import export
from eventwire.store.export.gdelt import COLUMNS as GDELT_COLUMNS
from eventwire.store.export.mentions import COLUMNS as MENTIONS_COLUMNS
from eventwire.store.export.flat import COLUMNS as FLAT_COLUMNS
from eventwire.store.export.mentions import parse_extras
from eventwire.store.export.polecat import COLUMNS as POLECAT_COLUMNS
from eventwire.store.writer import store_records
from eventwire.store.schema import open_database
from tests.fixtures.records import make_record


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("columns") / "ew.duckdb"
    store_records([make_record("a1", outlet="Outlet A", url="https://a.example/1", day="2022-01-07"),
                   make_record("b1", outlet="Outlet B", url="https://b.example/1", day="2022-01-08"),
                   make_record("aid", plover="AID", cameo="070", day="2022-01-09", place=None)], path)
    con = open_database(path, read_only=True)
    yield con
    con.close()


def _table(path, delimiter, header=None):
    rows = list(csv.reader(path.open(encoding="utf-8", newline=""), delimiter=delimiter))
    if header is None:
        header, rows = rows[0], rows[1:]
    return header, rows


@pytest.mark.parametrize("per", ["cluster", "mention"])
def test_csv_rows_have_the_header_columns_and_values_under_their_names(con, tmp_path, per):
    out = tmp_path / "events.csv"
    written = export(con, "csv", out, per=per, modality="all")
    header, rows = _table(out, ",")
    assert len(header) == len(set(header)), "a column name twice: a reader keyed by name loses one"
    assert written == len(rows) == (2 if per == "cluster" else 3)
    assert all(len(row) == len(header) for row in rows)
    support = dict(zip(header, next(r for r in rows if r[header.index("plover_type")] == "SUPPORT")))
    assert support["location_country"] == "KAZ" and support["location_name"] == "Almaty"
    assert support["location_admin1"] == "" and support["location_lat"] == "43.25"
    assert support["location_geonames_id"] == "1526384" and support["location_precision"] == "city"
    assert support["plover_context"] == "diplomatic" and support["negated"] == "0"
    assert support["cameo_code"] == "051" and support["trigger_text"] == "backed"
    aid = dict(zip(header, next(r for r in rows if r[header.index("plover_type")] == "AID")))
    assert aid["location_country"] == "" and aid["plover_context"] == "diplomatic"
    if per == "cluster":
        assert support["cluster_location_country"] == "KAZ" and support["num_articles"] == "2"


@pytest.mark.parametrize("per", ["cluster", "mention"])
def test_tsv_exports_have_their_columns_with_values_in_place(con, tmp_path, per):
    out = tmp_path / "gdelt.tsv"
    export(con, "gdelt", out, per=per)
    _, rows = _table(out, "\t", header=GDELT_COLUMNS)
    assert rows and all(len(row) == len(GDELT_COLUMNS) for row in rows)
    row = dict(zip(GDELT_COLUMNS, next(r for r in rows if r[GDELT_COLUMNS.index("EventCode")] == "051")))
    assert row["ActionGeo_CountryCode"] == "KZ" and row["ActionGeo_Lat"] == "43.25"
    assert row["ActionGeo_FeatureID"] == "1526384" and row["Actor1Code"] == "CHNGOV"

    out = tmp_path / "flat.tsv"
    export(con, "eventwire", out, per=per)
    header, rows = _table(out, "\t")
    assert header == FLAT_COLUMNS and rows and all(len(row) == len(header) for row in rows)
    row = dict(zip(header, next(r for r in rows if r[header.index("event_type")] == "SUPPORT")))
    assert (row["country"], row["placename"], row["lat"], row["context"]) == ("KAZ", "Almaty", "43.25", "diplomatic")

    out = tmp_path / "polecat.tsv"
    export(con, "polecat", out, per=per)
    header, rows = _table(out, "\t")
    assert header == POLECAT_COLUMNS and rows and all(len(row) == len(header) for row in rows)
    row = dict(zip(header, next(r for r in rows if r[header.index("Event Type")] == "SUPPORT")))
    assert (row["Country"], row["Placename"], row["Latitude"], row["Contexts"]) == ("KAZ", "Almaty", "43.25", "diplomatic")
    assert row["GeoNames ID"] == "1526384" and row["Feature Type"] == "city" and row["Actor Name Raw"] == "China"

    out = tmp_path / "mentions.tsv"
    export(con, "mentions", out, per=per, header=True)
    header, rows = _table(out, "\t")
    assert header == MENTIONS_COLUMNS and len(rows) == 3 and all(len(row) == len(header) == 16 for row in rows)
    row = parse_extras(next(r for r in rows if parse_extras(r[-1])["DocID"] == "a1")[-1])
    assert row["PloverType"] == "SUPPORT" and row["CameoCode"] == "051"


def test_parquet_holds_each_record_under_its_field_names(con, tmp_path):
    out = tmp_path / "records.parquet"
    assert export(con, "parquet", out) == 3
    table = pq.read_table(out)
    assert len(table.column_names) == len(set(table.column_names))
    records = {r["doc_id"]: r for r in table.to_pylist()}
    event = records["a1"]["events"][0]
    assert event["location"]["country"] == "KAZ" and event["plover"]["context"] == ["diplomatic"]
    assert records["aid"]["events"][0]["location"] is None


def test_a_cell_that_starts_with_a_quote_reads_back_in_pandas_and_duckdb(tmp_path):
    import io

    import duckdb
    import pandas as pd

    from eventwire.store.export.common import write_tsv

    rows = [["e1", '"We will not back down," the minister said.', "GOV"],
            ["e2", 'He called it "a disgrace" on Tuesday.', "OPP"],
            ["e3", '"', "CVL"]]
    out = io.StringIO()
    write_tsv(out, ["id", "sentence", "sector"], rows)
    path = tmp_path / "m.tsv"
    path.write_text(out.getvalue(), encoding="utf-8")
    frame = pd.read_csv(path, sep="\t")
    assert frame["sentence"].tolist() == [r[1] for r in rows] and frame["sector"].tolist() == ["GOV", "OPP", "CVL"]
    read = duckdb.sql(f"SELECT sentence, sector FROM read_csv('{path}', delim='\\t', header=true)").fetchall()
    assert read == [(r[1], r[2]) for r in rows]
