"""The REST API as a client sees it: every route, filters, pagination, errors, and reading during an ingest."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from fastapi.testclient import TestClient

from eventwire.records import DocumentRecord
from eventwire.store.writer import store_records
from eventwire.web.app import create_app
from tests.fixtures.records import make_record

RECORDS = [
    make_record("a1", outlet="Outlet A", day="2022-01-07"),
    make_record("b1", outlet="Outlet B", day="2022-01-08", place=None),
    make_record("c1", plover="ASSAULT", cameo="190", source="RUSGOV", target="UKRGOV", day="2022-02-24",
                place=("Kyiv", "UKR", "city")),
    make_record("d1", plover="REQUEST", cameo="020", source="USAGOV", target="CHNGOV", day="2022-03-01", place=None),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "events.duckdb"
    store_records(RECORDS, path)
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as client:
        yield client


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [event["doc_id"] for event in response.json()["events"]]


def test_health_and_stats(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["snapshot_taken"] and not health["stale"]
    stats = client.get("/api/stats").json()
    assert stats["counts"]["documents"] == 4 and stats["counts"]["events"] == 4
    assert {t["type"]: t["mentions"] for t in stats["types"]} == {"SUPPORT": 2, "ASSAULT": 1, "REQUEST": 1}
    assert stats["first_day"] == "2022-01-07" and stats["last_day"] == "2022-03-01"
    assert {"CHN", "KAZ", "UKR", "RUS", "USA"} <= {c["country"] for c in stats["countries"]}


def test_events_newest_first_with_nested_fields(client):
    body = client.get("/api/events").json()
    assert body["total"] == 4 and [e["doc_id"] for e in body["events"]] == ["d1", "c1", "b1", "a1"]
    event = body["events"][-1]
    assert event["id"] == "a1:e1" and event["type"] == "SUPPORT" and event["trigger"]["text"] == "backed"
    assert event["source"]["code"] == "CHNGOV" and event["target"]["code"] == "KAZGOV"
    assert event["location"]["name"] == "Almaty" and event["date"]["day"] == "2022-01-07"
    assert event["document"] == {"doc_id": "a1", "title": "Story a1", "outlet": "Outlet A", "url": None,
                                 "published": "2022-01-07T10:00:00+00:00", "href": "/api/documents/a1"}
    assert ids(client.get("/api/events", params={"sort": "date"})) == ["a1", "b1", "c1", "d1"]


@pytest.mark.parametrize("params, expected", [
    ({"type": "ASSAULT"}, ["c1"]),
    ({"type": "assault,request"}, ["d1", "c1"]),
    ([("type", "SUPPORT"), ("type", "REQUEST")], ["d1", "b1", "a1"]),
    ({"source": "chn"}, ["b1", "a1"]),  # a country matches the source's country
    ({"source": "CHNGOV", "target": "KAZGOV"}, ["b1", "a1"]),
    ({"target": "CHNGOV"}, ["d1"]),
    ({"country": "UKR"}, ["c1"]),  # the target's or the location's country
    ({"date_from": "2022-01-08", "date_to": "2022-02-24"}, ["c1", "b1"]),
    ({"q": "STORY C1"}, ["c1"]),  # in the sentence, any case
    ({"q": "backed", "document": "b1"}, ["b1"]),
    ({"q": "nowhere in the text"}, []),
])
def test_event_filters(client, params, expected):
    assert ids(client.get("/api/events", params=params)) == expected


def test_events_pagination_has_a_total_and_no_overlap(client):
    first = client.get("/api/events", params={"limit": 3}).json()
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert first["total"] == second["total"] == 4
    assert len(first["events"]) == 3 and len(second["events"]) == 1
    assert {e["id"] for e in first["events"]} | {e["id"] for e in second["events"]} == {f"{r.doc_id}:e1" for r in RECORDS}
    assert client.get("/api/events", params={"offset": 10}).json()["events"] == []


def test_one_event_has_its_sentence_and_document_link(client):
    event = client.get("/api/events/c1:e1").json()
    assert event["sentence"]["text"] == "China on Friday backed Kazakhstan in story c1."
    assert event["sentence"]["start"] == 0 and event["type"] == "ASSAULT" and event["cluster"]["num_mentions"] == 1
    record = client.get(event["document"]["href"]).json()
    start, end = event["trigger"]["start"], event["trigger"]["end"]
    assert record["text"][start:end] == event["trigger"]["text"] == "backed"


def test_dyads_and_timeline(client):
    dyads = client.get("/api/dyads").json()
    assert dyads["total"] == 3
    assert dyads["dyads"][0] == {"source": "CHNGOV", "target": "KAZGOV", "events": 2, "documents": 2}
    assert client.get("/api/dyads", params={"type": "ASSAULT"}).json()["dyads"] == [
        {"source": "RUSGOV", "target": "UKRGOV", "events": 1, "documents": 1}]
    assert client.get("/api/dyads", params={"date_to": "2022-01-07"}).json()["dyads"][0]["events"] == 1
    day = client.get("/api/timeline", params={"interval": "day"}).json()
    assert day["interval"] == "day" and [b["start"] for b in day["buckets"]] == [
        "2022-01-07", "2022-01-08", "2022-02-24", "2022-03-01"]
    assert day["buckets"][2]["by_type"] == {"ASSAULT": 1} and day["types"] == ["ASSAULT", "REQUEST", "SUPPORT"]
    month = client.get("/api/timeline", params={"interval": "month", "type": "SUPPORT"}).json()
    assert month["buckets"] == [{"start": "2022-01-01", "total": 2, "by_type": {"SUPPORT": 2}}]
    assert client.get("/api/timeline").json()["interval"] == "day"  # auto: under three months


def test_actors_and_quotes(client):
    actors = client.get("/api/actors").json()
    top = actors["actors"][0]
    assert top["name"] == "China" and top["documents"] == 4 and top["events"] == 4  # source of all four events
    assert [a["name"] for a in client.get("/api/actors", params={"q": "kazakh"}).json()["actors"]] == ["Kazakhstan"]
    assert client.get("/api/actors", params={"country": "kaz"}).json()["total"] == 1
    quotes = client.get("/api/quotes", params={"speaker": "MINISTRY"}).json()
    assert quotes["total"] == 4
    quote = quotes["quotes"][0]
    assert quote["content"]["text"] == "We support them," and quote["speaker"]["text"] == "the ministry"
    assert quote["speaker"]["code"] == "CHNGOV" and quote["document"]["href"].startswith("/api/documents/")
    assert client.get("/api/quotes", params={"actor": "CHN", "document": "c1"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"actor": "KAZ"}).json()["total"] == 0


def test_documents_list_and_full_record(client):
    listing = client.get("/api/documents", params={"limit": 2}).json()
    assert listing["total"] == 4 and [d["doc_id"] for d in listing["documents"]] == ["d1", "c1"]
    assert client.get("/api/documents", params={"outlet": "Outlet B"}).json()["documents"][0]["doc_id"] == "b1"
    response = client.get("/api/documents/c1")
    assert response.headers["content-type"] == "application/json"
    assert DocumentRecord.model_validate(response.json()) == RECORDS[2]


@pytest.mark.parametrize("url", ["/api/events/nope:e1", "/api/documents/nope"])
def test_unknown_ids_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "nope" in response.json()["error"]


@pytest.mark.parametrize("url, words", [
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=501", "limit"),
    ("/api/events?offset=-1", "offset"),
    ("/api/events?date_from=2022-13-01", "date_from"),
    ("/api/events?date_from=2022-03-01&date_to=2022-01-01", "after date_to"),
    ("/api/events?type=FIGHTING", "unknown event type FIGHTING"),
    ("/api/events?sort=size", "sort"),
    ("/api/timeline?interval=hour", "interval"),
    ("/api/dyads?type=nope", "unknown event type"),
    ("/api/quotes?kind=rumour", "kind"),
])
def test_bad_parameters_are_422_with_a_message(client, url, words):
    response = client.get(url)
    assert response.status_code == 422
    assert words in response.json()["error"]


def test_openapi_docs_and_dashboard_are_served(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/dyads", "/api/timeline", "/api/actors", "/api/quotes",
            "/api/documents", "/api/documents/{doc_id}", "/api/stats", "/api/health"} <= set(paths)
    docs = client.get("/docs")
    assert docs.status_code == 200 and "https://" not in docs.text  # Swagger UI served locally, no CDN
    page = client.get("/")
    assert page.status_code == 200 and "<script" in page.text
    for asset in ("/static/app.js", "/static/style.css"):
        assert client.get(asset).status_code == 200


def test_missing_database_is_an_error():
    with pytest.raises(FileNotFoundError):
        create_app("/nonexistent/events.duckdb")


WRITER = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])  # the one writer, as `eventwire ingest` is
    con.execute("INSERT INTO runs (run_id, status) VALUES (99, 'running')")
    print("writing", flush=True)
    sys.stdin.readline()
    con.close()
""")


