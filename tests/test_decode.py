import codecs

import pytest

from eventwire.extract.decode import DecodeError, decode_bytes

TEXT = "Le président a déclaré « nous ne céderons pas » à Genève — 20 € d'aide."


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("cp1252"),
])
def test_text_in_common_encodings_reads_back(data):
    text, _ = decode_bytes(data)
    assert text == TEXT


def test_latin1_reads_back():
    sample = ("Le ministre a déclaré que la réunion à Genève était très utile pour la coopération. " * 5)
    assert decode_bytes(sample.encode("latin-1"))[0] == sample


@pytest.mark.parametrize("data", [b"%PDF-1.7\n\x00\x01binary", b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(256)) * 20])
def test_binary_input_is_refused_with_a_reason(data):
    with pytest.raises(DecodeError, match="binary|encoding"):
        decode_bytes(data)
