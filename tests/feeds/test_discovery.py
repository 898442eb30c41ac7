"""Feed autodiscovery: the alternate feed links of an HTML page."""

from __future__ import annotations

import pytest

from feeds.discovery import feed_links
from tests.feeds.conftest import data_file

BASE = "https://tintuc.example/trang-chu/index.html"


def test_page_with_feed_links() -> None:
    assert feed_links(data_file("discovery_page.html"), base_url=BASE) == [
        "https://tintuc.example/trang-chu/rss/tin-moi.rss",
        "https://cdn.tintuc.example/atom.xml",
        "https://tintuc.example/feed.json",
    ]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (data_file("discovery_none.html"), []),
        (b"", []),
        (b"\xff\xfe<html><head>\x00\x81", []),
        (
            b"<link rel=alternate type=application/rss+xml href=/a.rss>",
            ["https://tintuc.example/a.rss"],
        ),
        (b'<html><head><link rel="alternate" type="application/rss+xml"></head>', []),
        (b'<head></head><link rel="alternate" type="application/rss+xml" href="/late.rss">', []),
        (b'<link rel="alternate" type="application/rss+xml" href="ftp://x.example/a.rss">', []),
        (b'<link rel="alternate" type="text/html" href="/a.html">', []),
    ],
)
def test_links_found_and_ignored(page: bytes, expected: list[str]) -> None:
    assert feed_links(page, base_url=BASE) == expected