def test_reads_continue_while_an_ingest_holds_the_file(tmp_path):
    db = tmp_path / "busy.duckdb"
    store_records(RECORDS[:2], db)
    with TestClient(create_app(db)) as early:
        assert early.get("/api/stats").json()["counts"]["runs"] == 1
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout.readline().strip() == "writing"
            # A server that had a copy keeps answering from it and says the file moved on.
            response = early.get("/api/events")
            assert response.status_code == 200 and response.json()["total"] == 2
            health = early.get("/api/health").json()
            assert health["stale"] and health["writer_active"]
            # A server started during the ingest has nothing to read yet: 503 with Retry-After.
            with TestClient(create_app(db)) as late:
                busy = late.get("/api/events")
                assert busy.status_code == 503 and busy.headers["retry-after"] == "2"
                assert busy.json() == {"error": "database busy: an ingest is writing; retry"}
                assert late.get("/api/health").status_code == 503
        finally:
            writer.communicate("done\n", timeout=30)
        # Once the writer is gone, the next request reads a fresh copy with what it wrote.
        early.app.state.snapshots.retry_seconds = 0
        assert early.get("/api/stats").json()["counts"]["runs"] == 2
        assert not early.get("/api/health").json()["stale"]


def test_map_network_and_modality_filter(client):
    body = client.get("/api/map").json()
    kyiv = next(p for p in body["points"] if p["country"] == "UKR")
    assert kyiv["events"] == 1 and kyiv["quad"] == 1 and kyiv["by_quad"] == [1, 0, 0, 0]
    assert body["unplaced"] == 2 and {c["country"] for c in body["countries"]} >= {"UKR", "KAZ"}
    assert {p["country"] for p in client.get("/api/map?type=ASSAULT").json()["points"]} == {"UKR"}
    network = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in network["edges"]}
    assert edges["RUSGOV", "UKRGOV"]["events"] == 1 and edges["CHNGOV", "KAZGOV"]["events"] == 2
    assert {n["code"] for n in network["nodes"]} >= {"RUSGOV", "UKRGOV", "USAGOV", "CHNGOV"}
    assert ids(client.get("/api/events?actor=UKRGOV")) == ["c1"]  # either side
    assert ids(client.get("/api/events?modality=negated")) == []
    assert len(ids(client.get("/api/events?modality=real"))) == 4
    assert client.get("/api/events?modality=maybe").status_code == 422


