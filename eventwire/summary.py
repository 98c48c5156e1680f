"""Counting a run: documents, failures and what was found, printed as a table on stderr."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table

from eventwire.records import DocumentRecord


@dataclass
class RunSummary:
    documents: int = 0
    failed: int = 0  # no text to analyse
    with_errors: int = 0
    entities: int = 0
    actors: int = 0
    quotes: int = 0
    events: int = 0
    errors_by_stage: Counter[str] = field(default_factory=Counter)
    error_examples: list[str] = field(default_factory=list)

    def add(self, record: DocumentRecord) -> None:
        self.documents += 1
        if not record.text:
            self.failed += 1
        if record.errors:
            self.with_errors += 1
            for error in record.errors:
                self.errors_by_stage[error.stage] += 1
                if len(self.error_examples) < 20:
                    self.error_examples.append(f"[{error.stage}] {error.message}")
        self.entities += len(record.entities)
        self.actors += len(record.actors)
        self.quotes += len(record.quotes)
        self.events += len(record.events)

    @property
    def succeeded(self) -> int:
        return self.documents - self.failed

    def print(self, console: Console) -> None:
        table = Table(title="eventwire run", show_header=False, title_justify="left")
        table.add_column("what")
        table.add_column("count", justify="right")
        table.add_row("documents", str(self.documents))
        table.add_row("analysed", str(self.succeeded))
        table.add_row("failed (no text)", str(self.failed))
        table.add_row("with errors", str(self.with_errors))
        table.add_row("entities", str(self.entities))
        table.add_row("actors", str(self.actors))
        table.add_row("quotes", str(self.quotes))
        table.add_row("events", str(self.events))
        console.print(table)
        for line in self.error_examples:
            console.print("  " + line, style="yellow", markup=False, highlight=False)
