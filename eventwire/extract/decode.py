"""Bytes to text: BOMs, UTF-8, then charset-normalizer; binary input refused.

A file that is not text (an image, a PDF, a zip) raises `DecodeError` with a
reason a user understands; the pipeline turns it into an error record.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BINARY_SIGNATURES = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive",
    b"\x7fELF": "an executable",
}


class DecodeError(ValueError):
    """The input is not text in any encoding we can tell."""


def decode_bytes(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read in.

    `hint` is a declared charset (an HTTP header's): used when the bytes are
    not UTF-8 and decode cleanly in it, instead of guessing; a BOM or valid
    UTF-8 still wins (servers often declare latin-1 for UTF-8 pages).
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding.replace("-sig", ""), errors="replace"), encoding
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DecodeError(f"binary input ({what}), not text or HTML")
    sample = data[:65536]
    if sample and sample.count(b"\x00") > len(sample) // 100:
        raise DecodeError("binary input (contains NUL bytes), not text or HTML")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if hint:
        try:
            return data.decode(hint), codecs.lookup(hint).name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: guess as if there were none
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("cannot tell the text encoding (binary or corrupt input)")
    text = str(best)
    control = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if control > max(8, len(text[:65536]) // 50):
        raise DecodeError(f"binary input (read as {best.encoding}, mostly control characters)")
    return text, best.encoding
