"""eventwire: news articles to political event data, traceable to the characters of the article.

    >>> import eventwire
    >>> record = eventwire.process(open("article.txt").read(), published="2022-01-07")
    >>> [(e.source.code, e.plover.type, e.target.code) for e in record.events]
"""

from eventwire.config import Settings
from eventwire.pipeline import Pipeline, process
from eventwire.records import DocumentRecord
from eventwire.version import __version__

__all__ = ["DocumentRecord", "Pipeline", "Settings", "process", "__version__"]
