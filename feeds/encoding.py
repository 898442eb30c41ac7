"""Decode feed bytes to NFC text whatever the server claims, and repair doubly decoded UTF-8.

Rule order for `decode_feed_bytes`: a byte-order mark wins → a declared UTF-16/32 (the
Content-Type's charset, else the XML declaration's) → valid UTF-8 (servers label UTF-8 as
ISO-8859-1, windows-1252 or windows-1258, while text really in a legacy encoding almost
never validates as UTF-8) → the declared charset → charset-normalizer's guess from the
first `GUESS_BYTES` (UTF-16/32 only if there are NUL bytes) → windows-1252 with replacement
characters, as browsers and feedparser fall back. Then NFC-normalise, because windows-1258
writes Vietnamese tone marks as combining characters.

`repair_mojibake`: a field whose every non-ASCII character is a windows-1252 character (or
a C1 control, which is how its five undefined bytes come through) and whose bytes then
decode as UTF-8 was UTF-8 read as windows-1252 or ISO-8859-1: decode it again. Only whole
fields are repaired: a field that mixes good and broken text is left alone.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

GUESS_BYTES = 65_536
_BOMS = (
    # UTF-32LE's mark starts with UTF-16LE's: test it first.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']""")
# windows-1252 characters back to their bytes; ISO-8859-1 characters are their own bytes.
_TO_LATIN1 = {
    ord(char): byte
    for byte in range(0x80, 0xA0)
    if (char := bytes([byte]).decode("cp1252", errors="ignore"))
}


def decode_feed_bytes(data: bytes, content_type: str = "") -> str:
    """Return `data` as NFC text, choosing the encoding by the rules above."""
    return unicodedata.normalize("NFC", _decode(data, content_type))


def charset_of(content_type: str) -> str | None:
    """Return the charset parameter of a Content-Type header value, if any."""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def repair_mojibake(text: str) -> str:
    """Return `text` decoded once more when it is UTF-8 that was read as windows-1252."""
    if text.isascii():
        return text
    try:
        repaired = text.translate(_TO_LATIN1).encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text
    return unicodedata.normalize("NFC", repaired)


def _decode(data: bytes, content_type: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared = _codec(charset_of(content_type)) or _codec(_xml_encoding(data))
    # UTF-16/32 text is mostly valid UTF-8 too (ASCII plus NUL bytes): trust the label.
    wide = declared is not None and declared.startswith(("utf-16", "utf-32"))
    for candidate in (declared if wide else None, "utf-8", declared):
        if candidate is not None:
            try:
                return data.decode(candidate)
            except UnicodeDecodeError:
                continue
    return data.decode(_guess(data) or "cp1252", errors="replace")


def _xml_encoding(data: bytes) -> str | None:
    match = _XML_ENCODING.match(data[:1024])
    return match.group(1).decode("ascii") if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
        b"".decode(codec)  # Refuses bytes-to-bytes codecs such as "base64" or "zlib".
    except LookupError:
        return None
    return codec


def _guess(data: bytes) -> str | None:
    sample = data[:GUESS_BYTES]
    best = from_bytes(sample).best()
    guess = _codec(best.encoding) if best is not None else None
    # A few legacy bytes can pass for UTF-16; real UTF-16 markup is full of NUL bytes.
    if guess is None or (guess.startswith(("utf-16", "utf-32")) and b"\x00" not in sample):
        return None
    return guess
