"""What the actors stage hands to later stages: entities, actors and mentions."""

from __future__ import annotations

import functools
from bisect import bisect_left
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
class HeadlineMention:
    """Words of the headline that name a body actor: tokens [tok_start, tok_end) of the title's parse."""

    tok_start: int
    tok_end: int
    mention: Mention  # offsets into the title, kind "title"


@dataclass(frozen=True)
class ActorAnalysis:
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    focus: str | None = None  # the story's focus country (ISO-3): where its unnamed police and officials belong
    headline: list[HeadlineMention] = field(default_factory=list)  # every stretch of the title naming a body actor

    @functools.cached_property
    def _actors_by_id(self) -> dict[str, Actor]:
        by_id: dict[str, Actor] = {}
        for actor in self.actors:
            by_id.setdefault(actor.id, actor)
        return by_id

    def actor(self, actor_id: str | None) -> Actor | None:
        return self._actors_by_id.get(actor_id) if actor_id is not None else None

    @functools.cached_property
    def _by_start(self) -> tuple[list[int], list[int], int]:
        """(mention starts in order, the positions in `mentions` they belong to, the longest mention):
        built once, so each lookup below reads only the mentions near its offsets, not all of them."""
        order = sorted(range(len(self.mentions)), key=lambda k: self.mentions[k].start)
        longest = max((m.end - m.start for m in self.mentions), default=0)
        return [self.mentions[k].start for k in order], order, longest

    def _starting_in(self, lo: int, hi: int) -> list[Mention]:
        """Resolved mentions whose start is in [lo, hi], in the order of `mentions`."""
        starts, order, _ = self._by_start
        first, last = bisect_left(starts, lo), bisect_left(starts, hi + 1)
        return [self.mentions[k] for k in sorted(order[first:last]) if self.mentions[k].actor_id]

    def mentions_inside(self, start: int, end: int) -> list[Mention]:
        """Resolved mentions inside [start, end), in the order of `mentions`."""
        return [m for m in self._starting_in(start, end) if m.end <= end]

    def _covering(self, start: int, end: int) -> list[Mention]:
        """Resolved mentions that start at or before `start` and end at or after `end`."""
        return [m for m in self._starting_in(start - self._by_start[2], start) if m.end >= end]

    def mention_in(self, start: int, end: int) -> Mention | None:
        """The longest mention inside [start, end), or the one covering it."""
        inside = self.mentions_inside(start, end)
        if inside:
            return max(inside, key=lambda m: (m.end - m.start, -m.start))
        covering = self._covering(start, end)
        return min(covering, key=lambda m: m.end - m.start) if covering else None

    def mention_at(self, char: int) -> Mention | None:
        """The narrowest resolved mention covering character `char` (e.g. a token's `idx`)."""
        covering = [m for m in self._covering(char, char) if char < m.end]
        return min(covering, key=lambda m: m.end - m.start) if covering else None

    def actor_for_token(self, token: "Token") -> Actor | None:
        """The actor a parsed token belongs to ("he" → the person it refers to), or None."""
        mention = self.mention_at(token.idx)
        return self.actor(mention.actor_id) if mention else None
