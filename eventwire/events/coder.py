"""Not built yet (its own issue): returns no events."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.actors.analysis import ActorAnalysis
from eventwire.article import Article
from eventwire.records import Event, Quote

BUILT = False


def code_events(article: Article, doc: Doc, title_doc: Doc | None, actors: ActorAnalysis, quotes: list[Quote]) -> list[Event]:
    return []