def test_downloads_hold_the_filtered_events_and_no_spreadsheet_formulas(client):
    import csv
    import io

    response = client.get("/api/events.csv?country=UKR")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["doc_id"] for r in rows] == ["c1"] and rows[0]["sentence_text"].startswith("China")
    geo = client.get("/api/events.geojson?type=SUPPORT").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 1  # b1 has no place
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])
    from eventwire.web.downloads import csv_cell

    assert csv_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")" and csv_cell("-5") == "'-5"
    assert csv_cell(-5.0) == -5.0 and csv_cell("China") == "China"


def test_the_timeline_range_is_the_bulk_and_lists_outliers(tmp_path):
    db = tmp_path / "outliers.duckdb"
    store_records([make_record(f"r{i:02d}", day=f"2022-03-{1 + i % 28:02d}") for i in range(60)]
                  + [make_record("old", day="2001-01-01")], db)
    with TestClient(create_app(db)) as client:
        body = client.get("/api/timeline").json()
        assert body["range"] == {"from": "2022-03-01", "to": "2022-03-28"} and body["interval"] == "day"
        assert body["outliers"] == [{"day": "2001-01-01", "events": 1}]
        explicit = client.get("/api/timeline?date_from=2000-01-01").json()  # an explicit range is kept
        assert explicit["outliers"] == [] and explicit["range"]["from"] == "2001-01-01"


