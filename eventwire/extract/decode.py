"""Bytes to text: BOMs, UTF-16/32 without a BOM, UTF-8, mixed UTF-8 and legacy lines,
then charset-normalizer; binary input refused. And the normalisation of decoded text.

A file that is not text (an image, a PDF, a zip) raises `DecodeError` with a
reason a user understands; the pipeline turns it into an error record.

`normalise_text` runs on every input, bytes or str, before the body text is
fixed (so every offset indexes the stored `text`): format characters that
carry no text (soft hyphens, zero-width spaces and joiners, word joiners,
stray BOMs, bidi controls and marks) are removed, since inside a word they
split it ("im\u200bposed" is no verb) and around a name they hide it; and the
Unicode line and paragraph separators (U+2028, U+2029, NEL, vertical tab,
form feed) become the \\n and \\n\\n every stage reads as line and paragraph
breaks. Under `--clean none` it does not run: there the body is the input,
kept exactly (scorers and users hold offsets into it), and `invisible_notice`
says what was kept and why words may go unrecognised.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

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
WIDE_MIN_PRINTABLE = 0.95  # of the characters read as UTF-16/32, so binary with NULs is not taken for text
WIDE_MIN_LETTERS = 0.5  # of the non-space characters
WIDE_MAX_MARKS = 0.2  # combining marks among them (byte pairs read as letter + accent)
WIDE_MIN_SPACES = 0.02  # the NULs come with Latin text, which spaces its words ...
WIDE_WORDS_FROM = 40  # ... once it is this many characters long
LEGACY = "cp1252"  # the usual encoding of the non-UTF-8 lines of a mixed file
LEGACY_MAX_HIGH = 0.3  # a Western legacy line is mostly ASCII; more high bytes mean another encoding

# No text of their own: soft hyphen, Mongolian vowel separator, zero-width space, LRM/RLM, ALM, the
# bidi embeddings, overrides and isolates, word joiner and invisible operators, BOM / zero-width no-break space.
INVISIBLE = "\u00ad\u180e\u200b\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e" \
            "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
_DROP = dict.fromkeys(map(ord, INVISIBLE))
_BREAKS = str.maketrans({"\u2028": "\n", "\u0085": "\n", "\x0b": "\n", "\u2029": "\n\n", "\x0c": "\n\n"})
_HAS_WORK = re.compile(f"[{INVISIBLE}\u200c\u200d\u2028\u2029\u0085\x0b\x0c]")
# Zero-width (non-)joiners are spelling in Arabic-script and Indic text and glue emoji sequences:
# kept next to those, removed elsewhere (between Latin letters they only split words).
_JOINING = "\u0600-\u08ff\u0900-\u0dff\u0f00-\u109f\ufb50-\ufdff\ufe70-\ufefe\ufe0f\u2600-\u27bf\U0001f000-\U0001faff"
_LOOSE_JOINER = re.compile(f"(?<![{_JOINING}])[\u200c\u200d](?![{_JOINING}])")
_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*\r?\n[ \t]*(?=\w)")  # "sanc\u00ad\ntions": one word broken at a line end


class DecodeError(ValueError):
    """The input is not text in any encoding we can tell."""


def normalise_text(text: str) -> str:
    """The text without invisible format characters, its line and paragraph separators as \\n / \\n\\n."""
    if not _HAS_WORK.search(text):
        return text
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _LOOSE_JOINER.sub("", text)
    return text.translate(_DROP).translate(_BREAKS)


def invisible_notice(text: str) -> str | None:
    """What `normalise_text` would change in a text kept exactly, said for the record's errors; None if nothing."""
    if normalise_text(text) == text:
        return None
    hits = [ch for ch in _HAS_WORK.findall(text) if ch not in "\u200c\u200d"] + _LOOSE_JOINER.findall(text)
    found, count = sorted(set(hits)), len(hits)
    names = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'control').lower()}" for ch in found[:4])
    return (f"kept {count} invisible format or line-separator character(s) ({names}) because --clean none "
            "keeps the input exactly; words they split may go unrecognised (--clean auto removes them)")


