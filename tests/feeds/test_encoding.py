"""Encodings: wrong, missing and double ones come out as NFC text, through parse_feed too."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from feeds.encoding import charset_of, decode_feed_bytes, repair_mojibake
from feeds.parse import parse_feed
from tests.feeds.conftest import data_file

FEED_URL = "https://enc.example/rss"
TITLE = "Đảng bộ tỉnh Nghệ An tổng kết năm 2024"
SUMMARY = "Giá vàng “tăng mạnh” hôm nay – Hà Nội, Huế, Đà Nẵng"
VI_FEED = ("Báo Việt – Thời sự", TITLE, SUMMARY)
DECLARED_1258 = b'<?xml version="1.0" encoding="windows-1258"?>'


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        # windows-1258 writes tone marks as combining characters: the text must be NFC.
        ("enc_windows1258.xml", None, VI_FEED),
        ("enc_windows1258.xml", "text/xml", VI_FEED),
        ("enc_windows1258_undeclared.xml", "application/rss+xml; charset=windows-1258", VI_FEED),
        # No label at all: a guess, the same whether or not chardet is installed.
        ("enc_windows1258_undeclared.xml", None, VI_FEED),
        # Labelled ISO-8859-1 or windows-1252, really UTF-8.
        ("enc_latin1_declared_utf8.xml", None, VI_FEED),
        ("enc_undeclared_utf8.xml", "text/xml; charset=iso-8859-1", VI_FEED),
        ("enc_undeclared_utf8.xml", "application/rss+xml; charset=windows-1252", VI_FEED),
        (
            "enc_utf8_labelled_windows1252.xml",
            None,
            (
                "Tin nhanh – Kinh tế",
                "Bộ Tài chính: giá xăng tăng nhẹ trong quý IV",
                'Ông Nguyễn Văn A nói: "Chúng tôi theo dõi sát".',
            ),
        ),
        # UTF-8 decoded as windows-1252 and encoded again by the publisher.
        ("enc_double_utf8.xml", None, VI_FEED),
        ("enc_utf16.xml", None, VI_FEED),
        ("enc_utf16.xml", "text/xml", VI_FEED),
        # Genuine windows-1252 stays as it is.
        (
            "enc_windows1252.xml",
            None,
            ("Le Monde – Actualités", "Café “naïve” résumé – 5 €", "Señor Müller’s café"),
        ),
    ],
)
def test_feed_text_decoded(
    name: str, content_type: str | None, expected: tuple[str, str, str]
) -> None:
    headers = {"Content-Type": content_type} if content_type else None
    feed = parse_feed(data_file(name), url=FEED_URL, headers=headers)
    (entry,) = feed.entries
    assert (feed.title, entry.title, entry.summary) == expected
    assert all(unicodedata.is_normalized("NFC", text) for text in expected)


def test_fixtures_are_what_they_claim() -> None:
    assert b"\xcc" in data_file("enc_windows1258.xml")  # "ờ" written as "ơ" + combining grave.
    assert "Ä\x90áº£ng".encode() in data_file("enc_double_utf8.xml")
    assert data_file("enc_utf16.xml").startswith(codecs.BOM_UTF16)
    # Decodable as labelled, so only the UTF-8 preference can get it right.
    data_file("enc_utf8_labelled_windows1252.xml").decode("cp1252")


@pytest.mark.parametrize(
    ("data", "content_type", "text"),
    [
        (b"plain", "", "plain"),
        ("Hà Nội".encode(), "", "Hà Nội"),
        (codecs.BOM_UTF8 + "Huế".encode(), "text/xml; charset=iso-8859-1", "Huế"),
        ("Huế".encode("utf-16-le"), "text/xml; charset=utf-16le", "Huế"),
        ("Huế".encode("utf-16"), "", "Huế"),
        ("Huế".encode("utf-32"), "", "Huế"),
        ("café".encode("latin-1"), "text/xml; charset=ISO-8859-1", "café"),
        # Unknown labels and bytes-to-bytes codecs are ignored.
        ("Huế".encode(), "text/xml; charset=no-such-charset", "Huế"),
        ("Huế".encode(), "text/xml; charset=base64", "Huế"),
        # Unlabelled and not UTF-8: too short to guess, so windows-1252.
        ("café".encode("latin-1"), "", "café"),
        (DECLARED_1258 + b"Ho\xcca", "", DECLARED_1258.decode() + "Hòa"),
        # The Content-Type's charset wins over the XML declaration.
        (DECLARED_1258 + b"caf\xe9", "text/xml; charset=latin-1", DECLARED_1258.decode() + "café"),
        # NFC: "a" + U+0300 (combining grave) becomes "à".
        (b"a\xcc\x80", "", "à"),
    ],
)
def test_decode_feed_bytes(data: bytes, content_type: str, text: str) -> None:
    assert decode_feed_bytes(data, content_type) == text


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [
        ("text/xml; charset=UTF-8", "UTF-8"),
        ('application/rss+xml;charset="windows-1258"', "windows-1258"),
        ("text/xml; format=flowed; Charset=iso-8859-1", "iso-8859-1"),
        ("text/xml", None),
        ("text/xml; charset=", None),
        ("", None),
    ],
)
def test_charset_of(content_type: str, charset: str | None) -> None:
    assert charset_of(content_type) == charset


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("Ä\x90áº£ng", "Đảng"),  # Read as ISO-8859-1: C1 control characters.
        ("Ä\x90áº£ng bá»™ tá»‰nh", "Đảng bộ tỉnh"),  # Read as windows-1252 ("™" is 0x99).
        ("â€œtÄƒng máº¡nhâ€\x9d", "“tăng mạnh”"),
        ("GiÃ¡ vÃ\xa0ng", "Giá vàng"),  # "à" is C3 A0: its second byte is a no-break space.
        ("CafÃ© â€“ 5 â‚¬", "Café – 5 €"),
        # Good text is left alone.
        ("Đảng bộ tỉnh", "Đảng bộ tỉnh"),
        ("Café “naïve” résumé", "Café “naïve” résumé"),
        ("Hà Nội", "Hà Nội"),
        ("plain ASCII", "plain ASCII"),
        ("", ""),
        # Half broken, half good: not repaired, since a whole field must decode.
        ("Ä\x90áº£ng and Đảng", "Ä\x90áº£ng and Đảng"),
    ],
)
def test_repair_mojibake(text: str, repaired: str) -> None:
    assert repair_mojibake(text) == repaired
