"""The actors stage as the pipeline runs it: the knowledge base and the gazetteer loaded once (`make`), then one
call per document for the body's actors and the headline's."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from eventwire.actors.analysis import ActorAnalysis
from eventwire.actors.headline import headline_mentions
from eventwire.actors.kb import KnowledgeBase, load_kb
from eventwire.actors.resolve import resolve_actors
from eventwire.documents import Article
from eventwire.config import Settings
from eventwire.gazetteer import Gazetteer, load_gazetteer


@dataclass(frozen=True)
class ActorStage:
    kb: KnowledgeBase
    gazetteer: Gazetteer

    def __call__(self, article: Article, doc: Doc, title_doc: Doc | None) -> ActorAnalysis:
        analysis = resolve_actors(article, doc, self.kb, self.gazetteer)
        if title_doc is None or not article.title:
            return analysis
        return replace(analysis, headline=headline_mentions(title_doc, analysis.mentions))


def make(settings: Settings) -> ActorStage:
    """The actors stage for `settings`: the built-in KB with `settings.kb_files` merged over it."""
    return ActorStage(kb=load_kb(settings.kb_files), gazetteer=load_gazetteer())
