"""`eventwire ingest | export | stats | query | dedup`: the database commands (thin: the work is in eventwire.jobs and eventwire.store).

Exit codes: 0 done; 1 no database yet (readers), or a bad query; 2 bad options; 3 no spaCy model (ingest);
5 the database is busy or unusable (another process holds it, the file is not an eventwire database, no space
left on its disk): one red line says which, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.cli.options import (CleanOpt, CuesOpt, DbOpt, DocTimeoutOpt, EngineOpt, KbOpt, LexiconOpt, MaxBytesOpt,
                                   ModelOpt, OutputOpt, PartsOpt, ProcessesOpt, PublishedOpt, QuietOpt, SchedulerOpt, WindowOpt,
                                   WorkersOpt, check_output, database_failed, engine_choice, err, exit_code,
                                   exit_on_failure, fail, make_settings, out)
from eventwire.store.errors import DatabaseError, DatabaseMissing


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, .jsonl, .warc(.gz), or - for stdin.")],
    db: DbOpt = Path("eventwire.duckdb"),
    processes: ProcessesOpt = 1,
    reprocess: Annotated[bool, typer.Option("--reprocess", help="Re-run documents made by another pipeline version.")] = False,
    window: WindowOpt = None,
    model: ModelOpt = None,
    clean: CleanOpt = "auto",
    published: PublishedOpt = None,
    kb: KbOpt = None,
    lexicon: LexiconOpt = None,
    cues: CuesOpt = None,
    max_bytes: MaxBytesOpt = None,
    doc_timeout: DocTimeoutOpt = None,
    timings: Annotated[Optional[Path], typer.Option("--timings", help="Write one JSON line per document run here: input, doc_id, seconds, error stages (local engine).")] = None,
    commit_every: Annotated[int, typer.Option("--commit-every", min=1, help="Documents per transaction.")] = 64,
    quiet: QuietOpt = False,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = 2,
    parts: PartsOpt = None,
    keep_duplicates: Annotated[bool, typer.Option("--keep-duplicates", help="Do not link near-duplicate documents (the same story as HTML and page text, syndicated copy) to one story: count each as an article of its own.")] = False,
) -> None:
    """Run the pipeline over PATHS and store documents, actors, quotes and events in the database.

    Documents already in the database are skipped, so running it again adds only what is new;
    a killed run, or one stopped by a full disk, can simply be started again. An input with the
    same content as another (the same file twice) is stored once; the summary names it.

    Exit code 0 when every input became a document (stored now, before, or as a duplicate); 1 when
    some inputs failed or were stopped by --doc-timeout (error rows, named in the summary); 2 for
    bad usage; 3 when the spaCy model is missing; 4 when no input was found; 5 when the database
    is busy (another process holds it, still after a few seconds of waiting), is not an eventwire
    database, or its disk is full.

    Examples:

      eventwire ingest samples/ --db out/demo.duckdb

      eventwire ingest CC-NEWS-*.warc.gz -p 2

      eventwire ingest articles.jsonl --reprocess

      eventwire ingest corpus/ --engine dask --scheduler tcp://head:8786 --parts /shared/parts
    """
    from eventwire.jobs import ingest_job

    settings = make_settings(model, clean, published, None, kb, lexicon, max_bytes, doc_timeout, cues)
    check_output(timings, "--timings")
    choice = engine_choice(engine, processes, scheduler, workers, parts, reprocess=reprocess)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    db.parent.mkdir(parents=True, exist_ok=True)
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold]"), BarColumn(bar_width=None),
                        TextColumn("{task.fields[line]}"), TimeElapsedColumn(), console=err, disable=quiet)

    def show(report) -> None:  # type: ignore[no-untyped-def]
        progress.update(task, line=(f"{report.processed} docs  {report.docs_per_second:.1f} docs/s  "
                                    f"{report.found_events} events  {report.found_quotes} quotes  "
                                    f"{report.skipped + report.duplicates} skipped  {report.found_errors} errors"))

    with exit_on_failure(), progress:
        task = progress.add_task("ingest", total=None, line="starting")
        try:
            report, run = ingest_job(paths, db, settings, choice, reprocess=reprocess, window_days=window,
                                     stdin=stdin, on_record=show, commit_every=commit_every, timings=timings,
                                     link_stories=not keep_duplicates)
        except DatabaseError:
            progress.stop()
            raise
    if run is not None:
        from eventwire.engine.dask import failure_lines

        for line in failure_lines(run):
            err.print(f"[red]{escape(line)}[/red]", soft_wrap=True)
    if not quiet:
        _print_report(report, db)
    incomplete = report.failed + report.over_budget + report.failed_before
    raise typer.Exit(exit_code(report.inputs, incomplete,
                               'error rows in the database: eventwire query "SELECT * FROM errors"'))


def _print_report(report, db: Path) -> None:  # type: ignore[no-untyped-def]
    """The summary table of one ingest run, then the inputs it did not store and why."""
    from eventwire.ingest.readers import skipped_lines

    table = Table(title=f"ingest run {report.run_id} into {db}", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (("inputs read", report.inputs), ("documents stored", report.documents),
                         ("  of which reprocessed", report.reprocessed), ("skipped (done in an earlier run)", report.skipped),
                         ("  of which failed in an earlier run", report.failed_before),
                         ("skipped (same content as another input)", report.duplicates),
                         ("failed inputs (error rows)", report.failed),
                         ("over the time budget (stored, text kept)", report.over_budget),
                         ("not English (stored as text, not analysed)", report.not_english),
                         ("files in folders not read", len(report.skipped_files)), ("error rows", report.errors),
                         ("actors", report.actors), ("quotes", report.quotes), ("events", report.events),
                         ("event clusters (whole db)", report.clusters),
                         ("seconds", f"{report.seconds:.1f}"), ("  of which writing (beside the pipeline)", f"{report.write_seconds:.1f}"),
                         ("documents / s", f"{report.docs_per_second:.2f}")):
        table.add_row(label, str(value))
    err.print(table)
    for name, same_as in report.duplicate_examples:
        why = "the same input given again" if name == same_as else f"same content as {escape(same_as)}"
        err.print(f"skipped: {escape(name)}: {why}", soft_wrap=True, highlight=False)
    if report.duplicates > len(report.duplicate_examples):
        err.print(f"... and {report.duplicates - len(report.duplicate_examples)} more with the same content as "
                  "another input", highlight=False)
    for line in skipped_lines(report.skipped_files):
        err.print(line, soft_wrap=True, highlight=False, markup=False)


def dedup(
    db: DbOpt = Path("eventwire.duckdb"),
    window: WindowOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute every cluster from all events, not only the unclustered ones.")] = False,
) -> None:
    """Cluster duplicate event mentions (ingest does this by itself for what it adds).

    Use --rebuild after changing the window, or to start the clusters afresh:

      eventwire dedup --rebuild --window 3 --db events.duckdb

    Exit code 1 when there is no database, 5 when it is busy, not an eventwire database, or its disk is full.
    """
    import time

    import duckdb

    from eventwire.store.dedup import clustering_window, update_clusters
    from eventwire.store.errors import storage_error
    from eventwire.store.schema import open_database

    if not db.exists():
        raise database_failed(DatabaseMissing(db))
    try:
        con = open_database(db)
        try:
            started = time.monotonic()
            clusters = update_clusters(con, window, rebuild=rebuild)
            used = clustering_window(con)
        finally:
            con.close()
    except DatabaseError as exc:
        raise database_failed(exc)
    except (duckdb.Error, OSError) as exc:
        failure = storage_error(exc, db)
        if failure is None:
            raise
        raise database_failed(failure)
    err.print(f"{clusters} event clusters (window {used} days) in {time.monotonic() - started:.1f} s")


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="gdelt | mentions | polecat | eventwire | parquet | csv | jsonl")] = "gdelt",
    output: OutputOpt = None,
    per: Annotated[str, typer.Option("--per", help="cluster: one row per duplicate cluster; mention: one per event mention (gdelt, polecat, eventwire, csv).")] = "cluster",
    modality: Annotated[str, typer.Option("--modality", help="real: only events reported as having happened (negated and hypothetical ones left out); all: every event (polecat's and eventwire's `negated` and csv's modality columns tell them apart; GDELT has no such column). jsonl/parquet always hold whole records.")] = "real",
    date_from: Annotated[Optional[str], typer.Option("--from", help="Only events on or after this day (YYYY-MM-DD).")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="Only events on or before this day (YYYY-MM-DD).")] = None,
    types: Annotated[Optional[list[str]], typer.Option("--type", help="Only this PLOVER event type (ASSAULT, PROTEST...); repeat for several.")] = None,
    countries: Annotated[Optional[list[str]], typer.Option("--country", help="Only events located in this country or with an actor from it (ISO-3: KEN); repeat for several.")] = None,
    actors: Annotated[Optional[list[str]], typer.Option("--actor", help="Only events whose source or target code starts with this (USA, USAGOV) or whose actor's name contains it (Ruto); repeat for several.")] = None,
    header: Annotated[bool, typer.Option("--header", help="Add a header row to gdelt and mentions (GDELT's own files have none; the other formats always have one).")] = False,
    db: DbOpt = Path("eventwire.duckdb"),
) -> None:
    """Export the events in the formats analysts load (see README, "The database and exports").

    By default (--modality real) events that did not happen ("did not attack") or only might
    ("could attack") are left out: GDELT's table cannot mark them, and counting them as done is
    what audits of GDELT found wrong. Intended and future events (offers, threats, announced
    meetings) are kept: the statement happened. The filters select events (per cluster: by the
    cluster's first report); for jsonl and parquet they select the documents with such an event.

    Examples:

      eventwire export --format gdelt -o events.tsv

      eventwire export --format mentions -o mentions.tsv

      eventwire export --format polecat --from 2024-01-01 --country KEN -o kenya.tsv

      eventwire export --format parquet -o records.parquet

    Exit code 1 when there is no database or the output cannot be written, 2 for bad options, 5 when
    the database is busy (an ingest writing it, still after a few seconds) or not an eventwire database.
    """
    from eventwire.store.export import FORMATS, Selection, export as run_export

    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}", 2)
    if per not in ("cluster", "mention"):
        raise fail(f"--per must be cluster or mention, not {per!r}", 2)
    if modality not in ("real", "all"):
        raise fail(f"--modality must be real or all, not {modality!r}", 2)
    if fmt == "parquet" and output is None:
        raise fail("parquet needs --output FILE", 2)
    selection = Selection(per=per, modality=modality, date_from=_day_option(date_from, "--from"),
                          date_to=_day_option(date_to, "--to"), types=tuple(types or ()),
                          countries=tuple(countries or ()), actors=tuple(actors or ()))
    con = _open_read_only(db)
    try:
        rows = run_export(con, fmt, output, selection, header=header)
    except OSError as exc:  # the output file: a full disk, a missing folder, no permission
        raise fail(f"cannot write {output or 'stdout'}: {exc.strerror or exc}", 1)
    finally:
        con.close()
    err.print(f"{rows} rows written" + (f" to {output}" if output else ""))


def _day_option(value: str | None, option: str):  # type: ignore[no-untyped-def]
    """A YYYY-MM-DD option as a date, or one red line and exit 2."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} must be a day as YYYY-MM-DD, not {value!r}", 2)


