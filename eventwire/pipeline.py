"""The whole system in order: read → extract → one spaCy parse → actors →
quotes → events → time → place → DocumentRecord.

Every stage is a package whose `make(settings)` loads the stage's data (knowledge
base, lexicon, cues, gazetteer) once and returns what runs per document, as spaCy
builds its components; `STAGES` lists them in order and this file only wires
them. Each document is parsed by spaCy exactly once (`nlp.pipe`, batched);
titles are parsed in the same call so the headline can be coded too. A stage
that fails on one document records `{stage, message}` in that document's
`errors` and the later stages go on with what there is; nothing is dropped.

`Pipeline.process_batch(raws) -> records` is a pure function of its input,
so any engine (local processes, Dask) can run it.

Each document has a time budget (`settings.doc_timeout`, `--doc-timeout`):
extraction and analysis together may take that long, and its parse as long
again; a document past it keeps its text and gets an error naming the stage
it was in, and the batch goes on with the next one (`budget.py` interrupts
the stuck stage).
"""

from __future__ import annotations

import logging
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar, cast

from spacy.language import Language
from spacy.tokens import Doc

from eventwire import actors as actor_stage
from eventwire import events as event_stage
from eventwire import geo as geo_stage
from eventwire import quotes as quote_stage
from eventwire import time as time_stage
from eventwire.actors import ActorAnalysis, add_kb_ruler
from eventwire.documents import Article, RawDocument
from eventwire.budget import OverBudget, over_budget_message, time_budget
from eventwire.config import Settings
from eventwire.extract import extract_article, make_doc_id
from eventwire.extract.language import ENGLISH, detect_language
from eventwire.nlp import PARSE_PIECE_CHARS, load_model, model_label, parse_in_pieces
from eventwire.records import DocumentRecord, ErrorRecord, PipelineInfo, Source
from eventwire.version import __version__

log = logging.getLogger("eventwire")
T = TypeVar("T")

# Test-only: a document containing STALL_MARK loops forever in the stage named by $EVENTWIRE_TEST_STALL,
# so the tests can show the time budget stops it in every engine (the variable reaches worker processes).
STALL_MARK = "eventwire-test-stall"
_current = threading.local()  # the stage this thread is running, for the over-budget message

# The stages in the order they run, each built once per pipeline by its package's `make(settings)`.
STAGES: tuple[tuple[str, Callable[[Settings], Any]], ...] = (
    ("actors", actor_stage.make),
    ("quotes", quote_stage.make),
    ("events", event_stage.make),
    ("time", time_stage.make),
    ("geo", geo_stage.make),
)


def run_stage(stage: str, errors: list[ErrorRecord], fallback: T, fn: Callable[..., T], *args: object) -> T:
    """Run one stage; on failure note `{stage, message}` and carry on with `fallback`."""
    _current.stage = stage
    try:
        _stall_if_asked(stage, args)
        return fn(*args)
    except Exception as exc:  # a bug or a bad document must cost this stage only
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = f"{type(exc).__name__}: {exc} (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
        errors.append(ErrorRecord(stage=stage, message=message))
        log.debug("stage %s failed", stage, exc_info=True)
        return fallback


def _stall_if_asked(stage: str, args: tuple[object, ...]) -> None:
    if os.environ.get("EVENTWIRE_TEST_STALL") != stage:
        return
    first = args[0] if args else None
    text = first.text if isinstance(first, Article) else getattr(first, "content", None)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if isinstance(text, str) and STALL_MARK in text:
        while True:  # a pure-Python loop that never ends, as a bug would
            pass


def over_budget_error(name: str, seconds: float) -> ErrorRecord:
    """The error of a document whose analysis ran past its budget, in the stage it was in."""
    stage = getattr(_current, "stage", "extract")
    return ErrorRecord(stage=stage, message=f"{name}: " + over_budget_message(seconds, f"in stage {stage}; analysis "
                                                                                            "stopped, text kept"))


