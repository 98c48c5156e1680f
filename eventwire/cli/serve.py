"""`eventwire serve`: the REST API and the dashboard over one database file (thin; the app is eventwire/web/app.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from eventwire.cli.options import DbOpt, err


def serve(
    db: DbOpt = Path("eventwire.duckdb"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    snapshot_dir: Annotated[Optional[Path], typer.Option("--snapshot-dir", help="Where the server keeps its read-only copy of the database (default: the system's temporary folder).")] = None,
) -> None:
    """Serve the JSON API (/api/..., documented at /docs) and the dashboard (/) over the database, read-only.

    The server reads its own copy of the database, taken whenever the file has
    changed and no ingest is writing it, so `eventwire ingest` can run meanwhile.

    Example:

      eventwire serve --db out/demo.duckdb --port 8000   # then open http://127.0.0.1:8000/
    """
    try:
        import uvicorn

        from eventwire.web.app import create_app
    except ImportError as exc:  # an install without the extra
        typer.echo(f"eventwire serve needs the web extra ({exc.name or exc} is not installed): "
                   "pip install 'eventwire[web]'", err=True)
        raise typer.Exit(2)
    from eventwire.web.snapshot import NotADatabase

    try:
        app = create_app(db, snapshot_dir)
    except (FileNotFoundError, NotADatabase) as exc:
        # One plain line (no markup, no wrapping): file names may hold "[" and scripts grep this.
        typer.echo(f"eventwire serve: {exc}", err=True)
        raise typer.Exit(1)
    err.print(f"eventwire: serving {db} at http://{host}:{port}/ (API docs at /docs)", markup=False, highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")
