"""The FastAPI app: a read-only JSON API over the event database and the dashboard that uses it.

Routes are thin: they check parameters and call eventwire/web/queries.py.
Every request reads the server's private copy of the database
(eventwire/web/snapshot.py), so `eventwire ingest` can write the real file
while the server runs. OpenAPI docs at /docs.

Every parameter is bounded and typed, so a bad one is a 422 that says what
was wrong, never a 500 from the database; every response carries security
headers (see SecurityHeaders), because the dashboard shows text taken from
arbitrary web pages.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BeforeValidator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.events.tables import load_tables
from eventwire.version import __version__
from eventwire.web import downloads, queries
from eventwire.web.queries import EventFilter
from eventwire.web.snapshot import DatabaseBusy, NotADatabase, Snapshots

STATIC = Path(__file__).resolve().parent / "static"
RETRY_AFTER_SECONDS = 2
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000  # far below DuckDB's BIGINT, far above any real table
MAX_TEXT = 500  # characters in a search or name parameter
log = logging.getLogger(__name__)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (1–{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Rows to skip (pagination, 0–{MAX_OFFSET:,}).")]
Sort = Literal["-date", "date", "-confidence", "confidence", "type", "source", "target"]


def _iso_day(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic alone would also take a datetime or a Unix timestamp and silently cut it to a day."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("expected a day as YYYY-MM-DD")
    return value.strip() if isinstance(value, str) else value


def _text(description: str) -> Any:
    return Query(max_length=MAX_TEXT, description=description)


Day = BeforeValidator(_iso_day)


def _cursor(request: Request, response: Response) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the server's copy of the database; the response says when the copy was taken."""
    with request.app.state.snapshots.cursor() as (cur, taken):
        response.headers["X-Eventwire-Snapshot"] = taken.isoformat()
        yield cur


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(_cursor)]


def _code(value: str | None) -> str | None:
    """Actor codes and ISO country codes are stored upper-case; accept any case."""
    return value.strip().upper() if value and value.strip() else None