def _asgi_get(app, path: str, query: str = "") -> tuple[dict, list[bytes]]:
    """GET through the ASGI interface itself: the start message and each body message as the app sent it
    (the test client joins a streamed body into one)."""
    import asyncio

    messages: list[dict] = []
    requested = False
    finished: asyncio.Event

    async def receive() -> dict:  # the request once, then a disconnect after the last body message
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await finished.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        messages.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            finished.set()

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "headers": [],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "root_path": ""}
    async def run() -> None:
        nonlocal finished
        finished = asyncio.Event()  # made inside the loop that waits on it
        await asyncio.wait_for(app(scope, receive, send), timeout=60)

    asyncio.run(run())
    start = next(m for m in messages if m["type"] == "http.response.start")
    return start, [m.get("body", b"") for m in messages if m["type"] == "http.response.body"]


def test_large_downloads_stream_in_batches_and_stop_at_the_limit(tmp_path, monkeypatch):
    import csv
    import io
    import json

    from eventwire.web import downloads

    db = tmp_path / "many.duckdb"
    store_records([make_record(f"m{i:03d}", day=f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}") for i in range(240)], db)
    monkeypatch.setattr(downloads, "DOWNLOAD_BATCH_ROWS", 25)
    monkeypatch.setattr(downloads, "DOWNLOAD_LIMIT", 200)
    app = create_app(db)
    try:
        start, bodies = _asgi_get(app, "/api/events.csv", "type=SUPPORT")
        headers = {k.decode(): v.decode() for k, v in start["headers"]}
        assert start["status"] == 200 and "only the first 200 rows" in headers["x-eventwire-truncated"]
        assert len([b for b in bodies if b]) >= 200 // 25, "the body was sent whole, not batch by batch"
        rows = list(csv.DictReader(io.StringIO(b"".join(bodies).decode("utf-8"))))
        assert len(rows) == 200 and len({r["doc_id"] for r in rows}) == 200
        assert [r["day"] for r in rows] == sorted((r["day"] for r in rows), reverse=True)  # newest first

        start, bodies = _asgi_get(app, "/api/events.geojson")
        assert start["status"] == 200 and len([b for b in bodies if b]) >= 200 // 25
        features = json.loads(b"".join(bodies))["features"]
        assert len(features) == 200 and all(f["geometry"]["coordinates"] == [76.95, 43.25] for f in features)
    finally:
        app.state.snapshots.close()


def test_actor_types_count_events_by_and_against_an_actor_per_plover_type(client):
    body = client.get("/api/actors/CHNGOV/types").json()
    assert body == {"code": "CHNGOV", "types": [{"type": "SUPPORT", "by": 2, "against": 0},
                                                {"type": "REQUEST", "by": 0, "against": 1}]}
    assert client.get("/api/actors/chn/types").json()["types"] == body["types"]  # a country, any case
    assert client.get("/api/actors/CHNGOV/types?type=REQUEST").json()["types"] == [
        {"type": "REQUEST", "by": 0, "against": 1}]  # the filters apply
    assert client.get("/api/actors/NOBODY/types").status_code == 404
    assert client.get("/api/actors/CHNGOV/types?type=AID").json()["types"] == []  # known, but none of these
