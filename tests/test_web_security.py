"""Hardening of the web app: security headers, bounded parameters (422, never 500), refusing a file that is not
an eventwire database at start-up, and the dashboard's code keeping data out of HTML and links."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from eventwire.store.writer import store_records
from eventwire.web.app import MAX_LIMIT, MAX_OFFSET, MAX_TEXT, create_app
from eventwire.web.snapshot import NotADatabase
from tests.fixtures.records import make_record

STATIC = Path(__file__).resolve().parents[1] / "eventwire" / "web" / "static"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("websec") / "events.duckdb"
    store_records([make_record("a1"), make_record("b1", day="2022-01-08")], path)
    return path


@pytest.fixture(scope="module")
def client(db):
    # raise_server_exceptions=False: a 500 is seen as the client would see it, not as a Python exception
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        yield client


# ---- security headers ----------------------------------------------------------------------------

def _directives(csp: str) -> dict[str, list[str]]:
    return {name: rest for name, *rest in (part.split() for part in csp.split(";") if part.strip())}


@pytest.mark.parametrize("url", ["/", "/static/app.js", "/static/style.css", "/static/nope.js", "/api/events",
                                 "/api/events?limit=0", "/api/documents/nope", "/api/health", "/openapi.json",
                                 "/no/such/route", "/docs", "/redoc", "/docs/oauth2-redirect",
                                 "/static-offline-docs/swagger-ui-bundle.js"])
def test_every_response_has_security_headers(client, url):
    response = client.get(url)
    assert response.status_code < 500
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    csp = _directives(response.headers["content-security-policy"])
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["script-src"][0] == "'self'"
    assert not {"'unsafe-inline'", "'unsafe-eval'", "data:", "*"} & set(csp["script-src"])
    if not url.startswith(("/docs", "/redoc")):
        assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]


@pytest.mark.parametrize("url", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_api_docs_pages_allow_exactly_their_own_inline_scripts(client, url):
    response = client.get(url)
    inline = re.findall(rb"<script>(.*?)</script>", response.content, re.S)
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s).digest()).decode()}'" for s in inline}
    script_src = _directives(response.headers["content-security-policy"])["script-src"]
    assert set(script_src) == {"'self'", *hashes}
    assert int(response.headers["content-length"]) == len(response.content)


def test_an_internal_error_is_a_json_500_with_the_headers(db):
    app = create_app(db)

    @app.get("/api/boom")
    def boom() -> dict:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/boom")
    assert response.status_code == 500 and response.json()["error"].startswith("internal error")
    assert "a bug" not in response.text  # no internals to the client; the server log has the traceback
    assert response.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in response.headers


# ---- the dashboard keeps to its policy and never turns data into HTML or links -----------------------

class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.script_text.append(data)


def test_dashboard_html_has_no_inline_script_handler_or_style():
    parser = _Tags()
    parser.feed((STATIC / "index.html").read_text())
    assert parser.script_text == []
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert scripts and all(attrs.get("src", "").startswith("/static/") for attrs in scripts)
    for tag, attrs in parser.tags:
        assert not [name for name in attrs if name.startswith("on") or name == "style"], (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:")


def test_dashboard_code_inserts_data_only_as_text_and_checked_links():
    code = (STATIC / "app.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 'setAttribute("style"', "srcdoc"):
        assert sink not in code, sink
    # every link target is made by webUrl() (http/https from data) or appHref() (a path of this app)
    assert not re.search(r"\.href\s*=", code), "assigning .href bypasses the check"
    for value in re.findall(r"\bhref:\s*([^,}]+)", code):
        assert value.strip().startswith(("webUrl(", "appHref(")), value
    for value in re.findall(r'setAttribute\("href",\s*([^)]+\)?)', code):
        assert value.strip().startswith(("webUrl(", "appHref(")), value
    assert re.search(r'url\.protocol === "http:" \|\| url\.protocol === "https:"', code)


# ---- parameters: every route, every parameter, hostile values: 422 with a message, never 500 --------------

BAD_INTEGERS = ["9223372036854775808", "9223372036854775807", "-9223372036854775809", str(10**30), "-1",
                "abc", "1.5", "1e3", "0x10", "NaN", "Infinity"]
BAD_DAYS = ["2022-13-01", "2022-02-30", "99999-01-01", "1640995200", "2022-01-01T00:00:00", "20220101",
            "2022-1-1", "abc", "0000-01-01"]
ODD_TEXT = ["\x00", "'; DROP TABLE events; --", "%", "_", "\\", "\u202e", "<script>alert(1)</script>", "🙂" * 50]


def _query_parameters(client) -> list[tuple[str, dict]]:
    spec = client.get("/openapi.json").json()
    out = []
    for path, operations in spec["paths"].items():
        for parameter in operations["get"].get("parameters", []):
            out.append((path, parameter))
    return out


def _schema(parameter: dict) -> dict:
    """The parameter's own schema, without the anyOf […, null] of an optional one."""
    schema = parameter["schema"]
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return {**option, **{k: v for k, v in schema.items() if k != "anyOf"}}
    return schema


def _url(path: str) -> str:
    return path.replace("{event_id}", "a1:e1").replace("{doc_id}", "a1")


def test_every_route_is_covered(client):
    routes = {path for path, _ in _query_parameters(client)}
    assert {"/api/events", "/api/dyads", "/api/timeline", "/api/actors", "/api/quotes", "/api/documents"} <= routes


