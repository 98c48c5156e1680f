"""Extraction: a RawDocument becomes an Article (clean body plus page metadata).

`extract_article` is the stage function the pipeline calls. HTML goes through
trafilatura and htmldate (`html.py`); page text with its furniture through our
own line classifier (`pagetext.py`); `--clean none` keeps the input exactly.
"""

from eventwire.extract.article import extract_article, make_doc_id

__all__ = ["extract_article", "make_doc_id"]
