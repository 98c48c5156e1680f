"""The dashboard in a real browser: `eventwire serve` in a subprocess, Debian chromium driven by Playwright."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from eventwire.store.ingest import store_records
from tests.store_records import make_record

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path("/tmp/eventwire-dashboard.png")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "events.duckdb"
    store_records([
        make_record("a1", day="2022-01-07"),
        make_record("b1", outlet="Outlet B", day="2022-01-08"),
        make_record("c1", plover="ASSAULT", cameo="190", source="RUSGOV", target="UKRGOV", day="2022-02-24",
                    place=("Kyiv", "UKR", "city")),
    ], db)
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/health", timeout=2) as response:
                    assert json.load(response)["status"] == "ok"
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start: {process.stdout.read() if process.poll() is not None else 'timeout'}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.errors = errors
        yield page
        browser.close()


def test_dashboard_filters_and_shows_the_article_with_the_trigger_marked(server, page):
    page.goto(server + "/")
    rows = page.locator("#events tbody tr[data-id]")
    rows.first.wait_for()
    assert rows.count() == 3
    assert "3 articles" in page.locator("#summary").inner_text()
    assert page.locator("#timeline svg rect").count() >= 3  # stacked bars, one per dated type and day
    assert page.locator("#dyads tbody tr").first.inner_text().startswith("CHNGOV")

    page.select_option("#f-type", "ASSAULT")
    page.click("#filters button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#events tbody tr[data-id]').length === 1")
    row = rows.first
    assert "RUSGOV" in row.inner_text() and "UKRGOV" in row.inner_text()
    assert "type=ASSAULT" in page.url  # the filter is in the address, so the view can be shared

    row.locator("button.trigger-link").click()
    trigger = page.locator("#doc-text mark.trg")
    trigger.wait_for()
    assert "".join(trigger.all_inner_texts()) == "backed"
    assert "".join(page.locator("#doc-text mark.src").all_inner_texts()) == "China"
    assert "".join(page.locator("#doc-text mark.tgt").all_inner_texts()) == "Kazakhstan"
    assert "We support them," in "".join(page.locator("#doc-text mark.quote").all_inner_texts())
    assert page.locator("#doc-title").inner_text() == "Story c1"
    assert "ASSAULT" in page.locator("#doc-event").inner_text()
    assert page.locator("#doc-text").inner_text() == \
        'China on Friday backed Kazakhstan in story c1. "We support them," the ministry said.'
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert page.errors == []


def test_reset_and_pagination_controls(server, page):
    page.goto(server + "/?type=ASSAULT")
    page.wait_for_function("document.querySelectorAll('#events tbody tr[data-id]').length === 1")
    assert page.locator("#f-type").input_value() == "ASSAULT"  # filters come back from the address
    page.click("#reset")
    page.wait_for_function("document.querySelectorAll('#events tbody tr[data-id]').length === 3")
    assert page.locator("#events-caption").inner_text() == "1–3 of 3 event mentions"
    assert page.locator("#next").is_disabled() and page.locator("#prev").is_disabled()
    assert page.errors == []
