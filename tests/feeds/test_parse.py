"""parse_feed: plain-text entries from RSS/Atom bytes, FeedError for anything else."""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from feeds.errors import FeedError
from feeds.models import FeedEntry, ParsedFeed
from feeds.parse import MAX_ENTRIES, parse_feed
from tests.feeds.conftest import DATA, data_file

FEED_URL = "https://feeds.example/news/rss.xml"


def parse(name: str, url: str = FEED_URL, content_type: str = "application/rss+xml") -> ParsedFeed:
    """Parse a fixture file as if it had been fetched from `url`."""
    return parse_feed(data_file(name), url=url, headers={"Content-Type": content_type})


def by_title(feed: ParsedFeed, title: str) -> FeedEntry:
    """Return the entry with `title`."""
    return next(entry for entry in feed.entries if entry.title == title)


def test_rss_vietnamese_item() -> None:
    feed = parse("rss_vi.xml")
    assert feed.title == "Báo Nghệ An - Thời sự"
    assert feed.link == "https://baonghean.example/thoi-su/"
    first = feed.entries[0]
    assert first.key == "bna-2019-12-25-001"
    assert first.title == "Nghệ An xuất khẩu 1.234,5 tấn hàng hóa trong tháng 12"
    assert first.url == "https://baonghean.example/nghe-an-xuat-khau-1234-tan.html"
    assert first.published == datetime(2019, 12, 25, 1, 30, tzinfo=UTC)
    assert first.author == "Thanh Lê"
    assert first.summary == (
        "(Baonghean.vn) - Ngày 25/12, Sở Công Thương cho biết kim ngạch xuất khẩu tăng"
        " “vượt kế hoạch”."
    )
    assert first.content == (
        "Ngày 25/12, Sở Công Thương Nghệ An cho biết kim ngạch xuất khẩu tăng.\n"
        "“Đây là kết quả đáng mừng”, ông Nguyễn Văn A nói."
    )


@pytest.mark.parametrize(
    ("title", "key", "published"),
    [
        (
            "Nghệ An xuất khẩu 1.234,5 tấn hàng hóa trong tháng 12",
            "bna-2019-12-25-001",
            datetime(2019, 12, 25, 1, 30, tzinfo=UTC),
        ),
        (
            "Second item",
            "https://baonghean.example/second.html",
            datetime(2019, 12, 24, 23, 0, tzinfo=UTC),
        ),
    ],
)
def test_rss_keys_and_dates(title: str, key: str, published: datetime) -> None:
    entry = by_title(parse("rss_vi.xml"), title)
    assert (entry.key, entry.published) == (key, published)
    assert entry.published is not None and entry.published.utcoffset() is not None


def test_atom_entries() -> None:
    feed = parse("atom.xml", content_type="application/atom+xml")
    assert (feed.title, feed.link) == ("Example Atom News", "https://atom.example/")
    budget, updated = feed.entries
    assert budget.title == "Budget rises 5%"
    assert budget.key == "tag:atom.example,2024:budget"
    assert budget.published == datetime(2024, 3, 1, 7, 15, tzinfo=UTC)
    assert budget.author == "Jane Roe"
    assert (
        budget.content
        == "The budget rises by 5% next year.\n“We planned for it,” the minister said."
    )
    # Only <updated>: it stands in for the publication date.
    assert updated.published == datetime(2024, 2, 28, 12, 0, tzinfo=UTC)
    assert updated.summary == "Line one.\nLine two."
    assert updated.content == ""


@pytest.mark.parametrize(
    ("key", "url"),
    [
        ("rel-1", "https://feeds.example/news/relative-path.html"),
        ("rel-2", "https://feeds.example/news/sibling.html"),
        ("rel-3", None),
    ],
)
def test_relative_links_resolved_against_feed_url(key: str, url: str | None) -> None:
    feed = parse("relative_links.xml")
    assert feed.link == "https://feeds.example/"
    assert {entry.key: entry.url for entry in feed.entries}[key] == url


@pytest.mark.parametrize(
    ("link", "title"),
    [
        ("https://titles.example/a.html", "Hà Nội mở rộng đường Vành đai 4"),
        ("https://titles.example/b.html", "Giá xăng giảm & ổn định"),
        ("https://titles.example/c.html", "Profit 3 < 5, says CFO"),
    ],
)
def test_html_in_titles_stripped(link: str, title: str) -> None:
    feed = parse("html_titles.xml")
    assert feed.title == "Titles & markup"
    assert {entry.url: entry.title for entry in feed.entries}[link] == title


