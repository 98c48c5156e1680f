"""The `eventwire` command: one module per command group, every option declared once in options.py.

The library never imports this package; each command reads its options,
builds Settings (options.py) and calls the library: `eventwire.jobs` to run
documents, `eventwire.store` for the database, `eventwire.web` to serve it,
`eventwire.eval` to score.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from eventwire.cli import database, eval as eval_commands, extract, serve

app = typer.Typer(
    name="eventwire",
    help="News articles to political event data: who did what to whom, when and where, and who said what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _print_version(value: bool) -> None:
    if value:
        from eventwire.version import __version__

        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Log what each stage does (DEBUG on stderr).")] = False,
          version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                                callback=_print_version)] = False) -> None:
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


app.command()(extract.extract)
for command in (database.ingest, database.export, database.stats, database.query, database.dedup):
    app.command()(command)
app.command()(serve.serve)
app.add_typer(eval_commands.eval_app, name="eval")


def main() -> None:
    app()
