"""HTML pages: body, captions out of the body, dateline, title without site, date with offset."""

from __future__ import annotations

import gzip
import json

import pytest
import yaml

from eventwire.article import RawDocument
from eventwire.config import Settings
from eventwire.extract import extract_article
from eventwire.extract.html import extract_html
from tests.conftest import SAMPLES, SHARED

PARAGRAPHS = [
    "The council voted on Tuesday to close the old bridge to traffic after engineers found cracks in two of its piers.",
    "Residents said they had warned the city about the damage for years and would now face long detours to work.",
    "The mayor said repairs would begin in the spring and that the bridge could reopen by the end of next year.",
    "Engineers will inspect the other three bridges over the river next month, the city's transport office said.",
]
PAGE = f"""<!doctype html><html><head><title>Bridge Closed After Cracks Found | City Times</title>
<meta property="article:published_time" content="2021-03-03T10:15:00-05:00">
<meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a><a href="/news">News</a><a href="/login">Sign in</a></nav>
<article><h1>Bridge Closed After Cracks Found</h1><p class="byline">By Jane Doe</p>
<figure><img src="b.jpg"><figcaption>The old bridge seen from the east bank on Monday.</figcaption></figure>
<p>SPRINGFIELD, Ill. — {PARAGRAPHS[0]}</p>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])}
</article><footer>© 2025 City Times. All rights reserved.</footer></body></html>"""


@pytest.fixture(scope="module")
def page():
    return extract_html(PAGE)


def test_html_body_without_furniture_or_caption(page):
    assert page.text.startswith("The council voted on Tuesday")
    assert PARAGRAPHS[-1] in page.text
    for furniture in ("Sign in", "©", "The old bridge seen", "SPRINGFIELD"):
        assert furniture not in page.text


def test_html_metadata(page):
    assert page.title == "Bridge Closed After Cracks Found"
    assert page.published == "2021-03-03T10:15:00-05:00"
    assert page.dateline is not None and page.dateline.text == "SPRINGFIELD, Ill."
    assert page.captions == ["The old bridge seen from the east bank on Monday."]
    assert page.byline == "Jane Doe"


def test_html_is_detected_by_clean_auto():
    article = extract_article(RawDocument(content=PAGE.encode("utf-8")), Settings())
    assert article.format == "html"
    assert article.dateline is not None and article.published == "2021-03-03T10:15:00-05:00"


def test_html_page_without_article_gives_no_article_text_found():
    home = "<html><head><title>Example</title></head><body><nav><a href='/'>Home</a><a href='/w'>World</a></nav></body></html>"
    article = extract_article(RawDocument(content=home), Settings())
    assert article.text == ""
    assert any("no article text found" in e.message for e in article.errors)


def _manifest() -> dict:
    path = SAMPLES / "manifest.yaml"
    if not path.exists():
        pytest.skip("samples/manifest.yaml not written yet")
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _sample_pairs() -> list[tuple[str, str]]:
    """(html file, page-text file) pairs of the same article in samples/manifest.yaml, by shared title."""
    path = SAMPLES / "manifest.yaml"
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("files", data) if isinstance(data, dict) else data
    items = entries.items() if isinstance(entries, dict) else ((e.get("file") or e.get("path"), e) for e in entries)
    by_title: dict[str, dict[str, str]] = {}
    for name, meta in items:
        if not name or not isinstance(meta, dict) or not meta.get("title"):
            continue
        kind = "html" if str(name).endswith((".html", ".htm", ".html.gz")) else "text" if str(name).endswith(".txt") else None
        if kind:
            by_title.setdefault(meta["title"], {})[kind] = str(name)
    return [(v["html"], v["text"]) for v in by_title.values() if "html" in v and "text" in v]


@pytest.mark.parametrize("html_name, text_name", _sample_pairs() or [pytest.param(None, None, marks=pytest.mark.skip(
    reason="no HTML/page-text pairs in samples/manifest.yaml yet"))])
def test_html_and_page_text_of_one_article_agree(html_name, text_name):
    def read(name: str) -> RawDocument:
        data = (SAMPLES / name).read_bytes()
        return RawDocument(content=gzip.decompress(data) if name.endswith(".gz") else data, path=name)

    from_html = extract_article(read(html_name), Settings())
    from_text = extract_article(read(text_name), Settings())
    assert from_html.title == from_text.title
    assert (from_html.published or "")[:10] == (from_text.published or "")[:10]
    assert (from_html.dateline.text if from_html.dateline else None) == (from_text.dateline.text if from_text.dateline else None)


@pytest.mark.slow
@pytest.mark.parametrize("folder, target", [("html-dev", 0.96), ("pagetext-dev", 0.92)])
def test_extraction_scores_on_dev_sets(folder, target):
    from eventwire.eval.extraction import evaluate_folder

    score = evaluate_folder(SHARED / "eval" / folder)
    assert score.f1 >= target, f"{folder}: F1 {score.f1:.4f}"


def test_scorer_counts_empty_output_for_recall_only():
    from eventwire.eval.extraction import score_predictions

    gold = {"a": "one two three four five six", "b": "alpha beta gamma delta epsilon"}
    f1, precision, recall, _ = score_predictions(gold, {"a": "one two three four five six", "b": ""})
    assert precision == 1.0 and recall == 0.5
    assert abs(f1 - 2 * 0.5 / 1.5) < 1e-9
    assert json.dumps(round(f1, 4))
