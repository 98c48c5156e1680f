"""The geo stage as the pipeline runs it: its data loaded once (`make`: the gazetteer and WordNet's noun
classes, as `GeoResources`) and handed to every rule; places first, then event locations (two steps, so a
failure finding places still lets events be located by their dateline and actors)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
from eventwire.config import Settings
from eventwire.gazetteer import Gazetteer
from eventwire.geo.locate import INTERNATIONAL, article_setting, locate_event, locate_events
from eventwire.geo.places import find_places
from eventwire.geo.resources import GeoResources, load_resources
from eventwire.records import Event, Location, PlaceMention


@dataclass(frozen=True)
class PlaceLocator:
    resources: GeoResources

    @property
    def gazetteer(self) -> Gazetteer:
        return self.resources.gazetteer

    def find_places(self, article: Article, doc: Doc, actors: ActorAnalysis) -> list[PlaceMention]:
        return find_places(article, doc, actors, self.resources)

    def locate_events(self, article: Article, doc: Doc, events: list[Event], places: list[PlaceMention],
                      actors: ActorAnalysis) -> list[Event]:
        return locate_events(article, doc, events, places, actors, geo=self.resources)

    def locate_event(self, doc: Doc, event: Event, places: list[PlaceMention], international: str = INTERNATIONAL,
                     setting: str | None = None, title: str | None = None) -> Location | None:
        """One event's location with this stage's data (for scorers that re-run location on one parse)."""
        return locate_event(doc, event, places, international, setting, title, geo=self.resources)

    def article_setting(self, doc: Doc, places: list[PlaceMention]) -> str | None:
        return article_setting(doc, places, geo=self.resources)


def make(settings: Settings) -> PlaceLocator:
    return PlaceLocator(resources=load_resources(settings))
