"""`eventwire eval ...`: score eventwire on the public development sets.

Each scorer lives in its own module of eventwire.eval; this module only
reads the options and prints the scores (the lines tools/eval_all.sh and the
README's accuracy table quote).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from eventwire.cli.options import HalfOpt, KbOpt, LexiconOpt, VerboseOpt

GoldFileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A PLOVER gold file like plover-gsr-dev.json.")]

eval_app = typer.Typer(help="Score eventwire on public development sets (see ../shared/eval/README.md).",
                       no_args_is_help=True)


@eval_app.command("extraction")
def extraction_command(
    folder: Path = typer.Argument(..., exists=True, file_okay=False, help="A folder like html-dev/ or pagetext-dev/ "
                                  "(html/*.html.gz or text/*.txt plus ground-truth.json)."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", help="Also save eventwire's texts as {id: {\"articleBody\": text}} (the ground truth's shape)."),
    half: HalfOpt = None,
    baseline: bool = typer.Option(False, "--baseline", help="Also run plain trafilatura on the same pages and show "
                                  "both, per half, with the pages where eventwire loses most."),
) -> None:
    """Main-text extraction: F1, precision and recall of 4-token shingles, and pages per second."""
    from eventwire.eval.extraction import evaluate_folder, save_predictions

    if baseline:
        return _extraction_baseline(folder, predictions, half)
    score = evaluate_folder(folder, half=half)
    if predictions:
        save_predictions(score, predictions)
    typer.echo(f"extraction {folder}{' half ' + half if half else ''}: F1 {score.f1:.4f}  "
               f"precision {score.precision:.4f}  recall {score.recall:.4f}  pages {score.pages}  "
               f"pages/s {score.pages_per_second:.1f}")


def _extraction_baseline(folder: Path, predictions: Optional[Path], half: Optional[str]) -> None:
    from collections import Counter

    from eventwire.eval.extraction import FAR_BELOW, compare_with_trafilatura, page_f1, save_predictions

    rows = compare_with_trafilatura(folder, half=half)
    if predictions:
        save_predictions(rows[0].ours, predictions)
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


def _set_name(name: str, half: str | None) -> str:
    return f"{name}{' half ' + half if half else ''}"


@eval_app.command("quotes")
def quotes(
    folder: Annotated[Path, typer.Argument(help="A PolNeAR-style folder: text/*.txt and attributions/*.ann.")],
    save: Annotated[Optional[Path], typer.Option("--save", help="Also write the records as JSON Lines here.")] = None,
    half: HalfOpt = None,
) -> None:
    """Quote content F1 and speaker-right F1, over all attributions and quotation-marked ones."""
    from eventwire.eval.quotes import run

    result = run(folder, save, half)
    for subset in ("all", "quote_marked"):
        s = result[subset]
        assert isinstance(s, dict)
        typer.echo(f"{subset:13} gold {s['gold']:5} pred {s['pred']:5}  content P {s['p']:.3f} R {s['r']:.3f} "
                   f"F1 {s['f1']:.3f}  speaker-right P {s['speaker_p']:.3f} R {s['speaker_r']:.3f} "
                   f"F1 {s['speaker_f1']:.3f}")
    typer.echo(f"{result['docs']} documents, {result['docs_per_second']} docs/second")
    typer.echo(json.dumps(result))


@eval_app.command("actors")
def actors(file: GoldFileArg, kb: KbOpt = None, verbose: VerboseOpt = False, half: HalfOpt = None) -> None:
    """Actor coding: share of gold source/target actors given the right country code."""
    from eventwire.eval.actors import evaluate

    score = evaluate(file, tuple(kb or ()), half)
    if verbose:
        for miss in score.misses:
            typer.echo(f"MISS {miss['id']}  {miss['actorText']!r}  gold {miss['gold']}  got {miss['got'] or '-'}")
    typer.echo(f"actors {_set_name(file.name, half)}: right country code {score.right}/{score.total} = {score.share:.3f}")


@eval_app.command("location")
def location(
    file: GoldFileArg,
    international: Annotated[str, typer.Option(help="Events between two countries with no place in the parse: "
                                                    "'target' (the target's country) or 'none'.")] = "target",
    events: Annotated[str, typer.Option(help="auto | real | synthetic (an event on each sentence's root).")] = "auto",
    verbose: VerboseOpt = False,
    half: HalfOpt = None,
) -> None:
    """Event locations: share of gold `eventLoc` records whose country eventwire gets right."""
    from eventwire.eval.location import evaluate

    scored = evaluate(file, international=international, events=events, half=half)
    if verbose:
        for it in scored:
            mark = "ok " if it.right else "MISS"
            typer.echo(f"{mark} {it.id}: gold {it.gold_name} ({it.gold_country}) predicted {it.predicted_name} "
                       f"({it.predicted}) via {it.how}")
    right = sum(it.right for it in scored)
    unread = sum(it.gold_country is None for it in scored)
    share = right / len(scored) if scored else 0.0
    typer.echo(f"location {_set_name(file.name, half)}: country right {right}/{len(scored)} = {share:.3f}  "
               f"(gold names the gazetteer cannot read: {unread}; international={international}, events={events})")


@eval_app.command("events")
def events(
    file: GoldFileArg,
    lexicon: LexiconOpt = None,
    records: Annotated[Optional[Path], typer.Option("--records", help="Also write the records the score was computed from (JSON Lines).")] = None,
    verbose: VerboseOpt = False,
    half: HalfOpt = None,
) -> None:
    """Event coding: gold type found, top event type accuracy, triple (type, source, target) P/R/F1."""
    from eventwire.eval.events import evaluate

    score = evaluate(file, tuple(lexicon or ()), records, half)
    if verbose:
        for miss in score.misses:
            typer.echo(f"MISS {miss}")
    typer.echo(f"events {_set_name(file.name, half)}: sentences {score.sentences}  type found {score.type_recall:.3f}  "
               f"top type {score.top_accuracy:.3f}  triple P {score.triple_precision:.3f} R {score.triple_recall:.3f} "
               f"F1 {score.triple_f1:.3f}  events/sentence {score.predicted / max(score.sentences, 1):.2f}")


@eval_app.command("evloc")
def evloc(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="evloc-dev.jsonl or the like.")],
    half: HalfOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Event locations: is the event on the annotated verb placed at the annotated place?"""
    from eventwire.eval.sentences import evaluate_evloc

    score = evaluate_evloc(file, half)
    if verbose:
        for miss in score.misses:
            typer.echo(f"MISS {miss}")
    r = score.rates()
    typer.echo(f"evloc {_set_name(file.name, half)}: placed right {score.placed_right}/"
               f"{score.with_place} = {r['placed_right']:.3f}  of found events {r['placed_right_of_found']:.3f}  "
               f"event found {r['event_found']:.3f}  no invented place {score.no_place_right}/{score.no_place} = "
               f"{r['no_invented_place']:.3f}")


