"""What `make demo` prints: a readable summary of a JSON Lines file of records."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from eventwire.records import DocumentRecord


def summarise(path: Path, console: Console) -> None:
    records = [DocumentRecord.from_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = Table(title=f"{len(records)} documents from {path}", title_justify="left")
    for column in ("title", "published", "dateline", "entities", "actors", "quotes", "events", "errors"):
        docs.add_column(column, overflow="fold")
    for r in records:
        docs.add_row((r.title or r.source.path or "")[:60], r.published or "", (r.dateline.text if r.dateline else ""),
                     str(len(r.entities)), str(len(r.actors)), str(len(r.quotes)), str(len(r.events)), str(len(r.errors)))
    console.print(docs)

    labels = Counter(e.label for r in records for e in r.entities)
    ents = Table(title="entity labels", title_justify="left")
    ents.add_column("label")
    ents.add_column("count", justify="right")
    for label, count in labels.most_common(10):
        ents.add_row(label, str(count))
    console.print(ents)

    events = [(r, e) for r in records for e in r.events]
    if events:
        table = Table(title=f"events ({len(events)}), top by confidence", title_justify="left")
        for column in ("source", "type", "target", "date", "where", "trigger"):
            table.add_column(column, overflow="fold")
        for r, e in sorted(events, key=lambda pair: -pair[1].confidence)[:20]:
            table.add_row(e.source.code if e.source else "", e.plover.type, e.target.code if e.target else "",
                          e.date.value if e.date else "", e.location.name if e.location else "", e.trigger.text)
        console.print(table)
    else:
        console.print("events: none (the event coder is not built yet)" )
    quotes = [(r, q) for r in records for q in r.quotes]
    if quotes:
        table = Table(title=f"quotes ({len(quotes)})", title_justify="left")
        table.add_column("speaker")
        table.add_column("quote", overflow="fold")
        for r, q in quotes[:15]:
            table.add_row(q.speaker.text if q.speaker else "?", q.content.text[:120])
        console.print(table)
    else:
        console.print("quotes: none (quote extraction is not built yet)")


if __name__ == "__main__":
    summarise(Path(sys.argv[1]), Console())
