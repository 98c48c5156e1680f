"""Readers: turn paths, folders, JSON Lines, WARC files and stdin into RawDocuments.

Readers never raise for a user's bad input: a path that cannot be read
becomes a RawDocument carrying an `error`, so the run goes on and the
summary counts it.
"""

from eventwire.ingest.readers import iter_documents, read_path, SUPPORTED_SUFFIXES

__all__ = ["iter_documents", "read_path", "SUPPORTED_SUFFIXES"]
