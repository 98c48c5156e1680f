"""The fuzz suite: hostile, broken and odd inputs, generated here (never committed), through the real command.

Every input must end as exactly one document or error row (or be named as the same content as
another), the counts must add up, nothing may print a traceback, no process may pass 2 GB, and
the inputs that carry an article must give the same article as their clean form.
"""

from __future__ import annotations

import codecs
import json
import random
import sys
import textwrap
from io import BytesIO
from pathlib import Path

import duckdb
import pytest

from eventwire.ingest.readers import iter_documents
from tests.conftest import SAMPLES
from tests.helpers import run_watching_memory

CLEAN = ("Kenyan police arrested 40 protesters in Nairobi on Monday after a march against a new fuel levy, the "
         "interior ministry said. The government imposed sanctions on two opposition leaders and condemned the "
         "violence.\n\nOpposition leader Raila Odinga said the arrests were unlawful and called for talks.\n")
INVISIBLE = CLEAN.replace("arrested", "ar\u00adrested").replace("imposed", "im\u200bposed") \
                 .replace("sanctions", "sanc\u200dtions").replace("condemned", "con\u2060demned") \
                 .replace("Kenyan", "\ufeffKenyan").replace("the interior", "the \u202einterior\u202c")
GERMAN = ("Die Polizei in Berlin hat am Montag vierzig Demonstranten festgenommen. Die Regierung verhängte "
          "Sanktionen gegen zwei Oppositionsführer und verurteilte die Gewalt, sagte das Innenministerium.")
CHINESE = "肯尼亚警方周一在内罗毕逮捕了四十名抗议者。政府对两名反对派领导人实施了制裁，并谴责了暴力行为。"
ARABIC = "اعتقلت الشرطة الكينية أربعين متظاهرا في نيروبي يوم الاثنين، وفرضت الحكومة عقوبات على اثنين من قادة المعارضة."
JAPANESE = "ケニア警察は月曜日、ナイロビで抗議者四十人を逮捕した。政府は野党指導者二人に制裁を科した。"
MIB = 1024 * 1024


def _warc(path: Path, pages: int = 4) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    for i in range(pages):
        body = f"<html><body><article><h1>Report {i}</h1><p>{CLEAN}</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{path.stem}/{i}", "response",
                                                      payload=BytesIO(body), http_headers=headers))
    return out.getvalue()


