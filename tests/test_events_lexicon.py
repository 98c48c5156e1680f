"""The lexicon and tables: coverage, validation with clear errors, user lexicons merged over the built-in one."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.events.lexicon import LexiconError, load_lexicon, read_file
from eventwire.events.tables import load_tables


def test_builtin_lexicon_covers_all_types_and_cameo_roots():
    lexicon = load_lexicon()
    assert len(lexicon) >= 400
    tables = load_tables()
    assert {e.plover for e in lexicon.entries.values()} == set(tables.plover)
    assert {e.cameo[:2] for e in lexicon.entries.values()} == {f"{i:02d}" for i in range(1, 21)}


def test_cameo_table_scores_and_quads():
    tables = load_tables()
    assert tables.cameo_record("051").quad_class == 1 and tables.cameo_record("051").goldstein > 0
    assert tables.cameo_record("190").quad_class == 4 and tables.cameo_record("190").goldstein <= -9
    assert tables.cameo_record("1123").root == "11"
    assert tables.plover_name("DEMAND") == "REQUEST"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_bare_on_is_a_preposition_not_true(tmp_path):
    [entry] = read_file(_write(tmp_path, "entries:\n  - {id: x, verb: spit, prep: [on, at], plover: ACCUSE, cameo: \"111\"}\n"))
    assert entry.prep == ("on", "at")


@pytest.mark.parametrize("body, message", [
    ("entries:\n  - {id: x, verb: a, noun: b, plover: ACCUSE, cameo: \"111\"}\n", "exactly one of"),
    ("entries:\n  - {id: x, verb: a, plover: GRUMBLE, cameo: \"111\"}\n", "`plover` must be one of"),
    ("entries:\n  - {id: x, verb: a, plover: ACCUSE, cameo: 111}\n", "quoted string"),
    ("entries:\n  - {id: x, verb: a, plover: ACCUSE, cameo: \"111\", mood: sad}\n", "unknown field"),
    ("entries:\n  - {id: x, verb: a, plover: ASSAULT, mode: tickle, cameo: \"180\"}\n", "not a ASSAULT mode"),
    ("entries:\n  - {id: x, verb: a, plover: ACCUSE, cameo: \"111\"}\n  - {id: x, verb: b, plover: ACCUSE, cameo: \"111\"}\n", "duplicate id"),
])
def test_malformed_entries_fail_with_a_clear_message(tmp_path, body, message):
    with pytest.raises(LexiconError, match=message):
        read_file(_write(tmp_path, body))


def test_user_lexicon_replaces_an_entry_with_the_same_id(tmp_path):
    path = _write(tmp_path, "entries:\n  - {id: praise, verb: praise, plover: ACCUSE, cameo: \"111\"}\n"
                            "  - {id: my-snub, verb: snub, plover: REJECT, cameo: \"120\"}\n")
    lexicon = load_lexicon((path,))
    assert lexicon.entries["praise"].plover == "ACCUSE"
    assert [e.id for e in lexicon.by_verb["praise"]] == ["praise"]
    assert load_lexicon().entries["praise"].plover == "SUPPORT"