@dataclass
class Pipeline:
    """Holds what is loaded once (the spaCy model, the stages with their data) and runs batches."""

    settings: Settings

    def __post_init__(self) -> None:
        self._nlp: Language | None = None
        self._stages: dict[str, Any] | None = None
        self._warm = False

    @property
    def stages(self) -> dict[str, Any]:
        """Each stage of STAGES by name, built on first use."""
        if self._stages is None:
            self._stages = {name: make(self.settings) for name, make in STAGES}
        return self._stages

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = add_kb_ruler(load_model(self.settings.model), self.stages["actors"].kb)
        return self._nlp

    def info(self, article: Article) -> PipelineInfo:
        return PipelineInfo(version=__version__, model=model_label(self.nlp), extraction=article.extraction)

    # -- stages -----------------------------------------------------------------

    def extract(self, raw: RawDocument) -> Article:
        errors: list[ErrorRecord] = []
        article = run_stage("extract", errors, None, extract_article, raw, self.settings)
        if article is None:
            return Article(doc_id=make_doc_id(f"error:{raw.name}"), source=_source_of(raw), text="", errors=tuple(errors))
        if not article.text:
            return article
        language = run_stage("language", errors, ENGLISH, detect_language, article.text)
        return replace(article, language=language, errors=(*article.errors, *errors))

    def analyse(self, article: Article, doc: Doc | None, title_doc: Doc | None) -> DocumentRecord:
        """Everything after the parse, for one document."""
        errors = list(article.errors)
        record = DocumentRecord(
            doc_id=article.doc_id,
            source=article.source,
            title=article.title,
            published=article.published,
            dateline=article.dateline,
            byline=article.byline,
            captions=list(article.captions),
            text=article.text,
            language=article.language,
            pipeline=self.info(article),
        )
        if doc is None:
            return record.model_copy(update={"errors": errors})
        stage = self.stages
        actors = run_stage("actors", errors, ActorAnalysis(), stage["actors"], article, doc, title_doc)
        quotes = run_stage("quotes", errors, [], stage["quotes"], article, doc, actors)
        events = run_stage("events", errors, [], stage["events"], article, doc, title_doc, actors, quotes)
        events = run_stage("time", errors, events, stage["time"], article, doc, events)
        places = run_stage("geo", errors, [], stage["geo"].find_places, article, doc, actors)
        events = run_stage("geo", errors, events, stage["geo"].locate_events, article, doc, events, places, actors)
        return record.model_copy(update={
            "entities": actors.entities,
            "actors": actors.actors,
            "quotes": quotes,
            "events": events,
            "places": places,
            "errors": errors,
        })

    # -- batches ----------------------------------------------------------------

    def warm(self) -> None:
        """Load the model and every stage's data (actors, lexicon, WordNet, places) before the first document.

        The stages load their knowledge on first use, which costs far more than a short document; inside
        the first document's time budget it would make that document fail on a slow or busy machine.
        Two small documents, run with no budget, load it all. A missing model raises ModelNotFound here.
        """
        if self._warm:
            return
        self._run_batch(WARM_UP_DOCUMENTS, budget=0)
        self._warm = True

    def process_batch(self, raws: Sequence[RawDocument]) -> list[DocumentRecord]:
        """Records for a batch of raw documents, in input order; never raises for bad input."""
        self.warm()
        return self._run_batch(raws, self.settings.doc_timeout)

    def _run_batch(self, raws: Sequence[RawDocument], budget: float) -> list[DocumentRecord]:
        timed = [self._extract_within_budget(raw, budget) for raw in raws]
        articles = [self._parseable(article) for article, _ in timed]
        texts: list[str] = []
        for article in articles:
            if _to_parse(article):
                texts.append(article.text)
                if article.title:
                    texts.append(article.title)
        parse_started = time.monotonic()
        parsed = iter(self._parse(texts, budget))
        parse_share = (time.monotonic() - parse_started) / max(sum(map(len, texts)), 1)  # seconds per character
        records = []
        for (_, spent), article, raw in zip(timed, articles, raws):
            started = time.monotonic()
            doc = title_doc = None
            if _to_parse(article):
                doc, title_doc = next(parsed), (next(parsed) if article.title else None)
                if isinstance(doc, Exception):
                    article = replace(article, errors=(*article.errors, _parse_error(doc, raw.name, budget)))
                    doc = None
                if isinstance(title_doc, Exception):
                    title_doc = None
            left = max(budget - spent, 0.001) if budget > 0 else 0
            record = self._analyse_safely(article, doc, title_doc, raw.name, left, budget)
            parsed_chars = len(article.text) + len(article.title or "") if doc is not None else 0
            records.append(record.timed(spent + parsed_chars * parse_share + time.monotonic() - started))
        return records

    def _extract_within_budget(self, raw: RawDocument, budget: float) -> tuple[Article, float]:
        """The article and the seconds extraction took; past the budget, an error article."""
        started = time.monotonic()
        _current.stage = "extract"
        try:
            with time_budget(budget):
                article = self.extract(raw)
        except OverBudget:
            error = over_budget_error(raw.name, budget)
            article = Article(doc_id=make_doc_id(f"error:{raw.name}"), source=_source_of(raw), text="", errors=(error,))
        return article, time.monotonic() - started

    def _parseable(self, article: Article) -> Article:
        """A body longer than the parser takes is kept, with an error instead of an analysis."""
        limit = self.nlp.max_length
        if len(article.text) <= limit:
            return article
        message = (f"article body is {len(article.text):,} characters, over the parser's limit of {limit:,}; "
                   "kept unanalysed (split the input, or raise the model's max_length)")
        return replace(article, errors=(*article.errors, ErrorRecord(stage="nlp", message=message)))

    def _parse(self, texts: list[str], budget: float = 0) -> list[Doc | Exception]:
        """The batch parse; should one text break it or run past the budget, each text alone, so only that one fails.
        A text longer than PARSE_PIECE_CHARS is parsed on its own, a piece at a time (bounded memory)."""
        results: list[Doc | Exception | None] = [None] * len(texts)
        short = [k for k, text in enumerate(texts) if len(text) <= PARSE_PIECE_CHARS]
        try:
            with time_budget(budget * len(short)):
                for k, doc in zip(short, self.nlp.pipe([texts[k] for k in short], batch_size=self.settings.batch_size)):
                    results[k] = doc
        except (Exception, OverBudget):  # noqa: BLE001 - retried one by one below, each failure kept as that text's error
            log.debug("batch parse failed; parsing one by one", exc_info=True)
            results = [None] * len(texts)
        for k, text in enumerate(texts):
            if results[k] is not None:
                continue
            try:
                with time_budget(budget):
                    results[k] = parse_in_pieces(self.nlp, text)
            except OverBudget:
                results[k] = TimeoutError(over_budget_message(budget, "in the parse"))
            except Exception as exc:  # noqa: BLE001 - becomes the document's error record
                results[k] = exc
        return cast("list[Doc | Exception]", results)  # every slot is filled above

    def _analyse_safely(self, article: Article, doc: Doc | None, title_doc: Doc | None, name: str = "",
                        left: float = 0, budget: float = 0) -> DocumentRecord:
        """The record; past the `left` seconds of the document's `budget`, the text with an over-budget error."""
        try:
            with time_budget(left):
                return self.analyse(article, doc, title_doc)
        except OverBudget:  # a stage ran past the document's budget: keep the text, say where it stopped
            error = over_budget_error(name or article.source.path or article.doc_id, budget)
            return self._bare_record(article, error)
        except Exception as exc:  # building the record itself failed: keep the document with its error
            return self._bare_record(article, ErrorRecord(stage="record", message=f"{type(exc).__name__}: {exc}"))

    def _bare_record(self, article: Article, error: ErrorRecord) -> DocumentRecord:
        """The document as extracted, with no analysis: what is kept when the analysis could not finish."""
        return DocumentRecord(doc_id=article.doc_id, source=article.source, title=article.title,
                              published=article.published, dateline=article.dateline, byline=article.byline,
                              captions=list(article.captions), text=article.text, language=article.language,
                              errors=[*article.errors, error], pipeline=self.info(article))

    def process(self, raws: Iterable[RawDocument]) -> Iterator[DocumentRecord]:
        """Records for a stream of raw documents, in batches of `settings.batch_size`."""
        for batch in batched(raws, self.settings.batch_size):
            yield from self.process_batch(batch)


