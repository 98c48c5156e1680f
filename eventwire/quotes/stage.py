"""The quotes stage as the pipeline runs it: the cue lexicon loaded once (`make`), then one call per document."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.actors.analysis import ActorAnalysis
from eventwire.documents import Article
from eventwire.config import Settings
from eventwire.quotes.cues import CueLexicon, load_cues
from eventwire.quotes.find import find_quotes
from eventwire.records import Quote


@dataclass(frozen=True)
class QuoteFinder:
    cues: CueLexicon

    def __call__(self, article: Article, doc: Doc, actors: ActorAnalysis) -> list[Quote]:
        return find_quotes(article, doc, actors, self.cues)


def make(settings: Settings) -> QuoteFinder:
    """The quotes stage for `settings`: the built-in cues with `settings.cue_files` merged over them."""
    return QuoteFinder(cues=load_cues(settings.cue_files))
