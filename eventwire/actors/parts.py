"""Working records of the actors stage: actors and mentions while they are being resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.actors.codes import actor_code
from eventwire.actors.analysis import Mention
from eventwire.records import Actor, Entity


@dataclass
class Draft:
    """An actor under construction; `titles` are the role nouns the text gives it."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None
    own_code: str | None = None
    gender: str | None = None
    country_inferred: bool = False
    leader: bool = False  # head of state or government on the article's date
    titles: set[str] = field(default_factory=set)

    def fill(self, other: "Draft") -> None:
        """Take what `other` knows and this one does not (same actor seen again)."""
        for name in ("country", "sector", "role", "gender", "own_code"):
            if getattr(self, name) is None and getattr(other, name) is not None:
                setattr(self, name, getattr(other, name))
                if name == "country":
                    self.country_inferred = other.country_inferred
        if self.country_inferred and other.country and not other.country_inferred:
            self.country, self.country_inferred = other.country, False
        self.titles |= other.titles
        self.leader = self.leader or other.leader

    def to_actor(self) -> Actor:
        return Actor(id=self.id, name=self.name, kind=self.kind, country=self.country, sector=self.sector,
                     role=self.role, code=actor_code(self.country, self.sector, self.own_code), kb_id=self.kb_id,
                     country_inferred=self.country_inferred)


@dataclass
class Placed:
    """A mention with its tokens, sentence and grammatical role, for coreference."""

    tok_start: int
    tok_end: int
    start: int
    end: int
    text: str
    actor_id: str | None
    kind: str  # name | alias | surname | description | pronoun | group | metonym | country
    label: str | None  # entity label; None: not an entity (pronouns)
    sent: int
    subject: bool

    def mention(self) -> Mention:
        return Mention(start=self.start, end=self.end, text=self.text, actor_id=self.actor_id, kind=self.kind)

    def entity(self) -> Entity:
        return Entity(start=self.start, end=self.end, text=self.text, label=self.label or "", actor_id=self.actor_id)
