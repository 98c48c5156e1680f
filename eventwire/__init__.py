"""eventwire: news articles to political event data, traceable to the characters of the article.

    >>> import eventwire
    >>> record = eventwire.process(open("article.txt").read(), published="2022-01-07")
    >>> [(e.source.code, e.plover.type, e.target.code) for e in record.events]

Many documents, events as a DataFrame, the database from a notebook:

    >>> records = list(eventwire.process_many(["samples/", {"text": "...", "published": "2024-05-01"}]))
    >>> eventwire.events_frame(records).groupby("plover_type").size()
    >>> eventwire.connect("events.duckdb").sql("SELECT count(*) FROM events").fetchall()
"""

from eventwire.api import connect, events_frame, process_many
from eventwire.documents import RawDocument
from eventwire.config import Settings
from eventwire.pipeline import Pipeline, process
from eventwire.records import DocumentRecord
from eventwire.version import __version__

__all__ = ["DocumentRecord", "Pipeline", "RawDocument", "Settings", "__version__", "connect", "events_frame",
           "process", "process_many"]
