"""The dashboard in a real browser: `eventwire serve` in a subprocess, Debian chromium driven by Playwright.

Waits use Playwright's locators and `expect`, not `wait_for_function` with a string: the server's
Content-Security-Policy forbids eval, which Playwright needs to poll a string expression in the page.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from eventwire.records import (Actor, Cameo, Dateline, DocumentRecord, Entity, Event, EventActor, EventDate,
                               Location, PipelineInfo, Plover, Quote, Source, Span, Speaker)
from eventwire.store.writer import store_records
from tests.fixtures.records import make_record

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


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """`eventwire serve --db db` on a free port until the block ends; yields its base URL."""
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
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "events.duckdb"
    store_records([
        make_record("a1", day="2022-01-07"),
        make_record("b1", outlet="Outlet B", day="2022-01-08"),
        make_record("c1", plover="ASSAULT", cameo="190", source="RUSGOV", target="UKRGOV", day="2022-02-24",
                    place=("Kyiv", "UKR", "city")),
    ], db)
    with serving(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def _watched(page):
    """The page with .errors (page errors and console errors) and .dialogs (alert/confirm/prompt texts)."""
    page.errors, page.dialogs = [], []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    return page


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    yield _watched(context.new_page())
    context.close()


def test_dashboard_filters_and_shows_the_article_with_the_trigger_marked(server, page):
    from playwright.sync_api import expect

    page.goto(server + "/")
    rows = page.locator("#events tbody tr[data-id]")
    rows.first.wait_for()
    assert rows.count() == 3
    assert "3 articles" in page.locator("#summary").inner_text()
    assert page.locator("#timeline svg rect").count() >= 3  # stacked bars, one per dated type and day
    assert page.locator("#dyads tbody tr").first.inner_text().startswith("CHNGOV")

    page.select_option("#f-type", "ASSAULT")
    page.click("#filters button[type=submit]")
    expect(rows).to_have_count(1)
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
    # type colours are set through CSSOM, which the CSP allows (a style attribute would be refused)
    assert page.locator("#doc-event .type").evaluate("node => node.style.getPropertyValue('--type-colour')")
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert page.errors == []


def test_reset_and_pagination_controls(server, page):
    from playwright.sync_api import expect

    rows = page.locator("#events tbody tr[data-id]")
    page.goto(server + "/?type=ASSAULT")
    expect(rows).to_have_count(1)
    assert page.locator("#f-type").input_value() == "ASSAULT"  # filters come back from the address
    page.click("#reset")
    expect(rows).to_have_count(3)
    assert page.locator("#events-caption").inner_text() == "1–3 of 3 event mentions"
    assert page.locator("#next").is_disabled() and page.locator("#prev").is_disabled()
    assert page.errors == []


# ---- hostile input: every field a scraped page can fill, full of markup and script URLs -----------------

# Each payload, if it ever ran, would set window.__xss or open a dialog; the test checks for both.
HOSTILE = {
    "source": '<img src=x onerror="window.__xss=\'source\'">China',
    "target": '"><script>window.__xss="target"</script>',
    "trigger": "<b onmouseover=alert('trigger')>backed</b>",
    "quote": "\"<svg onload=alert('quote')>,\"",
    "speaker": "<iframe src=javascript:alert('speaker')></iframe>",
    "body": '<script>window.__xss="text"</script> <a href="javascript:alert(\'body\')">click me</a>',
}
# source.url values: only the http(s) ones may become links
HOSTILE_URLS = {
    "x1": "javascript:alert(document.domain)",
    "x2": "JaVaScRiPt:window.__xss='mixed case'",
    "x3": " \x01\x1f\tjavascript:alert('leading blanks and control characters')",
    "x4": "java\nscript:alert('newline inside')",
    "x5": "data:text/html,<script>alert('data')</script>",
    "x6": "vbscript:msgbox('vb')",
    "x7": "/relative/path?<script>alert('relative')</script>",
    "x8": "https://example.org/news/1?q=<script>alert('query')</script>",
}
LINKED = {"x8"}
LINKED_HREF = "https://example.org/news/1?q=%3Cscript%3Ealert(%27query%27)%3C/script%3E"  # as URL() normalises it


def _at(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(text=part, start=start, end=start + len(part))


def hostile_record(doc_id: str, url: str) -> DocumentRecord:
    """One article whose text, title, outlet, url, actors, place, quote and byline all carry HTML and script."""
    h = HOSTILE
    text = (f"{h['source']} on Friday {h['trigger']} {h['target']} in story {doc_id}. "
            f"{h['quote']} {h['speaker']} said. {h['body']}")
    src, tgt, trigger = _at(text, h["source"]), _at(text, h["target"]), _at(text, h["trigger"])
    event = Event(
        id="e1", trigger=trigger, sentence=_at(text, text.split(". ")[0] + "."),
        source=EventActor(**src.model_dump(), actor_id="a1", country="CHN", sector="GOV", code="CHNGOV"),
        target=EventActor(**tgt.model_dump(), actor_id="a2", country="KAZ", sector=None,
                          code="<svg/onload=alert('code')>"),
        plover=Plover(type="SUPPORT", context=["<img src=x onerror=alert('context')>"]),
        cameo=Cameo(code="051", root="05", quad_class=1, goldstein=3.4),
        date=EventDate(value="2022-01-07", precision="day", **{"from": "text"}, text="<b>Friday</b>"),
        location=Location(name="<img src=x onerror=\"window.__xss='place'\">", country="KAZ", precision="city"),
        confidence=0.8, rule="<script>alert('rule')</script>",
    )
    return DocumentRecord(
        doc_id=doc_id,
        source=Source(path=f"{doc_id}.jsonl", url=url, outlet="<script>window.__xss='outlet'</script>",
                      id="<img src=x onerror=alert('id')>"),
        title=f"<img src=x onerror=\"window.__xss='title'\">Story {doc_id} <script>alert('title')</script>",
        published="2022-01-07T10:00:00+00:00",
        dateline=Dateline(text="<script>alert('dateline')</script>"),
        byline="<img src=x onerror=alert('byline')>", text=text,
        entities=[Entity(start=src.start, end=src.end, text=src.text, label="GPE", actor_id="a1")],
        actors=[Actor(id="a1", name="<img src=x onerror=\"window.__xss='actor'\">", kind="state", country="CHN",
                      sector="GOV", code="CHNGOV"),
                Actor(id="a2", name="</strong><script>alert('actor 2')</script>", kind="group", country="KAZ",
                      code="<svg/onload=alert('code')>")],
        quotes=[Quote(id="q1", kind="direct", content=_at(text, h["quote"]), cue=_at(text, "said"),
                      speaker=Speaker(**_at(text, h["speaker"]).model_dump(), actor_id="a2"))],
        events=[event], pipeline=PipelineInfo(version="0.1.0", model="en_core_web_sm-3.8.0"),
    )


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "events.duckdb"
    store_records([hostile_record(doc_id, url) for doc_id, url in HOSTILE_URLS.items()], db)
    with serving(db) as base:
        yield base


@pytest.fixture(params=[False, True], ids=["csp", "no-csp"])
def hostile_page(request, browser, hostile_server):
    """A page on the hostile dashboard that never leaves it: every other navigation is answered 204 No Content.

    Run with the server's CSP and with CSP bypassed, so the dashboard's own escaping is tested on its own.
    """
    context = browser.new_context(viewport={"width": 1300, "height": 900}, bypass_csp=request.param)
    page = _watched(context.new_page())
    page.navigations = []
    dashboard = urllib.parse.urlsplit(hostile_server + "/")

    def route(route):
        req = route.request
        target = urllib.parse.urlsplit(req.url)
        if req.is_navigation_request() and (target.netloc, target.path) != (dashboard.netloc, "/"):
            page.navigations.append(req.url)
            route.fulfill(status=204)  # a 204 answer to a navigation keeps the current page
        elif target.netloc != dashboard.netloc:
            route.abort()  # nothing from elsewhere, ever
        else:
            route.continue_()

    page.route("**/*", route)
    yield page
    context.close()


@pytest.mark.parametrize("doc_id", sorted(HOSTILE_URLS))
def test_hostile_article_runs_no_script_when_shown_and_clicked(hostile_server, hostile_page, doc_id):
    from playwright.sync_api import expect

    page = hostile_page
    page.goto(f"{hostile_server}/?event={doc_id}:e1")
    page.locator("#doc-text mark.trg").wait_for()
    expect(page.locator("#events tbody tr[data-id]")).to_have_count(len(HOSTILE_URLS))

    # hover every mark, click every link and button of the article and the page
    for mark in page.locator("#doc-text mark").all():
        mark.hover()
    page.locator("#doc-more summary").click()
    for clickable in page.locator("#doc-view a, #doc-view button, header a, a.skip").all():
        if clickable.is_visible() and clickable.bounding_box()["x"] >= 0:
            clickable.click()
        else:  # the skip link sits off-screen until focused: the DOM's click() does what a user's would
            clickable.evaluate("node => node.click()")
        page.wait_for_timeout(50)
    page.locator("#doc-text mark.trg").wait_for()
    page.wait_for_timeout(200)

    # no script ran, and the page never left the dashboard
    assert page.dialogs == []
    assert page.evaluate("() => window.__xss") is None
    assert page.url.startswith(f"{hostile_server}/?")
    assert not [e for e in page.errors if "Content Security Policy" in e]  # the dashboard itself keeps to the CSP
    expected = {f"{hostile_server}/docs", f"{hostile_server}/api/documents/{doc_id}"}
    if doc_id in LINKED:
        expected.add(LINKED_HREF)
    assert set(page.navigations) == expected

    # everything from the data is there as text, none of it as elements
    assert page.locator("#doc-text").inner_text().startswith(HOSTILE["source"])
    assert HOSTILE["body"] in page.locator("#doc-text").inner_text()
    assert HOSTILE["trigger"] == "".join(page.locator("#doc-text mark.trg").all_inner_texts())
    assert f"Story {doc_id} <script>" in page.locator("#doc-title").inner_text()
    assert "<script>window.__xss='outlet'</script>" in page.locator("#doc-meta").inner_text()
    assert HOSTILE["target"] in page.locator("#doc-event").inner_text()
    assert "</strong><script>alert('actor 2')</script>" in page.locator("#events").inner_text()
    assert "<svg/onload=alert('code')>" in page.locator("#dyads").inner_text()
    from_data = "img, script, iframe, svg:not(.chart), b, object, embed"
    for panel in ("#doc-view", "#events", "#dyads", "#legend", "#notice", "header"):
        assert page.locator(panel).locator(from_data).count() == 0, panel
    assert page.locator("[onerror], [onload], [onclick], [onmouseover]").count() == 0

    # the article's address is a link only when it is http(s); otherwise it is shown as text
    original = page.locator("#doc-meta a")
    if doc_id in LINKED:
        assert original.count() == 1 and original.get_attribute("href") == LINKED_HREF
    else:
        assert original.count() == 0
        assert "original: " in page.locator("#doc-meta .original-text").inner_text()
    for link in page.locator("a[href]").all():
        assert link.get_attribute("href").startswith(("/", "#", "https://example.org/")), link.get_attribute("href")


def test_the_csp_blocks_inline_script_in_the_browser(hostile_server, browser):
    """Even markup that got into the page could not run: the browser enforces the server's policy."""
    context = browser.new_context()
    page = _watched(context.new_page())
    page.goto(hostile_server + "/")
    page.locator("#events tbody tr[data-id]").first.wait_for()
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__inline = 1";
        document.body.append(s);
        const img = document.createElement("img");
        img.setAttribute("onerror", "window.__handler = 1");
        img.src = "/nowhere.png";
        document.body.append(img);
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("() => [window.__inline, window.__handler]") == [None, None]
    assert any("Content Security Policy" in e for e in page.errors)
    context.close()


