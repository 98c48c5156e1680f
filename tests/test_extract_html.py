"""HTML pages: body, captions out of the body, dateline, title without site, date with offset."""

from __future__ import annotations

import gzip
import json

import pytest
import yaml

from eventwire.documents import RawDocument
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
    assert page.dateline is not None and page.dateline.text == "SPRINGFIELD"
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


def _manifest_files() -> list[dict]:
    path = SAMPLES / "manifest.yaml"
    if not path.exists():
        return []
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("files") or []


def _extract_sample(name: str):
    return extract_article(RawDocument(content=(SAMPLES / name).read_bytes(), path=name), Settings())


def _dateline_text(article) -> str | None:
    return article.dateline.text if article.dateline else None


SAMPLE_FILES = [f for f in _manifest_files() if f.get("format") in ("html", "pagetext")]
PAIRS = [(f["path"], f["pair"]) for f in SAMPLE_FILES if f.get("pair") and f["format"] == "html"]


@pytest.mark.skipif(not SAMPLE_FILES, reason="samples/manifest.yaml not written yet")
@pytest.mark.parametrize("entry", SAMPLE_FILES, ids=lambda e: e["path"])
def test_sample_metadata_matches_the_manifest(entry):
    article = _extract_sample(entry["path"])
    assert article.title == entry["title"]
    assert article.published == entry["published"]
    assert _dateline_text(article) == entry["dateline"]
    authors = entry.get("authors") or []
    assert (article.byline is None) == (not authors)
    assert all(name in (article.byline or "") for name in authors)
    assert set(article.captions) == set(entry.get("captions") or [])
    for caption in entry.get("captions") or []:
        assert caption not in article.text
    assert article.text.rstrip().endswith(entry["last_sentence"])


@pytest.mark.skipif(not PAIRS, reason="no HTML/page-text pairs in samples/manifest.yaml yet")
@pytest.mark.parametrize("html_name, text_name", PAIRS)
def test_html_and_page_text_of_one_article_agree(html_name, text_name):
    from_html, from_text = _extract_sample(html_name), _extract_sample(text_name)
    assert from_html.format == "html" and from_text.format == "pagetext"
    assert from_html.title == from_text.title
    assert from_html.published == from_text.published
    assert _dateline_text(from_html) == _dateline_text(from_text)
    assert from_html.text.split()[:12] == from_text.text.split()[:12]


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