def make_inputs(folder: Path) -> dict[str, Path]:
    """Write the hostile inputs; returns name -> path for the ones checked one by one."""
    rng = random.Random(12)
    story = (SAMPLES / "pagetext" / "07-czech-expels-russian-diplomats.txt").read_text(encoding="utf-8")
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "binary.txt": bytes(rng.randrange(256) for _ in range(20000)),
        "random.txt.gz": bytes(rng.randrange(256) for _ in range(5000)),
        "huge.txt": b"The parliament met again in the capital on Monday. " * (50 * MIB // 51),
        "clean.txt": CLEAN.encode(),
        "cp1252.txt": ("Le ministre a d\u00e9clar\u00e9 \u00ab non \u00bb \u2014 " + CLEAN).encode("cp1252"),
        "latin1.txt": ("Caf\u00e9 owners in Gen\u00e8ve said. " + CLEAN).encode("latin-1"),
        "utf16le-bom.txt": codecs.BOM_UTF16_LE + CLEAN.encode("utf-16-le"),
        "utf16be-bom.txt": codecs.BOM_UTF16_BE + CLEAN.encode("utf-16-be"),
        "utf16le.txt": CLEAN.encode("utf-16-le"),
        "utf16be.txt": CLEAN.encode("utf-16-be"),
        "shiftjis.txt": JAPANESE.encode("shift_jis"),
        "mixed.txt": "Caf\u00e9 owners protested.\n".encode() + "Le ministre a d\u00e9clar\u00e9 non.\n".encode("cp1252")
                     + CLEAN.encode(),
        "invisible.txt": INVISIBLE.encode(),
        "wrapped.txt": "\n\n".join(textwrap.fill(p, 72) for p in story.split("\n\n")).encode(),
        "u2028.txt": story.replace("\n", "\u2028").encode(),
        "deep.html": ("<html><body>" + "<div>" * 10000 + f"<article><h1>Fuel protest</h1><p>{CLEAN}</p></article>"
                      + "</div>" * 10000 + "</body></html>").encode(),
        "quotes.txt": "".join(f'He said "this is word number {k}." ' for k in range(10000)).encode(),
        "german.txt": GERMAN.encode(),
        "chinese.txt": CHINESE.encode(),
        "arabic.txt": ARABIC.encode(),
        "file with spaces.txt": CLEAN.replace("Monday", "Tuesday").encode(),
        "naïve ünïcödé 記事.txt": CLEAN.replace("Monday", "Wednesday").encode(),
    }
    lines = []
    for k in range(10000):
        lines.append(b"{broken json" if k % 97 == 5 else json.dumps({"id": f"l{k}", "text": f"Line {k}: {CLEAN[:120]}"}).encode())
    files["lines.jsonl"] = b"\n".join(lines) + b"\n"
    warc = _warc(folder / "crawl")
    files["truncated.warc.gz"] = warc[: len(warc) * 2 // 3]
    corrupted = bytearray(warc)
    for at in range(len(warc) // 3, len(warc) // 3 + 200):
        corrupted[at] ^= 0xFF
    files["corrupted.warc.gz"] = bytes(corrupted)
    paths = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    return paths


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The inputs, and what `eventwire extract -p 2` made of them (records by file name)."""
    folder = tmp_path_factory.mktemp("fuzz")
    inputs = folder / "inputs"
    inputs.mkdir()
    paths = make_inputs(inputs)
    out = folder / "records.jsonl"
    proc, peak, _tree = run_watching_memory([sys.executable, "-m", "eventwire.cli", "extract", str(inputs),
                                             "-o", str(out), "-p", "2"])
    records: dict[str, list[dict]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        name = Path(record["source"]["path"]).name
        records.setdefault(name, []).append(record)
    return folder, inputs, paths, proc, peak, records


def test_every_input_is_one_record_and_the_run_tells_the_truth(fuzzed) -> None:  # type: ignore[no-untyped-def]
    _folder, inputs, _paths, proc, peak, records = fuzzed
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 1, proc.stderr[-3000:]  # some inputs failed, and the exit code says so
    expected = sum(1 for _ in iter_documents([str(inputs)]))
    assert sum(len(found) for found in records.values()) == expected
    assert len(records["lines.jsonl"]) == 10000
    assert peak < 2000, f"a process went past 2 GB ({peak:.0f} MB)"
    assert "did not become a complete document" in proc.stderr


def _errors(record: dict) -> str:
    return " | ".join(f"{e['stage']}: {e['message']}" for e in record["errors"])


def test_broken_inputs_are_error_rows_with_a_reason(fuzzed) -> None:  # type: ignore[no-untyped-def]
    records = fuzzed[5]
    for name, words in (("empty.txt", "empty"), ("binary.txt", "binary"), ("random.txt.gz", "cannot read"),
                        ("huge.txt", "--max-bytes")):
        [record] = records[name]
        assert record["text"] == "" and words in _errors(record), (name, _errors(record))
    broken = [r for r in records["lines.jsonl"] if not r["text"]]
    assert len(broken) == len(range(5, 10000, 97)) and all("lines.jsonl:" in _errors(r) for r in broken)
    for name in ("truncated.warc.gz", "corrupted.warc.gz"):
        assert any(not r["text"] and name in _errors(r) for r in records[name]), name


def _event_types(record: dict) -> list[tuple[str, str]]:
    return sorted((e["plover"]["type"], e["trigger"]["text"].lower()) for e in record["events"])


def test_encodings_and_invisible_characters_give_the_clean_article(fuzzed) -> None:  # type: ignore[no-untyped-def]
    records = fuzzed[5]
    [clean] = records["clean.txt"]
    assert clean["events"]
    for name in ("utf16le-bom.txt", "utf16be-bom.txt", "utf16le.txt", "utf16be.txt", "invisible.txt"):
        [record] = records[name]
        assert record["text"].strip() == clean["text"].strip(), name
        assert _event_types(record) == _event_types(clean), name
    for name, words in (("cp1252.txt", ["déclaré", "«"]), ("latin1.txt", ["Café", "Genève"]),
                        ("mixed.txt", ["Café", "déclaré"])):
        [record] = records[name]
        assert all(word in record["text"] for word in words), (name, record["text"][:80])
        assert set(_event_types(clean)) <= set(_event_types(record)), name  # plus its own first sentence
    for name in ("file with spaces.txt", "naïve ünïcödé 記事.txt"):
        [record] = records[name]
        assert record["events"] and not record["errors"]


def test_wrapped_text_keeps_its_body(fuzzed) -> None:  # type: ignore[no-untyped-def]
    records = fuzzed[5]
    from eventwire.extract.pagetext import extract_pagetext

    story = (SAMPLES / "pagetext" / "07-czech-expels-russian-diplomats.txt").read_text(encoding="utf-8")
    body = extract_pagetext(story).text
    for name in ("wrapped.txt", "u2028.txt"):
        [record] = records[name]
        assert len(record["text"]) >= 0.95 * len(body), (name, len(record["text"]), len(body))
        assert len(record["events"]) >= 5, name


def test_deep_nesting_and_many_quotes(fuzzed) -> None:  # type: ignore[no-untyped-def]
    records = fuzzed[5]
    [deep] = records["deep.html"]
    assert "Nairobi" in deep["text"] and deep["events"]
    [quotes] = records["quotes.txt"]
    assert quotes["text"]  # analysed, or stopped by the budget with its text kept: never lost
    if not any("budget" in e["message"] for e in quotes["errors"]):
        assert len(quotes["quotes"]) == 10000


@pytest.mark.parametrize("name, code", [("german.txt", "de"), ("chinese.txt", "zh"), ("arabic.txt", "ar"),
                                        ("shiftjis.txt", "ja")])
def test_other_languages_are_flagged_not_coded(fuzzed, name: str, code: str) -> None:  # type: ignore[no-untyped-def]
    [record] = fuzzed[5][name]
    assert record["language"] == code and record["text"] and not record["events"] and not record["actors"]


def test_ingest_accounts_for_every_input(fuzzed) -> None:  # type: ignore[no-untyped-def]
    folder, inputs, _paths, _proc, _peak, _records = fuzzed
    db = folder / "fuzz.duckdb"
    proc, peak, _tree = run_watching_memory([sys.executable, "-m", "eventwire.cli", "ingest", str(inputs),
                                             "--db", str(db), "-p", "2"])
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert peak < 2000
    con = duckdb.connect(str(db), read_only=True)
    documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    failed = con.execute("SELECT count(DISTINCT input) FROM errors WHERE failed").fetchone()[0]
    duplicates = con.execute("SELECT sum(duplicates) FROM runs").fetchone()[0]
    languages = dict(con.execute("SELECT language, count(*) FROM documents GROUP BY 1").fetchall())
    con.close()
    expected = sum(1 for _ in iter_documents([str(inputs)]))
    assert documents + failed + duplicates == expected
    assert duplicates >= 5  # the UTF-16 copies and the invisible-character copy are the clean article
    assert {"de", "zh", "ar", "ja"} <= set(languages)


def test_clean_none_flags_languages_too(tmp_path: Path) -> None:
    lines = [json.dumps({"id": code, "text": text}) for code, text in
             (("de", GERMAN), ("zh", CHINESE), ("ar", ARABIC), ("en", CLEAN))]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc, _peak, _tree = run_watching_memory([sys.executable, "-m", "eventwire.cli", "extract",
                                              str(tmp_path / "mixed.jsonl"), "--clean", "none"])
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["language"] for r in records] == ["de", "zh", "ar", "en"]
    assert [bool(r["events"]) for r in records] == [False, False, False, True]
    assert "not English" in proc.stderr
