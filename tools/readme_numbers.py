"""Refresh (or check) the README's demo and seed numbers from a run, so they cannot drift.

The README holds them between `<!-- demo numbers -->` and `<!-- end demo numbers -->`. This script
counts them in a database made by `make demo` (or by `eventwire ingest samples/`) and in the record of
the seed article, and rewrites that block; `--check` only compares and exits 1 when they differ
(tests/test_readme_numbers.py runs the check on a fresh ingest).

Usage: .venv/bin/python tools/readme_numbers.py [--db out/demo.duckdb] [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
SEED = REPO.parent / "shared" / "seed" / "article.txt"
BLOCK = re.compile(r"(<!-- demo numbers -->\n)(.*?)(<!-- end demo numbers -->)", re.S)


def demo_line(db: Path) -> str:
    from eventwire.store.dedup import STORIES_COUNT_SQL
    from eventwire.store.export.common import modality_filter
    from eventwire.store.schema import open_database

    con = open_database(db, read_only=True)
    try:
        def one(sql: str) -> int:
            return con.execute(sql).fetchone()[0]

        documents = one("SELECT count(*) FROM documents")
        stories = one(STORIES_COUNT_SQL)
        events = one("SELECT count(*) FROM events")
        real = one(f"SELECT count(*) FROM events e WHERE {modality_filter('real')}")
        clusters = one("SELECT count(*) FROM clusters")
        quotes = one("SELECT count(*) FROM quotes")
        errors = one("SELECT count(*) FROM errors")
    finally:
        con.close()
    return (f"`make demo` on the bundled samples: {documents} documents ({stories} stories), {events} event "
            f"mentions ({real} reported as having happened), {clusters} event clusters, {quotes} quotes, "
            f"{errors} error rows.")


def seed_line() -> str:
    import eventwire

    record = eventwire.process(SEED.read_text(encoding="utf-8"))
    return (f"The seed article: {len(record.events)} events, {len(record.quotes)} quotes, "
            f"{len(record.actors)} actors.")


def block(db: Path) -> str:
    return f"{demo_line(db)}\n{seed_line()}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=REPO / "out" / "demo.duckdb")
    parser.add_argument("--check", action="store_true", help="Compare only; exit 1 when the README differs.")
    args = parser.parse_args()
    text = README.read_text(encoding="utf-8")
    found = BLOCK.search(text)
    if not found:
        print("README.md has no <!-- demo numbers --> block", file=sys.stderr)
        return 1
    fresh = block(args.db)
    if args.check:
        if found.group(2) != fresh:
            print(f"README numbers differ from the run:\n  README: {found.group(2)!r}\n  run:    {fresh!r}",
                  file=sys.stderr)
            return 1
        return 0
    README.write_text(text[:found.start(2)] + fresh + text[found.end(2):], encoding="utf-8")
    print(fresh, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
