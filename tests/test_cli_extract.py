"""`eventwire extract` end to end, through the real command line."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys

import pytest

from tests.conftest import SAMPLES, SEED_ARTICLE
from tests.helpers import assert_valid


def run_extract(*args: str, stdin: bytes | None = None, exit_code: int = 0) -> tuple[list[dict], str]:
    proc = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract", *args], input=stdin,
                          capture_output=True, timeout=600)
    assert proc.returncode == exit_code, proc.stderr.decode()
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr
    records = [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]
    return records, stderr


def test_seed_article_gives_one_valid_record_with_entities():
    records, stderr = run_extract(str(SEED_ARTICLE))
    assert len(records) == 1
    record = assert_valid(records[0])
    assert record["source"]["path"].endswith("article.txt")
    assert len(record["doc_id"]) == 16 and int(record["doc_id"], 16) >= 0
    labels = {e["label"] for e in record["entities"]}
    assert {"GPE", "PERSON"} <= labels
    assert any(e["text"] == "Xi Jinping" for e in record["entities"])
    assert record["pipeline"]["model"].startswith("en_core_web_sm")
    assert "documents" in stderr


def test_clean_none_keeps_the_input_exactly():
    original = SEED_ARTICLE.read_text(encoding="utf-8")
    records, _ = run_extract(str(SEED_ARTICLE), "--clean", "none", "--published", "2022-01-07")
    assert records[0]["text"] == original
    assert records[0]["published"] == "2022-01-07"


def test_bad_inputs_become_error_records_and_the_run_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Protesters marched in Almaty on Friday. Police arrested dozens of them.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 500)
    (tmp_path / "cp1252.txt").write_bytes("Le ministre a déclaré « non » à Genève.".encode("cp1252"))
    (tmp_path / "latin1.txt").write_bytes("Le président a parlé à Genève de la sécurité régionale.".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "The minister resigned in Kyiv.".encode("utf-16-le"))
    (tmp_path / "broken.html").write_text("<html><body><div><p>Unclosed <b>tags <div><table><tr><td>", encoding="utf-8")
    (tmp_path / "huge.txt").write_bytes(b"The parliament met again. " * 800_000)  # about 20 MB
    (tmp_path / "bad.jsonl").write_text('{"text": "Troops withdrew from the town."}\n{broken\n')
    missing = str(tmp_path / "missing.txt")
    records, stderr = run_extract(str(tmp_path), missing, exit_code=1)  # 1: some inputs became error rows
    by_path = {}
    for record in records:
        assert_valid(record)
        by_path.setdefault(record["source"]["path"].rsplit("/", 1)[-1], []).append(record)

    def errors(name: str) -> list[dict]:
        return [e for r in by_path[name] for e in r["errors"]]

    assert not errors("good.txt") and by_path["good.txt"][0]["entities"]
    assert any("empty" in e["message"] for e in errors("empty.txt"))
    assert any(e["stage"] == "decode" and "binary" in e["message"] for e in errors("binary.txt"))
    for name, word in (("cp1252.txt", "déclaré"), ("latin1.txt", "président"), ("utf16.txt", "Kyiv")):
        assert not errors(name) and word in by_path[name][0]["text"]
    assert any("MB" in e["message"] and "limit" in e["message"] for e in errors("huge.txt"))
    assert "broken.html" in by_path  # an error record or a record: never a crash
    assert len(by_path["bad.jsonl"]) == 2 and any("bad.jsonl:2" in e["message"] for e in errors("bad.jsonl"))
    assert any("no such file" in e["message"] for e in errors("missing.txt"))
    assert "with errors" in stderr
    assert "did not become a complete document" in stderr


def test_stdin_and_output_file(tmp_path):
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract", "-", "-o", str(out), "-q"],
                          input=b"President Emmanuel Macron met Olaf Scholz in Berlin on Tuesday.", capture_output=True)
    assert proc.returncode == 0 and proc.stdout == b"" and proc.stderr == b""
    record = json.loads(out.read_text())
    assert record["source"]["path"] == "<stdin>" and record["entities"]


@pytest.mark.skipif(not SAMPLES.exists(), reason="samples/ not written yet")
def test_every_sample_extracts_to_a_valid_record_in_two_processes():
    records, _ = run_extract(str(SAMPLES), "--processes", "2", "-q")
    assert len(records) >= 24
    for record in records:
        assert_valid(record)
        assert record["text"] and not record["errors"], (record["source"]["path"], record["errors"])


def test_a_progress_line_shows_on_a_terminal_only(tmp_path):
    import os
    import pty

    out = tmp_path / "records.jsonl"
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "extract", str(SAMPLES / "pagetext"), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=follower, env={**os.environ, "COLUMNS": "120"})
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=600) == 0
    os.close(leader)
    assert b"extract" in seen and b"docs" in seen and b"events" in seen
    _, piped = run_extract(str(SAMPLES / "pagetext" / "15-north-korea-missile-japan-protest.txt"))
    assert " docs " not in piped and "loading the model" not in piped
