"""Not built yet (its own issue): no places, events keep no location."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.actors.analysis import ActorAnalysis
from eventwire.article import Article
from eventwire.records import Event, PlaceMention

BUILT = False


def find_places(article: Article, doc: Doc, actors: ActorAnalysis) -> list[PlaceMention]:
    return []


def locate_events(article: Article, doc: Doc, events: list[Event], places: list[PlaceMention], actors: ActorAnalysis) -> list[Event]:
    return list(events)
