"""Page text (a page as a reader copied it, furniture and all): the story and its metadata.

No library does this well, so this is our own line classifier (hard-wrapped
text is first joined back into paragraphs, see unwrap.py):

1. Each non-empty line gets a kind from its own signals — prose (long enough,
   enough stop words, sentence punctuation), short (headings, list items,
   menu entries), furniture (sign-in prompts, sharing buttons, comment
   policies: phrases in data/furniture.yaml), caption (photo captions and
   lines the page prints twice), timestamp and byline lines.
2. Each kind scores: prose lines count for the story by their length, all
   others against it; timestamp and byline lines are near-walls. The story is
   the run of lines with the highest total (the longest run of prose), so a
   heading or an advert inside the story is bridged while a menu of fifty
   links, the standfirst above the timestamp and the comments below are not.
3. Inside the run, furniture, captions and metadata lines are dropped; the
   headline, timestamp, byline and dateline are read from the lines above it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.datafiles import load_yaml_text
from eventwire.extract.decode import normalise_text
from eventwire.extract.metadata import (
    byline_of,
    clean_title,
    always_furniture,
    is_caption,
    is_furniture,
    is_aside,
    is_story_end,
    leading_dateline,
    plain_byline,
    trailing_dateline,
)
from eventwire.extract.timestamps import parse_timestamp
from eventwire.extract.unwrap import unwrap
from eventwire.records import Dateline

_WORD = re.compile(r"\w+")
# Notices and captions are short: a line longer than this is text even when it holds a furniture or
# caption phrase ("Photo credit: ...", "sign up") - a whole article copied as one line often does.
MAX_NOTICE_WORDS = 80
# For weighing lines, each CJK character counts as a word (those scripts do not space words).
TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
_SENTENCE_END = re.compile(r"[.!?…:;”\"’')\]]\s*$")
_CJK_SENTENCE_END = re.compile(r"[。！？」』）]\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_TRUNCATED = re.compile(r"\w\s?(\.\.\.|…)\s*$")  # a teaser cut off mid-sentence ("... with improved Alexa suppor...")
_TWEET_SIGNATURE = re.compile(r"^[—–-]\s*\S.*\(@\w+\)")  # "— Digital Foundry (@digitalfoundry) November 18, 2019"
_BULLET = re.compile(r"^\s*(?:[•·▪◦●■\-*–]|\d{1,2}[.)])\s+")

# Scores of the line kinds (see module doc): prose earns its word count.
SCORE_SHORT_BASE = -1.0
SCORE_SHORT_PER_WORD = -0.3
SCORE_SHORT_MIN = -5.0
ENGLISH_STOP_RATIO = 0.25  # pages whose long lines have this share of English stop words are English
PROSE_STOP_RATIO = 0.2  # on English pages, a prose line has at least this share
OTHER_LANGUAGE_RATIO = 0.15  # else the page is in the language whose list (data/stopwords.yaml) covers this share
PROSE_SHARE_OF_PAGE = 0.5  # and there a prose line has at least this part of the page's share
SCORE_FURNITURE = -8.0
SCORE_CAPTION = -6.0
SCORE_WALL = -40.0
HEADER_WINDOW = 30  # lines above the story searched for timestamp and byline
PLAIN_BYLINE_WINDOW = 12  # lines above the story searched for a byline without "By"
ANCHOR_BONUS = 60.0  # for the first prose line under the headline (or the first byline)
ANCHOR_REACH = 15  # how many lines below the headline the story may begin
AFTER_END_FACTOR = 0.2  # prose below a "Comments" / "Related" heading counts this much
DIGEST_MIN_WORDS = 40  # a line this long made mostly (DIGEST_SHARE) of three or more other lines is a repeat
DIGEST_SHARE = 0.6
ASIDE_REACH = 6  # a "Related" box followed by prose within this many lines sits inside the story
ABOVE_HEAD_FACTOR = 0.2  # prose above the headline the story starts under counts this much


@dataclass
class PageTextExtraction:
    text: str
    title: str | None = None
    published: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    captions: list[str] = field(default_factory=list)
    clean: bool = False  # the input was already a clean body and is kept as is


@dataclass
class Line:
    text: str
    words: int
    kind: str  # prose | short | furniture | caption | repeat | timestamp | byline
    score: float


@lru_cache(maxsize=1)
def stop_lists() -> dict[str, frozenset[str]]:
    """Function words by language: spaCy's English list and data/stopwords.yaml, loaded once per process."""
    text = resources.files("eventwire.extract").joinpath("data/stopwords.yaml").read_text(encoding="utf-8")
    data = load_yaml_text(text) or {}
    lists = {str(lang): frozenset(str(w).lower() for w in words) for lang, words in data.items()}
    lists["en"] = frozenset(STOP_WORDS)
    return lists


