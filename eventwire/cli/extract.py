"""`eventwire extract`: one JSON document record per input document, on stdout or into a file."""

from __future__ import annotations

import sys

import typer

from eventwire.cli.options import (EXIT_SOME_FAILED, CleanOpt, CuesOpt, DocTimeoutOpt, EngineOpt, KbOpt, LexiconOpt, MaxBytesOpt,
                                   ModelOpt, OutputOpt, PartsOpt, PathsArg, ProcessesOpt, PublishedOpt, QuietOpt, SchedulerOpt,
                                   UrlOpt, WorkersOpt, check_output, engine_choice, err, exit_code, exit_on_failure,
                                   make_settings)
from eventwire.cli.summary import RunSummary


def extract(
    paths: PathsArg,
    output: OutputOpt = None,
    model: ModelOpt = None,
    clean: CleanOpt = "auto",
    published: PublishedOpt = None,
    url: UrlOpt = None,
    processes: ProcessesOpt = 1,
    kb: KbOpt = None,
    lexicon: LexiconOpt = None,
    cues: CuesOpt = None,
    max_bytes: MaxBytesOpt = None,
    doc_timeout: DocTimeoutOpt = None,
    quiet: QuietOpt = False,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = 2,
    parts: PartsOpt = None,
) -> None:
    """Print one JSON document record per input document (JSON Lines).

    Examples:

      eventwire extract article.txt

      eventwire extract samples/ -o records.jsonl --processes 2

      cat page.html | eventwire extract - --url https://example.org/story

      eventwire extract sentence.txt --clean none --published 2022-01-07

      eventwire extract corpus/ -o records.jsonl --engine dask --scheduler tcp://head:8786 --parts /shared/parts

    Exit code 0 when every input became a document, 1 when some became error rows, 2 for bad usage,
    3 when the spaCy model is missing, 4 when no input was found.
    """
    from rich.markup import escape

    from eventwire.jobs import extract_job

    settings = make_settings(model, clean, published, url, kb, lexicon, max_bytes, doc_timeout, cues)
    check_output(output)
    choice = engine_choice(engine, processes, scheduler, workers, parts)
    summary = RunSummary()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    progress = _progress(quiet or choice.name == "dask")
    try:
        with exit_on_failure(), progress, extract_job(paths, settings, choice) as job:
            task = progress.add_task("extract", total=None, line="loading the model")
            for record in job.records:
                out.write(record.to_json() + "\n")
                summary.add(record)
                progress.update(task, line=f"{summary.documents} docs  {summary.events} events  "
                                           f"{summary.quotes} quotes  {summary.with_errors + summary.failed} with errors")
    finally:
        if output:
            out.close()
    summary.skipped_files = job.skipped_files
    if not quiet:
        summary.print(err)
    if job.dask is not None:
        from eventwire.engine.dask import failure_lines

        run = job.dask
        if not quiet:
            err.print(f"dask: {len(run.partitions)} partitions on {run.workers} workers in {run.seconds:.1f} s")
        for line in failure_lines(run):
            err.print(f"[red]{escape(line)}[/red]", soft_wrap=True)
        if run.failures:
            raise typer.Exit(EXIT_SOME_FAILED)
    raise typer.Exit(exit_code(summary.documents, summary.incomplete, "error rows above"))


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    """A progress line on stderr while documents are read, only on a terminal (never in pipes or logs)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("[bold]extract[/bold]"), TextColumn("{task.fields[line]}"),
                    TimeElapsedColumn(), console=err, transient=True, disable=quiet or not err.is_terminal)
