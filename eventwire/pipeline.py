"""The whole system in order: read → extract → one spaCy parse → actors →
quotes → events → time → place → DocumentRecord.

Every stage is a plain function in its own package; this file only wires
them. Each document is parsed by spaCy exactly once (`nlp.pipe`, batched);
titles are parsed in the same call so the headline can be coded too. A stage
that fails on one document records `{stage, message}` in that document's
`errors` and the later stages go on with what there is; nothing is dropped.

`Pipeline.process_batch(raws) -> records` is a pure function of its input,
so any engine (local processes, Dask) can run it.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors import ActorAnalysis, add_kb_ruler, load_kb, resolve_actors
from eventwire.article import Article, RawDocument
from eventwire.config import Settings
from eventwire.events import code_events
from eventwire.extract import extract_article, make_doc_id
from eventwire.geo import find_places, locate_events
from eventwire.nlp import load_model, model_label
from eventwire.quotes import find_quotes
from eventwire.records import DocumentRecord, ErrorRecord, PipelineInfo, Source
from eventwire.time import date_events
from eventwire.version import __version__

log = logging.getLogger("eventwire")
T = TypeVar("T")


def run_stage(stage: str, errors: list[ErrorRecord], fallback: T, fn: Callable[..., T], *args: object) -> T:
    """Run one stage; on failure note `{stage, message}` and carry on with `fallback`."""
    try:
        return fn(*args)
    except Exception as exc:  # a bug or a bad document must cost this stage only
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = f"{type(exc).__name__}: {exc} (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
        errors.append(ErrorRecord(stage=stage, message=message))
        log.debug("stage %s failed", stage, exc_info=True)
        return fallback


@dataclass
class Pipeline:
    """Holds what is loaded once (the spaCy model, knowledge bases) and runs batches."""

    settings: Settings

    def __post_init__(self) -> None:
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = add_kb_ruler(load_model(self.settings.model), load_kb(self.settings.kb_files))
        return self._nlp

    @property
    def info(self) -> PipelineInfo:
        return PipelineInfo(version=__version__, model=model_label(self.nlp))

    # -- stages -----------------------------------------------------------------

    def extract(self, raw: RawDocument) -> Article:
        errors: list[ErrorRecord] = []
        article = run_stage("extract", errors, None, extract_article, raw, self.settings)
        if article is None:
            return Article(doc_id=make_doc_id(f"error:{raw.name}"), source=_source_of(raw), text="", errors=tuple(errors))
        return article

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
            pipeline=self.info,
        )
        if doc is None:
            return record.model_copy(update={"errors": errors})
        actors = run_stage("actors", errors, ActorAnalysis(), resolve_actors, article, doc,
                           load_kb(self.settings.kb_files))
        quotes = run_stage("quotes", errors, [], find_quotes, article, doc, actors)
        events = run_stage("events", errors, [], code_events, article, doc, title_doc, actors, quotes,
                           self.settings.lexicon_files)
        events = run_stage("time", errors, events, date_events, article, doc, events)
        places = run_stage("geo", errors, [], find_places, article, doc, actors)
        events = run_stage("geo", errors, events, locate_events, article, doc, events, places, actors)
        return record.model_copy(update={
            "entities": actors.entities,
            "actors": actors.actors,
            "quotes": quotes,
            "events": events,
            "places": places,
            "errors": errors,
        })

    # -- batches ----------------------------------------------------------------

    def process_batch(self, raws: Sequence[RawDocument]) -> list[DocumentRecord]:
        """Records for a batch of raw documents, in input order; never raises for bad input."""
        articles = [self._parseable(self.extract(raw)) for raw in raws]
        texts: list[str] = []
        for article in articles:
            if article.text and not _failed_parse(article):
                texts.append(article.text)
                if article.title:
                    texts.append(article.title)
        parsed = iter(self._parse(texts))
        records = []
        for article in articles:
            doc = title_doc = None
            if article.text and not _failed_parse(article):
                doc, title_doc = next(parsed), (next(parsed) if article.title else None)
                if isinstance(doc, Exception):
                    article = replace(article, errors=(*article.errors, _parse_error(doc)))
                    doc = None
                if isinstance(title_doc, Exception):
                    title_doc = None
            records.append(self._analyse_safely(article, doc, title_doc))
        return records

    def _parseable(self, article: Article) -> Article:
        """A body longer than the parser takes is kept, with an error instead of an analysis."""
        limit = self.nlp.max_length
        if len(article.text) <= limit:
            return article
        message = (f"article body is {len(article.text):,} characters, over the parser's limit of {limit:,}; "
                   "kept unanalysed (split the input, or raise the model's max_length)")
        return replace(article, errors=(*article.errors, ErrorRecord(stage="nlp", message=message)))

    def _parse(self, texts: list[str]) -> list[Doc | Exception]:
        """The batch parse; should one text break it, each text alone, so only that one fails."""
        try:
            return list(self.nlp.pipe(texts, batch_size=self.settings.batch_size))
        except Exception:  # noqa: BLE001 - retried one by one below, each failure kept as that text's error
            log.debug("batch parse failed; parsing one by one", exc_info=True)
        results: list[Doc | Exception] = []
        for text in texts:
            try:
                results.append(self.nlp(text))
            except Exception as exc:  # noqa: BLE001 - becomes the document's error record
                results.append(exc)
        return results

    def _analyse_safely(self, article: Article, doc: Doc | None, title_doc: Doc | None) -> DocumentRecord:
        try:
            return self.analyse(article, doc, title_doc)
        except Exception as exc:  # building the record itself failed: keep the document with its error
            error = ErrorRecord(stage="record", message=f"{type(exc).__name__}: {exc}")
            return DocumentRecord(doc_id=article.doc_id, source=article.source, text=article.text,
                                  errors=[*article.errors, error], pipeline=self.info)

    def process(self, raws: Iterable[RawDocument]) -> Iterator[DocumentRecord]:
        """Records for a stream of raw documents, in batches of `settings.batch_size`."""
        for batch in batched(raws, self.settings.batch_size):
            yield from self.process_batch(batch)


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


def _failed_parse(article: Article) -> bool:
    return any(error.stage == "nlp" for error in article.errors)


def _parse_error(exc: Exception) -> ErrorRecord:
    return ErrorRecord(stage="nlp", message=f"the parse failed: {type(exc).__name__}: {exc}")


def _source_of(raw: RawDocument) -> Source:
    return Source(path=raw.path, url=raw.url, outlet=raw.outlet, id=raw.id)


def process(text_or_html: str, *, published: str | None = None, url: str | None = None, clean: str = "auto",
            settings: Settings | None = None) -> DocumentRecord:
    """One document record for one text or HTML string: the quickest way in from Python."""
    base = settings or Settings()
    pipeline = _pipeline_for(replace(base, clean=clean, published=published or base.published, url=url or base.url))
    return pipeline.process_batch([RawDocument(content=text_or_html, url=url, published=published)])[0]


_PIPELINES: dict[Settings, Pipeline] = {}


def _pipeline_for(settings: Settings) -> Pipeline:
    if settings not in _PIPELINES:
        _PIPELINES[settings] = Pipeline(settings)
    return _PIPELINES[settings]
