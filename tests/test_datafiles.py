"""Data files keep their words: YAML 1.1's bare yes/no/on/off are not booleans in eventwire's lists."""

from __future__ import annotations

from eventwire.datafiles import load_yaml_text


def test_bare_no_on_off_stay_words_and_true_false_stay_booleans():
    data = load_yaml_text("words: [no, on, off, yes, y, n, ON]\nflag: true\nother: False\n")
    assert data == {"words": ["no", "on", "off", "yes", "y", "n", "ON"], "flag": True, "other": False}


def test_the_coder_reads_no_as_a_negation_and_on_as_a_target_preposition():
    from eventwire.events.grammar import load_grammar

    grammar = load_grammar()
    assert "no" in grammar.negation_words
    assert "on" in grammar.target_preps


def test_every_shipped_word_list_is_free_of_booleans():
    """A boolean inside a list of words is a word YAML 1.1 would have eaten (`no`, `on`, `ON` for Ontario)."""
    from pathlib import Path

    from eventwire.datafiles import load_yaml

    def booleans_in_lists(value, inside_list=False):
        if isinstance(value, bool):
            return [value] if inside_list else []
        if isinstance(value, dict):
            return [b for v in value.values() for b in booleans_in_lists(v, False)]
        if isinstance(value, list):
            return [b for v in value for b in booleans_in_lists(v, True)]
        return []

    root = Path(__file__).resolve().parents[1] / "eventwire"
    files = [p for p in root.glob("**/data/**/*.yaml")]
    assert len(files) > 20
    bad = {str(p.relative_to(root)): found for p in files if (found := booleans_in_lists(load_yaml(p)))}
    assert bad == {}
