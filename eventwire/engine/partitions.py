"""Cutting the inputs of a Dask run into partitions, and reading a partition's documents back on a worker.

The client lists the inputs and cuts them into partitions (whole files, and
plain JSON Lines files cut into line-aligned byte ranges); it never reads the
documents themselves, except to find line breaks in big JSON Lines files.
The worker reads each piece with the readers `eventwire extract` uses, so a
document is named the same on either engine.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.documents import RawDocument
from eventwire.records import ErrorRecord

MAX_PARTITION_BYTES = 16 * 2**20  # a partition of news text is minutes of work on one core
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Piece:
    """One input file, a line range of a plain JSON Lines file, or stdin (its bytes read on the client)."""

    path: str
    start: int = 0
    end: int | None = None  # None: the whole file
    first_line: int = 1
    last_line: int = 0
    data: bytes | None = None

    @property
    def label(self) -> str:
        if self.end is None:
            return self.path
        return f"{self.path}:{self.first_line}-{self.last_line}"


@dataclass(frozen=True)
class Partition:
    index: int
    pieces: tuple[Piece, ...]
    size: int  # bytes of input

    @property
    def inputs(self) -> list[str]:
        return [piece.label for piece in self.pieces]


def _file_list(inputs: Collection[str]) -> Iterator[tuple[str, Path | None]]:
    """(input arg, path) for every file the readers would read, in their order; stdin as ("-", None)."""
    from eventwire.ingest.readers import expand_paths  # the readers' own folder/glob expansion: same order

    for arg in inputs:
        if arg == "-":
            yield arg, None
        else:
            for path in expand_paths(arg):
                yield arg, path


def _is_plain_jsonl(path: Path) -> bool:
    return path.suffix.lower() in JSONL_SUFFIXES and path.is_file()


def split_jsonl(path: Path, target: int) -> list[Piece]:
    """Cut a plain JSON Lines file into pieces of about `target` bytes, each ending at a line break."""
    size = path.stat().st_size
    pieces: list[Piece] = []
    start, first_line = 0, 1
    with path.open("rb") as stream:
        while start < size:
            if start + target < size:
                stream.seek(start + target)
                stream.readline()
                end = stream.tell()
            else:
                end = size
            stream.seek(start)
            lines, remaining, last = 0, end - start, b"\n"
            while remaining:
                block = stream.read(min(remaining, 1 << 24))
                lines += block.count(b"\n")
                remaining -= len(block)
                last = block[-1:]
            lines += last != b"\n"  # a last line without a line break
            pieces.append(Piece(str(path), start, end, first_line, first_line + lines - 1))
            start, first_line = end, first_line + lines
    return pieces


def plan_partitions(inputs: Collection[str], workers: int = 1, partition_bytes: int | None = None,
                    stdin: bytes | None = None) -> list[Partition]:
    """Consecutive pieces of the inputs, about `partition_bytes` each (default: 4 per worker, at most 16 MB)."""
    files: list[tuple[Path | None, int]] = []
    for _arg, path in _file_list(inputs):
        if path is None:
            files.append((None, 0))
        else:
            files.append((path, path.stat().st_size if path.is_file() else 0))
    if partition_bytes is None:
        total = sum(size for _path, size in files) + len(stdin or b"")
        partition_bytes = min(MAX_PARTITION_BYTES, max(1, math.ceil(total / (4 * max(workers, 1)))))
    pieces: list[tuple[Piece, int]] = []
    for path, size in files:
        if path is None:
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            pieces.append((Piece("-", data=data), len(data)))
        elif _is_plain_jsonl(path) and size > partition_bytes:
            pieces.extend((piece, (piece.end or 0) - piece.start) for piece in split_jsonl(path, partition_bytes))
        else:
            pieces.append((Piece(str(path)), size))
    partitions: list[Partition] = []
    current: list[Piece] = []
    current_size = 0
    for piece, size in pieces:
        current.append(piece)
        current_size += size
        if current_size >= partition_bytes:
            partitions.append(Partition(len(partitions), tuple(current), current_size))
            current, current_size = [], 0
    if current:
        partitions.append(Partition(len(partitions), tuple(current), current_size))
    return partitions


def read_piece(piece: Piece) -> Iterator[RawDocument]:
    """The raw documents of one piece, named exactly as the readers name them."""
    from eventwire.ingest import iter_documents, read_path
    from eventwire.ingest.jsonl import read_jsonl_lines

    if piece.data is not None:
        yield from iter_documents(["-"], stdin=piece.data)
    elif piece.end is None:
        yield from read_path(Path(piece.path))
    else:
        try:
            with open(piece.path, "rb") as stream:
                stream.seek(piece.start)
                data = stream.read(piece.end - piece.start)
        except OSError as exc:
            yield RawDocument(content=None, path=piece.path, location=piece.label,
                              error=ErrorRecord(stage="read", message=f"{piece.label}: cannot read: {exc}"))
            return
        yield from read_jsonl_lines(data.splitlines(), piece.path, piece.first_line)
