"""JSON Feed 1.0 and 1.1: the same ParsedFeed/FeedEntry models as RSS and Atom."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from feeds.errors import FeedError
from feeds.jsonfeed import looks_like_json, parse_json_feed
from feeds.models import ParsedFeed
from feeds.parse import parse_feed
from tests.feeds.conftest import data_file

FEED_URL = "https://baomoi.example/feeds/feed.json"


def parse(name: str, content_type: str | None = "application/feed+json") -> ParsedFeed:
    """Parse a fixture file through parse_feed, as if fetched from FEED_URL."""
    headers = {"Content-Type": content_type} if content_type else None
    return parse_feed(data_file(name), url=FEED_URL, headers=headers)


def test_version_1_1_feed() -> None:
    feed = parse("jsonfeed_1_1.json")
    assert (feed.title, feed.link) == ("Báo Mới – Thời sự", "https://baomoi.example/")
    assert [entry.key for entry in feed.entries] == [
        "bm-2024-001",
        "bm-2024-002",
        "https://baomoi.example/no-id.html?page=2",
    ]
    first = feed.entries[0]
    assert first.url == "https://baomoi.example/thoi-su/gia-vang-tang.html"
    assert first.title == "Giá vàng “tăng mạnh” hôm nay"
    assert first.summary == "Giá vàng trong nước tăng mạnh."
    # content_html reduced to text: one paragraph a line, the photo caption dropped.
    assert first.content == "Sáng 1/3, giá vàng tăng 1,2%.\n“Đây là mức cao nhất”, ông A nói."
    assert first.published == datetime(2024, 3, 1, 7, 15, tzinfo=UTC)
    assert first.author == "Thanh Lê, Minh Anh"


@pytest.mark.parametrize(
    ("key", "url", "published", "content", "author"),
    [
        (
            "bm-2024-002",
            "https://other.example/story?utm_source=jsonfeed",
            datetime(2024, 2, 28, 12, 0, tzinfo=UTC),
            "Line one.\nLine two.",
            "Ban Thời sự",
        ),
        (
            "https://baomoi.example/no-id.html?page=2",
            "https://BaoMoi.example:443/no-id.html?utm_medium=feed&page=2#comments",
            None,
            "No id and no title: keyed by its canonical URL.",
            "Ban Thời sự",
        ),
    ],
)
def test_version_1_1_fallbacks(
    key: str, url: str, published: datetime | None, content: str, author: str
) -> None:
    # external_url without url, date_modified without date_published, the feed's authors.
    entry = next(e for e in parse("jsonfeed_1_1.json").entries if e.key == key)
    assert (entry.url, entry.published, entry.content, entry.author) == (
        url,
        published,
        content,
        author,
    )


@pytest.mark.parametrize(
    ("key", "title", "published", "content", "author"),
    [
        ("42", "Numeric id", datetime(2024, 1, 5, 8, 0, tzinfo=UTC), "Body text.", "Site Team"),
        (
            "b",
            "Own author, 3 < 5",
            datetime(2024, 1, 4, 23, 30, tzinfo=UTC),
            "Para one.\nPara two.",
            "Jane Roe",
        ),
    ],
)
def test_version_1_0_feed(
    key: str, title: str, published: datetime, content: str, author: str
) -> None:
    feed = parse("jsonfeed_1_0.json")
    assert (feed.title, feed.link) == ("Example One", "https://one.example/")
    entry = next(e for e in feed.entries if e.key == key)
    assert (entry.title, entry.published, entry.content, entry.author) == (
        title,
        published,
        content,
        author,
    )


@pytest.mark.parametrize(
    "content_type",
    [
        "application/feed+json",
        "application/json; charset=utf-8",
        # Detected by the body when the server says nothing useful or the wrong thing.
        None,
        "text/plain",
        "application/rss+xml",
        "application/json; charset=iso-8859-1",
    ],
)
def test_detected_whatever_the_content_type(content_type: str | None) -> None:
    assert parse("jsonfeed_1_1.json", content_type).title == "Báo Mới – Thời sự"


@pytest.mark.parametrize(
    ("data", "content_type", "is_json"),
    [
        (b'{"version": "x"}', "", True),
        (b'\xef\xbb\xbf \n {"version": "x"}', "text/html", True),
        (b"[]", "application/feed+json", True),
        (b"", "application/json", True),
        (b'<?xml version="1.0"?><rss/>', "application/json", False),
        (b"<rss/>", "", False),
        (b"[]", "", False),
    ],
)
def test_looks_like_json(data: bytes, content_type: str, is_json: bool) -> None:
    assert looks_like_json(data, content_type) is is_json


def item_feed(**item: object) -> bytes:
    """Return a JSON Feed 1.1 document holding one item with `item`'s fields."""
    document = {"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [item]}
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("item", "key", "published"),
    [
        (
            {"id": "a", "title": "x", "date_published": "2024-03-01"},
            "a",
            datetime(2024, 3, 1, tzinfo=UTC),
        ),
        ({"id": 7.5, "title": "x"}, "7.5", None),
        ({"id": True, "title": "x"}, "x|", None),
        (
            {"id": "", "url": "https://x.example/?utm_source=a", "title": "x"},
            "https://x.example/",
            None,
        ),
        ({"id": "a", "title": "x", "date_published": 20240301}, "a", None),
        ({"id": "a", "title": "x", "date_published": "0001-01-01T00:00:00+01:00"}, "a", None),
    ],
)
def test_item_field_types(item: dict[str, object], key: str, published: datetime | None) -> None:
    (entry,) = parse_json_feed(item_feed(**item), url=FEED_URL).entries
    assert (entry.key, entry.published) == (key, published)


