"""Actors: knowledge base (data files), mention → actor resolution, in-article coreference."""

from eventwire.actors.analysis import ActorAnalysis, Mention
from eventwire.actors.kb import KnowledgeBase, load_kb
from eventwire.actors.resolve import resolve_actors
from eventwire.actors.ruler import add_kb_ruler
from eventwire.actors.stage import ActorStage, make

__all__ = ["ActorAnalysis", "ActorStage", "KnowledgeBase", "Mention", "add_kb_ruler", "load_kb", "make", "resolve_actors"]
