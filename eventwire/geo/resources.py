"""What the geo stage reads, loaded once by the stage (`geo.stage.make`) and handed to every helper.

`GeoResources` holds the gazetteer and WordNet's noun classes and answers the questions the place and
location rules ask of them: is this noun a kind of place, which prepositions place things, which country
a name means, a country as a location. Nothing in `geo/` loads data on its own; the module-level
functions of `places.py` and `locate.py` take a `GeoResources` (callers outside the pipeline that pass
none get `default_resources()`, the same loading the stage does).
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.config import Settings
from eventwire.gazetteer import Gazetteer, load_gazetteer
from eventwire.records import Location
from eventwire.senses import NounClasses, load_noun_classes

NOMINAL_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "appos"}  # a word in a noun's place, whatever its tag


@dataclass(frozen=True)
class GeoResources:
    gazetteer: Gazetteer
    noun_classes: NounClasses | None  # None without WordNet: feature nouns only

    @property
    def features(self) -> dict:
        return self.gazetteer.features

    @functools.cached_property
    def locative_preps(self) -> frozenset[str]:
        return frozenset(self.features["locative_preps"])

    @functools.cached_property
    def weak_preps(self) -> frozenset[str]:
        return frozenset(self.features["weak_preps"])

    @functools.cached_property
    def strong_preps(self) -> frozenset[str]:
        """Locative prepositions that place anything ("in", "near"), not only motion ("to", "from")."""
        return self.locative_preps - self.weak_preps

    @functools.cached_property
    def feature_nouns(self) -> frozenset[str]:
        return frozenset(self.features["feature_nouns"])

    def location_noun(self, noun: Token) -> bool:
        """A noun that names a kind of place: a feature noun ("province", "district") or, with WordNet, a
        noun whose commonest sense is a location ("countryside", "outskirts", "home": "the Hama
        countryside")."""
        # a common noun, or a word the tagger mislabelled in a noun's place ("the Abuja home" tagged ADV)
        nominal = noun.pos_ == "NOUN" or (noun.dep_ in NOMINAL_DEPS and noun.pos_ != "PROPN")
        if not nominal and noun.pos_ != "PROPN":
            return False
        lemma = noun.lemma_.lower()
        if lemma in self.feature_nouns:
            return True
        classes = self.noun_classes
        return nominal and classes is not None and classes.of(lemma) == "noun.location"

    def country_of(self, name: str, prefer: str | None = None,
                   among: Collection[str] | None = None) -> str | None:
        """The country a place name means: the gazetteer's one reading, the one the actors stage uses."""
        return self.gazetteer.country_of(name, prefer=prefer, among=among)

    def country_location(self, country: str) -> Location:
        """A country as an event location (no span, no centroid)."""
        gaz = self.gazetteer
        name = gaz.country_names.get(country, country)
        geonames_id = next((c.place.geonames_id for c in gaz.lookup(name)
                            if c.place.kind == "country" and c.place.country == country), None)
        return Location(name=name, country=country, geonames_id=geonames_id, precision="country")


def load_resources(settings: Settings) -> GeoResources:
    """The gazetteer and the noun classes, from the per-process caches (`geo.stage.make` calls this)."""
    return GeoResources(gazetteer=load_gazetteer(), noun_classes=load_noun_classes())


def default_resources() -> GeoResources:
    """For callers outside the pipeline that pass no resources (scorers, notebooks): the stage's loading
    with default settings."""
    return load_resources(Settings())
