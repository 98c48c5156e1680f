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


# -- encodings without a BOM, mixed files --------------------------------------------------------------------------

from eventwire.extract.decode import invisible_notice, normalise_text  # noqa: E402

JAPANESE = "東京で首相は記者会見を行い、ロシアに対する追加の経済制裁を発表した。"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_text_not_binary(encoding):
    text, found = decode_bytes(TEXT.encode(encoding))
    assert text == TEXT and found == encoding


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_in_a_non_latin_script(encoding):
    assert decode_bytes(JAPANESE.encode(encoding))[0] == JAPANESE


def test_shift_jis_reads_back_or_fails_naming_the_encoding():
    try:
        text, _ = decode_bytes(JAPANESE.encode("shift_jis"))
    except DecodeError as exc:
        assert "encoding" in str(exc)
    else:
        assert text == JAPANESE


def test_numbers_with_nul_bytes_are_still_binary():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(k % 7 for k in range(4000)))


UTF8_LINE = "The minister said the café’s owner “was not involved” — police confirmed.\n"
CP1252_LINE = "Police in Zürich said on Friday that the suspect’s car was found.\n"


def test_a_file_of_utf8_and_cp1252_lines_reads_each_line_right():
    data = UTF8_LINE.encode() * 5 + CP1252_LINE.encode("cp1252") + UTF8_LINE.encode() * 3
    text, encoding = decode_bytes(data)
    assert text == UTF8_LINE * 5 + CP1252_LINE + UTF8_LINE * 3
    assert "cp1252" in encoding


def test_mixed_lines_use_the_declared_legacy_charset():
    line = "Police in Zürich said on Friday that the suspect's car was found.\n"
    text, encoding = decode_bytes(UTF8_LINE.encode() + line.encode("latin-1"), "ISO-8859-1")
    assert text == UTF8_LINE + line and "8859-1" in encoding


def test_mixed_utf8_and_shift_jis_lines():
    data = UTF8_LINE.encode() + JAPANESE.encode("shift_jis") + b"\n" + UTF8_LINE.encode()
    assert decode_bytes(data)[0] == UTF8_LINE + JAPANESE + "\n" + UTF8_LINE


# -- invisible characters ------------------------------------------------------------------------------------------

def test_invisible_format_characters_are_removed():
    dirty = ("Britain im\u200bposed sanc\u200ctions on Iran\u00adian offi\u2060cials on Fri\ufeffday, "
             "\u202eLondon\u202c said \u2066today\u2069\u200e.")
    assert normalise_text(dirty) == "Britain imposed sanctions on Iranian officials on Friday, London said today."


def test_joiners_stay_where_they_are_spelling():
    persian = "می\u200cخواهم"  # the ZWNJ is part of the word
    family = "👨\u200d👩\u200d👧"
    assert normalise_text(persian) == persian and normalise_text(family) == family


def test_soft_hyphen_at_a_line_break_joins_the_word():
    assert normalise_text("imposed sanc\u00ad\ntions on Iran") == "imposed sanctions on Iran"


def test_unicode_line_and_paragraph_separators_become_newlines():
    assert normalise_text("one\u2028two\u2029three\x85four\x0bfive\x0csix") == "one\ntwo\n\nthree\nfour\nfive\n\nsix"


def test_clean_text_is_returned_as_is():
    assert normalise_text(TEXT) is TEXT and invisible_notice(TEXT) is None


def test_notice_names_what_was_kept():
    notice = invisible_notice("im\u200bposed")
    assert notice and "U+200B" in notice and "--clean none" in notice


def test_extraction_of_a_mixed_file_has_no_mojibake():
    from eventwire.documents import RawDocument
    from eventwire.config import Settings
    from eventwire.extract import extract_article

    body = (UTF8_LINE + "\n") * 3 + CP1252_LINE + "\n" + UTF8_LINE
    data = body.replace(CP1252_LINE, "\0").encode("utf-8").replace(b"\0", CP1252_LINE.encode("cp1252"))
    article = extract_article(RawDocument(content=data), Settings())
    assert "café’s owner “was not involved”" in article.text and "Zürich" in article.text
    assert "√" not in article.text and "‚Äô" not in article.text


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 500, bytes(k % 7 for k in range(4000)),
                                  b"\x00\x00\x01\x00" * 300])
def test_binary_with_nul_bytes_is_not_taken_for_utf16(data):
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)