def stats(db: DbOpt = Path("eventwire.duckdb"),
          top: Annotated[int, typer.Option("--top", help="Rows per table.")] = 10) -> None:
    """Counts, and the top events, actors, dyads and quotes in the database.

    Exit code 1 when there is no database, 5 when it is busy or not an eventwire database.
    """
    from eventwire.store.stats import stats_tables

    con = _open_read_only(db)
    try:
        for table in stats_tables(con, top):
            out.print(table)
    finally:
        con.close()


QUERY_FORMATS = ("table", "csv", "json", "jsonl")


def query(sql: Annotated[str, typer.Argument(help="A SQL query (DuckDB dialect); the database is opened read-only.")],
          db: DbOpt = Path("eventwire.duckdb"),
          fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="table | csv | json | jsonl (default: table on a terminal, csv when piped).")] = None,
          limit: Annotated[Optional[int], typer.Option("--limit", min=0, help="Rows shown at most; 0 for all (default: 50 for a table, all otherwise).")] = None) -> None:
    """Run SQL on the database and print the result: a table for reading, CSV or JSON for scripts.

    When rows are left out (--limit), a line on stderr says how many: "showing 50 of 340 rows".

    Examples:

      eventwire query "SELECT plover_type, count(*) n FROM events GROUP BY 1 ORDER BY n DESC"

      eventwire query "SELECT * FROM events" --format csv > events.csv

      eventwire query "SELECT doc_id, title FROM documents" -f jsonl | jq .title

    Exit code 1 for no database or a bad query, 2 for a bad option, 5 when the database is busy or not an
    eventwire database.
    """
    import duckdb

    from eventwire.store.query_output import write_result
    from eventwire.store.stats import result_table

    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    if fmt not in QUERY_FORMATS:
        raise fail(f"--format must be one of {', '.join(QUERY_FORMATS)}, not {fmt!r}", 2)
    limit = (50 if fmt == "table" else 0) if limit is None else limit
    con = _open_read_only(db)
    try:
        result = con.execute(sql)
    except duckdb.Error as exc:
        con.close()
        raise fail(str(exc), 1)
    try:
        if fmt == "table":
            rows = result.fetchmany(limit) if limit else result.fetchall()
            out.print(result_table(result, rows))
            shown, total = len(rows), len(rows) + _count_rest(result) if limit else len(rows)
        else:
            shown, total = write_result(result, fmt, sys.stdout, limit)
    except duckdb.Error as exc:  # an error that shows only while the rows are fetched
        raise fail(str(exc), 1)
    finally:
        con.close()
    if shown < total:
        err.print(f"showing {shown} of {total} rows (--limit 0 for all)", highlight=False)


def _count_rest(result) -> int:  # type: ignore[no-untyped-def]
    """How many rows the result still has, fetched a chunk at a time."""
    count = 0
    while chunk := result.fetchmany(10_000):
        count += len(chunk)
    return count


def _open_read_only(db: Path):  # type: ignore[no-untyped-def]
    """The database for a reader, or the one line saying why not (exit 1 or 5)."""
    from eventwire.store.schema import open_database

    try:
        return open_database(db, read_only=True)
    except DatabaseError as exc:
        raise database_failed(exc)