def decode_bytes(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read in (not normalised: see `normalise_text`).

    `hint` is a declared charset (an HTTP header's): used when the bytes are
    not UTF-8 and decode cleanly in it, instead of guessing; a BOM or valid
    UTF-8 still wins (servers often declare latin-1 for UTF-8 pages). A file
    whose lines are partly UTF-8 and partly another encoding (pasted
    together) is read line by line.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding.replace("-sig", ""), errors="replace"), encoding
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DecodeError(f"binary input ({what}), not text or HTML")
    sample = data[:65536]
    if sample and sample.count(b"\x00") > len(sample) // 100:
        wide = _wide_text(data)
        if wide is None:
            raise DecodeError("binary input (contains NUL bytes and does not read as UTF-16 or UTF-32), "
                              "not text or HTML")
        return wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _mixed_lines(data, hint)
    if mixed is not None:
        return mixed
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


def _reads_as_text(text: str) -> bool:
    """Printable characters, mostly letters, few combining marks, spaces between words (in any
    text long enough to have words): text, not numbers or pixels read as characters."""
    if not text or "\x00" in text:
        return False
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t\f\v")
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(1 for ch in visible if ch.isalpha())
    marks = sum(1 for ch in visible if unicodedata.category(ch).startswith("M"))
    spaced = len(text) < WIDE_WORDS_FROM or len(text) - len(visible) >= WIDE_MIN_SPACES * len(text)
    return (printable >= WIDE_MIN_PRINTABLE * len(text) and letters >= WIDE_MIN_LETTERS * len(visible)
            and marks <= WIDE_MAX_MARKS * len(visible) and spaced)


def _wide_text(data: bytes) -> tuple[str, str] | None:
    """UTF-16 or UTF-32 without a BOM (the NULs are the high bytes of Latin text), or None.

    The NULs' side tells the byte order: in little-endian Latin text they sit at
    odd offsets, in big-endian at even ones (read the other way round the same
    bytes are CJK letters). UTF-32 is tried first: its text is not UTF-16's.
    """
    sample = data[:65536]
    big = sample[0::2].count(0) > sample[1::2].count(0)
    order = ("be", "le") if big else ("le", "be")
    for encoding in [f"utf-{bits}-{end}" for bits in (32, 16) for end in order]:
        unit = 4 if "32" in encoding else 2
        if len(data) % unit:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text[:65536]):
            return text, encoding
    return None


def _mixed_lines(data: bytes, hint: str | None) -> tuple[str, str] | None:
    """Lines in UTF-8 and lines in one legacy encoding, each read in its own; None unless both occur.

    The legacy encoding is the declared one when it reads every such line,
    else cp1252 when those lines look Western (mostly ASCII), else
    charset-normalizer's guess for them; a line none of these reads is left
    to the whole-file guess.
    """
    lines = data.splitlines(keepends=True)
    kinds: list[bool] = []  # per line: UTF-8?
    utf8_wide = False
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            kinds.append(False)
            continue
        kinds.append(True)
        utf8_wide = utf8_wide or not line.isascii()
    legacy_lines = [line for line, ok in zip(lines, kinds) if not ok]
    if not utf8_wide or not legacy_lines:
        return None
    legacy = _legacy_encoding(legacy_lines, hint)
    if legacy is None:
        return None
    text = "".join(line.decode("utf-8") if ok else line.decode(legacy) for line, ok in zip(lines, kinds))
    return text, f"utf-8+{legacy}"


def _legacy_encoding(lines: list[bytes], hint: str | None) -> str | None:
    """The one encoding that reads all these (non-UTF-8) lines, or None."""
    def reads(encoding: str) -> bool:
        try:
            for line in lines:
                line.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            return False
        return True

    declared = _known(hint)
    if declared is not None and declared != "utf-8" and reads(declared):
        return declared
    joined = b"".join(lines)
    high = sum(1 for byte in joined if byte >= 0x80)
    dense = len(joined.replace(b" ", b"").replace(b"\n", b"").replace(b"\r", b"")) or 1
    if high <= LEGACY_MAX_HIGH * dense and reads(LEGACY):
        return LEGACY
    best = from_bytes(joined).best()
    if best is None or best.encoding is None or not reads(best.encoding):
        return None
    return best.encoding


def _known(encoding: str | None) -> str | None:
    """The codec name of a declared charset, or None when there is none or Python does not know it."""
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None