@pytest.mark.parametrize("path, ready", [("/docs", ".swagger-ui .opblock"), ("/redoc", "[role=search], .api-content")])
def test_api_docs_render_under_their_csp(hostile_server, browser, path, ready):
    context = browser.new_context()
    page = _watched(context.new_page())
    page.goto(hostile_server + path)
    page.locator(ready).first.wait_for(timeout=15000)
    assert "/api/events" in page.content()
    # ReDoc's bundle asks its CDN for a logo; the policy refusing it is the point (nothing from elsewhere).
    refused = [e for e in page.errors if "Content Security Policy" in e and "https://cdn.redoc.ly/" not in e]
    assert not refused, refused
    context.close()


# ---- the analyst's views: map, network, modality marks, downloads, the timeline's bulk -------------------

@pytest.fixture(scope="module")
def analyst_server(tmp_path_factory):
    from tests.fixtures.records import with_modality

    db = tmp_path_factory.mktemp("analyst") / "events.duckdb"
    records = [make_record(f"k{i:02d}", day=f"2022-03-{1 + i % 28:02d}", outlet=f"Outlet {i % 5}") for i in range(60)]
    records += [
        make_record("kyiv", plover="ASSAULT", cameo="190", source="RUSGOV", target="UKRGOV", day="2022-02-24",
                    place=("Kyiv", "UKR", "city")),
        with_modality(make_record("denied", plover="ASSAULT", cameo="190", source="RUSGOV", target="UKRGOV",
                                  day="2022-03-05", place=("Kyiv", "UKR", "city")), negated=True),
        make_record("old", plover="AID", cameo="070", source="USAGOV", target="UKRGOV", day="2001-01-01", place=None),
    ]
    store_records(records, db)
    with serving(db) as base:
        yield base