@lru_cache(maxsize=1)
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each stop word and the languages listing it (one look-up per word when finding the language)."""
    found: dict[str, list[str]] = {}
    for lang, words in stop_lists().items():
        for word in words:
            found.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in found.items()}


def page_language(long_lines: Iterable[list[str]]) -> tuple[frozenset[str], float]:
    """(the stop words of the page's language, the share of them a prose line needs).

    English when its stop words make a quarter of the long lines' words; else
    the listed language covering the most words; for a language we have no list
    for (or scripts without spaces) no stop-word test at all.
    """
    counts: Counter[str] = Counter()
    total = 0
    lists, languages_of = stop_lists(), _languages_of()
    for toks in long_lines:
        total += len(toks)
        counts.update(lang for tok in toks for lang in languages_of.get(tok, ()))
    if not total:
        return lists["en"], PROSE_STOP_RATIO
    if counts["en"] / total >= ENGLISH_STOP_RATIO:
        return lists["en"], PROSE_STOP_RATIO
    lang, hits = max(counts.items(), key=lambda kv: kv[1], default=("en", 0))
    if lang != "en" and hits / total >= OTHER_LANGUAGE_RATIO:
        return lists[lang], PROSE_SHARE_OF_PAGE * hits / total
    return lists["en"], 0.0


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def classify(lines: list[str]) -> list[Line]:
    """The kind and story score of each (non-empty, stripped) line."""
    keys = [_key(line) for line in lines]
    last = {key: i for i, key in enumerate(keys)}
    counts = Counter(keys)
    tokens = [TOKEN.findall(line.lower()) for line in lines]
    long_lines = [i for i, toks in enumerate(tokens) if len(toks) >= 8]
    stop_set, min_stop = page_language(tokens[i] for i in long_lines)
    stops = [sum(1 for t in toks if t in stop_set) for toks in tokens]
    out: list[Line] = []
    for i, text in enumerate(lines):
        words = len(tokens[i])
        stop = stops[i] / words if words else 0.0
        kind = _kind(text, tokens[i], stop, stop_set, min_stop)
        if counts[keys[i]] > 1 and (kind not in ("timestamp", "byline") or words >= 12):
            kind = _repeated_kind(kind, words, keys, i, last)
        out.append(Line(text=text, words=words, kind=kind, score=_score(kind, words)))
    _mark_digests(out, tokens)
    _weigh_by_position(out)
    return out


def _mark_digests(scored: list[Line], tokens: list[list[str]]) -> None:
    """A long line made of other lines' text (the whole story again in one line, as structured
    data or a print view) is a repeat: only the paragraphs themselves can be story. Three source
    lines at least, so a closing quote that echoes one earlier pull quote stays."""
    prose = [i for i, line in enumerate(scored) if line.kind == "prose"]
    if len(prose) < 3:
        return
    owners: dict[tuple[str, ...], list[int]] = {}  # the first two lines holding each 4-gram
    grams: dict[int, list[tuple[str, ...]]] = {}
    for i in prose:
        toks = tokens[i]
        grams[i] = [tuple(toks[k:k + 4]) for k in range(len(toks) - 3)]
        for gram in grams[i]:
            held = owners.setdefault(gram, [])
            if len(held) < 2 and i not in held:
                held.append(i)
    for i in prose:
        if scored[i].words < DIGEST_MIN_WORDS:
            continue
        sources = [next(j for j in owners[g] if j != i) for g in grams[i] if len(owners[g]) > 1 or owners[g][0] != i]
        if len(sources) >= DIGEST_SHARE * len(grams[i]) and len(set(sources)) >= 3:
            scored[i].kind, scored[i].score = "repeat", SCORE_CAPTION


def _anchor(scored: list[Line]) -> tuple[int, int] | None:
    """(the first prose line under the page's headline (a later line repeating the first line's
    headline), or else under the first byline, and that headline or byline): where the story
    most likely starts."""
    starts: list[int] = []
    if scored:
        title = clean_title(scored[0].text) or ""
        title_key, first_key = _key(title), _key(scored[0].text)
        for i in range(1, len(scored)):
            key = _key(scored[i].text)
            if key and scored[i].words >= 2 and (key == title_key or (key in first_key and len(key) * 2 >= len(first_key))):
                starts.append(i)
    byline = next((i for i, line in enumerate(scored) if line.kind == "byline"), None)
    if byline is not None:
        starts.append(byline)
    for start in sorted(starts):
        j = start + 1
        passed_meta = False  # prose below the byline or timestamp is the story, whatever follows it
        while j < min(len(scored), start + 1 + ANCHOR_REACH):
            if scored[j].kind in ("timestamp", "byline"):
                passed_meta = True
            elif scored[j].kind == "prose":
                wall = None if passed_meta else next(
                    (k for k in range(j + 1, min(len(scored), j + 9)) if scored[k].kind in ("timestamp", "byline")),
                    None)
                if wall is None:  # a prose line above the byline or timestamp is the standfirst
                    return j, start
                j = wall
                passed_meta = True
            j += 1
    return None


def _weigh_by_position(scored: list[Line]) -> None:
    """Favour the story under the headline; discount prose under comment/related headings."""
    found = _anchor(scored)
    anchor = None
    if found is not None:
        anchor, head = found
        scored[anchor].score += ANCHOR_BONUS
        for line in scored[:head]:  # teasers above the headline are other stories
            if line.kind == "prose":
                line.score *= ABOVE_HEAD_FACTOR
    seen = 0
    ended = False
    for i, line in enumerate(scored):
        if line.kind == "prose":
            if ended:
                line.score *= AFTER_END_FACTOR
            elif anchor is None or i >= anchor:
                seen += line.words
        elif seen >= 50 and (is_story_end(line.text, line.words) or (
                is_aside(line.text, line.words)
                and not any(later.kind == "prose" for later in scored[i + 1:i + 1 + ASIDE_REACH]))):
            ended = True


def _repeated_kind(kind: str, words: int, keys: list[str], i: int, last: dict[str, int]) -> str:
    """A line the page prints more than once.

    Printed twice in a row it is a photo caption (image alt text and caption);
    a sentence printed once above the story and again inside it is the
    standfirst (only the later copy can be story); short repeats are menus.
    """
    adjacent = (i > 0 and keys[i - 1] == keys[i]) or (i + 1 < len(keys) and keys[i + 1] == keys[i])
    if kind == "caption" or (adjacent and words >= 6):
        return "caption"
    if kind == "prose":
        return "prose" if last[keys[i]] == i else "repeat"
    return "furniture"


def _kind(text: str, tokens: list[str], stop: float, stop_set: frozenset[str], min_stop: float) -> str:
    words = len(tokens)
    if words == 0:
        return "furniture"
    if words <= MAX_NOTICE_WORDS and is_furniture(text, words):
        return "furniture"
    if words <= MAX_NOTICE_WORDS and is_caption(text):
        return "caption"
    if words <= 20 and not _TWEET_SIGNATURE.match(text) and parse_timestamp(text) is not None:
        return "timestamp"
    if text.strip().lower() == "by" or (words <= 14 and byline_of(text)):
        return "byline"
    if _TWEET_SIGNATURE.match(text) or _TRUNCATED.search(text):
        return "short"
    dated = leading_dateline(text) if text[:2].isupper() else None
    if dated is not None:  # "ST. JOSEPH, Mich. (AP) — ...": judge the sentence, not the place names before it
        text = text[dated[1]:]
        tokens = TOKEN.findall(text.lower())
        stop = sum(1 for t in tokens if t in stop_set) / len(tokens) if tokens else 0.0
        words = len(tokens) + 2
    if words >= 8 and stop >= min_stop and not _BULLET.match(text):
        if _CJK.search(text):
            ends = bool(_CJK_SENTENCE_END.search(text)) or len(_WORD.findall(text)) >= 20
        else:
            ends = bool(_SENTENCE_END.search(text)) or words >= 20
        if ends and not _title_case(text):
            return "prose"
    return "short"


def _title_case(text: str) -> bool:
    """Most words capitalised: a headline or a menu printed in one line, not a sentence."""
    cased = [w for w in text.split() if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
    return len(cased) >= 4 and sum(1 for w in cased if w[:1].isupper()) / len(cased) >= 0.7


def _score(kind: str, words: int) -> float:
    if kind == "prose":
        return float(words)
    if kind == "short":
        return max(SCORE_SHORT_MIN, SCORE_SHORT_BASE + SCORE_SHORT_PER_WORD * words)
    if kind == "furniture":
        return SCORE_FURNITURE
    if kind in ("caption", "repeat"):
        return SCORE_CAPTION
    return SCORE_WALL


def best_run(scored: list[Line]) -> tuple[int, int] | None:
    """[start, end) of the run of lines with the highest total score (Kadane), or None."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, line in enumerate(scored):
        if total <= 0:
            total, start = 0.0, i
        total += line.score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def is_clean_body(scored: list[Line]) -> bool:
    """An already clean body: sentences, and at most a few other short lines (a title, headings).

    A short paragraph of a clean body ("The vote is expected on Thursday.",
    "By noon, the crowd had grown.") may look like furniture, a byline or a
    caption to the line classifier; it is still a sentence, which menus,
    buttons, bylines and credits are not. Site-wide notices (©, cookies,
    sign in to ...) and lines printed twice only come with a copied page.
    """
    if not scored:
        return False
    others = 0
    for line in scored:
        if line.kind in ("repeat", "caption") and line.words >= 4 and not is_caption(line.text):
            return False  # printed twice: a copied page's captions or standfirst
        if line.kind == "prose":
            continue
        if line.words <= MAX_NOTICE_WORDS and always_furniture(line.text):
            return False
        if line.kind != "short" and not _is_sentence(line.text, line.words):
            return False
        if not _is_sentence(line.text, line.words):
            others += 1
    return others <= max(1, len(scored) // 4)


def _is_sentence(text: str, words: int) -> bool:
    """A line written as a sentence: three words or more, a capital (or quote) first, sentence punctuation last."""
    return words >= 3 and (text[:1].isupper() or text[:1] in "\"“‘'(") and bool(_SENTENCE_END.search(text)) \
        and not text.rstrip().endswith(":")


def _title(scored: list[Line], story_start: int) -> str | None:
    """The headline, looked for among the lines above the story.

    First a line whose words the first line (the page's <title>) contains: the
    h1 of a "Headline | Site" title. Else the first line itself when it reads
    like a headline. Else the nearest heading of four words or more above the
    story, skipping the standfirst, byline, timestamp and captions.
    """
    if not scored:
        return None
    header = range(story_start - 1, max(0, story_start - 1 - HEADER_WINDOW), -1)
    first = scored[0]
    first_key = _key(first.text)
    for i in header:
        key = _key(scored[i].text)
        if scored[i].kind == "short" and scored[i].words >= 3 and key and key in first_key:
            return clean_title(scored[i].text)
    if first.kind in ("short", "prose") and first.words >= 4:
        return clean_title(first.text)
    for i in header:
        if scored[i].kind == "short" and scored[i].words >= 4 and not _BULLET.match(scored[i].text):
            return clean_title(scored[i].text)
    return clean_title(first.text) if first.kind == "short" and first.words >= 2 else None


def _header_metadata(scored: list[Line], story_start: int) -> tuple[str | None, str | None, Dateline | None]:
    """(published, byline, dateline) from the lines just above the story (never from © lines)."""
    published = byline = None
    dateline = None
    window = range(story_start - 1, max(-1, story_start - 1 - HEADER_WINDOW), -1)
    for i in window:
        line = scored[i]
        if published is None and line.kind == "timestamp":
            stamp = parse_timestamp(line.text)
            if stamp is not None:
                published = stamp.value
                dateline = dateline or trailing_dateline(line.text)
        if byline is None and line.kind == "byline":
            byline = byline_of(line.text)
            if byline is None and line.text.strip().lower() == "by" and i + 1 < len(scored):
                nxt = scored[i + 1].text.strip()
                byline = nxt if 0 < len(_WORD.findall(nxt)) <= 8 else None
    if byline is None:  # a name with a role or place and no "By", just above the story
        for i in range(story_start - 1, max(-1, story_start - 1 - PLAIN_BYLINE_WINDOW), -1):
            if scored[i].kind == "short" and scored[i].words <= 12:
                byline = plain_byline(scored[i].text)
                if byline is not None:
                    break
    return published, byline, dateline


def extract_pagetext(text: str) -> PageTextExtraction:
    """The article body and metadata of page text; an empty body when no story is found.

    Hard-wrapped prose is first joined back into paragraphs (`unwrap`), so the
    classifier sees paragraphs, not fragments of a 72-column layout.
    """
    text = unwrap(normalise_text(text))
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    scored = classify(lines)
    if is_clean_body(scored):
        return PageTextExtraction(text=text.strip(), clean=True)
    span = best_run(scored)
    if span is None:
        return PageTextExtraction(text="", title=_title(scored, len(scored)))
    start, end = span
    body_lines = [line for line in scored[start:end] if line.kind in ("prose", "short")]
    if not any(line.kind == "prose" for line in body_lines):
        return PageTextExtraction(text="", title=_title(scored, start))
    captions = list(dict.fromkeys(line.text for line in scored if line.kind == "caption"))
    published, byline, dateline = _header_metadata(scored, start)
    paragraphs = [line.text for line in body_lines]
    found = leading_dateline(paragraphs[0])
    if found is not None:
        dateline, cut = found
        paragraphs[0] = paragraphs[0][cut:]
    return PageTextExtraction(
        text="\n\n".join(paragraphs),
        title=_title(scored, start),
        published=published,
        dateline=dateline,
        byline=byline,
        captions=captions,
    )
