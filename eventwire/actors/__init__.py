"""Actors: knowledge base (data files), mention → actor resolution, in-article coreference."""

from eventwire.actors.analysis import ActorAnalysis, Mention
from eventwire.actors.kb import KnowledgeBase, load_kb
from eventwire.actors.resolve import resolve_actors
from eventwire.actors.ruler import add_kb_ruler

__all__ = ["ActorAnalysis", "KnowledgeBase", "Mention", "add_kb_ruler", "load_kb", "resolve_actors"]
