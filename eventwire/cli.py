"""The `eventwire` command. Each subcommand is thin: it reads options and calls the package."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from eventwire.config import Settings
from eventwire.options import (EXIT_MODEL, EXIT_NO_INPUT, EXIT_SOME_FAILED, EXIT_USAGE, CleanOpt, CuesOpt,
                               DocTimeoutOpt, EngineOpt, KbOpt, LexiconOpt, MaxBytesOpt, ModelOpt, PartsOpt, PathsArg, ProcessesOpt,
                               PublishedOpt, SchedulerOpt, UrlOpt, WorkersOpt, check_output, make_settings)
from eventwire.summary import RunSummary

app = typer.Typer(
    name="eventwire",
    help="News articles to political event data: who did what to whom, when and where, and who said what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True)

def _print_version(value: bool) -> None:
    if value:
        from eventwire.version import __version__

        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
          version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                                callback=_print_version)] = False) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def extract(
    paths: PathsArg,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write JSON Lines here instead of stdout.")] = None,
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
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
    from eventwire.engine import run_local
    from eventwire.ingest import iter_documents
    from eventwire.nlp import ModelNotFound

    settings = make_settings(model, clean, published, url, kb, lexicon, max_bytes, doc_timeout, cues)
    check_output(output)
    if engine == "dask":
        return _extract_dask(paths, output, settings, scheduler, workers, parts, quiet)
    if engine != "local":
        err.print(f"[red]--engine must be local or dask, not {engine!r}[/red]")
        raise typer.Exit(EXIT_USAGE)
    summary = RunSummary()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    progress = _progress(quiet)
    try:
        with progress:
            task = progress.add_task("extract", total=None, line="loading the model")
            for record in run_local(iter_documents(paths, skipped=summary.skipped_files), settings,
                                    processes=processes):
                out.write(record.to_json() + "\n")
                summary.add(record)
                progress.update(task, line=f"{summary.documents} docs  {summary.events} events  "
                                           f"{summary.quotes} quotes  {summary.with_errors + summary.failed} with errors")
    except ModelNotFound as exc:
        err.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(EXIT_MODEL)
    finally:
        if output:
            out.close()
    if not quiet:
        summary.print(err)
    raise typer.Exit(exit_code(summary))


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    """A progress line on stderr while documents are read, only on a terminal (never in pipes or logs)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("[bold]extract[/bold]"), TextColumn("{task.fields[line]}"),
                    TimeElapsedColumn(), console=err, transient=True, disable=quiet or not err.is_terminal)


def exit_code(summary: RunSummary) -> int:
    """0: every input became a document; 1: some did not (error rows); 4: there was nothing to read."""
    if summary.documents == 0:
        err.print("[red]no input found: nothing was read[/red]")
        return EXIT_NO_INPUT
    if summary.incomplete:
        err.print(f"[yellow]{summary.incomplete} of {summary.documents} inputs did not become a complete document "
                  "(error rows above)[/yellow]")
        return EXIT_SOME_FAILED
    return 0


def _extract_dask(paths: list[str], output: Path | None, settings: Settings, scheduler: str | None, workers: int,
                  parts: str | None, quiet: bool) -> None:
    """`extract --engine dask`: workers write Parquet parts; the records are read back here in input order."""
    from eventwire.engine.dask import EngineSetupError, dask_run, failure_lines, iter_record_json
    from eventwire.nlp import ModelNotFound
    from eventwire.records import DocumentRecord

    summary = RunSummary()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with dask_run(paths, settings, scheduler, workers, parts) as run:
            for line in iter_record_json(run):
                out.write(line + "\n")
                summary.add(DocumentRecord.from_json(line))
    except ModelNotFound as exc:
        err.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(EXIT_MODEL)
    except EngineSetupError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    finally:
        if output:
            out.close()
    if not quiet:
        summary.print(err)
        err.print(f"dask: {len(run.partitions)} partitions on {run.workers} workers in {run.seconds:.1f} s")
    for line in failure_lines(run):
        err.print(f"[red]{escape(line)}[/red]", soft_wrap=True)
    if run.failures:
        raise typer.Exit(EXIT_SOME_FAILED)
    raise typer.Exit(exit_code(summary))


def _register_subcommands() -> None:
    """Subcommands that live beside the capability they expose."""
    from eventwire.eval.cli import eval_app

    app.add_typer(eval_app, name="eval")
    from eventwire.store.cli import register

    register(app)
    from eventwire.web.cli import register as register_web

    register_web(app)


_register_subcommands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
