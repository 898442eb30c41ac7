"""XML safety: expat must have its amplification limit, and "billion laughs" feeds stay cheap."""

from __future__ import annotations

import pyexpat
import time

import pytest

from feeds.errors import FeedError
from feeds.parse import parse_feed
from feeds.xmlsafety import UnsafeXmlError, check_expat
from tests.feeds.conftest import data_file

FEED_URL = "https://laughs.example/rss"


@pytest.mark.parametrize(
    ("version", "safe"),
    [
        ((2, 4, 1), True),
        ((2, 5, 0), True),
        ((2, 6, 4), True),
        ((3, 0, 0), True),
        ((2, 4, 0), False),
        ((2, 2, 10), False),
        ((1, 95, 8), False),
    ],
)
def test_check_expat(version: tuple[int, int, int], safe: bool) -> None:
    if safe:
        check_expat(version)
    else:
        with pytest.raises(UnsafeXmlError, match=r"expat [\d.]+ is older than 2\.4\.1"):
            check_expat(version)


def test_linked_expat_is_safe() -> None:
    assert pyexpat.version_info >= (2, 4, 1)
    check_expat()


@pytest.mark.parametrize(
    "name",
    [
        "billion_laughs.xml",
        # A "<a" in a comment and in an entity value, to end a naive prolog scan early.
        "billion_laughs_disguised.xml",
        # UTF-16: a byte-level search for "<!ENTITY" finds nothing.
        "billion_laughs_utf16.xml",
    ],
)
def test_billion_laughs_is_cheap(name: str) -> None:
    started = time.perf_counter()
    try:
        titles = [entry.title for entry in parse_feed(data_file(name), url=FEED_URL).entries]
    except FeedError:
        titles = []
    # Before entity declarations were stripped this took about a second of CPU.
    assert time.perf_counter() - started < 0.5
    assert all(len(title) < 100 for title in titles)
