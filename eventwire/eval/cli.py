"""`eventwire eval ...`: score eventwire on the public development sets.

Each scorer lives in its own module of this package; this file only exposes
them as subcommands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from eventwire.eval.halves import HALF_HELP, check_half

eval_app = typer.Typer(help="Score eventwire on public development sets (see ../shared/eval/README.md).",
                       no_args_is_help=True)


@eval_app.command("extraction")
def extraction_command(
    folder: Path = typer.Argument(..., exists=True, file_okay=False, help="A folder like html-dev/ or pagetext-dev/ "
                                  "(html/*.html.gz or text/*.txt plus ground-truth.json)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Save predictions as {id: {\"articleBody\": text}}."),
    half: Optional[str] = typer.Option(None, "--half", help=HALF_HELP, callback=check_half),
    baseline: bool = typer.Option(False, "--baseline", help="Also run plain trafilatura on the same pages and show "
                                  "both, per half, with the pages where eventwire loses most."),
) -> None:
    """Main-text extraction: F1, precision and recall of 4-token shingles, and pages per second."""
    from eventwire.eval.extraction import evaluate_folder, save_predictions

    if baseline:
        return _extraction_baseline(folder, output, half)
    score = evaluate_folder(folder, half=half)
    if output:
        save_predictions(score, output)
    typer.echo(f"extraction {folder}{' half ' + half if half else ''}: F1 {score.f1:.4f}  "
               f"precision {score.precision:.4f}  recall {score.recall:.4f}  pages {score.pages}  "
               f"pages/s {score.pages_per_second:.1f}")


def _extraction_baseline(folder: Path, output: Optional[Path], half: Optional[str]) -> None:
    from collections import Counter

    from eventwire.eval.extraction import FAR_BELOW, compare_with_trafilatura, page_f1, save_predictions

    rows = compare_with_trafilatura(folder, half=half)
    if output:
        save_predictions(rows[0].ours, output)
    typer.echo(f"extraction {folder}: eventwire vs plain trafilatura.extract on the same pages (F1)")
    typer.echo(f"  {'half':5} {'pages':>5}  {'eventwire':>9}  {'trafilatura':>11}  {'diff':>7}  "
               f"pages > {FAR_BELOW} below trafilatura")
    for row in rows:
        far = row.pages_far_below
        typer.echo(f"  {row.half:5} {row.ours.pages:>5}  {row.ours.f1:>9.4f}  {row.trafilatura.f1:>11.4f}  "
                   f"{row.ours.f1 - row.trafilatura.f1:>+7.4f}  {len(far)} ({len(far) / max(row.ours.pages, 1):.1%})")
    whole = rows[0]
    counts = Counter(whole.ours.how.values())
    typer.echo("  body from: " + ", ".join(f"{how} {n}" for how, n in counts.most_common()))
    losses = sorted((page_f1(whole.ours, key) - page_f1(whole.trafilatura, key), key) for key in whole.ours.per_page)
    losses = [(diff, key) for diff, key in losses if diff < 0][:5]
    typer.echo("  pages where eventwire loses most (eventwire / trafilatura F1, how):" + ("" if losses else " none"))
    for _diff, key in losses:
        typer.echo(f"    {key}  {page_f1(whole.ours, key):.3f} / {page_f1(whole.trafilatura, key):.3f}  "
                   f"{whole.ours.how[key]}")


from eventwire.eval.quotes import quotes as quotes_command  # noqa: E402  (quotes: issue 5)

eval_app.command("quotes")(quotes_command)

from eventwire.eval.actors import actors as actors_command  # noqa: E402  (actors: issue 4)

eval_app.command("actors")(actors_command)

from eventwire.eval.location import location as location_command  # noqa: E402  (time and place: issue 7)

eval_app.command("location")(location_command)

from eventwire.eval.events import events as events_command  # noqa: E402  (events: issue 6)

eval_app.command("events")(events_command)

from eventwire.eval.sentences import evloc as evloc_command, quad as quad_command  # noqa: E402  (issues 13, 14)

eval_app.command("evloc")(evloc_command)
eval_app.command("quad")(quad_command)

from eventwire.eval.police import police as police_command  # noqa: E402  (police actions: issue 13)

eval_app.command("police")(police_command)
