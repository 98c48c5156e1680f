"""The WARC reader: HTML responses with URL and fetch date; truncated archives become error rows."""

import codecs
from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.config import Settings
from eventwire.extract.article import read_text
from eventwire.extract.decode import decode_bytes
from eventwire.ingest import iter_documents
from eventwire.ingest.warc import charset_of, read_warc

PAGE = ("<html><head><title>Police arrest protesters in Almaty</title></head><body><article>"
        "<h1>Police arrest protesters in Almaty ({name} {i})</h1><p>Police arrested ten people in Almaty on Friday after "
        "a protest against fuel prices, officials said. The interior ministry said the detained would be charged.</p>"
        "<p>Protesters had gathered in the central square since Tuesday, report {name} {i} says.</p></article></body></html>")


def make_warc(path, gz=True, pages=3, image=True):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for i in range(pages):
            for url, body, ctype, status in (
                (f"https://news.example/{i}", PAGE.format(name=path.name, i=i).encode(), "text/html; charset=utf-8", "200 OK"),
                (f"https://news.example/{i}.png", b"\x89PNG....", "image/png", "200 OK"),
                (f"https://news.example/old{i}", b"moved", "text/html", "301 Moved Permanently"),
            )[: 3 if image else 1]:
                headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                                   warc_headers_dict={"WARC-Date": f"2022-01-0{i + 1}T12:00:00Z"})
                writer.write_record(record)
    return path


def test_html_responses_only_with_url_fetch_date_and_offset(tmp_path):
    path = make_warc(tmp_path / "crawl.warc.gz")
    docs = list(iter_documents([str(path)]))
    assert [d.url for d in docs] == [f"https://news.example/{i}" for i in range(3)]
    assert [d.fetched for d in docs] == ["2022-01-01T12:00:00Z", "2022-01-02T12:00:00Z", "2022-01-03T12:00:00Z"]
    assert all(d.error is None and d.format == "html" and b"Police arrested" in d.content for d in docs)
    assert docs[0].location == f"{path}@0" and docs[1].location.startswith(f"{path}@")
    assert int(docs[1].location.rsplit("@", 1)[1]) > 0


def test_uncompressed_warc(tmp_path):
    docs = list(read_warc(make_warc(tmp_path / "crawl.warc", gz=False)))
    assert len(docs) == 3 and all(d.error is None for d in docs)


def test_truncated_warc_keeps_complete_records_and_reports_the_offset(tmp_path):
    for gz in (True, False):
        path = make_warc(tmp_path / ("t.warc.gz" if gz else "t.warc"), gz=gz, image=False)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * 0.8)])
        docs = list(read_warc(path))
        good, bad = [d for d in docs if d.error is None], [d for d in docs if d.error]
        assert len(good) == 2 and len(bad) == 1, (gz, docs)
        offset = int(bad[0].location.rsplit("@", 1)[1])
        assert 0 < offset < len(data)
        assert f"byte {offset}" in bad[0].error.message and str(path) in bad[0].error.message


def test_garbage_file_is_one_error(tmp_path):
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage that is not gzip")
    docs = list(read_warc(path))
    assert len(docs) == 1 and docs[0].error is not None and docs[0].error.stage == "read"


def _warc_with(path, body: bytes, content_type: str):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/ru", "response", payload=BytesIO(body),
                                                      http_headers=headers))
    return path


def test_the_http_charset_decodes_the_page(tmp_path):
    text = "Полиция задержала десять человек в Алматы в пятницу, сообщили официальные лица. Ещё."
    html = f"<html><body><article><p>{text}</p></article></body></html>"
    for charset in ("windows-1251", "koi8-r"):
        doc = next(read_warc(_warc_with(tmp_path / f"{charset}.warc.gz", html.encode(charset),
                                        f"text/html; charset={charset.upper()}")))
        assert doc.charset == codecs.lookup(charset).name
        decoded, error, _doc_id = read_text(doc, Settings())
        assert error is None and text in decoded
    assert charset_of('text/html; charset="utf-8"') == "utf-8" and charset_of("text/html; charset=nonsense") is None


def test_a_declared_charset_never_spoils_utf8():
    assert decode_bytes("Алматы".encode("utf-8"), "iso-8859-1") == ("Алматы", "utf-8")
    assert decode_bytes("Алматы".encode("windows-1251"), "no-such-codec")[0]  # an unknown hint is ignored


def test_a_gzip_warc_cut_in_its_last_trailer_is_an_error(tmp_path):
    path = make_warc(tmp_path / "t.warc.gz", image=False)
    data = path.read_bytes()
    for cut in (1, 4, 8):  # the 8-byte trailer: CRC32 and size
        path.write_bytes(data[:-cut])
        docs = list(read_warc(path))
        good, bad = [d for d in docs if d.error is None], [d for d in docs if d.error]
        assert len(good) == 2 and len(bad) == 1, cut
        assert "cut off" in bad[0].error.message and bad[0].location.endswith(f"@{_last_member(data)}")
    path.write_bytes(data)
    assert all(d.error is None for d in read_warc(path)) and len(list(read_warc(path))) == 3


def _last_member(data: bytes) -> int:
    return data.rindex(b"\x1f\x8b\x08")