def test_every_integer_parameter_is_bounded(client):
    integers = [(path, p["name"], _schema(p)) for path, p in _query_parameters(client) if _schema(p).get("type") == "integer"]
    assert {name for _, name, _ in integers} == {"limit", "offset"}
    for path, name, schema in integers:
        assert "minimum" in schema and "maximum" in schema, (path, name, schema)
        assert schema["maximum"] <= (MAX_LIMIT if name == "limit" else MAX_OFFSET), (path, name)


def test_every_parameter_rejects_malformed_and_out_of_range_values_with_422(client):
    checked = 0
    for path, parameter in _query_parameters(client):
        if parameter["in"] != "query":
            continue
        name, schema = parameter["name"], _schema(parameter)
        bad: list[str] = []
        if schema.get("type") == "integer":
            bad = BAD_INTEGERS + [str(schema["maximum"] + 1), str(schema["minimum"] - 1)]
        elif schema.get("format") == "date":
            bad = BAD_DAYS
        elif "enum" in schema:
            bad = ["nope", "\x00", schema["enum"][0].upper() + "x"]
        elif schema.get("type") == "string":
            bad = ["x" * (MAX_TEXT + 1)]
        for value in bad:
            response = client.get(_url(path), params={name: value})
            assert response.status_code == 422, (path, name, value, response.status_code, response.text[:300])
            assert name in response.json()["error"], (path, name, value)
            checked += 1
    assert checked > 100


def test_odd_but_valid_values_are_answered_never_500(client):
    for path, parameter in _query_parameters(client):
        name, schema = parameter["name"], _schema(parameter)
        if parameter["in"] == "path":
            for value in ODD_TEXT + ["..", "a1:e1:e1", "x" * 5000]:
                url = path.replace("{" + name + "}", urllib.parse.quote(value, safe=""))
                response = client.get(url)
                assert response.status_code in (404, 422), (url, response.status_code, response.text[:300])
            continue
        if schema.get("type") == "string" and "enum" not in schema and schema.get("format") != "date":
            for value in ODD_TEXT:
                response = client.get(_url(path), params={name: value})
                assert response.status_code in (200, 404, 422), (path, name, value, response.text[:300])
                assert response.status_code != 422 or name in response.json()["error"]


@pytest.mark.parametrize("url", ["/api/events?offset=9223372036854775808", "/api/actors?offset=99999999999999999999",
                                 "/api/documents?limit=9223372036854775808", "/api/events?date_from=1640995200"])
def test_reported_cases_are_422(client, url):
    response = client.get(url)
    assert response.status_code == 422, response.text


def test_the_largest_allowed_values_work(client):
    body = client.get("/api/events", params={"offset": MAX_OFFSET, "limit": MAX_LIMIT}).json()
    assert body["events"] == [] and body["total"] == 2 and body["offset"] == MAX_OFFSET
    assert client.get("/api/events", params={"date_from": "0001-01-01", "date_to": "9999-12-31"}).json()["total"] == 2


# ---- a file that is not an eventwire database is refused at start-up --------------------------------

def _not_databases(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "notadb.duckdb"
    text.write_text("this is not a database\n" * 100)
    empty = tmp_path / "empty.duckdb"
    empty.touch()
    random = tmp_path / "random [1].duckdb"  # brackets: the message must not be eaten as console markup
    random.write_bytes(bytes(range(256)) * 64)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE things (x INTEGER)")
    con.close()
    folder = tmp_path / "folder.duckdb"
    folder.mkdir()
    return {"text": text, "empty": empty, "random": random, "other DuckDB": other, "folder": folder}


def test_create_app_refuses_what_is_not_an_eventwire_database(tmp_path):
    for kind, path in _not_databases(tmp_path).items():
        with pytest.raises(NotADatabase) as error:
            create_app(path, tmp_path)
        assert str(path) in str(error.value) and "\n" not in str(error.value), kind
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("eventwire-serve-")] == []  # copies cleaned up


def _serve(db: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", "1",
                           "--snapshot-dir", str(tmp_path)], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("kind", ["text", "random", "other DuckDB", "missing"])
def test_serve_fails_at_start_up_with_one_line_naming_the_file(tmp_path, kind):
    files = _not_databases(tmp_path)
    db = files.get(kind, tmp_path / "missing.duckdb")
    done = _serve(db, tmp_path)
    assert done.returncode == 1, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0] and lines[0].startswith("eventwire serve: "), done.stderr
    assert "Traceback" not in done.stderr + done.stdout and "serving" not in done.stderr
    if kind == "other DuckDB":
        assert "not an eventwire one" in lines[0]
    elif kind == "missing":
        assert "no database at" in lines[0]
    else:
        assert "not a database eventwire can read" in lines[0]


def test_a_file_that_goes_bad_or_away_while_serving_keeps_the_last_copy(tmp_path):
    db = tmp_path / "events.duckdb"
    store_records([make_record("a1")], db)
    with TestClient(create_app(db, tmp_path), raise_server_exceptions=False) as client:
        assert client.get("/api/events").json()["total"] == 1
        client.app.state.snapshots.retry_seconds = 0
        shutil.copyfile(db, tmp_path / "saved.duckdb")
        db.write_text("overwritten by something else")
        response = client.get("/api/events")
        assert response.status_code == 200 and response.json()["total"] == 1
        health = client.get("/api/health").json()
        assert health["stale"] and "not a database eventwire can read" in health["problem"]
        db.unlink()
        assert client.get("/api/events").json()["total"] == 1
        assert "is gone" in client.get("/api/health").json()["problem"]
        shutil.copyfile(tmp_path / "saved.duckdb", db)
        assert client.get("/api/events").status_code == 200
        assert client.get("/api/health").json()["problem"] is None
