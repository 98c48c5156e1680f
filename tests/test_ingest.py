import gzip
import json

from eventwire.ingest import iter_documents


def test_folder_is_read_recursively_and_only_known_suffixes(tmp_path):
    (tmp_path / "a.txt").write_text("Story one.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html.gz").write_bytes(gzip.compress(b"<html><body><p>Two</p></body></html>"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    docs = list(iter_documents([str(tmp_path)]))
    assert sorted(d.path.rsplit("/", 1)[-1] for d in docs) == ["a.txt", "b.html.gz"]
    html = next(d for d in docs if d.path.endswith(".gz"))
    assert html.format == "html" and html.content.startswith(b"<html>")


def test_jsonl_lines_keep_metadata_and_bad_lines_become_errors(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Body.", "url": "https://x.org/a", "published": "2022-01-07", "outlet": "X"}),
        "{not json",
        json.dumps({"id": "a3", "title": "no body"}),
        json.dumps({"id": "a4", "html": "<p>Hi</p>"}),
    ]))
    docs = list(iter_documents([str(path)]))
    assert [d.error is None for d in docs] == [True, False, False, True]
    assert docs[0].id == "a1" and docs[0].url == "https://x.org/a" and docs[0].published == "2022-01-07"
    assert docs[1].error.stage == "read" and "docs.jsonl:2" in docs[1].error.message
    assert "docs.jsonl:3" in docs[2].error.message and docs[2].id == "a3"
    assert docs[3].format == "html"


def test_missing_path_is_an_error_document():
    docs = list(iter_documents(["/nonexistent/story.txt"]))
    assert len(docs) == 1 and docs[0].error is not None
    assert "no such file" in docs[0].error.message and "/nonexistent/story.txt" in docs[0].error.message


def test_stdin_json_lines_or_single_document():
    docs = list(iter_documents(["-"], stdin=b'{"text": "a"}\n{"text": "b"}\n'))
    assert [d.content for d in docs] == ["a", "b"]
    docs = list(iter_documents(["-"], stdin=b"Just a story.\nSecond line."))
    assert len(docs) == 1 and docs[0].content == b"Just a story.\nSecond line."
