"""Quotes: direct, indirect and mixed speech with the speaker resolved."""

from eventwire.quotes.find import find_quotes
from eventwire.quotes.stage import QuoteFinder, make

__all__ = ["QuoteFinder", "find_quotes", "make"]
