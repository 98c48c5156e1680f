"""Dispatch inputs to the reader for their kind, by suffix."""

from __future__ import annotations

import glob
import gzip
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.documents import RawDocument
from eventwire.ingest.jsonl import read_jsonl_lines
from eventwire.records import ErrorRecord

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES


def _kind(path: Path) -> tuple[str, bool]:
    """The input kind from the suffix (gzip stripped) and whether it is gzipped."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in HTML_SUFFIXES:
        return "html", gz
    if last in JSONL_SUFFIXES:
        return "jsonl", gz
    if last in WARC_SUFFIXES:
        return "warc", gz
    return "text", gz


def _error(path: str, stage: str, message: str) -> RawDocument:
    return RawDocument(content=None, path=path, location=path, error=ErrorRecord(stage=stage, message=message))


def read_path(path: Path) -> Iterator[RawDocument]:
    """Every document in one file; a file that cannot be read yields one error document."""
    kind, gz = _kind(path)
    name = str(path)
    if not path.exists():
        yield _error(name, "read", f"{name}: no such file or directory")
        return
    if kind == "warc":
        from eventwire.ingest.warc import read_warc  # optional reader, imported on use

        yield from read_warc(path)
        return
    try:
        data = path.read_bytes()
        if gz:
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield _error(name, "read", f"{name}: cannot read: {exc}")
        return
    if kind == "jsonl":
        yield from read_jsonl_lines(data.splitlines(), name)
        return
    yield RawDocument(content=data, path=name, location=name, format="html" if kind == "html" else None)


def _folder_entry(child: Path) -> str | None:
    """Why a file found in a folder is not read (None: read it). A file with no suffix is read as text."""
    if not child.exists():
        return "broken symbolic link"
    kind_suffixes = [s.lower() for s in child.suffixes if s.lower() != ".gz" and s[1:].isalnum()]
    if not kind_suffixes or kind_suffixes[-1] in SUPPORTED_SUFFIXES:
        return None
    return f"not an input kind ({kind_suffixes[-1]})"


def skipped_lines(skipped: list[tuple[str, str]], examples: int = 5) -> list[str]:
    """One line per reason: how many folder entries were not read, and the first few names."""
    by_reason: dict[str, list[str]] = {}
    for name, why in skipped:
        by_reason.setdefault(why, []).append(name)
    lines = []
    for why, names in by_reason.items():
        shown = ", ".join(names[:examples]) + (", ..." if len(names) > examples else "")
        lines.append(f"skipped {len(names)} file(s) in folders, {why}: {shown}")
    return lines


def unread_folder_entries(inputs: Iterable[str]) -> list[tuple[str, str]]:
    """What `iter_documents` would skip in the folders among `inputs` (for engines that expand inputs elsewhere)."""
    skipped: list[tuple[str, str]] = []
    for arg in inputs:
        if arg != "-":
            for _path in expand_paths(arg, skipped):
                pass
    return skipped


def _hidden(child: Path, root: Path) -> bool:
    """Dot-files and anything inside a dot-folder (.git, .DS_Store) below the folder given."""
    return any(part.startswith(".") for part in child.relative_to(root).parts)


def expand_paths(arg: str, skipped: list[tuple[str, str]] | None = None) -> Iterator[Path]:
    """The files one argument names: itself, every input file in a folder (recursively, sorted), or a glob's matches.

    Files in a folder that are not read (hidden, another kind such as .png, broken links) are
    appended to `skipped` as (path, why), so the summary can name them instead of dropping them
    without a word. A file named directly is always read: what it holds decides the outcome.
    """
    path = Path(arg)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if not p.is_dir()):
            if _hidden(child, path):
                why: str | None = "hidden"
            else:
                why = _folder_entry(child)
            if why is None:
                yield child
            elif skipped is not None:
                skipped.append((str(child), why))
        return
    if not path.exists() and any(ch in arg for ch in "*?["):
        matches = sorted(glob.glob(arg, recursive=True))
        if matches:
            yield from (Path(m) for m in matches if not Path(m).is_dir())
            return
    yield path


def iter_documents(inputs: Iterable[str], stdin: bytes | None = None,
                   skipped: list[tuple[str, str]] | None = None) -> Iterator[RawDocument]:
    """All documents named by `inputs`: files, folders (recursively), globs and "-" for stdin.

    Folder entries that are not read go to `skipped` as (path, why); see `expand_paths`.

    Stdin is read as JSON Lines when every non-empty line is a JSON object,
    otherwise as one document.
    """
    for arg in inputs:
        if arg == "-":
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            lines = [line for line in data.splitlines() if line.strip()]
            if lines and all(line.lstrip().startswith(b"{") for line in lines):
                yield from read_jsonl_lines(data.splitlines(), "<stdin>")
            else:
                yield RawDocument(content=data, path="<stdin>", location="<stdin>")
            continue
        for path in expand_paths(arg, skipped):
            yield from read_path(path)
