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


# -- the extended built-in lexicon (issue 6 part 2) ---------------------------------------------------------------

BUILTIN = sorted(Path(load_lexicon.__module__.replace(".", "/")).parent.glob("data/lexicon/*.yaml")) or \
    sorted((Path(__file__).resolve().parents[1] / "eventwire/events/data/lexicon").glob("*.yaml"))


def test_every_builtin_file_loads_and_holds_only_its_own_type():
    assert len(BUILTIN) == 16
    for path in BUILTIN:
        entries = read_file(path)
        assert entries, path.name
        assert {e.plover for e in entries} == {path.stem.upper()}, path.name


def test_builtin_lexicon_has_1500_entries_with_unique_ids_over_all_files():
    ids = [e.id for path in BUILTIN for e in read_file(path)]
    assert len(ids) == len(set(ids))
    lexicon = load_lexicon()
    assert len(lexicon) == len(ids) >= 1500
    tables = load_tables()
    assert {e.plover for e in lexicon.entries.values()} == set(tables.plover)
    assert {e.cameo[:2] for e in lexicon.entries.values()} == {f"{i:02d}" for i in range(1, 21)}


def test_every_cameo_code_and_mode_is_in_the_tables():
    tables = load_tables()
    for entry in load_lexicon().entries.values():
        assert entry.cameo in tables.cameo, (entry.id, entry.cameo)
        assert entry.mode is None or entry.mode in tables.plover[entry.plover].modes, entry.id


def test_every_type_has_verbs_light_verb_nouns_and_event_nouns():
    by_type: dict[str, set[str]] = {}
    kinds_all: list[str] = []
    for e in load_lexicon().entries.values():
        kind = "light" if e.light else "noun" if e.noun else "phrasal" if e.particle or e.prep else "verb"
        by_type.setdefault(e.plover, set()).add(kind)
        kinds_all.append(kind)
    for plover, kinds in by_type.items():
        assert {"verb", "light", "noun"} <= kinds, (plover, kinds)
    assert kinds_all.count("phrasal") >= 200 and kinds_all.count("light") >= 1000


def test_common_words_never_stand_alone_as_events():
    """Bare verbs that mostly mean nothing political ("take", "try", "question", "recall") need a particle,
    preposition or noun."""
    risky = {"take", "make", "get", "go", "come", "give", "put", "have", "do", "try", "question", "recall", "require",
             "gather", "treat", "house", "close", "engage", "return", "hold", "keep", "set", "call", "run"}
    bare = {e.verb for e in load_lexicon().entries.values() if e.verb and not e.particle and not e.prep}
    assert not bare & risky, sorted(bare & risky)


@pytest.fixture(scope="module")
def code(clean_pipeline):
    from eventwire.documents import RawDocument

    def run(text: str):
        return clean_pipeline.process_batch([RawDocument(content=text, published="2022-01-07")])[0]
    return run


@pytest.mark.parametrize("text, plover", [
    ("Russia expelled ten British diplomats on Monday.", "SANCTION"),
    ("Police fired tear gas at protesters in Nairobi.", "ASSAULT"),
    ("The army seized power in Niger.", "COERCE"),
    ("Turkey summoned the Swedish envoy over the protest.", "ACCUSE"),
    ("Japan donated vaccines to Vietnam.", "AID"),
    ("Unions called a general strike in Buenos Aires.", "PROTEST"),
])
def test_extended_entries_code_news_sentences(code, text, plover):
    assert plover in [e.plover.type for e in code(text).events]


def test_trying_is_not_a_trial(code):
    assert not [e for e in code("The minister is trying to explain the budget.").events if e.plover.type == "ACCUSE"]