def test_map_network_modality_downloads_and_timeline_range(analyst_server, page):
    from playwright.sync_api import expect

    page.goto(analyst_server + "/")
    rows = page.locator("#events tbody tr[data-id]")
    rows.first.wait_for()
    # the map: country outlines from the shipped basemap, one point per place, coloured by quad class
    page.locator("#map svg circle.point").first.wait_for()
    assert page.locator("#map svg path.land").count() > 150
    assert page.locator("#map svg circle.point").count() == 2  # Almaty and Kyiv
    assert page.locator("#map svg path.has-events[data-country=UKR]").count() == 1
    # the timeline draws the bulk (2022) and lists the background date instead of stretching the axis
    expect(page.locator("#timeline-outliers")).to_be_visible()
    assert "2001-01-01 (1)" in page.locator("#timeline-outliers").inner_text()
    # modality: the denied attack is marked in the list
    page.fill("#f-q", "")
    page.select_option("#f-modality", "negated")
    page.click("#filters button[type=submit]")
    expect(rows).to_have_count(1)
    assert rows.first.locator(".modality.negated").inner_text() == "denied"
    page.click("#reset")
    expect(rows).to_have_count(50)
    # clicking a point filters by its country
    page.locator("#map svg circle.point[data-country=UKR]").dispatch_event("click")
    expect(rows).to_have_count(3)
    assert "country=UKR" in page.url
    # the network: actors on a circle, a click shows that actor's events
    node = page.locator("#network svg g.node[data-code=RUSGOV]")
    node.wait_for()
    # (the made-up records all carry quad class 1, so the edge is drawn as cooperation)
    assert page.locator("#network svg path.edge.cooperation[data-source=RUSGOV][data-target=UKRGOV]").count() == 1
    node.dispatch_event("click")
    expect(rows).to_have_count(2)
    assert "actor=RUSGOV" in page.url and all("RUSGOV" in text for text in rows.all_inner_texts())
    # the actor page: events by and against it over time, and its quotes
    expect(page.locator("#actor-counts")).to_contain_text("2 events by RUSGOV (as source), 0 against it")
    assert page.locator("#actor-timeline rect.actor-bar.by").count() == 2  # February and March 2022
    # ... and by event type: the attack and the denied one, both by RUSGOV
    assault = page.locator("#actor-types tbody tr[data-type=ASSAULT]")
    expect(assault).to_have_count(1)
    assert [cell.strip() for cell in assault.locator("td").all_inner_texts()] == ["ASSAULT", "2", "0"]
    assert page.locator("#actor-types tbody tr").count() == 1
    # downloads hold what is on screen
    href = page.locator("#download-csv").get_attribute("href")
    assert "actor=RUSGOV" in href and "country=UKR" in href
    csv_text = page.request.get(analyst_server + href).text()
    assert csv_text.splitlines()[0].startswith("event_key,") and len(csv_text.strip().splitlines()) == 3
    geojson = page.request.get(analyst_server + page.locator("#download-geojson").get_attribute("href")).json()
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == 2
    assert geojson["features"][0]["geometry"]["coordinates"] == [76.95, 43.25]
    page.click("#reset")
    expect(page.locator("#actor-view")).to_be_hidden()
    expect(rows).to_have_count(50)
    # an actor code in the table opens its page too
    rows.first.locator("button.code").first.click()
    expect(page.locator("#actor-view")).to_be_visible()
    expect(page.locator("#actor-code")).to_have_text("CHNGOV")
    page.click("#reset")
    page.screenshot(path=str(SCREENSHOT.with_name("eventwire-dashboard-analyst.png")), full_page=True)
    assert page.errors == []


