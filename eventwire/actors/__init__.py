"""Actors: knowledge base (data files), mention → actor resolution, in-article coreference."""

from eventwire.actors.analysis import ActorAnalysis, Mention
from eventwire.actors.resolve import resolve_actors

__all__ = ["ActorAnalysis", "Mention", "resolve_actors"]