@pytest.mark.parametrize(
    ("item", "dropped"),
    [
        ({"id": "a", "title": 5, "url": ["https://x.example/"], "summary": {"x": 1}}, True),
        ({"id": "a", "url": "javascript:alert(1)"}, True),
        ({"id": "a", "url": "javascript:alert(1)", "content_text": "Still text."}, False),
    ],
)
def test_wrongly_typed_and_unsafe_fields_ignored(item: dict[str, object], dropped: bool) -> None:
    entries = parse_json_feed(item_feed(**item), url=FEED_URL).entries
    assert (entries == ()) is dropped
    assert all(entry.url is None for entry in entries)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (data_file("jsonfeed_truncated.json"), "not a feed (invalid JSON)"),
        (b"{" * 100_000, "not a feed (invalid JSON)"),
        (b'{"version": "https://jsonfeed.org/version/1.1", }', "not a feed (invalid JSON)"),
        (data_file("not_jsonfeed.json"), "not a feed (JSON, but not a JSON Feed)"),
        (
            b'{"version": "https://example.org/v1", "items": []}',
            "not a feed (JSON, but not a JSON Feed)",
        ),
        (b'"https://jsonfeed.org/version/1.1"', "not a feed (JSON, but not a JSON Feed)"),
    ],
)
def test_not_a_json_feed(data: bytes, reason: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_json_feed(data, url=FEED_URL)
    assert (caught.value.url, caught.value.reason) == (FEED_URL, reason)


def test_deeply_nested_json_is_refused() -> None:
    # Valid-looking nesting deep enough to exhaust the decoder's recursion limit.
    data = b'{"version": "https://jsonfeed.org/version/1.1", "x": ' + b"[" * 100_000
    with pytest.raises(FeedError, match="invalid JSON"):
        parse_json_feed(data + b"]" * 100_000 + b"}", url=FEED_URL)


@pytest.mark.parametrize("items", ["null", '"nope"', "{}", "[1, null, []]"])
def test_items_missing_or_not_objects(items: str) -> None:
    data = f'{{"version": "https://jsonfeed.org/version/1", "items": {items}}}'.encode()
    assert parse_json_feed(data, url=FEED_URL) == ParsedFeed(title=None, link=None, entries=())
