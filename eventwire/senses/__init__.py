"""Word senses shared by the stages: WordNet read offline, and what kind of thing a noun is."""

from eventwire.senses.wordnet import NounClasses, load_noun_classes, open_wordnet, wordnet_source

__all__ = ["NounClasses", "load_noun_classes", "open_wordnet", "wordnet_source"]