# ---- a crowded network: ~60 actors, laid out apart, only the most connected labelled ----------------------

HUBS = [f"H{h}XGOV" for h in range(4)]


@pytest.fixture(scope="module")
def crowded_server(tmp_path_factory):
    """20 dyads between 40 one-event actors, and 4 hubs each in 5 dyads: 64 actors, 40 edges."""
    db = tmp_path_factory.mktemp("crowded") / "events.duckdb"
    records = [make_record(f"p{i:02d}", source=f"L{2 * i:02d}GOV", target=f"L{2 * i + 1:02d}GOV", place=None)
               for i in range(20)]
    records += [make_record(f"h{i:02d}", source=HUBS[i % 4], target=f"M{i:02d}GOV", place=None) for i in range(20)]
    store_records(records, db)
    with serving(db) as base:
        yield base


def test_a_crowded_network_keeps_actors_apart_and_labels_the_most_connected(crowded_server, page):
    page.goto(crowded_server + "/")
    nodes = page.locator("#network svg g.node")
    nodes.first.wait_for()
    assert nodes.count() == 64 and page.locator("#network svg path.edge").count() == 40
    page.locator("#network").screenshot(path=str(SCREENSHOT.with_name("eventwire-network-crowded.png")))
    circles = [(float(c.get_attribute("cx")), float(c.get_attribute("cy")), float(c.get_attribute("r")))
               for c in page.locator("#network svg g.node circle").all()]
    for i, (x1, y1, r1) in enumerate(circles):
        for x2, y2, r2 in circles[i + 1:]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= r1 + r2, "two actors drawn on top of each other"
    # at most the 12 most connected are labelled (one with no free spot for its label is not), the four hubs
    # among them; the labels shown overlap neither each other nor another actor
    labelled = page.locator("#network svg g.node.labelled")
    assert 8 <= labelled.count() <= 12
    assert all(page.locator(f"#network svg g.node.labelled[data-code={hub}]").count() == 1 for hub in HUBS)
    boxes = [label.bounding_box() for label in labelled.locator("text").all()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                     or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
            assert apart, f"two labels overlap: {a} {b}"
    # an unlabelled actor: its name on hover and in its title
    quiet = page.locator("#network svg g.node:not(.labelled)").first
    assert not quiet.locator("text").is_visible()
    assert quiet.get_attribute("data-code") in quiet.locator("title").text_content()
    quiet.locator("circle").hover()
    assert quiet.locator("text").is_visible()
    assert page.errors == []
