"""Quotes: direct, indirect and mixed speech with the speaker resolved."""

from eventwire.quotes.find import find_quotes

__all__ = ["find_quotes"]
