"""`eventwire ingest | export | stats | query | dedup`: the database commands (thin; the work is in this package).

Exit codes: 0 done; 1 no database yet (readers), or a bad query; 2 bad options; 3 no spaCy model (ingest);
5 the database is busy or unusable (another process holds it, the file is not an eventwire database, no space
left on its disk): one red line says which, never a traceback.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.options import (EXIT_NO_INPUT, EXIT_SOME_FAILED, CleanOpt, CuesOpt, DocTimeoutOpt, KbOpt, LexiconOpt,
                               MaxBytesOpt, ModelOpt, PartsOpt, ProcessesOpt, PublishedOpt, SchedulerOpt, WorkersOpt,
                               check_output, make_settings)
from eventwire.store.errors import EXIT_DATABASE, DatabaseError, DatabaseMissing

DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB database file.")]


def _console(stderr: bool = False) -> Console:
    """A console as wide as the terminal; piped or redirected (rich assumes 80 columns), at least 160."""
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        return Console(stderr=stderr)
    return Console(stderr=stderr, width=max(shutil.get_terminal_size((160, 24)).columns, 160))


out = _console()
err = _console(stderr=True)


def _fail(message: str, code: int) -> typer.Exit:
    """Print one red line (never wrapped: scripts grep it) and give the Exit to raise."""
    err.print(f"[red]{escape(message)}[/red]", soft_wrap=True)
    return typer.Exit(code)


def _database_failed(exc: DatabaseError) -> typer.Exit:
    """A database that cannot be used: one line saying why; exit 1 when there is none yet, else 5."""
    return _fail(str(exc), 1 if isinstance(exc, DatabaseMissing) else EXIT_DATABASE)


def register(app: typer.Typer) -> None:
    """Add the database commands to the `eventwire` app."""
    app.command()(ingest)
    app.command()(export)
    app.command()(stats)
    app.command()(query)
    app.command()(dedup)


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, .jsonl, .warc(.gz), or - for stdin.")],
    db: DbOpt = Path("eventwire.duckdb"),
    processes: ProcessesOpt = 1,
    reprocess: Annotated[bool, typer.Option("--reprocess", help="Re-run documents made by another pipeline version.")] = False,
    window: Annotated[Optional[int], typer.Option("--window", min=0, help="Days within which the same event reported twice is one cluster (default: the database's, 2 for a new one; a different value rebuilds all clusters).")] = None,
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local: this machine (--processes); dask: a Dask cluster writes Parquet parts, this process stores them.")] = "local",
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
    from eventwire.ingest.readers import unread_folder_entries
    from eventwire.nlp import ModelNotFound
    from eventwire.store.ingest import ingest as run_ingest

    settings = make_settings(model, clean, published, None, kb, lexicon, max_bytes, doc_timeout, cues)
    check_output(timings, "--timings")
    if engine not in ("local", "dask") or (engine == "dask" and reprocess):
        err.print("[red]--engine must be local or dask (--reprocess needs the local engine)[/red]")
        raise typer.Exit(2)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    db.parent.mkdir(parents=True, exist_ok=True)
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold]"), BarColumn(bar_width=None),
                        TextColumn("{task.fields[line]}"), TimeElapsedColumn(), console=err, disable=quiet)
    with progress:
        task = progress.add_task("ingest", total=None, line="starting")

        def show(report) -> None:  # type: ignore[no-untyped-def]
            progress.update(task, line=(f"{report.processed} docs  {report.docs_per_second:.1f} docs/s  "
                                        f"{report.found_events} events  {report.found_quotes} quotes  "
                                        f"{report.skipped + report.duplicates} skipped  {report.found_errors} errors"))
        try:
            if engine == "dask":
                report = _ingest_dask(paths, db, settings, scheduler, workers, parts, window, stdin,
                                      link_stories=not keep_duplicates)
                report.skipped_files = unread_folder_entries(paths)
            else:
                report = run_ingest(paths, db, settings, processes=processes, reprocess=reprocess,
                                    window_days=window, stdin=stdin, on_record=show,
                                    commit_every=commit_every, timings=timings,
                                    link_stories=not keep_duplicates)
        except ModelNotFound as exc:
            raise _fail(str(exc), 3)
        except DatabaseError as exc:
            progress.stop()
            raise _database_failed(exc)
    if not quiet:
        _print_report(report, db)
    raise typer.Exit(_exit_code(report))


def _exit_code(report) -> int:  # type: ignore[no-untyped-def]
    """0: every input became a document; 1: some failed or ran over the budget; 4: nothing to read."""
    if report.inputs == 0:
        err.print("[red]no input found: nothing was read[/red]")
        return EXIT_NO_INPUT
    incomplete = report.failed + report.over_budget + report.failed_before
    if incomplete:
        err.print(f"[yellow]{incomplete} of {report.inputs} inputs did not become a complete document "
                  "(error rows in the database: eventwire query \"SELECT * FROM errors\")[/yellow]")
        return EXIT_SOME_FAILED
    return 0


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


def _ingest_dask(paths, db, settings, scheduler, workers, parts, window, stdin, link_stories=True):  # type: ignore[no-untyped-def]
    """`ingest --engine dask`: Dask workers write Parquet parts; this process alone writes the database."""
    from eventwire.engine.dask import EngineSetupError, failure_lines, ingest_dask

    try:
        report, run = ingest_dask(paths, db, settings, scheduler, workers, parts, window_days=window, stdin=stdin,
                                  link_stories=link_stories)
    except EngineSetupError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(2)
    for line in failure_lines(run):
        err.print(f"[red]{escape(line)}[/red]", soft_wrap=True)
    return report


def dedup(
    db: DbOpt = Path("eventwire.duckdb"),
    window: Annotated[Optional[int], typer.Option("--window", min=0, help="Days within which the same event reported twice is one cluster (default: the database's).")] = None,
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
        raise _database_failed(DatabaseMissing(db))
    try:
        con = open_database(db)
        try:
            started = time.monotonic()
            clusters = update_clusters(con, window, rebuild=rebuild)
            used = clustering_window(con)
        finally:
            con.close()
    except DatabaseError as exc:
        raise _database_failed(exc)
    except (duckdb.Error, OSError) as exc:
        failure = storage_error(exc, db)
        if failure is None:
            raise
        raise _database_failed(failure)
    err.print(f"{clusters} event clusters (window {used} days) in {time.monotonic() - started:.1f} s")


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="gdelt | mentions | polecat | eventwire | parquet | csv | jsonl")] = "gdelt",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout (needed for parquet).")] = None,
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
        raise _fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}", 2)
    if per not in ("cluster", "mention"):
        raise _fail(f"--per must be cluster or mention, not {per!r}", 2)
    if modality not in ("real", "all"):
        raise _fail(f"--modality must be real or all, not {modality!r}", 2)
    if fmt == "parquet" and output is None:
        raise _fail("parquet needs --output FILE", 2)
    selection = Selection(per=per, modality=modality, date_from=_day_option(date_from, "--from"),
                          date_to=_day_option(date_to, "--to"), types=tuple(types or ()),
                          countries=tuple(countries or ()), actors=tuple(actors or ()))
    con = _open_read_only(db)
    try:
        rows = run_export(con, fmt, output, selection, header=header)
    except OSError as exc:  # the output file: a full disk, a missing folder, no permission
        raise _fail(f"cannot write {output or 'stdout'}: {exc.strerror or exc}", 1)
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
        raise _fail(f"{option} must be a day as YYYY-MM-DD, not {value!r}", 2)


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
        raise _fail(f"--format must be one of {', '.join(QUERY_FORMATS)}, not {fmt!r}", 2)
    limit = (50 if fmt == "table" else 0) if limit is None else limit
    con = _open_read_only(db)
    try:
        result = con.execute(sql)
    except duckdb.Error as exc:
        con.close()
        raise _fail(str(exc), 1)
    try:
        if fmt == "table":
            rows = result.fetchmany(limit) if limit else result.fetchall()
            out.print(result_table(result, rows))
            shown, total = len(rows), len(rows) + _count_rest(result) if limit else len(rows)
        else:
            shown, total = write_result(result, fmt, sys.stdout, limit)
    except duckdb.Error as exc:  # an error that shows only while the rows are fetched
        raise _fail(str(exc), 1)
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
        raise _database_failed(exc)
