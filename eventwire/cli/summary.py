"""Counting a run: documents, failures and what was found, printed as a table on stderr."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table

from eventwire.budget import stopped_by_budget
from eventwire.ingest.readers import skipped_lines
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
    over_budget: int = 0  # analysis stopped by --doc-timeout (text kept)
    not_english: Counter[str] = field(default_factory=Counter)  # language -> documents kept as text, not analysed
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (file in a folder, why it was not read)

    def add(self, record: DocumentRecord) -> None:
        self.documents += 1
        if not record.text:
            self.failed += 1
        elif stopped_by_budget(error.message for error in record.errors):
            self.over_budget += 1
        if record.text and record.language not in (None, "en"):
            self.not_english[record.language] += 1
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

    @property
    def incomplete(self) -> int:
        """Inputs that did not become a fully analysed document: no text, or analysis stopped by the budget."""
        return self.failed + self.over_budget

    def print(self, console: Console) -> None:
        table = Table(title="eventwire run", show_header=False, title_justify="left")
        table.add_column("what")
        table.add_column("count", justify="right")
        table.add_row("documents", str(self.documents))
        table.add_row("analysed", str(self.succeeded))
        table.add_row("failed (no text)", str(self.failed))
        table.add_row("over the time budget (text kept)", str(self.over_budget))
        languages = ", ".join(f"{code} {n}" for code, n in self.not_english.most_common())
        table.add_row("not English (text kept, not analysed)", f"{sum(self.not_english.values())}"
                      + (f" ({languages})" if languages else ""))
        table.add_row("files in folders not read", str(len(self.skipped_files)))
        table.add_row("with errors", str(self.with_errors))
        table.add_row("entities", str(self.entities))
        table.add_row("actors", str(self.actors))
        table.add_row("quotes", str(self.quotes))
        table.add_row("events", str(self.events))
        console.print(table)
        for line in self.error_examples:
            console.print("  " + line, style="yellow", markup=False, highlight=False)
        for line in skipped_lines(self.skipped_files):
            console.print("  " + line, style="yellow", markup=False, highlight=False)