@eval_app.command("quad")
def quad(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="quad-dev.tsv or the like.")],
    half: HalfOpt = None,
) -> None:
    """CAMEO quad class of each sentence's main event: accuracy and macro-F1 over the five classes."""
    from eventwire.eval.sentences import QUAD_CLASSES, evaluate_quad

    score, by_labels = evaluate_quad(file, half)
    per_class = "  ".join(f"{c}:{score.f1(c):.3f}" for c in range(QUAD_CLASSES))
    typer.echo(f"quad {_set_name(file.name, half)}: sentences {score.items}  accuracy "
               f"{score.accuracy:.3f}  macro-F1 {score.macro_f1:.3f}  F1 by class {per_class}")
    typer.echo(f"  diagnostic, with the class mapping the labels follow (02 -> 0, 16 -> 3): accuracy "
               f"{by_labels.accuracy:.3f}  macro-F1 {by_labels.macro_f1:.3f}")


@eval_app.command("police")
def police(
    folder: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="A folder like police-dev/ "
                                           "(docs.jsonl and sents.jsonl).")],
    half: HalfOpt = None,
) -> None:
    """Police actions (IndiaPoliceEvents): P/R/F1 per question with police as the coded source, and macro-F1."""
    from eventwire.eval.police import MODES, QUESTIONS, evaluate_police

    score = evaluate_police(folder, half)
    typer.echo(f"police {_set_name(folder.name, half)}: sentences {score.sentences}")
    for mode in MODES:
        cells = "  ".join(f"{q} {score.prf(mode, q)[0]:.2f}/{score.prf(mode, q)[1]:.2f}/{score.prf(mode, q)[2]:.3f}"
                          for q in QUESTIONS)
        typer.echo(f"  {mode:8} macro-F1 {score.macro_f1(mode):.3f}  (P/R/F1) {cells}")
