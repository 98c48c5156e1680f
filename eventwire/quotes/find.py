"""Not built yet (its own issue): returns no quotes."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.actors.analysis import ActorAnalysis
from eventwire.article import Article
from eventwire.records import Quote

BUILT = False


def find_quotes(article: Article, doc: Doc, actors: ActorAnalysis) -> list[Quote]:
    return []
