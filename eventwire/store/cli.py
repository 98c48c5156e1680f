"""`eventwire ingest | export | stats | query`: the database commands (thin; the work is in this package)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB database file.")]


def _console(stderr: bool = False) -> Console:
    """A console as wide as the terminal; piped or redirected (rich assumes 80 columns), at least 160."""
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        return Console(stderr=stderr)
    return Console(stderr=stderr, width=max(shutil.get_terminal_size((160, 24)).columns, 160))


out = _console()
err = _console(stderr=True)


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
    processes: Annotated[int, typer.Option("--processes", "-p", min=1, help="Worker processes (each loads the model once).")] = 1,
    reprocess: Annotated[bool, typer.Option("--reprocess", help="Re-run documents made by another pipeline version.")] = False,
    window: Annotated[Optional[int], typer.Option("--window", min=0, help="Days within which the same event reported twice is one cluster (default: the database's, 2 for a new one; a different value rebuilds all clusters).")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to use.")] = None,
    clean: Annotated[str, typer.Option("--clean", help="auto or none (input is the body).")] = "auto",
    published: Annotated[Optional[str], typer.Option("--published", help="Publication date for inputs that carry none.")] = None,
    kb: Annotated[Optional[list[Path]], typer.Option("--kb", help="Extra actor knowledge base (YAML).")] = None,
    lexicon: Annotated[Optional[list[Path]], typer.Option("--lexicon", help="Extra event lexicon (YAML).")] = None,
    commit_every: Annotated[int, typer.Option("--commit-every", min=1, help="Documents per transaction.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local: this machine (--processes); dask: a Dask cluster writes Parquet parts, this process stores them.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster of --workers processes.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes of the local Dask cluster.")] = 2,
    parts: Annotated[Optional[str], typer.Option("--parts", help="Folder (or s3://... URI) for the Parquet parts, reachable by every worker; default: a temporary folder.")] = None,
) -> None:
    """Run the pipeline over PATHS and store documents, actors, quotes and events in the database.

    Documents already in the database are skipped, so running it again adds only what is new;
    a killed run can simply be started again.

    Examples:

      eventwire ingest samples/ --db out/demo.duckdb

      eventwire ingest CC-NEWS-*.warc.gz -p 2

      eventwire ingest articles.jsonl --reprocess

      eventwire ingest corpus/ --engine dask --scheduler tcp://head:8786 --parts /shared/parts
    """
    from eventwire.cli import make_settings
    from eventwire.nlp import ModelNotFound
    from eventwire.store.ingest import ingest as run_ingest

    settings = make_settings(model, clean, published, None, kb, lexicon)
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
                                        f"{report.skipped} skipped  {report.found_errors} errors"))
        try:
            if engine == "dask":
                report = _ingest_dask(paths, db, settings, scheduler, workers, parts, window, stdin)
            else:
                report = run_ingest(paths, db, settings, processes=processes, reprocess=reprocess,
                                    window_days=window, stdin=stdin, on_record=show,
                                    commit_every=commit_every)
        except ModelNotFound as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(3)
    if quiet:
        return
    table = Table(title=f"ingest run {report.run_id} into {db}", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (("inputs read", report.inputs), ("documents stored", report.documents),
                         ("  of which reprocessed", report.reprocessed), ("skipped (already stored)", report.skipped),
                         ("failed inputs (error rows)", report.failed), ("error rows", report.errors),
                         ("actors", report.actors), ("quotes", report.quotes), ("events", report.events),
                         ("event clusters (whole db)", report.clusters),
                         ("seconds", f"{report.seconds:.1f}"), ("  of which writing (beside the pipeline)", f"{report.write_seconds:.1f}"),
                         ("documents / s", f"{report.docs_per_second:.2f}")):
        table.add_row(label, str(value))
    err.print(table)


def _ingest_dask(paths, db, settings, scheduler, workers, parts, window, stdin):  # type: ignore[no-untyped-def]
    """`ingest --engine dask`: Dask workers write Parquet parts; this process alone writes the database."""
    from eventwire.engine.dask import EngineSetupError, failure_lines, ingest_dask

    try:
        report, run = ingest_dask(paths, db, settings, scheduler, workers, parts, window_days=window, stdin=stdin)
    except EngineSetupError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2)
    for line in failure_lines(run):
        err.print(f"[red]{line}[/red]")
    return report


def dedup(
    db: DbOpt = Path("eventwire.duckdb"),
    window: Annotated[Optional[int], typer.Option("--window", min=0, help="Days within which the same event reported twice is one cluster (default: the database's).")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute every cluster from all events, not only the unclustered ones.")] = False,
) -> None:
    """Cluster duplicate event mentions (ingest does this by itself for what it adds).

    Use --rebuild after changing the window, or to start the clusters afresh:

      eventwire dedup --rebuild --window 3 --db events.duckdb
    """
    import time

    from eventwire.store.dedup import clustering_window, update_clusters
    from eventwire.store.schema import connect

    if not db.exists():
        err.print(f"[red]no database at {db} (run `eventwire ingest` first)[/red]")
        raise typer.Exit(1)
    con = connect(db)
    try:
        started = time.monotonic()
        clusters = update_clusters(con, window, rebuild=rebuild)
        used = clustering_window(con)
    finally:
        con.close()
    err.print(f"{clusters} event clusters (window {used} days) in {time.monotonic() - started:.1f} s")


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="gdelt | mentions | polecat | parquet | csv | jsonl")] = "gdelt",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout (needed for parquet).")] = None,
    per: Annotated[str, typer.Option("--per", help="cluster: one row per duplicate cluster; mention: one per event mention (gdelt, polecat, csv).")] = "cluster",
    modality: Annotated[str, typer.Option("--modality", help="real: only events reported as having happened (negated and hypothetical ones left out); all: every event (polecat's `negated` and csv's modality columns tell them apart; GDELT has no such column). gdelt, mentions, polecat, csv; jsonl/parquet always hold whole records.")] = "real",
    db: DbOpt = Path("eventwire.duckdb"),
) -> None:
    """Export the events in the formats analysts load (see README, "The database and exports").

    By default (--modality real) events that did not happen ("did not attack") or only might
    ("could attack") are left out: GDELT's table cannot mark them, and counting them as done is
    what audits of GDELT found wrong. Intended and future events (offers, threats, announced
    meetings) are kept: the statement happened.

    Examples:

      eventwire export --format gdelt -o events.tsv

      eventwire export --format mentions -o mentions.tsv

      eventwire export --format parquet -o records.parquet
    """
    from eventwire.store.export import FORMATS, export as run_export
    from eventwire.store.schema import connect

    if fmt not in FORMATS:
        err.print(f"[red]--format must be one of {', '.join(FORMATS)}, not {fmt!r}[/red]")
        raise typer.Exit(2)
    if per not in ("cluster", "mention"):
        err.print(f"[red]--per must be cluster or mention, not {per!r}[/red]")
        raise typer.Exit(2)
    if modality not in ("real", "all"):
        err.print(f"[red]--modality must be real or all, not {modality!r}[/red]")
        raise typer.Exit(2)
    if fmt == "parquet" and output is None:
        err.print("[red]parquet needs --output FILE[/red]")
        raise typer.Exit(2)
    con = _open_read_only(db)
    try:
        rows = run_export(con, fmt, output, per=per, modality=modality)
    finally:
        con.close()
    err.print(f"{rows} rows written" + (f" to {output}" if output else ""))


def stats(db: DbOpt = Path("eventwire.duckdb"),
          top: Annotated[int, typer.Option("--top", help="Rows per table.")] = 10) -> None:
    """Counts, and the top events, actors, dyads and quotes in the database."""
    from eventwire.store.stats import stats_tables

    con = _open_read_only(db)
    try:
        for table in stats_tables(con, top):
            out.print(table)
    finally:
        con.close()


def query(sql: Annotated[str, typer.Argument(help="A SQL query (DuckDB dialect); the database is opened read-only.")],
          db: DbOpt = Path("eventwire.duckdb"),
          limit: Annotated[int, typer.Option("--limit", help="Rows shown at most.")] = 50) -> None:
    """Run SQL on the database and print the result as a table.

    Example: eventwire query "SELECT plover_type, count(*) n FROM events GROUP BY 1 ORDER BY n DESC"
    """
    import duckdb

    from eventwire.store.stats import result_table

    con = _open_read_only(db)
    try:
        result = con.execute(sql)
    except duckdb.Error as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1)
    try:
        out.print(result_table(result, limit))
    finally:
        con.close()


def _open_read_only(db: Path):  # type: ignore[no-untyped-def]
    from eventwire.store.schema import connect

    try:
        return connect(db, read_only=True)
    except FileNotFoundError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1)