_WARM_UP_TEXT = "LONDON, May 2 (Reuters) - The foreign minister said on Monday the government would talk to Russia."
_WARM_UP_HTML = (f"<html><head><title>Minister to talk to Russia</title></head><body><article><h1>Minister to talk "
                 f"to Russia</h1><p>{_WARM_UP_TEXT}</p><p>\"We will talk,\" she said.</p></article></body></html>")
WARM_UP_DOCUMENTS = (RawDocument(content=_WARM_UP_TEXT, path="<warm-up>"),
                     RawDocument(content=_WARM_UP_HTML, path="<warm-up>", format="html"))


def batched(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    """Consecutive lists of `size` items (the last may be shorter): the unit every engine hands out."""
    batch: list[RawDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _to_parse(article: Article) -> bool:
    """Text to analyse: there is some, it fits the parser, and it is English (other languages are kept as text)."""
    return bool(article.text) and not _failed_parse(article) and article.language == ENGLISH


def _failed_parse(article: Article) -> bool:
    return any(error.stage == "nlp" for error in article.errors)


def _parse_error(exc: Exception, name: str, budget: float) -> ErrorRecord:
    if isinstance(exc, TimeoutError):
        return ErrorRecord(stage="nlp", message=f"{name}: {exc}; text kept")
    return ErrorRecord(stage="nlp", message=f"the parse failed: {type(exc).__name__}: {exc}")


def _source_of(raw: RawDocument) -> Source:
    return Source(path=raw.path, url=raw.url, outlet=raw.outlet, id=raw.id)


def process(text_or_html: str, *, published: str | None = None, url: str | None = None, clean: str = "auto",
            settings: Settings | None = None) -> DocumentRecord:
    """One document record for one text or HTML string: the quickest way in from Python."""
    base = settings or Settings()
    pipeline = pipeline_for(replace(base, clean=clean, published=published or base.published, url=url or base.url))
    return pipeline.process_batch([RawDocument(content=text_or_html, url=url, published=published)])[0]


_PIPELINES: dict[Settings, Pipeline] = {}
_PIPELINES_LOCK = threading.Lock()


def pipeline_for(settings: Settings) -> Pipeline:
    """This process's pipeline for `settings`, built on first use: every engine and `process()` share it, so
    a process loads the model and each stage's resources once (settings are frozen, hence a dict key)."""
    with _PIPELINES_LOCK:
        if settings not in _PIPELINES:
            _PIPELINES[settings] = Pipeline(settings)
        return _PIPELINES[settings]
