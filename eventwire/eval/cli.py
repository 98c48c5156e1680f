"""`eventwire eval ...`: score eventwire on the public development sets.

Each scorer lives in its own module of this package; this file only exposes
them as subcommands.
"""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Score eventwire on public development sets (see ../shared/eval/README.md).",
                       no_args_is_help=True)
