"""`eventwire eval ...`: score eventwire on the public development sets.

Each scorer lives in its own module of this package; this file only exposes
them as subcommands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

eval_app = typer.Typer(help="Score eventwire on public development sets (see ../shared/eval/README.md).",
                       no_args_is_help=True)


@eval_app.command("extraction")
def extraction_command(
    folder: Path = typer.Argument(..., exists=True, file_okay=False, help="A folder like html-dev/ or pagetext-dev/ "
                                  "(html/*.html.gz or text/*.txt plus ground-truth.json)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Save predictions as {id: {\"articleBody\": text}}."),
) -> None:
    """Main-text extraction: F1, precision and recall of 4-token shingles, and pages per second."""
    from eventwire.eval.extraction import evaluate_folder, save_predictions

    score = evaluate_folder(folder)
    if output:
        save_predictions(score, output)
    typer.echo(f"extraction {folder}: F1 {score.f1:.4f}  precision {score.precision:.4f}  "
               f"recall {score.recall:.4f}  pages {score.pages}  pages/s {score.pages_per_second:.1f}")


from eventwire.eval.quotes import quotes as quotes_command  # noqa: E402  (quotes: issue 5)

eval_app.command("quotes")(quotes_command)

from eventwire.eval.actors import actors as actors_command  # noqa: E402  (actors: issue 4)

eval_app.command("actors")(actors_command)

from eventwire.eval.location import location as location_command  # noqa: E402  (time and place: issue 7)

eval_app.command("location")(location_command)

from eventwire.eval.events import events as events_command  # noqa: E402  (events: issue 6)

eval_app.command("events")(events_command)
