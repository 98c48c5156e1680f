"""The geo stage as the pipeline runs it: the gazetteer opened once (`make`); places first, then event locations
(two steps, so a failure finding places still lets events be located by their dateline and actors)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
from eventwire.config import Settings
from eventwire.gazetteer import Gazetteer, load_gazetteer
from eventwire.geo.locate import locate_events
from eventwire.geo.places import find_places
from eventwire.records import Event, PlaceMention


@dataclass(frozen=True)
class PlaceLocator:
    gazetteer: Gazetteer

    def find_places(self, article: Article, doc: Doc, actors: ActorAnalysis) -> list[PlaceMention]:
        return find_places(article, doc, actors, self.gazetteer)

    def locate_events(self, article: Article, doc: Doc, events: list[Event], places: list[PlaceMention],
                      actors: ActorAnalysis) -> list[Event]:
        return locate_events(article, doc, events, places, actors)


def make(settings: Settings) -> PlaceLocator:
    return PlaceLocator(gazetteer=load_gazetteer())