def _types(values: list[str] | None) -> list[str]:
    """PLOVER types from repeated or comma-separated `type` parameters; an unknown name is a 422, not zero rows."""
    known = load_tables().plover
    names = [name.strip().upper() for value in values or [] for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise HTTPException(422, f"unknown event type {', '.join(unknown)}: one of {', '.join(known)}")
    return names


def event_filter(
    type: Annotated[list[str] | None, Query(description="PLOVER type(s), repeated or comma-separated: AGREE,CONSULT.")] = None,
    source: Annotated[str | None, _text("Source actor code (CHNGOV) or country (CHN).")] = None,
    target: Annotated[str | None, _text("Target actor code (KAZGOV) or country (KAZ).")] = None,
    country: Annotated[str | None, _text("ISO alpha-3 country of the source, the target or the location.")] = None,
    date_from: Annotated[dt.date | None, Day, Query(description="First event day (YYYY-MM-DD), inclusive.")] = None,
    date_to: Annotated[dt.date | None, Day, Query(description="Last event day (YYYY-MM-DD), inclusive.")] = None,
    q: Annotated[str | None, _text("Text in the trigger or the sentence (case-insensitive).")] = None,
    document: Annotated[str | None, _text("Only events of this doc_id.")] = None,
    actor: Annotated[str | None, _text("Actor code (CHNGOV) or country (CHN) of the source or the target.")] = None,
    modality: Annotated[Literal["all", "real", "negated", "hypothetical", "intended"],
                        Query(description="all; real: reported as having happened (not negated, not hypothetical); "
                                          "or only the negated, hypothetical or intended mentions.")] = "all",
) -> EventFilter:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from ({date_from}) is after date_to ({date_to})")
    return EventFilter(types=_types(type), source=_code(source), target=_code(target), country=_code(country),
                       date_from=date_from, date_to=date_to, q=q.strip() if q and q.strip() else None,
                       document=document or None, actor=_code(actor), modality=modality)


Filters = Annotated[EventFilter, Depends(event_filter)]


def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with one readable sentence per bad parameter, and FastAPI's details beside it."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {error.get('msg')}" + (f" (got {error['input']!r})" if "input" in error else ""))
    return JSONResponse({"error": "invalid parameter " + "; ".join(parts), "detail": jsonable_encoder(exc.errors())},
                        status_code=422)


def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def _busy(_request: Request, _exc: DatabaseBusy) -> JSONResponse:
    return JSONResponse({"error": "database busy: an ingest is writing; retry"}, status_code=503,
                        headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def _unreadable(_request: Request, exc: NotADatabase | FileNotFoundError) -> JSONResponse:
    """The file went away or was replaced by something else after start-up, and there is no copy to serve."""
    return JSONResponse({"error": str(exc)}, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


# The dashboard shows text from arbitrary web pages: no inline script, no plugins, no framing, nothing from elsewhere.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI and ReDoc (from fastapi_offline) start with an inline script and inject styles: their pages,
# which show only the OpenAPI schema, allow those exact scripts (by hash) and inline styles.
DOCS_PATHS = ("/docs", "/redoc", "/docs/oauth2-redirect")
DOCS_CSP = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
           "Cross-Origin-Opener-Policy": "same-origin"}
OURS = {name.lower().encode() for name in (*HEADERS, "Content-Security-Policy")}
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def _script_hashes(html: bytes) -> str:
    """CSP sources for the inline scripts of one page: 'sha256-…' each."""
    return " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s).digest()).decode()}'"
                    for s in INLINE_SCRIPT.findall(html))


class SecurityHeaders:
    """ASGI middleware: CSP, nosniff, no framing and no referrer on every response, a 500 included.

    An exception that escapes the app is answered here (a JSON 500 with the headers), logged, and
    re-raised so the server still reports it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope.get("path") in DOCS_PATHS
        started = False
        held: list[Message] = []  # a docs page is held back until its scripts can be hashed

        def headers(start: Message, csp: str) -> Message:
            kept = [(k, v) for k, v in start.get("headers", []) if k.lower() not in OURS]
            ours = [(k.lower().encode(), v.encode()) for k, v in {**HEADERS, "Content-Security-Policy": csp}.items()]
            return {**start, "headers": kept + ours}

        async def secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if not docs:
                    message = headers(message, CSP)
            if not docs:
                await send(message)
                return
            held.append(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                body = b"".join(m.get("body", b"") for m in held if m["type"] == "http.response.body")
                await send(headers(held[0], DOCS_CSP.format(hashes=_script_hashes(body))))
                await send({"type": "http.response.body", "body": body})

        try:
            await self.app(scope, receive, secured)
        except Exception:
            if started:
                raise
            log.exception("internal error answering %s", scope.get("path"))
            response = JSONResponse({"error": "internal error (the server log has the details)"}, status_code=500)
            await response(scope, receive, secured)
            raise


def create_app(db_path: Path | str, snapshot_dir: Path | str | None = None) -> FastAPI:
    """The app for one eventwire database file.

    Raises FileNotFoundError when there is no such file and NotADatabase when it is not an eventwire
    database, so `eventwire serve` fails at start-up instead of answering 500. The first copy is taken
    here; a file an ingest holds cannot be checked yet and is served (503 until free) as before.
    """
    snapshots = Snapshots(db_path, snapshot_dir)
    try:
        snapshots.refresh()
    except BaseException:
        snapshots.close()
        raise

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        snapshots.close()

    # FastAPIOffline: /docs and /redoc with Swagger UI and ReDoc served by this app, not from a CDN.
    app = FastAPIOffline(title="eventwire", version=__version__, lifespan=lifespan,
                  description="Political events, actors and quotes extracted from news articles, each traceable "
                              "to the characters of its article. Read-only.")
    app.state.snapshots = snapshots
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(DatabaseBusy, _busy)  # type: ignore[arg-type]
    app.add_exception_handler(NotADatabase, _unreadable)  # type: ignore[arg-type]
    app.add_exception_handler(FileNotFoundError, _unreadable)  # type: ignore[arg-type]
    app.add_middleware(SecurityHeaders)

    @app.get("/api/health", summary="Whether the server can answer, and how fresh its copy of the database is")
    def health() -> JSONResponse:
        snapshots.refresh()
        status = snapshots.status()
        ok = status["snapshot_taken"] is not None
        return JSONResponse({"status": "ok" if ok else "busy", "version": __version__, **status},
                            status_code=200 if ok else 503,
                            headers=None if ok else {"Retry-After": str(RETRY_AFTER_SECONDS)})

    @app.get("/api/stats", summary="Row counts, event types, date range and countries")
    def stats(cur: Cursor) -> dict:
        return queries.stats(cur)

    @app.get("/api/events", summary="Event mentions, filtered, sorted and paginated")
    def events(cur: Cursor, filters: Filters, sort: Sort = "-date", limit: Limit = 50, offset: Offset = 0) -> dict:
        return queries.list_events(cur, filters, sort, limit, offset)

    @app.get("/api/events.csv", summary="The filtered events as a CSV download (newest first)")
    def events_csv(filters: Filters) -> StreamingResponse:
        return downloads.download(snapshots, filters, downloads.csv_chunks, "text/csv; charset=utf-8", "eventwire-events.csv")

    @app.get("/api/events.geojson", summary="The filtered events that have coordinates, as a GeoJSON download")
    def events_geojson(filters: Filters) -> StreamingResponse:
        return downloads.download(snapshots, filters, downloads.geojson_chunks, "application/geo+json", "eventwire-events.geojson")

    @app.get("/api/map", summary="Where the filtered events happened: points with counts by quad class, and countries")
    def map_points(cur: Cursor, filters: Filters) -> dict:
        return queries.map_points(cur, filters)

    @app.get("/api/network", summary="The dyad network: actor codes as nodes, events between them as edges")
    def network(cur: Cursor, filters: Filters, limit: Limit = 40) -> dict:
        return queries.network(cur, filters, limit)

    @app.get("/api/events/{event_id}", summary="One event mention with its sentence, quote, cluster and document link")
    def event(cur: Cursor, event_id: str) -> dict:
        found = queries.get_event(cur, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r} (ids look like <doc_id>:<event id>, e.g. 3f2a…:e1)")
        return found

    @app.get("/api/dyads", summary="Source → target actor code pairs by number of events")
    def dyads(cur: Cursor, filters: Filters, limit: Limit = 50, offset: Offset = 0) -> dict:
        return queries.dyads(cur, filters, limit, offset)

    @app.get("/api/timeline", summary="Events per day (or week, month, year) by PLOVER type")
    def timeline(cur: Cursor, filters: Filters,
                 interval: Literal["auto", "day", "week", "month", "year"] = "auto") -> dict:
        return queries.timeline(cur, filters, interval)

    @app.get("/api/actors", summary="Actors by the number of documents naming them")
    def actors(cur: Cursor,
               q: Annotated[str | None, _text("Text in the actor's name, or its exact code.")] = None,
               country: Annotated[str | None, _text("ISO alpha-3 country.")] = None,
               kind: Literal["person", "organisation", "state", "group"] | None = None,
               limit: Limit = 50, offset: Offset = 0) -> dict:
        return queries.actors(cur, q, _code(country), kind, limit, offset)

    @app.get("/api/actors/{code}/types", summary="An actor's filtered events by PLOVER type: done by it and to it")
    def actor_types(cur: Cursor, filters: Filters,
                    code: Annotated[str, PathParam(max_length=MAX_TEXT, description="Actor code (CHNGOV) or country (CHN).")]
                    ) -> dict:
        found = queries.actor_types(cur, filters, _code(code) or "")
        if found is None:
            raise HTTPException(404, f"no event has the actor {code!r} (an actor code like KENGOV, or a country like KEN)")
        return found

    @app.get("/api/quotes", summary="Who said what, in which document")
    def quotes(cur: Cursor,
               speaker: Annotated[str | None, _text("Text in the speaker's name or mention.")] = None,
               actor: Annotated[str | None, _text("The speaker's actor code (KAZGOV) or country (KAZ).")] = None,
               q: Annotated[str | None, _text("Text in the quote.")] = None,
               document: Annotated[str | None, _text("Only quotes of this doc_id.")] = None,
               kind: Literal["direct", "indirect", "mixed"] | None = None,
               limit: Limit = 50, offset: Offset = 0) -> dict:
        return queries.quotes(cur, speaker, _code(actor), q, document, kind, limit, offset)

    @app.get("/api/documents", summary="Stored documents, newest first")
    def documents(cur: Cursor,
                  q: Annotated[str | None, _text("Text in the title.")] = None,
                  outlet: Annotated[str | None, _text("Exact outlet name.")] = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict:
        return queries.documents(cur, q, outlet, limit, offset)

    @app.get("/api/documents/{doc_id}", summary="The full document record, as `eventwire extract` prints it")
    def document(cur: Cursor, doc_id: str) -> Response:
        record = queries.document_record(cur, doc_id)
        if record is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return Response(record, media_type="application/json")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
