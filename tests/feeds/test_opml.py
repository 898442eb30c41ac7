"""OPML: read subscription lists from feed readers safely, and write ones they can read."""

from __future__ import annotations

import codecs

import pytest

from feeds.opml import (
    MAX_OPML_BYTES,
    MAX_OPML_FEEDS,
    OpmlError,
    OpmlFeed,
    OpmlSkip,
    export_opml,
    parse_opml,
    read_opml,
)
from tests.feeds.conftest import data_file


def test_reader_export() -> None:
    # Nested folders, xmlUrl/xmlurl/XMLURL, and outlines that are not feeds or not http(s).
    assert parse_opml(data_file("opml_reader_export.opml")) == [
        OpmlFeed("https://vnexpress.example/rss/tin-moi-nhat.rss", "VnExpress - Tin mới nhất"),
        OpmlFeed("https://tuoitre.example/rss/tin-moi-nhat.rss", "Tuổi Trẻ Online"),
        # Kept canonical, like every stored feed URL (the file says ?utm_source=opml).
        OpmlFeed("http://feeds.bbc.example/news/world/rss.xml", "BBC News - World"),
        OpmlFeed("https://github.example/blog.atom", "GitHub Blog"),
        OpmlFeed("https://notype.example/feed", "No type given"),
        OpmlFeed("https://spaced.example/rss?a=1&b=2", "Spaced title & more"),
        OpmlFeed("https://untitled.example/rss", "https://untitled.example/rss"),
    ]


def test_reader_export_skipped_entries_are_reported() -> None:
    # Folders and the type="link" website are not entries; these six are, and are skipped.
    assert read_opml(data_file("opml_reader_export.opml")).skipped == [
        OpmlSkip("Website only", "no_url"),
        OpmlSkip("feed://podcast.example/rss", "not_web"),
        OpmlSkip("file:///etc/passwd", "not_web"),
        OpmlSkip("javascript:alert(1)", "not_web"),
        OpmlSkip("https://lists.example/other.opml", "not_feed"),
        OpmlSkip("https://VNEXPRESS.example:443/rss/tin-moi-nhat.rss#top", "repeat"),
    ]


def outline_file(*outlines: str, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    """Return an OPML document whose body holds `outlines`."""
    body = "".join(outlines)
    return f'{prolog}<opml version="2.0"><head/><body>{body}</body></opml>'.encode()


@pytest.mark.parametrize(
    ("data", "feeds"),
    [
        (outline_file(), []),
        (
            outline_file('<Outline TYPE="Atom" Text="Caps" XmlUrl="HTTPS://caps.example/a"/>'),
            [OpmlFeed("https://caps.example/a", "Caps")],
        ),
        (
            outline_file('<outline type="rss" text="Text only" xmlUrl="https://t.example/"/>'),
            [OpmlFeed("https://t.example/", "Text only")],
        ),
        (
            outline_file('<outline type="rss" xmlUrl="https:///no-host"/>'),
            [],
        ),
        (
            outline_file('<outline type="rss" text="IPv6" xmlUrl="http://[::1/x"/>'),
            [],
        ),
        (
            "<?xml version='1.0' encoding='ISO-8859-1'?><opml><body>"
            "<outline text='Caf\xe9' xmlUrl='https://cafe.example/'/></body></opml>".encode(
                "latin-1"
            ),
            [OpmlFeed("https://cafe.example/", "Café")],
        ),
        (
            codecs.BOM_UTF16_LE
            + "<opml><body><outline text='Huế' xmlUrl='https://hue.example/'/></body></opml>".encode(
                "utf-16-le"
            ),
            [OpmlFeed("https://hue.example/", "Huế")],
        ),
        (
            # windows-1258 keeps tone marks as combining characters: titles come out NFC.
            b"<?xml version='1.0' encoding='windows-1258'?><opml><body>"
            b"<outline text='Hu\xea\xec' xmlUrl='https://hue.example/'/></body></opml>",
            [OpmlFeed("https://hue.example/", "Huế")],
        ),
    ],
)
def test_outlines(data: bytes, feeds: list[OpmlFeed]) -> None:
    assert parse_opml(data) == feeds


UTF16_DOCTYPE = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE o [<!ENTITY a "b">]><opml/>'


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b" \n", "the file is empty"),
        (b"x" * (MAX_OPML_BYTES + 1), "the file is larger than 2 MB"),
        (data_file("opml_doctype.opml"), "not an OPML file (it declares a DOCTYPE"),
        (UTF16_DOCTYPE.encode("utf-16"), "not an OPML file (it declares a DOCTYPE"),
        (
            b'<!DOCTYPE opml SYSTEM "file:///etc/passwd"><opml><body/></opml>',
            "not an OPML file (it declares a DOCTYPE",
        ),
        (b"<opml><body><outline></body></opml>", "not an OPML file (broken XML on line 1)"),
        (data_file("html_page.html"), "not an OPML file (HTML page)"),
        (data_file("rss_vi.xml"), "not an OPML file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not an OPML file (broken XML on line 1)"),
        (
            outline_file(
                *(
                    f'<outline type="rss" xmlUrl="https://f.example/{i}"/>'
                    for i in range(MAX_OPML_FEEDS + 1)
                )
            ),
            f"the file lists more than {MAX_OPML_FEEDS} feeds",
        ),
    ],
)
def test_refused(data: bytes, reason: str) -> None:
    with pytest.raises(OpmlError) as caught:
        parse_opml(data)
    assert str(caught.value).startswith(reason)


def test_as_many_feeds_as_allowed() -> None:
    outlines = (
        f'<outline type="rss" xmlUrl="https://f.example/{i}"/>' for i in range(MAX_OPML_FEEDS)
    )
    assert len(parse_opml(outline_file(*outlines))) == MAX_OPML_FEEDS


ROUND_TRIP = [
    OpmlFeed("https://vnexpress.example/rss/tin-moi-nhat.rss", "VnExpress – Tin mới nhất"),
    OpmlFeed('https://q.example/rss?a=1&b=<2>&c="3"', 'Tom & Jerry\'s "news" <daily>'),
    OpmlFeed("https://nfc.example/", "Đà Nẵng, Huế"),
    OpmlFeed("http://plain.example/feed.xml", "http://plain.example/feed.xml"),
]


def test_round_trip() -> None:
    data = export_opml(ROUND_TRIP, title="Newsbot – Lan's feeds & more")
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert parse_opml(data) == ROUND_TRIP


@pytest.mark.parametrize(
    ("title", "fragment"),
    [
        ("Line one\nline two", b'text="Line one&#10;line two"'),
        ("Tab\there", b'text="Tab&#9;here"'),
        ("Bell\x07 and NUL\x00", b'text="Bell and NUL"'),
        ("", b'text="https://x.example/"'),
    ],
)
def test_export_escapes_what_xml_cannot_carry(title: str, fragment: bytes) -> None:
    data = export_opml([OpmlFeed("https://x.example/", title)], title="T\x00")
    assert fragment in data
    assert b"<title>T</title>" in data
    (feed,) = parse_opml(data)
    assert feed.url == "https://x.example/"


def test_export_of_nothing_reads_back_empty() -> None:
    assert parse_opml(export_opml([], title="Empty")) == []