def test_missing_and_bad_dates() -> None:
    feed = parse("no_dates.xml")
    assert [entry.published for entry in feed.entries] == [None, None, None]
    assert [entry.key for entry in feed.entries] == [
        "https://nodates.example/one.html",
        "Undated without link or guid|",
        "https://nodates.example/three.html",
    ]
    assert feed.entries[1].url is None


def test_bozo_feed_with_entries_is_used() -> None:
    feed = parse("bozo_entries.xml")
    assert feed.title == "Broken but usable" and feed.broken
    assert not parse("rss_vi.xml").broken
    assert feed.entries[0].title == "Tom & Jerry return"
    assert feed.entries[0].summary == "An unescaped ampersand & an undefined entity."


NO_FEED = "not a feed (could not read it as RSS, Atom or JSON Feed)"


@pytest.mark.parametrize(
    ("data", "content_type", "reason"),
    [
        (data_file("html_page.html"), "text/html; charset=utf-8", "not a feed (HTML page)"),
        (data_file("html_page.html"), "application/octet-stream", "not a feed (HTML page)"),
        (b"<!-- home -->\n<html><body>Hi</body></html>", None, "not a feed (HTML page)"),
        (data_file("garbage.bin"), "application/octet-stream", "not a feed (binary data)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "image/png", "not a feed (binary data)"),
        (b"", None, "not a feed (empty response)"),
        (b" \r\n\t ", "application/rss+xml", "not a feed (empty response)"),
        (codecs.BOM_UTF8 + b"\n", "application/xml", "not a feed (empty response)"),
        (b"Just some words, no markup.", "text/plain", NO_FEED),
        (b"<?xml version='1.0'?><note><to>Lan</to></note>", "application/xml", NO_FEED),
        (b"<rss version='2.0'><channel><title>Cut off", "application/rss+xml", NO_FEED),
        (data_file("jsonfeed_truncated.json"), None, "not a feed (invalid JSON)"),
        (b"[1, 2, 3]", "application/json", "not a feed (JSON, but not a JSON Feed)"),
    ],
)
def test_not_a_feed(data: bytes, content_type: str | None, reason: str) -> None:
    headers = {"Content-Type": content_type} if content_type else None
    with pytest.raises(FeedError) as caught:
        parse_feed(data, url=FEED_URL, headers=headers)
    assert str(caught.value) == f"{FEED_URL}: {reason}"


def test_empty_but_valid_feed_has_no_entries() -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    feed = parse_feed(data, url=FEED_URL, headers={"content-type": "application/rss+xml"})
    assert feed == ParsedFeed(title="Quiet", link=None, entries=())


def test_bytes_are_never_taken_for_a_file_path() -> None:
    # feedparser opens a *path* when handed bytes that name a file; we hand it a stream.
    path_of_a_real_feed = str(DATA / "rss_vi.xml").encode()
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(path_of_a_real_feed, url=FEED_URL)


def rss_with_items(count: int) -> bytes:
    """Return an RSS feed of `count` dated items, oldest first."""
    start = datetime(2024, 1, 1, tzinfo=UTC).timestamp()
    items = "".join(
        f"<item><title>Item {i}</title><link>https://many.example/{i}</link>"
        f"<pubDate>{datetime.fromtimestamp(start + i * 60, UTC):%a, %d %b %Y %H:%M:%S} +0000"
        "</pubDate></item>"
        for i in range(count)
    )
    return f'<rss version="2.0"><channel><title>Many</title>{items}</channel></rss>'.encode()


def test_entries_capped_to_newest() -> None:
    feed = parse_feed(rss_with_items(MAX_ENTRIES + 50), url=FEED_URL)
    assert len(feed.entries) == MAX_ENTRIES
    assert feed.entries[0].title == "Item 50"
    assert feed.entries[-1].title == f"Item {MAX_ENTRIES + 49}"


def test_ten_thousand_items_keep_the_newest() -> None:
    count = 10_000
    data = rss_with_items(count)
    started = time.perf_counter()
    feed = parse_feed(data, url=FEED_URL)
    elapsed = time.perf_counter() - started
    assert [entry.title for entry in feed.entries] == [
        f"Item {i}" for i in range(count - MAX_ENTRIES, count)
    ]
    # About 2 s for this 1.2 MB feed on a shared CI core; a quadratic step would take minutes.
    assert elapsed < 30


def test_duplicate_keys_keep_first() -> None:
    item = "<item><guid>same</guid><title>{}</title></item>"
    data = f'<rss version="2.0"><channel>{item.format("A")}{item.format("B")}</channel></rss>'
    feed = parse_feed(data.encode(), url=FEED_URL)
    assert [entry.title for entry in feed.entries] == ["A"]


def test_links_without_guid_are_keyed_by_canonical_url() -> None:
    links = [
        "https://dup.example/a?utm_source=rss&utm_medium=feed",
        "https://dup.example/a#comments",
        "HTTPS://DUP.example:443/a?fbclid=IwAR0",
        "https://dup.example/a?id=2&utm_campaign=x",
    ]
    items = "".join(
        f"<item><title>Copy {i}</title><link>{link}</link></item>" for i, link in enumerate(links)
    )
    data = f'<rss version="2.0"><channel>{items}</channel></rss>'.encode()
    feed = parse_feed(data, url=FEED_URL)
    assert [(entry.key, entry.url, entry.title) for entry in feed.entries] == [
        ("https://dup.example/a", links[0], "Copy 0"),
        ("https://dup.example/a?id=2", links[3], "Copy 3"),
    ]


BASE_ENTRY = parse_feed(data_file("rss_vi.xml"), url=FEED_URL).entries[0]


@pytest.mark.parametrize(
    ("changes", "same_digest"),
    [
        ({}, True),
        ({"key": "other", "url": "https://elsewhere.example/", "author": None}, True),
        ({"published": datetime(2030, 1, 1, tzinfo=UTC)}, True),
        ({"title": BASE_ENTRY.title + "!"}, False),
        ({"summary": BASE_ENTRY.summary + " Cập nhật."}, False),
        ({"content": ""}, False),
    ],
)
def test_digest_tracks_the_text(changes: dict[str, Any], same_digest: bool) -> None:
    changed = dataclasses.replace(BASE_ENTRY, **changes)
    assert (changed.digest == BASE_ENTRY.digest) is same_digest


def test_digest_is_pinned() -> None:
    # Stored digests are compared with new ones: the recipe must not drift between releases.
    entry = FeedEntry(
        key="k", url=None, title="Tựa", published=None, summary="b", content="c", author=None
    )
    assert entry.digest == hashlib.sha1("Tựa\x1fb\x1fc".encode()).hexdigest()
    moved = FeedEntry(
        key="k", url=None, title="Tựa\x1fb", published=None, summary="", content="c", author=None
    )
    assert moved.digest != entry.digest


def test_feed_declaring_an_entity_still_parses() -> None:
    data = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY copy "&#169;">]>'
        '<rss version="2.0"><channel><item><title>Bản quyền &copy; 2024</title>'
        "<link>https://x.example/1</link></item></channel></rss>"
    ).encode()
    (entry,) = parse_feed(data, url=FEED_URL).entries
    assert entry.url == "https://x.example/1"
    assert entry.title.startswith("Bản quyền")


