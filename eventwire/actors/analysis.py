"""What the actors stage hands to later stages: entities, actors and mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.records import Actor, Entity

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Mention:
    """A stretch of text that refers to an actor.

    kind: name | alias | surname | description | pronoun | group | metonym |
    country. Quotes and events look speakers, sources and targets up here.
    """

    start: int
    end: int
    text: str
    actor_id: str | None
    kind: str


@dataclass(frozen=True)
class ActorAnalysis:
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def actor(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    def mention_in(self, start: int, end: int) -> Mention | None:
        """The longest mention inside [start, end), or the one covering it."""
        inside = [m for m in self.mentions if m.start >= start and m.end <= end and m.actor_id]
        if inside:
            return max(inside, key=lambda m: (m.end - m.start, -m.start))
        covering = [m for m in self.mentions if m.start <= start and m.end >= end and m.actor_id]
        return min(covering, key=lambda m: m.end - m.start) if covering else None

    def mention_at(self, char: int) -> Mention | None:
        """The narrowest resolved mention covering character `char` (e.g. a token's `idx`)."""
        covering = [m for m in self.mentions if m.start <= char < m.end and m.actor_id]
        return min(covering, key=lambda m: m.end - m.start) if covering else None

    def actor_for_token(self, token: "Token") -> Actor | None:
        """The actor a parsed token belongs to ("he" → the person it refers to), or None."""
        mention = self.mention_at(token.idx)
        return self.actor(mention.actor_id) if mention else None