UNDECLARED_UTF8 = (
    '<rss version="2.0"><channel><item><title>Giá vàng “tăng mạnh”&nbsp;hôm nay</title>'
    "<link>https://x.example/1</link></item></channel></rss>"
).encode()


@pytest.mark.parametrize(
    "headers",
    [None, {}, {"ETag": '"abc"'}, {"Content-Type": "text/xml"}, {"Content-Type": "text/html"}],
)
def test_undeclared_utf8_is_not_garbled(headers: dict[str, str] | None) -> None:
    # No XML encoding declaration, and an undefined entity forces feedparser's loose parser.
    (entry,) = parse_feed(UNDECLARED_UTF8, url=FEED_URL, headers=headers).entries
    assert entry.title == "Giá vàng “tăng mạnh” hôm nay"


@pytest.mark.parametrize(
    ("ttl", "minutes"),
    [
        ("<ttl>60</ttl>", 60),
        ("<ttl> 15 </ttl>", 15),
        ("<ttl>0</ttl>", None),
        ("<ttl>soon</ttl>", None),
        ("<ttl>99999999</ttl>", None),
        ("", None),
    ],
)
def test_rss_ttl_is_read_within_bounds(ttl: str, minutes: int | None) -> None:
    data = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{ttl}'
        "<item><title>A</title><link>https://a.test/1</link></item></channel></rss>"
    ).encode()
    assert parse_feed(data, url="https://a.test/rss").ttl_minutes == minutes
